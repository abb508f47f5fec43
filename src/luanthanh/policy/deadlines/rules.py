"""Legal deadlines of the one-stop center (Decree 118/2025/NĐ-CP).

Thời hạn giải quyết hồ sơ theo ngày làm việc: ngày hẹn trả, tạm dừng khi bổ
sung hồ sơ, đánh giá trước hạn / đúng hạn / quá hạn.  Working days come from
a :class:`~luanthanh.policy.deadlines.calendar.WorkCalendar`; without one,
the site's (:meth:`WorkCalendar.from_registry`).

Deadlines
=========

* :func:`due_date`: with ``processing_days`` N ≥ 1, the Nth working day
  strictly after the local (Asia/Ho_Chi_Minh) date of receipt; with N = 0,
  the day of receipt if it is a working day and the local time is strictly
  before the procedure's ``same_day_cutoff`` (15:00 by default), else the
  next working day.
* :func:`resumed_due_date`: after a supplement (hồ sơ bổ sung), rule
  ``restart`` counts N working days again from the resume datetime as a new
  receipt; rule ``extend`` pushes the old due date back by the working days
  spent waiting, i.e. the working days in (suspension date, resume date]: the
  day of suspension is not counted (the clock ran that day), the day of resume
  is (the dossier was not being processed before it came back).  Suspended on
  Monday and resumed on Wednesday of a plain week: 2 days.
* :func:`timeliness`: compares local dates: before the due date "early", on it
  "on_time", after it "late".

A naive datetime is taken to be local time (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from luanthanh.policy.config import local_date
from luanthanh.policy.config import local_datetime
from luanthanh.policy.config import TZ
from luanthanh.policy.deadlines.calendar import parse_time
from luanthanh.policy.deadlines.calendar import WorkCalendar
from luanthanh.policy.deadlines.interfaces import EXTEND
from luanthanh.policy.deadlines.interfaces import RESTART


#: Receipts strictly before this local time are settled the same day (N = 0).
DEFAULT_CUTOFF = time(15, 0)

EARLY = "early"
ON_TIME = "on_time"
LATE = "late"


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    return WorkCalendar.from_registry() if calendar is None else calendar


# Deadlines -------------------------------------------------------------------


def due_date(
    received_at: datetime,
    processing_days: int,
    cutoff: time | None = None,
    calendar: WorkCalendar | None = None,
) -> date:
    """The local date by which a dossier received at ``received_at`` is due.

    ``processing_days`` N ≥ 1: the Nth working day strictly after the local
    date of receipt.  N = 0: that date when it is a working day and the local
    time is strictly before ``cutoff`` (default 15:00), else the next working
    day.  Without ``calendar``, the site's (:meth:`WorkCalendar.from_registry`).
    """
    if processing_days < 0:
        raise ValueError(f"processing_days must be ≥ 0, not {processing_days}")
    calendar = _calendar(calendar)
    received = local_datetime(received_at)
    day = received.date()
    if processing_days:
        return calendar.add_working_days(day, processing_days)
    cutoff = parse_time(cutoff, DEFAULT_CUTOFF)
    if calendar.is_working_day(day) and received.time() < cutoff:
        return day
    return calendar.next_working_day(day)


def due_datetime(day: date, calendar: WorkCalendar | None = None) -> datetime:
    """The aware due datetime: ``day`` at the calendar's closing time, local."""
    calendar = _calendar(calendar)
    return datetime.combine(local_date(day), calendar.closing_time, tzinfo=TZ)


def resumed_due_date(
    rule: str,
    old_due: date,
    suspended_at: datetime,
    resumed_at: datetime,
    processing_days: int,
    cutoff: time | None = None,
    calendar: WorkCalendar | None = None,
) -> date:
    """The due date of a dossier resumed after waiting for a supplement.

    ``restart``: :func:`due_date` of a receipt at ``resumed_at``.
    ``extend``: ``old_due`` pushed back by the working days in (local date of
    ``suspended_at``, local date of ``resumed_at``]; unchanged when resumed on
    the day of suspension.  Without an ``old_due`` (``None``), as ``restart``.
    """
    calendar = _calendar(calendar)
    if rule == RESTART or (rule == EXTEND and old_due is None):
        return due_date(resumed_at, processing_days, cutoff, calendar)
    if rule != EXTEND:
        raise ValueError(f"Unknown supplement rule {rule!r}")
    waited = calendar.working_days_between(
        local_date(suspended_at), local_date(resumed_at)
    )
    if waited < 0:
        raise ValueError("resumed_at is before suspended_at")
    old_due = local_date(old_due)
    return calendar.add_working_days(old_due, waited) if waited else old_due


def timeliness(resolved_at: datetime, due: date | datetime) -> str:
    """``"early"``, ``"on_time"`` or ``"late"``: local dates compared."""
    resolved, deadline = local_date(resolved_at), local_date(due)
    if resolved < deadline:
        return EARLY
    if resolved == deadline:
        return ON_TIME
    return LATE


def working_days_left(
    today: date, due: date, calendar: WorkCalendar | None = None
) -> int:
    """Working days left until ``due``, for dashboards.

    ``today`` ≤ ``due``: the working days in (today, due], 0 on the due date.
    ``today`` > ``due``: negative, minus the working days in (due, today] but
    at least -1, so that a dossier is never shown with 0 days once its due
    date has passed (a Saturday after a Friday due date gives -1).
    """
    calendar = _calendar(calendar)
    today, due = local_date(today), local_date(due)
    if today <= due:
        return calendar.working_days_between(today, due)
    return -max(1, calendar.working_days_between(due, today))
