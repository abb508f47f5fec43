"""The local days of a dossier, as the keys of the ``statistics_days`` index.

The statistics count dossiers by the local date (Asia/Ho_Chi_Minh) of six
moments: received, closed, resolved, returned, due and the settlement of the
fee (``fee_settled_at``: paid, exempted or refunded, issue #18).  The DateIndexes
(``received_at``, ...) keep one key per *minute*: a year of a million
dossiers is some 200,000 keys, each its own persistent set, and a range over
them costs about half a microsecond per key before any set operation.  The
KeywordIndex ``statistics_days`` keeps one key per (moment, local day)
instead, ``kind * 10**8 + YYYYMMDD`` (``120250701``: received on 1 July
2025), so a period is at most 366 sets per moment whatever the number of
dossiers, and :func:`day_range` gives the keys of a range of days.
"""

from datetime import date
from luanthanh.policy.config import local_date


__all__ = ["INDEX", "KINDS", "day_key", "day_keys", "day_range"]

#: The KeywordIndex of the dossier catalog holding the keys.
INDEX = "statistics_days"
#: The dossier attribute of each moment → its kind (the first digit of a key).
KINDS = {
    "received_at": 1,
    "closed_at": 2,
    "resolved_at": 3,
    "returned_at": 4,
    "due_date": 5,
    "fee_settled_at": 6,
}
_SPAN = 10**8


def day_key(kind: int, day: date) -> int:
    """The key of ``day`` for moment ``kind``: ``kind * 10**8 + YYYYMMDD``."""
    return kind * _SPAN + day.year * 10000 + day.month * 100 + day.day


def day_range(kind: int, start: date | None, stop: date | None) -> tuple[int, int]:
    """The keys ``[low, high)`` of the local days in ``[start, stop)`` of
    moment ``kind`` (None: open end)."""
    low = kind * _SPAN if start is None else day_key(kind, start)
    high = (kind + 1) * _SPAN if stop is None else day_key(kind, stop)
    return low, high


def day_keys(obj) -> list[int]:
    """The keys of ``obj``'s moments that are set (an aware or naive datetime,
    naive taken as local, or a date)."""
    keys = []
    for name, kind in KINDS.items():
        value = getattr(obj, name, None)
        if value is not None:
            keys.append(day_key(kind, local_date(value)))
    return keys
