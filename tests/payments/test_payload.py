"""The VietQR payload of a dossier's fee (payments/payload.py) through
api.payment: only while unpaid, with the control panel's account, the dossier
code in the transfer description."""

from luanthanh.policy import api as lt_api
from luanthanh.policy.payments import payload
from luanthanh.policy.payments import vietqr
from luanthanh.policy.payments.interfaces import PREFIX
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest


CODE = "000.00.99.H56-261208-0001"


@pytest.fixture
def procedure(portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        return make_procedure(portal, fee=15000)


@pytest.fixture
def dossier(portal, procedure):
    return make_dossier(portal, procedure)


def set_record(name: str, value: str | None) -> None:
    registry = getUtility(IRegistry)
    registry.records[f"{PREFIX}.{name}"].value = value


def test_the_payload_of_an_unpaid_fee(dossier):
    text = lt_api.payment.qr_payload(dossier)
    parsed = vietqr.parse(text)
    assert parsed["01"] == "12"
    # The demo account of the control panel "Thanh toán" (its defaults).
    assert parsed["38"] == {
        "00": "A000000727",
        "01": {"00": "970405", "01": "3800201000999"},
        "02": "QRIBFTTA",
    }
    assert parsed["54"] == "15000"
    assert parsed["62"]["08"] == payload.purpose(dossier.code)
    assert dossier.code in parsed["62"]["08"]
    assert lt_api.payment.get(dossier)["qr_payload"] == text
    assert lt_api.payment.public(dossier) == {
        "fee_due": 15000,
        "fee_status": "unpaid",
        "qr_payload": text,
    }


def test_no_payload_once_paid_or_exempt(dossier):
    assert lt_api.payment.qr_payload(dossier)
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.record(dossier, "cash")
    assert lt_api.payment.qr_payload(dossier) is None
    assert lt_api.payment.public(dossier)["fee_status"] == "paid"

    other = make_dossier(dossier.aq_parent.aq_parent, dossier.procedure.to_object)
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.exempt(other, "ho-ngheo")
    assert other.fee_status == "exempt"
    assert lt_api.payment.qr_payload(other) is None


def test_no_payload_without_a_fee_record(dossier):
    dossier.fee_status = None  # made before fees were recorded
    assert lt_api.payment.qr_payload(dossier) is None
    assert lt_api.payment.public(dossier)["qr_payload"] is None


@pytest.mark.parametrize("name", ["bank_bin", "account_number"])
@pytest.mark.parametrize("empty", ["", None])
def test_no_payload_without_an_account(dossier, name, empty):
    """ "Để trống thì không hiện mã VietQR": an emptied BIN or account number
    is no account, not the demo default."""
    assert lt_api.payment.qr_payload(dossier)
    set_record(name, empty)
    assert lt_api.payment.account() is None
    assert lt_api.payment.qr_payload(dossier) is None


def test_the_account_and_the_bank_by_name(portal):
    assert lt_api.payment.account() == {
        "bin": "970405",
        "bank": "Agribank – Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
        "number": "3800201000999",
        "name": "TRUNG TAM PHUC VU HANH CHINH CONG XA LUAN THANH",
    }
    set_record("bank_bin", "970999")
    assert lt_api.payment.account()["bank"] == "970999"


@pytest.mark.parametrize(
    "template, expected",
    [
        ("LPHC {code}", CODE),  # 30 characters: the code alone
        ("{code}", CODE),
        ("Lệ phí", CODE),  # no {code}: the statement could not be matched
        ("", CODE),
        ("LP {code}", CODE),  # 28 characters
        ("{code} ", CODE),
    ],
)
def test_purpose_falls_back_to_the_code(portal, template, expected):
    assert payload.purpose(CODE, template) == expected


def test_purpose_with_a_short_code(portal):
    assert payload.purpose("H56-0001", "LPHC {code}") == "LPHC H56-0001"
    assert payload.purpose("H56-0001", "Lệ phí hộ tịch {code}") == (
        "Le phi ho tich H56-0001"
    )


def test_purpose_refuses_a_code_too_long(portal):
    with pytest.raises(ValueError, match="25"):
        payload.purpose("X" * 26, "{code}")
