"""The center's working days: the official calendar and the site's settings.

Lịch ngày làm việc: ngày lễ, Tết, ngày nghỉ bù, ngày làm bù.

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

A naive datetime is taken to be local time (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import time
from datetime import timedelta
from functools import lru_cache
from luanthanh.policy.config import local_date
from luanthanh.policy.config import logger
from luanthanh.policy.deadlines.interfaces import EXTEND
from luanthanh.policy.deadlines.interfaces import RESTART
from luanthanh.policy.deadlines.settings import deadline_records

import holidays


#: End of the working day: the time of a due datetime.
DEFAULT_CLOSING_TIME = time(17, 0)

SUPPLEMENT_RULES = (RESTART, EXTEND)

#: Weekdays of the weekend: Saturday and Sunday.
WEEKEND = frozenset({5, 6})

# A guard against a calendar without any working day (every day marked off).
_MAX_SEARCH_DAYS = 3660


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
        records = deadline_records()
        if records is None:
            return cls()
        rule = records.get("supplement_rule")
        return cls(
            extra_off=records.get("extra_days_off") or (),
            extra_working=records.get("extra_working_days") or (),
            closing_time=parse_time(records.get("closing_time"), DEFAULT_CLOSING_TIME),
            supplement_rule=rule if rule in SUPPLEMENT_RULES else RESTART,
        )
