"""POST @online-forms over HTTP: the whole catalogue, Site Administrators only."""

from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import make_procedure
from plone import api

import pytest
import transaction


PASSWORD = "Matkhau-1234!"


@pytest.fixture
def catalogue(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        make_procedure(functional_portal, id="a", code="1.000001")
        make_procedure(
            functional_portal, id="b", code="1.000002", online_level="partial"
        )
        make_procedure(functional_portal, id="c", code="1.000003", online_level="none")
    add_user("quantri", ["Site Administrator"], PASSWORD)
    add_user("bientap", ["Editor"], PASSWORD)
    transaction.commit()


def test_site_administrator_generates_once(request_factory, catalogue):
    admin = request_factory(basic_auth=("quantri", PASSWORD))
    response = admin.post("/@online-forms", json={})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["count"] == 2
    assert sorted(item["procedure"] for item in data["created"]) == [
        "1.000001",
        "1.000002",
    ]
    assert all(item["created"] for item in data["created"])
    again = admin.post("/@online-forms", json={})
    assert again.json() == {"created": [], "count": 0}  # idempotent


def test_editor_and_anonymous_refused(request_factory, anon_request, catalogue):
    assert (anon_request.post("/@online-forms", json={})).status_code == 401
    editor = request_factory(basic_auth=("bientap", PASSWORD))
    refused = editor.post("/@online-forms", json={})
    assert refused.status_code in (401, 403)
    transaction.begin()
    assert len(api.content.find(portal_type="EasyForm", id="a")) == 0
    # Positive control: a Site Administrator may.
    admin = request_factory(basic_auth=("quantri", PASSWORD))
    assert admin.post("/@online-forms", json={}).json()["count"] == 2
