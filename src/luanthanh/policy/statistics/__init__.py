"""The center's statistics, computed from catalog indexes only.

Thống kê tình hình giải quyết thủ tục hành chính theo mẫu báo cáo quốc gia.

:func:`compute_statistics` answers, for a period ``[start, end]`` of local
dates (Asia/Ho_Chi_Minh, both included), the figures of :data:`KEYS` for the
whole center, per field and per procedure.  It never wakes a dossier: it reads
the BTrees inside the catalog's indexes (``received_at``, ``closed_at``,
``resolved_at``, ``returned_at``, ``due_date``, ``channel``, ``timeliness``,
``rating``, ``procedure_code``, ``procedure_field``) and combines their sets of
record ids with the C set operations of ``BTrees.IIBTree`` (``multiunion``,
``intersection``, ``difference``).  Only the split per field and per procedure
walks record ids in Python, and only those of the dossiers that count in the
period.

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
* ``satisfaction``: per rating level, the dossiers returned within the period.

Results are cached per process (a small LRU) keyed on the catalog's change
counter, the serial of that counter, the query and the fields; nothing is
cached while the current transaction has changed the catalog.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from BTrees.IIBTree import union
from collections import Counter
from collections import OrderedDict
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from luanthanh.policy.deadlines import TZ
from luanthanh.policy.i18n import _
from luanthanh.policy.vocabularies import field_pairs
from luanthanh.policy.vocabularies import RATING_LEVELS
from plone import api
from Products.CMFCore.indexing import processQueue

import threading


__all__ = [
    "COUNT_KEYS",
    "KEYS",
    "StatisticsError",
    "clear_cache",
    "compute_statistics",
    "parse_period",
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

#: Above this many pending dossiers, the overdue split uses the due_date
#: index ranges (C) rather than a look-up per pending dossier (Python).
_LOOKUP_LIMIT = 20000


class StatisticsError(ValueError):
    """A query the statistics cannot answer: HTTP 400."""

    def __init__(self, type_: str, message, **details):
        super().__init__(str(message))
        self.type = type_
        self.message = message
        self.details = details


MSG_BAD_DATE = _(
    "error_statistics_date",
    default="Ngày không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2025-07-01.",
)
MSG_MISSING_DATE = _(
    "error_statistics_missing_date",
    default="Cần nhập ngày bắt đầu (start) và ngày kết thúc (end) của kỳ báo cáo.",
)
MSG_END_BEFORE_START = _(
    "error_statistics_period",
    default="Ngày kết thúc kỳ báo cáo không được trước ngày bắt đầu.",
)
MSG_UNKNOWN_FIELD = _("error_statistics_field", default="Không có lĩnh vực có mã này.")
MSG_UNKNOWN_PROCEDURE = _(
    "error_statistics_procedure", default="Không có thủ tục hành chính có mã này."
)


def parse_period(start, end) -> tuple[date, date]:
    """Two ``YYYY-MM-DD`` texts (or dates) → dates; StatisticsError if bad."""
    values = []
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, date) and not isinstance(value, datetime):
            values.append(value)
            continue
        if value is None or not str(value).strip():
            raise StatisticsError("MissingDate", MSG_MISSING_DATE, parameter=name)
        try:
            values.append(date.fromisoformat(str(value).strip()))
        except ValueError:
            raise StatisticsError(
                "InvalidDate", MSG_BAD_DATE, parameter=name, value=str(value)
            ) from None
    if values[1] < values[0]:
        raise StatisticsError("InvalidPeriod", MSG_END_BEFORE_START)
    return values[0], values[1]


# Index access ----------------------------------------------------------------


def _as_set(value):
    """A FieldIndex keeps a lone record id as an int; sets stay sets."""
    if value is None:
        return IISet()
    if isinstance(value, int):
        return IISet((value,))
    return value


class _Indexes:
    """The catalog's indexes, read from their BTrees."""

    def __init__(self, catalog):
        self.catalog = catalog
        self._catalog = catalog._catalog

    def index(self, name):
        return self._catalog.getIndex(name)

    def date_key(self, name: str, day: date) -> int:
        """The key of the local midnight starting ``day`` in DateIndex ``name``."""
        moment = datetime.combine(day, time(0, 0), tzinfo=TZ).astimezone(UTC)
        return self.index(name)._convert(moment)

    def date_range(self, name: str, start: date | None, stop: date | None):
        """Record ids whose local date is in [start, stop) (None: open end)."""
        index = self.index(name)
        low = self.date_key(name, start) if start is not None else None
        high = self.date_key(name, stop) if stop is not None else None
        if low is not None and high is not None and high <= low:
            return IISet()
        values = index._index.values(low, high, excludemax=high is not None)
        return multiunion(values)

    def field_set(self, name: str, value):
        return _as_set(self.index(name)._index.get(value))

    def field_items(self, name: str):
        return ((key, _as_set(value)) for key, value in self.index(name)._index.items())


# The computation -------------------------------------------------------------


def _empty_counts() -> dict:
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
    inner = catalog._catalog
    rids = _as_set(inner.getIndex("portal_type")._index.get("Procedure"))
    schema = inner.schema
    at_code, at_title, at_field = (
        schema["procedure_code"],
        schema["Title"],
        schema["procedure_field"],
    )
    items = {}
    data = inner.data
    for rid in rids:
        record = data.get(rid)
        if record is None:
            continue
        code = record[at_code]
        if not code or not isinstance(code, str):
            continue
        title = record[at_title]
        items[code] = (code, title or code, record[at_field] or "")
    return items


def _buckets(ix: _Indexes, start: date, end: date, universe):
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


def _overdue(ix: _Indexes, pending, end: date):
    """The pending dossiers whose local due date is before ``end``."""
    if not pending:
        return IISet()
    if len(pending) <= _LOOKUP_LIMIT:
        index = ix.index("due_date")
        limit = ix.date_key("due_date", end)
        get = index._unindex.get
        return IISet(
            rid for rid in pending if (key := get(rid)) is not None and key < limit
        )
    return intersection(pending, ix.date_range("due_date", None, end))


def _labels_of(ix: _Indexes, name: str, rids) -> dict:
    labels = {}
    for value, members in ix.field_items(name):
        inside = intersection(rids, members)
        if inside:
            labels.update(dict.fromkeys(inside, value))
    return labels


def _compute(catalog, start: date, end: date, field, procedure) -> dict:
    ix = _Indexes(catalog)
    pairs = field_pairs()
    field_titles = dict(pairs)
    procedures = _procedures(catalog)
    known_codes = set(procedures) | set(ix.index("procedure_code")._index.keys())
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

    total = _empty_counts()
    for kind, sets in (
        ("receipt", receipt),
        ("outcome", outcome),
        ("satisfaction", satisfaction),
    ):
        for bucket, rids in sets.items():
            total[kind][bucket] = len(rids)

    returned = multiunion(list(satisfaction.values()))
    everyone = union(base, returned)
    per_field = _split(ix, "procedure_field", everyone, receipt, outcome, satisfaction)
    per_code = _split(ix, "procedure_code", everyone, receipt, outcome, satisfaction)
    return assemble(
        start, end, total, per_field, per_code, procedures, pairs, field, procedure
    )


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
            **_figures(per_field.get(token) or _empty_counts()),
        }
        for token in field_list
    ]
    by_procedure = [
        {
            "code": code,
            "title": procedures.get(code, (code, code, ""))[1],
            **_figures(per_code.get(code) or _empty_counts()),
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


def _split(ix, name, everyone, receipt, outcome, satisfaction) -> dict:
    """Bucket counts per value of the FieldIndex ``name``."""
    labels = _labels_of(ix, name, everyone)
    result = {}
    get = labels.get
    for kind, sets in (
        ("receipt", receipt),
        ("outcome", outcome),
        ("satisfaction", satisfaction),
    ):
        for bucket, rids in sets.items():
            if not rids:
                continue
            for value, count in Counter(map(get, rids)).items():
                if value is None:
                    continue
                counts = result.get(value)
                if counts is None:
                    counts = result[value] = _empty_counts()
                counts[kind][bucket] += count
    return result


# Cache -----------------------------------------------------------------------

_CACHE_SIZE = 64
_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()
#: Switched off by the benchmark to measure the computation itself.
cache_enabled = True


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def _cache_key(catalog, start, end, field, procedure):
    counter = getattr(catalog, "_counter", None)
    if counter is None or counter._p_changed:
        # Changed in this transaction: what we see may still be rolled back.
        return None
    return (
        "/".join(catalog.getPhysicalPath()),
        counter(),
        counter._p_serial,
        start,
        end,
        field,
        procedure,
        tuple(field_pairs()),
    )


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
    catalog = api.portal.get_tool("portal_catalog")
    processQueue()
    key = _cache_key(catalog, start, end, field, procedure) if cache_enabled else None
    if key is not None:
        with _cache_lock:
            if key in _cache:
                _cache.move_to_end(key)
                return _copy(_cache[key])
    result = _compute(catalog, start, end, field, procedure)
    if key is not None:
        with _cache_lock:
            _cache[key] = result
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
        return _copy(result)
    return result


def _copy(result: dict) -> dict:
    """A copy deep enough that a caller cannot change the cached result."""

    def group(item):
        return {**item, "satisfaction": dict(item["satisfaction"])}

    return {
        "start": result["start"],
        "end": result["end"],
        "total": group(result["total"]),
        "by_field": [group(item) for item in result["by_field"]],
        "by_procedure": [group(item) for item in result["by_procedure"]],
    }


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
    catalog = api.portal.get_tool("portal_catalog")
    processQueue()
    ix = _Indexes(catalog)
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
