"""Legal deadlines of the one-stop center (Decree 118/2025/NĐ-CP).

Thời hạn giải quyết hồ sơ theo ngày làm việc: ngày hẹn trả, tạm dừng khi bổ
sung hồ sơ, đánh giá trước hạn / đúng hạn / quá hạn.

Pure functions on :class:`datetime.date` and aware :class:`datetime.datetime`
values; only :meth:`WorkCalendar.from_registry` touches Plone.

Working days
============

A day is a working day when, in this order:

1. it is in the settings' ``extra_working_days`` (a make-up Saturday, or a
   holiday the center works anyway): working, whatever else applies;
2. it is in the settings' ``extra_days_off`` (a bridging day the government
   announces, a local day off): not working;
3. it is a make-up weekend day that the ``holidays`` package knows of
   (``weekend_workdays``, see below): working;
4. it is a Saturday or a Sunday: not working;
5. it is in ``holidays.country_holidays("VN")``: not working;
6. otherwise (Monday to Friday): working.

What ``holidays`` (0.109, pinned) gives for Vietnam
---------------------------------------------------

* The days of the Labor Code 2019, art. 112: 1/1; Tết, 5 days: the Lunar New
  Year's Eve and the 1st to 4th days of the first month (a Tết day that falls
  on a Saturday moves to the working day before, on a Sunday to the one after,
  e.g. 27/1/2025 for the Saturday 1/2/2025); Hùng Kings' day (10/3 lunar);
  30/4; 1/5; 2/9 plus one adjacent day (1/9 or 3/9, since 2021); and 24/11,
  Vietnam Cultural Day, from 2026.
* Substitute days off ("nghỉ bù") when 1/1, Hùng Kings' day, 30/4, 1/5, 2/9
  or 24/11 fall on a weekend: the next working day (27/4/2026 for Hùng Kings'
  day on Sunday 26/4/2026; 3/5/2027 for 1/5/2027).
* The government's swaps of a working day known when the package was
  released, with the make-up Saturday in ``weekend_workdays``: 2/5/2025 off,
  worked on Saturday 26/4/2025; 31/8/2026 off, worked on Saturday 22/8/2026.
* So Tết Bính Ngọ 2026 is Monday 16/2 to Friday 20/2/2026 (29 tháng Chạp to
  mùng 4, as announced; with the weekends, 14/2–22/2). 2/9/2025 is Monday 1/9
  and Tuesday 2/9/2025; 2/9/2026 is Monday 31/8 (swapped), Tuesday 1/9 and
  Wednesday 2/9/2026.

What it cannot know: swaps and bridging days announced after its release
(every year from 2027 on) and local days off. The administrator enters them
in the control panel ``@@luanthanh-deadlines``: days off in
``extra_days_off``, the matching make-up Saturdays in ``extra_working_days``.
Dates that the package computes for future years are its forecast of the law,
not an announcement: check them when the government publishes the year's
calendar.

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

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from functools import lru_cache
from luanthanh.policy.deadlines.interfaces import EXTEND
from luanthanh.policy.deadlines.interfaces import PREFIX
from luanthanh.policy.deadlines.interfaces import RESTART
from zoneinfo import ZoneInfo

import holidays
import logging


__all__ = [
    "DEFAULT_CLOSING_TIME",
    "DEFAULT_CUTOFF",
    "EARLY",
    "EXTEND",
    "LATE",
    "ON_TIME",
    "RESTART",
    "SUPPLEMENT_RULES",
    "TZ",
    "WorkCalendar",
    "due_date",
    "due_datetime",
    "local_date",
    "local_datetime",
    "official_days_off",
    "official_holidays",
    "official_working_weekends",
    "parse_time",
    "resumed_due_date",
    "timeliness",
    "working_days_left",
]

logger = logging.getLogger(__name__)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

#: Receipts strictly before this local time are settled the same day (N = 0).
DEFAULT_CUTOFF = time(15, 0)
#: End of the working day: the time of a due datetime.
DEFAULT_CLOSING_TIME = time(17, 0)

SUPPLEMENT_RULES = (RESTART, EXTEND)

EARLY = "early"
ON_TIME = "on_time"
LATE = "late"

#: Weekdays of the weekend: Saturday and Sunday.
WEEKEND = frozenset({5, 6})

# A guard against a calendar without any working day (every day marked off).
_MAX_SEARCH_DAYS = 3660


# Dates and times -----------------------------------------------------------


def local_datetime(value: datetime) -> datetime:
    """An aware datetime in Asia/Ho_Chi_Minh; a naive one is taken as local."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=TZ)
    return value.astimezone(TZ)


def local_date(value: datetime | date) -> date:
    """The local (Asia/Ho_Chi_Minh) date of a datetime; a date is returned as is.

    >>> from datetime import timezone
    >>> local_date(datetime(2026, 3, 2, 18, 30, tzinfo=timezone.utc))
    datetime.date(2026, 3, 3)
    """
    if isinstance(value, datetime):
        return local_datetime(value).date()
    return value


def parse_time(value: time | str | None, default: time) -> time:
    """A naive :class:`~datetime.time` from a time or an ``HH:MM`` text."""
    if isinstance(value, time):
        return value.replace(tzinfo=None)
    if isinstance(value, str) and value.strip():
        try:
            hours, minutes = value.strip().split(":")[:2]
            return time(int(hours), int(minutes))
        except ValueError:
            logger.warning("Invalid time %r, using %s", value, default)
    return default


# Official days off from the holidays package --------------------------------


@lru_cache(maxsize=64)
def _vn_holidays(year: int) -> holidays.HolidayBase:
    # Neighbouring years too: a substitute day or a make-up Saturday may fall
    # in another year than its holiday (2/1/2015 was worked on 27/12/2014).
    return holidays.country_holidays("VN", years=range(year - 1, year + 2))


@lru_cache(maxsize=64)
def official_days_off(year: int) -> frozenset[date]:
    """Vietnam's public holidays and substitute days off of ``year``."""
    return frozenset(day for day in _vn_holidays(year) if day.year == year)


@lru_cache(maxsize=64)
def official_working_weekends(year: int) -> frozenset[date]:
    """Weekend days of ``year`` worked instead of a weekday off (make-up days)."""
    return frozenset(
        day for day in _vn_holidays(year).weekend_workdays if day.year == year
    )


@lru_cache(maxsize=16)
def official_holidays(year: int, language: str = "vi") -> tuple[tuple[date, str], ...]:
    """The official days off of ``year`` with their names, in date order."""
    names = holidays.country_holidays("VN", years=year, language=language)
    return tuple(sorted((d, name) for d, name in names.items() if d.year == year))


# The calendar ----------------------------------------------------------------


def _dates(values: Iterable[date] | None) -> frozenset[date]:
    return frozenset(local_date(value) for value in values or ())


@dataclass(frozen=True)
class WorkCalendar:
    """Working days of the center: official calendar plus the site's settings.

    ``extra_off`` and ``extra_working`` accept any iterable of dates and are
    stored as frozensets, so a calendar is hashable and can be cached.
    """

    extra_off: frozenset[date] = field(default_factory=frozenset)
    extra_working: frozenset[date] = field(default_factory=frozenset)
    closing_time: time = DEFAULT_CLOSING_TIME
    supplement_rule: str = RESTART

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra_off", _dates(self.extra_off))
        object.__setattr__(self, "extra_working", _dates(self.extra_working))
        object.__setattr__(
            self,
            "closing_time",
            parse_time(self.closing_time, DEFAULT_CLOSING_TIME),
        )
        if self.supplement_rule not in SUPPLEMENT_RULES:
            raise ValueError(f"Unknown supplement rule {self.supplement_rule!r}")

    def is_working_day(self, day: date) -> bool:
        """Whether the center works on ``day`` (see the module's rules)."""
        day = local_date(day)
        if day in self.extra_working:
            return True
        if day in self.extra_off:
            return False
        if day in official_working_weekends(day.year):
            return True
        if day.weekday() in WEEKEND:
            return False
        return day not in official_days_off(day.year)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day = local_date(day)
        for _i in range(_MAX_SEARCH_DAYS):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("No working day in ten years: check the calendar settings")

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``-th working day strictly after ``day`` (``n`` ≥ 1)."""
        if n < 1:
            raise ValueError(f"n must be at least 1, not {n}")
        day = local_date(day)
        for _i in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days in (``start``, ``end``].

        ``start`` is excluded and ``end`` included; with ``end`` before
        ``start`` the count is negative: ``-working_days_between(end, start)``.
        """
        start, end = local_date(start), local_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            self.is_working_day(start + timedelta(days=offset))
            for offset in range(1, (end - start).days + 1)
        )

    @classmethod
    def from_registry(cls) -> WorkCalendar:
        """The calendar of the current site, from :class:`IDeadlineSettings`.

        Outside a site, or before the records exist, the defaults: no extra
        days, closing time 17:00, supplement rule "restart".
        """
        try:
            from plone.registry.interfaces import IRegistry
            from zope.component import queryUtility
        except ImportError:  # pragma: no cover - Plone is always installed
            return cls()
        registry = queryUtility(IRegistry)
        if registry is None:
            return cls()

        def record(name: str):
            return registry.get(f"{PREFIX}.{name}")

        rule = record("supplement_rule")
        return cls(
            extra_off=record("extra_days_off") or (),
            extra_working=record("extra_working_days") or (),
            closing_time=parse_time(record("closing_time"), DEFAULT_CLOSING_TIME),
            supplement_rule=rule if rule in SUPPLEMENT_RULES else RESTART,
        )


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
