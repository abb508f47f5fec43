"""The center's statistics, computed from catalog indexes only.

Thống kê tình hình giải quyết thủ tục hành chính theo mẫu báo cáo quốc gia.

:func:`compute_statistics` answers, for a period ``[start, end]`` of local
dates (Asia/Ho_Chi_Minh, both included), the figures of :data:`KEYS` for the
whole center, per field and per procedure.  It never wakes a dossier nor reads
a metadata record: it reads the BTrees inside the catalog's indexes (the
local days of ``statistics_days``, see :mod:`luanthanh.policy.dossiers.day_keys`,
and the FieldIndexes ``channel``, ``timeliness``, ``review_state``,
``rating``, ``procedure_code``, ``procedure_field``) through
:mod:`.indexes` and combines their sets of record ids with the C set
operations of ``BTrees.IIBTree`` (``multiunion``, ``intersection``,
``difference``); most figures are ``len()`` of such sets.  Only the split
per procedure walks record ids in Python (:func:`_split`), and only those of
the smaller buckets of the dossiers that count in the period.

The semantics (issue #6):

* a dossier counts once it was received (``received_at``); refused-at-intake
  dossiers never are;
* ``carried_over``: received before ``start`` and not closed (resolved,
  withdrawn or stopped: ``closed_at``) before ``start``;
* ``received``: received within the period, by ``channel``;
* ``resolved``: among carried_over + received, resolved (``resolved_at``,
  set by approve or deny) within the period, split by ``timeliness``;
* ``withdrawn`` / ``stopped``: among them, closed within the period in the
  state ``withdrawn`` / ``stopped``;
* ``pending`` = carried_over + received − resolved − withdrawn − stopped,
  within the deadline when the local due date is on or after ``end``,
  overdue when it is before;
* ``online_rate`` = received_online / received and ``on_time_rate`` =
  (early + on time) / resolved, ``None`` when the denominator is 0;
* ``satisfaction``: per rating level, the dossiers returned within the period;
* the fees (``fees_collected``, ``fees_collected_non_cash``, ``non_cash_rate``,
  ``fees_exempted``, ``dossiers_unpaid``): :mod:`.payments`.

Results are cached per process (a small LRU) keyed on the catalog's change
counter, the serial of that counter, the query and the fields; nothing is
cached while the current transaction has changed the catalog (:mod:`.cache`).
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from BTrees.IIBTree import union
from collections import Counter
from datetime import date
from datetime import timedelta
from luanthanh.policy import catalog_internals
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.statistics import cache
from luanthanh.policy.statistics import national
from luanthanh.policy.statistics import payments
from luanthanh.policy.statistics.indexes import Indexes
from luanthanh.policy.statistics.periods import MSG_UNKNOWN_FIELD
from luanthanh.policy.statistics.periods import MSG_UNKNOWN_PROCEDURE
from luanthanh.policy.statistics.periods import parse_period
from luanthanh.policy.statistics.periods import StatisticsError
from luanthanh.policy.vocabularies import field_pairs
from luanthanh.policy.vocabularies import national_field_pairs
from luanthanh.policy.vocabularies import RATING_LEVELS
from plone import api
from Products.CMFCore.indexing import processQueue


__all__ = [
    "COUNT_KEYS",
    "KEYS",
    "LEVELS",
    "RATE_KEYS",
    "assemble",
    "compute_statistics",
    "empty_counts",
    "received_per_week",
]

#: The figures, in the order of the issue and of the national template.
KEYS = (
    "carried_over",
    "received",
    "received_online",
    "received_direct",
    "received_postal",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn",
    "stopped",
    "pending",
    "pending_within_deadline",
    "pending_overdue",
    "online_rate",
    "on_time_rate",
    "satisfaction",
)
#: The keys that are plain counts.
COUNT_KEYS = KEYS[:14]
RATE_KEYS = ("online_rate", "on_time_rate")
LEVELS = tuple(token for token, _title in RATING_LEVELS)

# The partition of the dossiers that count in a period.  Every dossier falls
# into exactly one "receipt" bucket and exactly one "outcome" bucket.
RECEIPT_BUCKETS = ("carried", "online", "direct", "postal", "other_channel")
OUTCOME_BUCKETS = (
    "early",
    "on_time",
    "late",
    "resolved_untimed",
    "withdrawn",
    "stopped",
    "within",
    "overdue",
)
CHANNELS = ("online", "direct", "postal")
TIMELINESS = ("early", "on_time", "late")

#: Without the day index, above this many pending dossiers the overdue split
#: uses the due_date index ranges (C) rather than a look-up per pending
#: dossier (Python).
_LOOKUP_LIMIT = 20000
#: Up to this many values, the split per value counts by intersections.
_FEW_VALUES = 8


# The computation -------------------------------------------------------------


def empty_counts() -> dict:
    """Zero in every bucket: the counts of one group."""
    return {
        "receipt": dict.fromkeys(RECEIPT_BUCKETS, 0),
        "outcome": dict.fromkeys(OUTCOME_BUCKETS, 0),
        "satisfaction": dict.fromkeys(LEVELS, 0),
    }


def _figures(counts: dict) -> dict:
    """The figures of :data:`KEYS` from the bucket counts of one group."""
    r, o = counts["receipt"], counts["outcome"]
    received = r["online"] + r["direct"] + r["postal"] + r["other_channel"]
    resolved = o["early"] + o["on_time"] + o["late"] + o["resolved_untimed"]
    figures = {
        "carried_over": r["carried"],
        "received": received,
        "received_online": r["online"],
        "received_direct": r["direct"],
        "received_postal": r["postal"],
        "resolved": resolved,
        "resolved_early": o["early"],
        "resolved_on_time": o["on_time"],
        "resolved_late": o["late"],
        "withdrawn": o["withdrawn"],
        "stopped": o["stopped"],
        "pending": o["within"] + o["overdue"],
        "pending_within_deadline": o["within"],
        "pending_overdue": o["overdue"],
        "online_rate": _rate(r["online"], received),
        "on_time_rate": _rate(o["early"] + o["on_time"], resolved),
        "satisfaction": dict(counts["satisfaction"]),
    }
    return figures


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _procedures(catalog) -> dict:
    """code → (code, title, field) of the catalogue's procedures.

    Read from the catalog's metadata records of the ``Procedure`` record ids
    (what a brain would show), without building brains or waking objects.
    """
    rids = catalog_internals.field_set(catalog, "portal_type", "Procedure")
    columns = ("procedure_code", "Title", "procedure_field")
    items = {}
    for code, title, field in catalog_internals.metadata_rows(catalog, rids, columns):
        if not code or not isinstance(code, str):
            continue
        items[code] = (code, title or code, field or "")
    return items


def _buckets(ix: Indexes, start: date, end: date, universe):
    """The receipt and outcome buckets (IISets of record ids) of the period."""
    after_end = end + timedelta(days=1)
    received_before = ix.date_range("received_at", None, start)
    closed_before = ix.date_range("closed_at", None, start)
    carried = difference(received_before, closed_before)
    received = ix.date_range("received_at", start, after_end)
    if universe is not None:
        carried = intersection(carried, universe)
        received = intersection(received, universe)
    base = union(carried, received)

    receipt = {"carried": carried}
    rest = received
    for channel in CHANNELS:
        receipt[channel] = intersection(received, ix.field_set("channel", channel))
        rest = difference(rest, receipt[channel])
    receipt["other_channel"] = rest

    resolved = intersection(base, ix.date_range("resolved_at", start, after_end))
    outcome = {}
    untimed = resolved
    for value in TIMELINESS:
        outcome[value] = intersection(resolved, ix.field_set("timeliness", value))
        untimed = difference(untimed, outcome[value])
    outcome["resolved_untimed"] = untimed
    closed = intersection(
        difference(base, resolved), ix.date_range("closed_at", start, after_end)
    )
    for state in ("withdrawn", "stopped"):
        outcome[state] = intersection(closed, ix.field_set("review_state", state))
    pending = difference(
        difference(difference(base, resolved), outcome["withdrawn"]),
        outcome["stopped"],
    )
    outcome["overdue"] = _overdue(ix, pending, end)
    outcome["within"] = difference(pending, outcome["overdue"])

    returned = ix.date_range("returned_at", start, after_end)
    if universe is not None:
        returned = intersection(returned, universe)
    satisfaction = {
        level: intersection(returned, ix.field_set("rating", level)) for level in LEVELS
    }
    return base, receipt, outcome, satisfaction


def _overdue(ix: Indexes, pending, end: date):
    """The pending dossiers whose local due date is before ``end``."""
    if not pending:
        return IISet()
    if not ix.days and len(pending) <= _LOOKUP_LIMIT:
        limit = ix.date_key("due_date", end)
        get = ix.document_key_getter("due_date")
        return IISet(
            rid for rid in pending if (key := get(rid)) is not None and key < limit
        )
    return intersection(pending, ix.date_range("due_date", None, end))


def _compute(catalog, public, start: date, end: date, field, procedure) -> dict:
    """The figures from the dossier ``catalog``; procedures from ``public``."""
    ix = Indexes(catalog)
    pairs = field_pairs()
    field_titles = dict(pairs)
    procedures = _procedures(public)
    known_codes = set(procedures) | set(ix.field_values("procedure_code"))
    if field is not None and field not in field_titles:
        raise StatisticsError("UnknownField", MSG_UNKNOWN_FIELD, field=field)
    if procedure is not None and procedure not in known_codes:
        raise StatisticsError(
            "UnknownProcedure", MSG_UNKNOWN_PROCEDURE, procedure=procedure
        )

    universe = None
    if field is not None:
        universe = ix.field_set("procedure_field", field)
    if procedure is not None:
        members = ix.field_set("procedure_code", procedure)
        universe = members if universe is None else intersection(universe, members)

    base, receipt, outcome, satisfaction = _buckets(ix, start, end, universe)

    total = empty_counts()
    for kind, sets in (
        ("receipt", receipt),
        ("outcome", outcome),
        ("satisfaction", satisfaction),
    ):
        for bucket, rids in sets.items():
            total[kind][bucket] = len(rids)

    # The rated dossiers returned in the period but not counted in it.
    rated = difference(multiunion(list(satisfaction.values())), base)
    buckets = (receipt, outcome, satisfaction)
    per_field = _split(ix, "procedure_field", base, rated, *buckets)
    per_code = _split(ix, "procedure_code", base, rated, *buckets)
    fees = payments.compute(ix, start, end, universe)
    for per_value, sums in ((per_field, fees["fields"]), (per_code, fees["codes"])):
        for value in sums:
            per_value.setdefault(value, empty_counts())
    result = assemble(
        start, end, total, per_field, per_code, procedures, pairs, field, procedure
    )
    codes = national.national_codes(public)
    groups = national.per_national_field(per_code, codes, empty_counts)
    result["by_national_field"] = [
        {
            "national_field": token,
            "title": title,
            **_figures(groups.get(token) or empty_counts()),
        }
        for token, title in national.group_order(national_field_pairs(), groups)
    ]
    payments.add_figures(result, fees, codes)
    return result


def assemble(
    start, end, total, per_field, per_code, procedures, pairs, field, procedure
) -> dict:
    """The answer from bucket counts: the total, per field and per procedure.

    ``procedures`` maps a code to (code, title, field); ``pairs`` are the
    configured fields (token, title).  Shared with the reference
    implementation so that both list the same groups in the same order.
    """
    field_titles = dict(pairs)
    # Which groups to list: the filter's, else every configured field and
    # every procedure of the catalogue, plus any value the dossiers carry.
    if procedure is not None:
        code_list = [procedure]
        own_field = procedures.get(procedure, (None, None, None))[2]
        field_list = [own_field] if own_field else sorted(per_field)
    else:
        field_list = [field] if field is not None else [t for t, _ti in pairs]
        field_list += [f for f in sorted(per_field) if f and f not in field_list]
        order = {token: i for i, token in enumerate(field_list)}
        code_list = [
            code
            for code, (_c, _t, code_field) in procedures.items()
            if field is None or code_field == field
        ]
        code_list += [c for c in per_code if c and c not in procedures]
        code_list.sort(
            key=lambda c: (
                order.get(procedures.get(c, ("", "", ""))[2], len(order)),
                c,
            )
        )

    by_field = [
        {
            "field": token,
            "title": field_titles.get(token, token),
            **_figures(per_field.get(token) or empty_counts()),
        }
        for token in field_list
    ]
    by_procedure = [
        {
            "code": code,
            "title": procedures.get(code, (code, code, ""))[1],
            **_figures(per_code.get(code) or empty_counts()),
        }
        for code in code_list
    ]
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "total": _figures(total),
        "by_field": by_field,
        "by_procedure": by_procedure,
    }


def _split(ix, name, base, rated, receipt, outcome, satisfaction) -> dict:
    """Bucket counts per value of the FieldIndex ``name``.

    ``base`` is the partition of the receipt buckets and of the outcome
    buckets; ``rated`` the rated dossiers outside it.  With few values (the
    fields), each count is the length of a C intersection.  With many (the
    procedures), the record ids are labelled with their value once and one
    Python pass counts each bucket, except the largest receipt and outcome
    buckets: their count per value is what the value's share of ``base``
    leaves.
    """
    groups = []
    for value, members in ix.field_items(name):
        inside = intersection(base, members)
        outside = intersection(rated, members) if rated else IISet()
        if inside or outside:
            groups.append((value, inside, outside))
    result = {value: empty_counts() for value, _inside, _outside in groups}
    if len(groups) <= _FEW_VALUES:
        for value, inside, outside in groups:
            counts = result[value]
            for kind, sets in (("receipt", receipt), ("outcome", outcome)):
                for bucket, rids in sets.items():
                    if rids:
                        counts[kind][bucket] = len(intersection(rids, inside))
            for level, rids in satisfaction.items():
                if rids:
                    counts["satisfaction"][level] = len(
                        intersection(rids, inside)
                    ) + len(intersection(rids, outside))
        return result
    labels = {}
    for value, inside, outside in groups:
        labels.update(dict.fromkeys(inside, value))
        labels.update(dict.fromkeys(outside, value))
    get = labels.get
    share = {value: len(inside) for value, inside, _outside in groups}
    for kind, sets in (("receipt", receipt), ("outcome", outcome)):
        largest = max(sets, key=lambda bucket: len(sets[bucket]))
        left = dict(share)
        for bucket, rids in sets.items():
            if bucket == largest or not rids:
                continue
            for value, count in Counter(map(get, rids)).items():
                if value is not None:
                    result[value][kind][bucket] = count
                    left[value] -= count
        for value, count in left.items():
            result[value][kind][largest] = count
    for level, rids in satisfaction.items():
        for value, count in Counter(map(get, rids)).items():
            if value is not None:
                result[value]["satisfaction"][level] = count
    return result


def compute_statistics(
    start: date,
    end: date,
    field: str | None = None,
    procedure: str | None = None,
) -> dict:
    """The figures of :data:`KEYS` for ``[start, end]``, as the REST API answers.

    ``field`` (a field token) and ``procedure`` (a procedure code) narrow
    every figure.  Raises :class:`StatisticsError` for an end before the
    start, an unknown field or an unknown procedure.
    """
    start, end = parse_period(start, end)
    field = field or None
    procedure = procedure or None
    catalog = dossier_catalog()
    public = api.portal.get_tool("portal_catalog")  # the procedures
    processQueue()
    key = cache.cache_key(catalog, start, end, field, procedure)
    public_key = cache.cache_key(public, start, end, field, procedure)
    key = None if key is None or public_key is None else (key, public_key[:3])
    if key is not None:
        found = cache.cached(key)
        if found is not None:
            return found
    result = _compute(catalog, public, start, end, field, procedure)
    if key is not None:
        return cache.store(key, result)
    return result


def received_per_week(
    start: date,
    end: date,
    field: str | None = None,
    procedure: str | None = None,
) -> list[dict]:
    """Dossiers received per ISO week of the period, by channel (indexes only).

    ``[{"week": "2025-W27", "start": date, "end": date, "online": n,
    "direct": n, "postal": n}, ...]``; the first and last weeks are cut to
    the period.
    """
    start, end = parse_period(start, end)
    catalog = dossier_catalog()
    processQueue()
    ix = Indexes(catalog)
    universe = None
    if field:
        universe = ix.field_set("procedure_field", field)
    if procedure:
        members = ix.field_set("procedure_code", procedure)
        universe = members if universe is None else intersection(universe, members)
    channels = {channel: ix.field_set("channel", channel) for channel in CHANNELS}
    weeks = []
    day = start
    while day <= end:
        week_end = min(day + timedelta(days=6 - day.weekday()), end)
        received = ix.date_range("received_at", day, week_end + timedelta(days=1))
        if universe is not None:
            received = intersection(received, universe)
        year, number, _weekday = day.isocalendar()
        row = {"week": f"{year}-W{number:02d}", "start": day, "end": week_end}
        for channel, members in channels.items():
            row[channel] = len(intersection(received, members))
        weeks.append(row)
        day = week_end + timedelta(days=1)
    return weeks
