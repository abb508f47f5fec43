"""The rules of a dossier's fee (payments/record.py) through api.payment."""

from datetime import datetime
from datetime import timedelta
from luanthanh.policy import api as lt_api
from luanthanh.policy.config import now
from luanthanh.policy.config import TZ
from luanthanh.policy.errors import Conflict
from luanthanh.policy.errors import Forbidden
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.errors import WorkflowRefused
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone import api

import pytest


@pytest.fixture
def procedure(portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        return make_procedure(portal, fee=15000)


@pytest.fixture
def dossier(portal, procedure):
    return make_dossier(portal, procedure)


def as_desk():
    return api.env.adopt_user(username="motcua")


def test_a_new_dossier_owes_its_procedure_fee(dossier):
    payment = lt_api.payment.get(dossier)
    assert payment["fee_due"] == 15000
    assert payment["fee_standard"] == 15000
    assert payment["fee_status"] == "unpaid"
    assert [e["action"] for e in lt_api.payment.history(dossier)] == ["assess"]


def test_a_procedure_without_fee_makes_the_dossier_exempt(portal, procedure):
    with api.env.adopt_roles(["Manager"]):
        free = make_procedure(portal, id="mien-phi", title="Miễn phí", fee=0)
    dossier = make_dossier(portal, free)
    assert dossier.fee_status == "exempt"
    assert dossier.fee_reason == "no_fee"
    assert dossier.fee_settled_at is not None
    assert lt_api.payment.may_deliver(dossier)


def test_accept_takes_the_procedure_fee_of_the_day(dossier, procedure):
    procedure.fee = 20000
    fire(dossier, "accept", "motcua")
    assert dossier.fee_due == 20000
    assert dossier.fee_status == "unpaid"


def test_record_a_payment(dossier):
    with as_desk():
        number = lt_api.payment.record(dossier, "vietqr", reference="FT26342001")
    year = datetime.now(TZ).year
    assert number == f"BL-{year}-000001"
    payment = lt_api.payment.get(dossier)
    assert payment["fee_status"] == "paid"
    assert payment["payment_method"] == "vietqr"
    assert payment["receipt_number"] == number
    assert payment["paid_recorded_by"] == "motcua"
    assert payment["payment_reference"] == "FT26342001"
    assert lt_api.payment.history(dossier)[-1]["action"] == "pay"


def test_a_second_payment_is_a_conflict(dossier):
    with as_desk():
        lt_api.payment.record(dossier, "cash")
        with pytest.raises(Conflict) as info:
            lt_api.payment.record(dossier, "cash")
    assert "đã nộp phí, lệ phí" in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"method": "bitcoin"}, "method"),
        ({"method": "cash", "paid_at": "hôm qua"}, "paid_at"),
        (
            {"method": "cash", "paid_at": (now() + timedelta(days=1)).isoformat()},
            "paid_at",
        ),
        ({"method": "cash", "paid_at": "2020-01-01T09:00:00+07:00"}, "paid_at"),
        ({"method": "cash", "amount": -5}, "amount"),
        ({"method": "cash", "amount": 100_000_001}, "amount"),
        ({"method": "cash", "amount": 10000}, "amount"),
        ({"method": "cash", "reference": "x" * 101}, "reference"),
    ],
)
def test_bad_payments_write_nothing(dossier, kwargs, field):
    before = lt_api.payment.get(dossier)
    with as_desk(), pytest.raises(InvalidInput) as info:
        lt_api.payment.record(dossier, **kwargs)
    assert info.value.field == field
    assert lt_api.payment.get(dossier) == before
    assert lt_api.payment.last_receipt_value(datetime.now(TZ).year) == 0


def test_only_the_desk_records_payments(dossier):
    with api.env.adopt_user(username="chuyenvien"), pytest.raises(Forbidden):
        lt_api.payment.record(dossier, "cash")
    assert dossier.fee_status == "unpaid"
    with as_desk():  # the positive control
        lt_api.payment.record(dossier, "cash")
    assert dossier.fee_status == "paid"


def test_exemption_needs_a_reason_of_the_list(dossier):
    with as_desk():
        with pytest.raises(InvalidInput) as info:
            lt_api.payment.exempt(dossier, "vi-thich")
        assert info.value.field == "reason"
        assert dossier.fee_status == "unpaid"
        lt_api.payment.exempt(dossier, "nguoi-co-cong", "Thẻ thương binh")
    assert dossier.fee_status == "exempt"
    assert dossier.fee_due == 0
    assert dossier.fee_standard == 15000
    entry = lt_api.payment.history(dossier)[-1]
    assert entry["action"] == "exempt"
    assert entry["reason"] == "nguoi-co-cong"
    assert entry["fee_before"] == 15000
    assert entry["comment"] == "Thẻ thương binh"


def test_a_reduction_is_kept_at_accept(dossier):
    with as_desk():
        lt_api.payment.correct(dossier, 7500, "nop-truc-tuyen")
    fire(dossier, "accept", "motcua")
    assert dossier.fee_due == 7500
    assert dossier.fee_status == "unpaid"


@pytest.mark.parametrize("amount", [-1, 100_000_001, "mười nghìn", None, True])
def test_absurd_fees_are_refused(dossier, amount):
    with as_desk(), pytest.raises(InvalidInput):
        lt_api.payment.correct(dossier, amount, "sai-muc-phi")
    assert dossier.fee_due == 15000


def test_a_paid_fee_is_refunded_before_it_is_corrected(dossier):
    with as_desk():
        lt_api.payment.record(dossier, "card")
        with pytest.raises(Conflict):
            lt_api.payment.correct(dossier, 0, "ho-ngheo")
        with pytest.raises(InvalidInput):
            lt_api.payment.refund(dossier, "  ")
        lt_api.payment.refund(dossier, "Hồ sơ bị từ chối giải quyết")
    assert dossier.fee_status == "refunded"
    assert dossier.receipt_number.startswith("BL-")


def test_deliver_waits_for_the_payment(dossier):
    fire(dossier, "accept", "motcua")
    fire(dossier, "submit_for_approval", "chuyenvien")
    fire(dossier, "approve", "lanhdao")
    with pytest.raises(WorkflowRefused) as info:
        fire(dossier, "deliver", "motcua")
    assert "Hồ sơ chưa hoàn thành nghĩa vụ tài chính" in str(info.value)
    assert api.content.get_state(dossier) == "result"
    with as_desk():
        lt_api.payment.record(dossier, "vietqr")
    fire(dossier, "deliver", "motcua")
    assert api.content.get_state(dossier) == "returned"


def test_after_a_refund_the_fee_is_due_again(dossier):
    fire(dossier, "accept", "motcua")
    fire(dossier, "submit_for_approval", "chuyenvien")
    fire(dossier, "approve", "lanhdao")
    with as_desk():
        first = lt_api.payment.record(dossier, "cash")
        lt_api.payment.refund(dossier, "Thu nhầm tiền mặt, người nộp đã chuyển khoản")
    with pytest.raises(WorkflowRefused) as info:
        fire(dossier, "deliver", "motcua")
    assert "đã được hoàn trả" in str(info.value)
    with as_desk():
        lt_api.payment.correct(dossier, 15000)  # the procedure's own fee again
        assert dossier.fee_status == "unpaid"
        assert dossier.receipt_number == ""
        second = lt_api.payment.record(dossier, "vietqr", reference="FT26342009")
    assert second != first
    fire(dossier, "deliver", "motcua")
    actions = [e["action"] for e in lt_api.payment.history(dossier)]
    assert actions == ["assess", "pay", "refund", "correct", "pay"]
