"""``POST @dossier-lookup`` tells the fee (issue #18): ``fee_due``,
``fee_status`` and, while the fee is unpaid, ``qr_payload``, the VietQR code
that pays it; nothing personal."""

from luanthanh.policy.api.lookup import PUBLIC_KEYS
from luanthanh.policy.payments import vietqr
from luanthanh.policy.testing.fees import FEE
from luanthanh.policy.testing.fees import fee_dossiers
from luanthanh.policy.testing.scenarios import assert_no_personal_data
from luanthanh.policy.testing.scenarios import NAME

import pytest
import requests
import transaction


@pytest.fixture
def codes(functional_portal, mails) -> dict:
    built = fee_dossiers(functional_portal)
    transaction.commit()
    return {case: dossier.code for case, dossier in built.items()}


@pytest.fixture
def url(functional_portal):
    return f"{functional_portal.absolute_url()}/++api++/@dossier-lookup"


def look_up(url, code):
    response = requests.post(
        url,
        json={"code": code, "phone": "0912 345 678"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert_no_personal_data(response.text)
    return response.json()


def test_the_answer_keys():
    assert PUBLIC_KEYS[-3:] == ("fee_due", "fee_status", "qr_payload")


def test_unpaid_answers_the_vietqr_payload(codes, url):
    data = look_up(url, codes["unpaid"])
    assert set(data) == {*PUBLIC_KEYS, "token"}
    assert data["fee_due"] == FEE
    assert data["fee_status"] == "unpaid"
    parsed = vietqr.parse(data["qr_payload"])
    assert parsed["01"] == "12"
    assert parsed["38"]["01"] == {"00": "970405", "01": "3800201000999"}
    assert parsed["54"] == str(FEE)
    assert parsed["62"]["08"] == codes["unpaid"]
    # The payload carries the center's account, never the applicant.
    assert vietqr.clean_text(NAME) not in data["qr_payload"]


@pytest.mark.parametrize(
    "case, fee_due, status",
    [("paid", FEE, "paid"), ("exempt", 0, "exempt"), ("free", 0, "exempt")],
)
def test_no_payload_unless_unpaid(codes, url, case, fee_due, status):
    data = look_up(url, codes[case])
    assert set(data) == {*PUBLIC_KEYS, "token"}
    assert data["fee_due"] == fee_due
    assert data["fee_status"] == status
    assert data["qr_payload"] is None
    # Nothing of the payment record beyond the status: no receipt, no
    # reference, no official.
    for key in ("receipt_number", "payment_reference", "paid_recorded_by"):
        assert key not in data
    assert "FT26342001" not in str(data)
    assert "motcua" not in str(data)
