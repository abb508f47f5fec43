"""api.dossier.issue_apology: the rules of an apology (Mẫu số 04) and its record."""

from datetime import date
from datetime import timedelta
from datetime import UTC
from luanthanh.policy import api as domain
from luanthanh.policy import deadlines
from luanthanh.policy.config import local_date
from luanthanh.policy.config import now
from luanthanh.policy.config import today
from luanthanh.policy.errors import Forbidden
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone import api

import pytest


REASON = "Chờ ý kiến xác minh của Ủy ban nhân dân xã nơi cư trú trước đây."


def working_day_from(day: date) -> date:
    calendar = deadlines.WorkCalendar.from_registry()
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def day_off_from(day: date) -> date:
    calendar = deadlines.WorkCalendar.from_registry()
    while calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


@pytest.fixture
def procedure(portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        return make_procedure(portal)


@pytest.fixture
def received(portal, procedure):
    """An accepted dossier, in processing, with its legal due date."""
    with api.env.adopt_roles(["Manager"]):
        dossier = make_dossier(portal, procedure)
    fire(dossier, "accept", "motcua")
    assert api.content.get_state(dossier) == "processing"
    return dossier


def issue(dossier, new_date, reason=REASON, user="motcua"):
    with api.env.adopt_user(username=user):
        return domain.dossier.issue_apology(dossier, new_date, reason)


def test_an_apology_is_recorded_and_the_due_date_stays(received):
    due = received.due_date
    new_day = working_day_from(domain.dossier.first_apology_day(received))
    with api.env.adopt_user(username="motcua"):
        assert domain.dossier.can_issue_apology(received)
    record = issue(received, new_day, f"  {REASON}  ")
    assert received.due_date == due
    assert list(received.apologies) == [record]
    assert set(record) == {"time", "actor", "new_date", "reason", "approver"}
    assert record["actor"] == "motcua"
    assert record["reason"] == REASON
    assert record["new_date"].tzinfo is UTC
    assert local_date(record["new_date"]) == new_day
    assert record["time"].tzinfo is UTC
    assert domain.dossier.apologies(received) == [record]


@pytest.mark.parametrize(
    "case,field,message",
    [
        ("no-date", "new_date", "Nhập ngày hẹn trả kết quả mới."),
        ("due-day", "new_date", "Ngày hẹn mới phải sau ngày hẹn trả kết quả {due}."),
        ("day-off", "new_date", "Ngày {day} không phải ngày làm việc."),
        ("no-reason", "reason", "Ghi rõ lý do chậm trả kết quả."),
        ("long-reason", "reason", "Lý do quá dài (tối đa 2000 ký tự)."),
    ],
)
def test_invalid_input_is_refused(received, case, field, message):
    due_day = local_date(received.due_date)
    new_day = working_day_from(domain.dossier.first_apology_day(received))
    reason = REASON
    if case == "no-date":
        new_day = None
    elif case == "due-day":
        new_day = due_day
    elif case == "day-off":
        new_day = day_off_from(domain.dossier.first_apology_day(received))
    elif case == "no-reason":
        reason = "   "
    elif case == "long-reason":
        reason = "x" * 2001
    with pytest.raises(InvalidInput) as raised:
        issue(received, new_day, reason)
    error = raised.value
    assert error.field == field
    expected = message.format(
        due=due_day.strftime("%d/%m/%Y"),
        day=new_day.strftime("%d/%m/%Y") if new_day else "",
    )
    assert str(error) == expected
    assert str(error.details[field]) == str(error.message)
    assert not getattr(received, "apologies", None)
    # Positive control: the same dossier takes a valid apology.
    issue(received, working_day_from(domain.dossier.first_apology_day(received)))
    assert len(received.apologies) == 1


def test_a_date_in_the_past_is_refused(received):
    received.due_date = now() - timedelta(days=30)
    yesterday = today() - timedelta(days=1)
    with pytest.raises(InvalidInput) as raised:
        issue(received, yesterday)
    assert raised.value.field == "new_date"
    assert str(raised.value) == "Ngày hẹn mới không được trước ngày hôm nay."
    assert not getattr(received, "apologies", None)


def test_every_field_at_fault_is_named(received):
    with pytest.raises(InvalidInput) as raised:
        issue(received, None, "")
    assert set(raised.value.details) == {"new_date", "reason"}
    assert raised.value.field == "new_date"


def test_only_for_a_received_unresolved_dossier(portal, procedure, received):
    with api.env.adopt_roles(["Manager"]):
        intake = make_dossier(portal, procedure)
    new_day = working_day_from(today() + timedelta(days=30))
    for dossier in (intake, received):
        if dossier is received:
            fire(dossier, "submit_for_approval", "chuyenvien")
            fire(dossier, "approve", "lanhdao")
        with api.env.adopt_roles(["Manager"]):
            assert not domain.dossier.can_issue_apology(dossier)
            with pytest.raises(InvalidInput) as raised:
                domain.dossier.issue_apology(dossier, new_day, REASON)
        assert str(raised.value) == (
            "Chỉ lập phiếu xin lỗi cho hồ sơ đang giải quyết, "
            "đã có ngày hẹn trả kết quả."
        )
        assert not getattr(dossier, "apologies", None)


def test_a_citizen_may_not_apologise(received):
    new_day = working_day_from(domain.dossier.first_apology_day(received))
    with api.env.adopt_user(username="congdan"):
        assert not domain.dossier.can_issue_apology(received)
    with pytest.raises(Forbidden) as raised:
        issue(received, new_day, user="congdan")
    assert str(raised.value) == "Không thể lập phiếu xin lỗi cho hồ sơ này."
    assert not getattr(received, "apologies", None)
