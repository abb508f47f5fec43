"""The demo dossiers of the current days: due today, every live state."""

from collections import Counter
from datetime import date
from datetime import datetime
from luanthanh.policy import deadlines
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.setuphandlers.demo import demo_procedures
from luanthanh.policy.setuphandlers.demo_current import demo_current
from luanthanh.policy.setuphandlers.demo_current import pending_rows
from luanthanh.policy.setuphandlers.demo_current import today
from luanthanh.policy.setuphandlers.demo_current import working_day
from luanthanh.policy.setuphandlers.demo_dossiers import procedure_settings
from luanthanh.policy.setuphandlers.demo_officials import create_demo_officials
from luanthanh.policy.setuphandlers.demo_officials import DEMO_OFFICIALS
from luanthanh.policy.setuphandlers.demo_officials import map_demo_fields
from plone import api

import pytest


def live_dossiers_of(brains) -> list:
    """The living dossiers (made through the workflow, not imported)."""
    dossiers = [b._unrestrictedGetObject() for b in brains]
    return [d for d in dossiers if d.received_documents is not None]


@pytest.fixture
def demo_site(portal):
    with api.env.adopt_roles(["Manager"]):
        demo_procedures(portal)
        create_demo_officials()
        map_demo_fields()
        yield portal


def test_due_dates_follow_the_legal_rules_on_any_day(demo_site):
    calendar = deadlines.WorkCalendar.from_registry()
    settings = procedure_settings()
    # A Monday, a Saturday and the first working day after Tết 2026.
    for day in (date(2026, 12, 7), date(2026, 12, 12), date(2026, 2, 23)):
        rows = pending_rows(settings, day, calendar)
        target = working_day(calendar, day, 0)
        assert calendar.is_working_day(target) and target >= day
        dues = Counter(
            deadlines.due_date(
                datetime.fromisoformat(row["received_at"]),
                settings[row["procedure_code"]]["processing_days"],
                settings[row["procedure_code"]]["same_day_cutoff"],
                calendar,
            )
            for row in rows
        )
        assert dues[target] == 4
        assert dues[working_day(calendar, day, 1)] == 2
        assert dues[working_day(calendar, day, -1)] == 1
        assert all(row["received_at"] < day.isoformat() for row in rows)


def test_current_dossiers_in_every_state_assigned_by_field(demo_site):
    counts = demo_current(demo_site)
    assert counts == {"pending": 7, "live": 9}
    brains = find_unrestricted(portal_type="Dossier")
    states = Counter(b.review_state for b in brains)
    assert states == {
        "processing": 7,
        "intake": 1,
        "supplement": 1,
        "approval": 1,
        "result": 2,
        "returned": 2,
        "stopped": 1,
        "withdrawn": 1,
    }
    target = working_day(deadlines.WorkCalendar.from_registry(), today(), 0)
    due = [
        b
        for b in brains
        if b.review_state == "processing" and deadlines.local_date(b.due_date) == target
    ]
    assert len(due) == 4
    processors = {o.field: o.userid for o in DEMO_OFFICIALS if o.field}
    for brain in brains:
        if brain.review_state in ("intake", "withdrawn"):
            continue
        dossier = brain._unrestrictedGetObject()
        assert dossier.assigned_to == processors[dossier.procedure.to_object.field]
    # The living dossiers carry the papers a complete dossier brings, so their
    # receipts (Mẫu số 01, item 1) list them.
    live = live_dossiers_of(brains)
    assert len(live) == 9  # the imported pending ones have no record
    for dossier in live:
        rows = dossier.received_documents
        assert rows, dossier.code
        assert {row["form"] for row in rows} <= {"original", "copy", "shown"}
        if dossier.channel == "online":
            assert {row["form"] for row in rows} == {"copy"}
    # Twice: nothing new.
    assert demo_current(demo_site) == {"pending": 0, "live": 0}
    assert len(find_unrestricted(portal_type="Dossier")) == 16


def test_current_dossiers_show_every_fee_status(demo_site):
    demo_current(demo_site)
    live = live_dossiers_of(find_unrestricted(portal_type="Dossier"))
    by_name = {d.applicant_name: d for d in live}
    waiting = by_name["Lương Thị Ngọc"]
    assert api.content.get_state(waiting) == "result"
    assert (waiting.fee_status, waiting.fee_due) == ("unpaid", 15000)
    paid = by_name["Tạ Văn Hưng"]
    assert api.content.get_state(paid) == "returned"
    assert (paid.fee_status, paid.payment_method) == ("paid", "vietqr")
    assert paid.receipt_number.startswith("BL-")
    assert by_name["Kiều Thị Lan"].payment_method == "cash"
    assert by_name["Lý Thị Yến"].fee_status == "exempt"  # khai sinh: no fee
