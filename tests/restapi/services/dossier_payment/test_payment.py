"""``@payment`` on a dossier over HTTP: read, pay, correct, refund, refuse."""

from datetime import datetime
from datetime import timedelta
from luanthanh.policy.config import TZ
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
        procedure = make_procedure(functional_portal, fee=15000)
        dossier = make_dossier(functional_portal, procedure)
    transaction.commit()
    return f"{functional_portal.absolute_url()}/++api++/ho-so/{dossier.getId()}"


def _session(user):
    session = requests.Session()
    session.auth = (user, PASSWORD)
    session.headers["Accept"] = "application/json"
    return session


def test_get_the_fee_of_a_new_dossier(dossier_url):
    response = _session("motcua").get(f"{dossier_url}/@payment")
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["fee_due"] == 15000
    assert data["fee_status"] == "unpaid"
    assert data["receipt_number"] is None
    assert [e["action"] for e in data["history"]] == ["assess"]
    # The dossier's own serialization carries the same fields.
    dossier = _session("motcua").get(dossier_url).json()
    assert dossier["fee_status"]["token"] == "unpaid"
    assert dossier["fee_due"] == 15000


def test_the_desk_records_a_payment(dossier_url):
    paid_at = datetime.now(TZ).replace(microsecond=0) - timedelta(minutes=5)
    response = _session("motcua").post(
        f"{dossier_url}/@payment",
        json={
            "method": "vietqr",
            "paid_at": paid_at.isoformat(),
            "reference": "FT26342001",
            "amount": 15000,
        },
    )
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["fee_status"] == "paid"
    assert data["receipt_number"] == f"BL-{paid_at.year}-000001"
    assert datetime.fromisoformat(data["paid_at"]) == paid_at
    assert data["paid_recorded_by"] == "motcua"
    again = _session("motcua").post(f"{dossier_url}/@payment", json={"method": "cash"})
    assert again.status_code == 409
    assert again.json()["error"]["message"] == (
        f"Hồ sơ đã nộp phí, lệ phí (biên lai số BL-{paid_at.year}-000001)."
    )


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"method": "bitcoin"}, "method", "Hình thức nộp phải là một trong"),
        ({"method": "cash", "amount": -15000}, "amount", "Số tiền không được âm."),
        ({"method": "cash", "amount": 150_000_000}, "amount", "vượt quá mức tối đa"),
        (
            {"method": "cash", "paid_at": "2099-01-01T08:00:00+07:00"},
            "paid_at",
            "Thời điểm nộp không được ở tương lai.",
        ),
    ],
)
def test_bad_input_is_a_vietnamese_400_and_writes_nothing(
    dossier_url, body, field, message
):
    response = _session("motcua").post(f"{dossier_url}/@payment", json=body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "InvalidInput"
    assert error["field"] == field
    assert message in error["message"]
    data = _session("motcua").get(f"{dossier_url}/@payment").json()
    assert data["fee_status"] == "unpaid"
    assert len(data["history"]) == 1


def test_the_desk_exempts_and_the_processor_may_not(dossier_url):
    body = {"fee_due": 0, "reason": "ho-ngheo", "comment": "Sổ hộ nghèo 2026"}
    refused = _session("chuyenvien").patch(f"{dossier_url}/@payment", json=body)
    assert refused.status_code in (401, 403, 404)
    response = _session("motcua").patch(f"{dossier_url}/@payment", json=body)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["fee_status"] == "exempt"
    assert data["fee_reason"] == "ho-ngheo"
    assert data["history"][-1]["comment"] == "Sổ hộ nghèo 2026"
    unknown = _session("motcua").patch(
        f"{dossier_url}/@payment", json={"fee_due": 5000, "reason": "ban-than"}
    )
    assert unknown.status_code == 400
    assert unknown.json()["error"]["field"] == "reason"


def test_refund(dossier_url):
    session = _session("motcua")
    session.post(f"{dossier_url}/@payment", json={"method": "card"})
    missing = session.post(f"{dossier_url}/@payment/refund", json={})
    assert missing.status_code == 400
    assert (
        missing.json()["error"]["message"] == "Cần ghi rõ lý do hoàn trả phí, lệ phí."
    )
    response = session.post(
        f"{dossier_url}/@payment/refund", json={"comment": "Rút hồ sơ"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["fee_status"] == "refunded"


def test_anonymous_sees_nothing(dossier_url):
    response = requests.get(
        f"{dossier_url}/@payment", headers={"Accept": "application/json"}
    )
    assert response.status_code in (401, 404)
    assert "fee_due" not in response.text
    # The positive control: an official of the desk reads it.
    assert _session("motcua").get(f"{dossier_url}/@payment").status_code == 200
