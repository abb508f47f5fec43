"""POST <procedure>/@online-form over HTTP."""

from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import required_document
from plone import api

import pytest
import transaction


PASSWORD = "Matkhau-1234!"
URL = "/thu-tuc-hanh-chinh/khai-sinh/@online-form"


@pytest.fixture
def procedure(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        procedure = make_procedure(
            functional_portal,
            id="khai-sinh",
            required_documents=[
                required_document("Tờ khai"),
                required_document("Căn cước", 0, 0),
            ],
        )
    add_user("bientap", ["Member"], PASSWORD)
    api.user.grant_roles(username="bientap", roles=["Editor"], obj=procedure)
    add_user("congdan", ["Member"], PASSWORD)
    transaction.commit()
    return procedure


def test_editor_creates_then_updates(request_factory, procedure):
    editor = request_factory(basic_auth=("bientap", PASSWORD))
    response = editor.post(URL, json={})
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["created"] is True
    assert data["@id"].endswith("/nop-ho-so/khai-sinh")
    assert data["changes"]["added"] == ["giay_to_1"]
    assert response.headers["Location"] == data["@id"]

    again = editor.post(URL, json={})
    assert again.status_code == 200, again.text
    assert again.json()["created"] is False
    assert again.json()["@id"] == data["@id"]
    assert again.json()["changes"] == {
        "added": [],
        "relabelled": [],
        "updated": [],
        "removed": [],
    }


def test_anonymous_and_member_refused(request_factory, anon_request, procedure):
    anonymous = anon_request.post(URL, json={})
    assert anonymous.status_code == 401
    member = request_factory(basic_auth=("congdan", PASSWORD))
    refused = member.post(URL, json={})
    assert refused.status_code in (401, 403)  # plone.restapi says 401
    transaction.begin()
    assert procedure.form is None  # nothing was made
    # Positive control: the editor of the same procedure may.
    editor = request_factory(basic_auth=("bientap", PASSWORD))
    assert editor.post(URL, json={}).status_code == 201


def test_cross_site_form_body_refused(request_factory, procedure):
    editor = request_factory(basic_auth=("bientap", PASSWORD))
    response = editor.post(URL, data={"x": "1"})  # what a foreign form sends
    assert response.status_code == 403
    transaction.begin()
    assert procedure.form is None
