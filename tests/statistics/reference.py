"""The statistics computed the naive way: wake every dossier and look.

Written straight from the definitions of issue #6, independently of the
index arithmetic of :mod:`luanthanh.policy.statistics.engine`.  The tests
check that both agree, and ``bench/bench_statistics.py`` measures how much faster the
catalog version is.  Never use it in a request: it loads every dossier.
"""

from datetime import date
from luanthanh.policy.config import local_date
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.statistics.engine import assemble
from luanthanh.policy.statistics.engine import empty_counts
from luanthanh.policy.statistics.periods import parse_period
from luanthanh.policy.vocabularies import field_pairs
from plone import api


def _classify(dossier, start: date, end: date, state_of):
    """(receipt bucket, outcome bucket) of a dossier in the period, or None."""
    if dossier.received_at is None:
        return None
    received = local_date(dossier.received_at)
    closed = local_date(dossier.closed_at) if dossier.closed_at else None
    if received < start:
        if closed is not None and closed < start:
            return None
        receipt = "carried"
    elif received <= end:
        channel = dossier.channel
        receipt = (
            channel if channel in ("online", "direct", "postal") else ("other_channel")
        )
    else:
        return None
    resolved = local_date(dossier.resolved_at) if dossier.resolved_at else None
    if resolved is not None and start <= resolved <= end:
        timeliness = dossier.timeliness
        outcome = (
            timeliness
            if timeliness in ("early", "on_time", "late")
            else "resolved_untimed"
        )
    elif (
        closed is not None
        and start <= closed <= end
        and ((state := state_of(dossier)) in ("withdrawn", "stopped"))
    ):
        outcome = state
    else:
        due = local_date(dossier.due_date) if dossier.due_date else None
        outcome = "overdue" if due is not None and due < end else "within"
    return receipt, outcome


def naive_statistics(
    start, end, field: str | None = None, procedure: str | None = None
) -> dict:
    """The same answer as ``compute_statistics``, from the dossier objects."""
    start, end = parse_period(start, end)
    portal = api.portal.get()
    workflow = api.portal.get_tool("portal_workflow")

    def state_of(dossier):
        return workflow.getInfoFor(dossier, "review_state")

    procedures = {}
    for item in portal["thu-tuc-hanh-chinh"].objectValues():
        if item.portal_type == "Procedure" and item.code:
            procedures[item.code] = (item.code, item.title, item.field or "")
    total = empty_counts()
    per_field: dict = {}
    per_code: dict = {}
    for dossier in portal["ho-so"].objectValues():
        if dossier.portal_type != "Dossier":
            continue
        proc = procedure_of(dossier)
        code = proc.code if proc is not None else ""
        its_field = proc.field if proc is not None else ""
        if field and its_field != field:
            continue
        if procedure and code != procedure:
            continue
        increments = []
        found = _classify(dossier, start, end, state_of)
        if found is not None:
            increments += [("receipt", found[0]), ("outcome", found[1])]
        returned = local_date(dossier.returned_at) if dossier.returned_at else None
        if returned is not None and start <= returned <= end and dossier.rating:
            increments.append(("satisfaction", dossier.rating))
        if not increments:
            continue
        groups = [total]
        if its_field:
            groups.append(per_field.setdefault(its_field, empty_counts()))
        if code:
            groups.append(per_code.setdefault(code, empty_counts()))
        for counts in groups:
            for kind, bucket in increments:
                counts[kind][bucket] += 1
    field = field or None
    procedure = procedure or None
    return assemble(
        start,
        end,
        total,
        per_field,
        per_code,
        procedures,
        field_pairs(),
        field,
        procedure,
    )
