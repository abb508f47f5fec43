"""``@workflow/<transition>`` on dossiers over HTTP: comments, 403, structured errors."""

from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import PASSWORD
from plone import api

import pytest
import requests
import transaction


@pytest.fixture
def dossier_url(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        dossier = make_dossier(functional_portal, make_procedure(functional_portal))
    transaction.commit()
    return f"{functional_portal.absolute_url()}/++api++/ho-so/{dossier.getId()}"


def _session(user):
    session = requests.Session()
    session.auth = (user, PASSWORD)
    session.headers["Accept"] = "application/json"
    return session


def test_accept_with_comment(dossier_url):
    response = _session("motcua").post(
        f"{dossier_url}/@workflow/accept", json={"comment": "Hồ sơ đủ"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["review_state"] == "processing"
    data = _session("motcua").get(dossier_url).json()
    assert data["review_state"] == "processing"
    assert data["received_at"]
    assert data["due_date"]
    assert data["assigned_to"] == "chuyenvien"
    assert data["history"][-1]["action"] == "accept"
    assert data["history"][-1]["comment"] == "Hồ sơ đủ"


def test_missing_comment_is_a_vietnamese_400(dossier_url):
    response = _session("motcua").post(f"{dossier_url}/@workflow/refuse", json={})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "WorkflowException"
    assert error["message"] == "Cần ghi rõ lý do từ chối tiếp nhận."


def test_not_allowed_is_a_vietnamese_403(dossier_url):
    response = _session("lanhdao").post(f"{dossier_url}/@workflow/approve", json={})
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["type"] == "Forbidden"
    assert "không được thực hiện" in error["message"]
    assert "approve" in error["message"]


def test_unknown_transition_is_a_400(dossier_url):
    response = _session("motcua").post(f"{dossier_url}/@workflow/publish", json={})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("Không có thao tác")


def test_processor_cannot_touch_unassigned(dossier_url):
    _session("motcua").post(f"{dossier_url}/@workflow/accept", json={})
    response = _session("chuyenvien2").post(
        f"{dossier_url}/@workflow/submit_for_approval", json={}
    )
    # The dossier is not his: the book's one 404 (issue #14, finding 3).
    assert response.status_code == 404


def test_serialization_of_fields(dossier_url):
    data = _session("motcua").get(dossier_url).json()
    for key in (
        "code",
        "procedure",
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "applicant_email",
        "applicant_address",
        "channel",
        "priority",
        "submitted_at",
        "received_at",
        "due_date",
        "resolved_at",
        "returned_at",
        "timeliness",
        "result_file",
        "assigned_to",
        "notes",
        "history",
    ):
        assert key in data, key
    assert data["procedure"]["title"] == "Cấp Giấy xác nhận tình trạng hôn nhân"
    assert data["applicant_phone"] == "0912345678"
    assert data["channel"]["token"] == "online"
    assert data["submitted_at"].endswith("+00:00")


def test_readonly_dates_cannot_be_patched(dossier_url):
    session = _session("motcua")
    response = session.patch(
        dossier_url,
        json={"received_at": "2020-01-01T00:00:00+00:00", "code": "X", "notes": "ok"},
    )
    assert response.status_code == 204
    data = session.get(dossier_url).json()
    assert data["received_at"] is None
    assert data["code"] != "X"
    assert data["notes"] == "ok"


def test_desk_creates_dossier_over_rest(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(functional_portal)
    transaction.commit()
    session = _session("motcua")
    response = session.post(
        f"{functional_portal.absolute_url()}/++api++/ho-so",
        json={
            "@type": "Dossier",
            "procedure": procedure.UID(),
            "applicant_name": "Phạm Văn Quyết",
            "applicant_phone": "+84 912 345 678",
            "channel": "direct",
            "priority": True,
        },
    )
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["code"].startswith("000.00.99.H56-")
    assert data["@id"].endswith("/ho-so/" + data["code"].lower().replace(".", "-"))
    assert data["applicant_phone"] == "0912345678"
    assert data["review_state"] == "intake"
    response = session.post(f"{data['@id']}/@workflow/accept", json={})
    assert response.status_code == 200


def test_member_cannot_create_dossier_over_rest(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(functional_portal)
    transaction.commit()
    response = _session("congdan").post(
        f"{functional_portal.absolute_url()}/++api++/ho-so",
        json={
            "@type": "Dossier",
            "procedure": procedure.UID(),
            "applicant_name": "X",
            "applicant_phone": "0912345678",
        },
    )
    # The book is not his: its one 404 (issue #14, finding 3).
    assert response.status_code == 404
