"""The statistics computed the naive way: wake every dossier and look.

Written straight from the definitions (docs/features/statistics.md and the
semantics in the engine's docstring), sharing no code with
:mod:`luanthanh.policy.statistics.engine`: not its buckets, not its sums, not
its rates, not its list of groups.  Every figure is counted here, dossier by
dossier, from the objects (catalog brains → ``getObject``).  What it shares
with the site is data only: the configured fields (``field_pairs``) and the
rating levels.  The tests check that both agree, and
``bench/bench_statistics.py`` measures how much faster the catalog version
is.  Never use it in a request: it loads every dossier.
"""

from datetime import date
from datetime import datetime
from luanthanh.policy.config import TZ
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.payments.vocabularies import NON_CASH_METHODS
from luanthanh.policy.statistics import COUNT_KEYS
from luanthanh.policy.vocabularies import field_pairs
from luanthanh.policy.vocabularies import national_field_pairs
from luanthanh.policy.vocabularies import RATING_LEVELS
from plone import api


#: The figures of the national template, in its order (only their names come
#: from the engine; every value is counted here).
COUNTS = COUNT_KEYS


def _day(value) -> date | None:
    """The local date (Asia/Ho_Chi_Minh) of a stored datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(TZ).date() if value.tzinfo else value.date()
    return value


def _period(start, end) -> tuple[date, date]:
    return tuple(
        value if isinstance(value, date) else date.fromisoformat(str(value))
        for value in (start, end)
    )


#: The sums of fees (issue #18), counted here from the dossiers' attributes.
FEES = ("fees_collected", "fees_collected_non_cash", "fees_exempted", "dossiers_unpaid")


def _fees(dossier, state: str, start: date, end: date) -> dict:
    """What one dossier adds to the sums of fees of ``[start, end]``."""
    sums = {}
    status = getattr(dossier, "fee_status", None)
    settled = _day(getattr(dossier, "fee_settled_at", None))
    if settled is not None and start <= settled <= end:
        due = dossier.fee_due or 0
        if status == "paid" and due:
            sums["fees_collected"] = due
            if dossier.payment_method in NON_CASH_METHODS:
                sums["fees_collected_non_cash"] = due
        if status in ("paid", "exempt"):
            waived = (dossier.fee_standard or 0) - due
            if waived > 0:
                sums["fees_exempted"] = waived
    resolved = _day(dossier.resolved_at)
    if (
        state == "result"
        and status == "unpaid"
        and (resolved is None or resolved <= end)
    ):
        sums["dossiers_unpaid"] = 1
    return sums


def _new_group() -> dict:
    group = dict.fromkeys(COUNTS + FEES, 0)
    group["satisfaction"] = {token: 0 for token, _title in RATING_LEVELS}
    return group


def _count(dossier, state: str, start: date, end: date) -> list[str]:
    """The figures one dossier adds to, in the period ``[start, end]``."""
    figures = []
    received = _day(dossier.received_at)
    closed = _day(dossier.closed_at)
    resolved = _day(dossier.resolved_at)
    # Refused at intake (never received): it never counts.
    if received is not None and received <= end:
        if received < start:
            counts = closed is None or closed >= start
            if counts:
                figures.append("carried_over")
        else:
            counts = True
            figures.append("received")
            if dossier.channel in ("online", "direct", "postal"):
                figures.append(f"received_{dossier.channel}")
        if counts:
            if resolved is not None and start <= resolved <= end:
                figures.append("resolved")
                if dossier.timeliness in ("early", "on_time", "late"):
                    figures.append(f"resolved_{dossier.timeliness}")
            elif (
                closed is not None
                and start <= closed <= end
                and state in ("withdrawn", "stopped")
            ):
                figures.append(state)
            else:
                # Open at the end: within the deadline when due on or after it.
                figures.append("pending")
                due = _day(dossier.due_date)
                overdue = due is not None and due < end
                figures.append(
                    "pending_overdue" if overdue else "pending_within_deadline"
                )
    returned = _day(dossier.returned_at)
    if returned is not None and start <= returned <= end and dossier.rating:
        figures.append(f"rating:{dossier.rating}")
    return figures


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _finish(group: dict) -> dict:
    figures = {key: group[key] for key in COUNTS}
    figures["online_rate"] = _rate(group["received_online"], group["received"])
    figures["on_time_rate"] = _rate(
        group["resolved_early"] + group["resolved_on_time"], group["resolved"]
    )
    figures["satisfaction"] = dict(group["satisfaction"])
    collected = group["fees_collected"]
    figures["fees_collected"] = collected
    figures["fees_collected_non_cash"] = group["fees_collected_non_cash"]
    figures["non_cash_rate"] = _rate(group["fees_collected_non_cash"], collected)
    figures["fees_exempted"] = group["fees_exempted"]
    figures["dossiers_unpaid"] = group["dossiers_unpaid"]
    return figures


def naive_statistics(
    start, end, field: str | None = None, procedure: str | None = None
) -> dict:
    """The same answer as ``compute_statistics``, from the dossier objects."""
    start, end = _period(start, end)
    field = field or None
    procedure = procedure or None
    portal = api.portal.get()
    workflow = api.portal.get_tool("portal_workflow")
    procedures = {}  # code → (title, field)
    for item in portal["thu-tuc-hanh-chinh"].objectValues():
        if item.portal_type == "Procedure" and item.code:
            procedures[item.code] = (item.title or item.code, item.field or "")

    brains = find_unrestricted(portal_type="Dossier")
    in_folder = [
        o for o in portal["ho-so"].objectValues() if o.portal_type == "Dossier"
    ]
    assert len(brains) == len(in_folder), "a dossier the catalog does not know"
    total = _new_group()
    per_field: dict = {}
    per_code: dict = {}
    per_national: dict = {}
    for brain in brains:
        dossier = brain._unrestrictedGetObject()
        relation = getattr(dossier, "procedure", None)
        proc = None if relation is None or relation.isBroken() else relation.to_object
        code = (proc.code or "") if proc is not None else ""
        its_field = (proc.field or "") if proc is not None else ""
        if field and its_field != field:
            continue
        if procedure and code != procedure:
            continue
        state = workflow.getInfoFor(dossier, "review_state")
        figures = _count(dossier, state, start, end)
        fees = _fees(dossier, state, start, end)
        if not figures and not fees:
            continue
        groups = [total]
        if its_field:
            groups.append(per_field.setdefault(its_field, _new_group()))
        if code:
            groups.append(per_code.setdefault(code, _new_group()))
            national = getattr(proc, "national_field", None) or ""
            groups.append(per_national.setdefault(national, _new_group()))
        for group in groups:
            for figure in figures:
                if figure.startswith("rating:"):
                    group["satisfaction"][figure.split(":", 1)[1]] += 1
                else:
                    group[figure] += 1
            for key, value in fees.items():
                group[key] += value

    # The groups listed: the filter's; else every configured field, then any
    # other field the dossiers carry, and every procedure of the catalogue
    # (of the field filtered on), plus any code the dossiers carry, by field
    # in that order, then by code.
    pairs = field_pairs()
    titles = dict(pairs)
    if procedure is not None:
        codes = [procedure]
        own = procedures.get(procedure, ("", ""))[1]
        fields = [own] if own else sorted(per_field)
    else:
        fields = [field] if field is not None else [token for token, _t in pairs]
        fields += sorted(f for f in per_field if f and f not in fields)
        rank = {token: n for n, token in enumerate(fields)}
        codes = [c for c, (_t, f) in procedures.items() if field is None or f == field]
        codes += [c for c in per_code if c and c not in procedures]
        codes.sort(
            key=lambda c: (rank.get(procedures.get(c, ("", ""))[1], len(rank)), c)
        )
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "total": _finish(total),
        "by_field": [
            {
                "field": token,
                "title": titles.get(token, token),
                **_finish(per_field.get(token) or _new_group()),
            }
            for token in fields
        ],
        "by_national_field": [
            {
                "national_field": token,
                "title": title,
                **_finish(per_national.get(token) or _new_group()),
            }
            for token, title in _national_groups(per_national)
        ],
        "by_procedure": [
            {
                "code": code,
                "title": procedures.get(code, (code, ""))[0],
                **_finish(per_code.get(code) or _new_group()),
            }
            for code in codes
        ],
    }


def _national_groups(per_national: dict) -> list[tuple[str, str]]:
    """Every configured national lĩnh vực, then other counted ones, then ""."""
    pairs = national_field_pairs()
    titles = dict(pairs)
    tokens = [token for token, _title in pairs]
    tokens += sorted(t for t in per_national if t and t not in titles)
    if "" in per_national:
        tokens.append("")
    return [(t, titles.get(t) or t or "Chưa xác định lĩnh vực") for t in tokens]
