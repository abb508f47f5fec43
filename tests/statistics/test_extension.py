"""An extension proposed by Mẫu số 04 does not move the due date of the figures."""

from datetime import timedelta
from luanthanh.policy import api
from luanthanh.policy.config import now
from luanthanh.policy.config import stored
from luanthanh.policy.deadlines import local_date
from luanthanh.policy.deadlines import WorkCalendar
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from plone import api as plone_api


def test_an_extended_dossier_is_judged_against_its_original_due_date(portal, marriage):
    dossier = make_dossier(portal, marriage)
    fire(dossier, "accept", "motcua")
    original = stored(now() - timedelta(days=3))
    dossier.due_date = original
    dossier.reindexObject()
    new_day = api.dossier.first_apology_day(dossier)
    calendar = WorkCalendar.from_registry()
    while not calendar.is_working_day(new_day):
        new_day += timedelta(days=1)
    with plone_api.env.adopt_roles(["Manager"]):
        record = api.dossier.issue_apology(
            dossier, new_day, "Chờ ý kiến cơ quan phối hợp", "Chủ tịch UBND xã"
        )
    assert record["approver"] == "Chủ tịch UBND xã"
    assert local_date(record["new_date"]) == new_day
    assert dossier.due_date == original  # the extension is proposed, not applied

    # Resolved today: before the proposed date, after the original one.
    fire(dossier, "submit_for_approval", dossier.assigned_to)
    fire(dossier, "approve", "lanhdao")
    assert dossier.timeliness == "late"
    today = local_date(dossier.resolved_at)
    total = compute_statistics(today, today)["total"]
    assert total["resolved_late"] == 1
    assert total["resolved_early"] == total["resolved_on_time"] == 0
