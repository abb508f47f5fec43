"""The deadline rule (Decree 118/2025/NĐ-CP), without Plone.

Expected dates are worked out by hand from the 2025–2027 calendars and what
``holidays`` 0.109 gives for Vietnam (see the module docstring of
``luanthanh.policy.deadlines``).  Useful landmarks of 2026:

* Tết Bính Ngọ: Mon 16/2 – Fri 20/2 off (14/2 – 22/2 with the weekends).
* Hùng Kings' day Sun 26/4, substitute day off Mon 27/4; 30/4 Thu, 1/5 Fri.
* 2/9: Mon 31/8 off in exchange for Saturday 22/8 (worked), Tue 1/9, Wed 2/9.
* 24/11 Tue: Vietnam Cultural Day.
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from luanthanh.policy.deadlines import DEFAULT_CLOSING_TIME
from luanthanh.policy.deadlines import due_date
from luanthanh.policy.deadlines import due_datetime
from luanthanh.policy.deadlines import local_date
from luanthanh.policy.deadlines import local_datetime
from luanthanh.policy.deadlines import official_days_off
from luanthanh.policy.deadlines import official_holidays
from luanthanh.policy.deadlines import official_working_weekends
from luanthanh.policy.deadlines import resumed_due_date
from luanthanh.policy.deadlines import timeliness
from luanthanh.policy.deadlines import TZ
from luanthanh.policy.deadlines import WorkCalendar
from luanthanh.policy.deadlines import working_days_left
from luanthanh.policy.deadlines.calendar import _vn_holidays
from zoneinfo import ZoneInfo

import pytest


CAL = WorkCalendar()


def d(text: str) -> date:
    """A date from ``dd/mm/yyyy``, as Vietnamese write it."""
    return datetime.strptime(text, "%d/%m/%Y").date()


def at(text: str, hhmm: str = "09:00", tz=TZ) -> datetime:
    """An aware datetime from ``dd/mm/yyyy`` and ``HH:MM`` (local by default)."""
    return datetime.combine(d(text), time.fromisoformat(hhmm), tzinfo=tz)


def days(*texts: str) -> set[date]:
    return {d(t) for t in texts}


# What the holidays package gives for Vietnam ---------------------------------


class TestOfficialCalendar:
    def test_tet_2026(self):
        """Tết Bính Ngọ: 29 tháng Chạp (16/2) to mùng 4 (20/2), as announced."""
        tet = days("16/02/2026", "17/02/2026", "18/02/2026", "19/02/2026", "20/02/2026")
        assert tet <= official_days_off(2026)
        february = {x for x in official_days_off(2026) if x.month == 2}
        assert february == tet

    def test_tet_2025(self):
        assert days(
            "27/01/2025", "28/01/2025", "29/01/2025", "30/01/2025", "31/01/2025"
        ) <= official_days_off(2025)

    @pytest.mark.parametrize(
        ("year", "expected"),
        [
            (2025, days("01/09/2025", "02/09/2025")),
            (2026, days("31/08/2026", "01/09/2026", "02/09/2026")),
            (2027, days("02/09/2027", "03/09/2027")),
        ],
    )
    def test_national_day_with_adjacent_day(self, year, expected):
        around = {
            x
            for x in official_days_off(year)
            if date(year, 8, 25) <= x <= date(year, 9, 10)
        }
        assert around == expected

    @pytest.mark.parametrize(
        ("year", "expected"),
        [
            (2024, days("04/05/2024")),
            (2025, days("26/04/2025")),
            (2026, days("22/08/2026")),
            (2027, set()),
        ],
    )
    def test_make_up_weekend_days(self, year, expected):
        assert official_working_weekends(year) == expected

    @pytest.mark.parametrize(
        ("holiday", "substitute"),
        [
            ("26/04/2026", "27/04/2026"),  # Hùng Kings' day on a Sunday
            ("01/05/2027", "03/05/2027"),  # Labour Day on a Saturday
        ],
    )
    def test_substitute_day_off(self, holiday, substitute):
        assert d(holiday) in official_days_off(d(holiday).year)
        assert d(substitute) in official_days_off(d(substitute).year)
        assert not CAL.is_working_day(d(substitute))

    def test_vietnam_cultural_day_from_2026(self):
        assert d("24/11/2026") in official_days_off(2026)
        assert d("24/11/2025") not in official_days_off(2025)

    def test_names_are_vietnamese(self):
        names = dict(official_holidays(2026))
        assert names[d("17/02/2026")] == "Tết Nguyên Đán"
        assert names[d("27/04/2026")] == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
        assert names[d("31/08/2026")] == "Ngày nghỉ (thay cho ngày 22/08/2026)"

    def test_holiday_sets_are_cached_per_year(self):
        _vn_holidays.cache_clear()
        official_days_off.cache_clear()
        official_working_weekends.cache_clear()
        day = d("01/01/2026")
        for offset in range(365 * 2):
            CAL.is_working_day(day + timedelta(days=offset))
        assert official_days_off.cache_info().misses == 2  # 2026, 2027
        assert _vn_holidays.cache_info().misses == 2


# Working days ------------------------------------------------------------------


class TestWorkingDays:
    @pytest.mark.parametrize(
        ("day", "working"),
        [
            ("13/02/2026", True),  # Friday before Tết
            ("14/02/2026", False),  # Saturday
            ("16/02/2026", False),  # 29 tháng Chạp
            ("17/02/2026", False),  # mùng 1 Tết
            ("20/02/2026", False),  # mùng 4 Tết
            ("22/02/2026", False),  # Sunday
            ("23/02/2026", True),  # first working day after Tết
            ("27/04/2026", False),  # substitute for Hùng Kings' day
            ("29/04/2026", True),
            ("30/04/2026", False),
            ("01/05/2026", False),
            ("04/05/2026", True),
            ("22/08/2026", True),  # make-up Saturday for 31/8
            ("29/08/2026", False),  # an ordinary Saturday
            ("31/08/2026", False),
            ("01/09/2026", False),
            ("02/09/2026", False),
            ("03/09/2026", True),
            ("01/09/2025", False),  # adjacent day of 2/9/2025
            ("02/09/2025", False),
            ("03/09/2025", True),
            ("26/04/2025", True),  # make-up Saturday for 2/5/2025
            ("02/05/2025", False),
            ("24/11/2026", False),
        ],
    )
    def test_is_working_day(self, day, working):
        assert CAL.is_working_day(d(day)) is working

    def test_a_datetime_counts_by_its_local_date(self):
        # Friday 13/2/2026 17:30 UTC is already Saturday 14/2 00:30 in Vietnam.
        assert CAL.is_working_day(at("13/02/2026", "17:30", UTC)) is False
        assert CAL.is_working_day(at("13/02/2026", "16:59", UTC)) is True

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            ("13/02/2026", "23/02/2026"),
            ("14/02/2026", "23/02/2026"),
            ("21/08/2026", "22/08/2026"),  # the make-up Saturday
            ("28/08/2026", "03/09/2026"),
            ("24/04/2026", "28/04/2026"),
            ("09/03/2026", "10/03/2026"),
        ],
    )
    def test_next_working_day(self, day, expected):
        assert CAL.next_working_day(d(day)) == d(expected)

    @pytest.mark.parametrize(
        ("day", "n", "expected"),
        [
            ("11/02/2026", 5, "25/02/2026"),  # 12, 13, 23, 24, 25
            ("27/08/2026", 3, "04/09/2026"),  # 28/8, 3/9, 4/9
            ("21/08/2026", 2, "24/08/2026"),  # 22/8 (Saturday), 24/8
            ("31/12/2025", 1, "02/01/2026"),
        ],
    )
    def test_add_working_days(self, day, n, expected):
        assert CAL.add_working_days(d(day), n) == d(expected)

    @pytest.mark.parametrize("n", [0, -1])
    def test_add_working_days_needs_a_positive_n(self, n):
        with pytest.raises(ValueError):
            CAL.add_working_days(d("09/03/2026"), n)

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            ("09/03/2026", "09/03/2026", 0),
            ("09/03/2026", "13/03/2026", 4),  # (Mon, Fri]
            ("13/02/2026", "23/02/2026", 1),  # only 23/2
            ("15/02/2026", "20/02/2026", 0),  # inside Tết
            ("28/08/2026", "03/09/2026", 1),
            ("21/08/2026", "24/08/2026", 2),  # 22/8 (Saturday), 24/8
            ("23/02/2026", "13/02/2026", -1),  # reversed: negative
            # The whole of 2026: 261 weekdays, 13 of them off, 1 Saturday worked.
            ("31/12/2025", "31/12/2026", 249),
        ],
    )
    def test_working_days_between(self, start, end, expected):
        assert CAL.working_days_between(d(start), d(end)) == expected


class TestSettingsInTheCalendar:
    def test_make_up_saturday(self):
        calendar = WorkCalendar(extra_working=[d("14/03/2026")])
        assert calendar.is_working_day(d("14/03/2026"))
        assert due_date(at("13/03/2026"), 1, calendar=calendar) == d("14/03/2026")
        assert due_date(at("13/03/2026"), 1, calendar=CAL) == d("16/03/2026")

    def test_extra_working_day_overrides_a_holiday(self):
        calendar = WorkCalendar(extra_working={d("24/11/2026")})
        assert calendar.is_working_day(d("24/11/2026"))
        assert due_date(at("23/11/2026"), 1, calendar=calendar) == d("24/11/2026")
        assert due_date(at("23/11/2026"), 1, calendar=CAL) == d("25/11/2026")

    def test_extra_working_day_overrides_an_extra_day_off(self):
        calendar = WorkCalendar(
            extra_off={d("10/03/2026")}, extra_working={d("10/03/2026")}
        )
        assert calendar.is_working_day(d("10/03/2026"))

    def test_extra_day_off_overrides_a_known_make_up_saturday(self):
        calendar = WorkCalendar(extra_off={d("22/08/2026")})
        assert not calendar.is_working_day(d("22/08/2026"))

    @pytest.mark.parametrize(
        ("n", "without", "with_swap"),
        [
            (1, "02/01/2026", "05/01/2026"),
            (5, "08/01/2026", "09/01/2026"),
            (6, "09/01/2026", "10/01/2026"),
        ],
    )
    def test_admin_adds_an_announced_swap(self, n, without, with_swap):
        """A swap that ``holidays`` does not know (here, for illustration, Friday
        2/1/2026 off, worked on Saturday 10/1/2026) is entered in the settings:
        the day off in ``extra_days_off``, the Saturday in ``extra_working_days``.
        """
        swap = WorkCalendar(
            extra_off=[d("02/01/2026")], extra_working=[d("10/01/2026")]
        )
        received = at("31/12/2025", "10:00")
        assert due_date(received, n, calendar=CAL) == d(without)
        assert due_date(received, n, calendar=swap) == d(with_swap)

    def test_admin_adds_a_local_day_off(self):
        """A day off the law gives that ``holidays`` lacks, e.g. a bridging day
        announced for 2027, is added through ``extra_days_off``."""
        calendar = WorkCalendar(extra_off=[d("11/02/2027")])
        received = at("10/02/2027", "09:00")  # mùng 5 Tết, itself a day off
        assert due_date(received, 1, calendar=CAL) == d("11/02/2027")
        assert due_date(received, 1, calendar=calendar) == d("12/02/2027")

    def test_values_are_frozen_and_hashable(self):
        calendar = WorkCalendar(
            extra_off=[d("02/01/2026")],
            extra_working=(d("10/01/2026"),),
            closing_time="16:30",
        )
        assert calendar.extra_off == frozenset({d("02/01/2026")})
        assert calendar.extra_working == frozenset({d("10/01/2026")})
        assert calendar.closing_time == time(16, 30)
        assert hash(calendar) == hash(
            WorkCalendar({d("02/01/2026")}, {d("10/01/2026")}, time(16, 30))
        )

    def test_defaults(self):
        assert CAL.extra_off == frozenset()
        assert CAL.extra_working == frozenset()
        assert CAL.closing_time == DEFAULT_CLOSING_TIME == time(17, 0)
        assert CAL.supplement_rule == "restart"

    def test_unknown_supplement_rule(self):
        with pytest.raises(ValueError):
            WorkCalendar(supplement_rule="pause")

    def test_from_registry_outside_a_site(self):
        assert WorkCalendar.from_registry() == WorkCalendar()


# Due dates ---------------------------------------------------------------------


class TestDueDate:
    @pytest.mark.parametrize(
        ("received", "n", "expected"),
        [
            # Tết Bính Ngọ 2026
            (at("12/02/2026"), 1, "13/02/2026"),
            (at("13/02/2026"), 1, "23/02/2026"),
            (at("13/02/2026"), 3, "25/02/2026"),
            (at("11/02/2026"), 5, "25/02/2026"),
            (at("17/02/2026"), 2, "24/02/2026"),  # received online on mùng 1
            # 30/4 and 1/5 2026, after the substitute day for Hùng Kings' day
            (at("29/04/2026"), 1, "04/05/2026"),
            (at("24/04/2026"), 2, "29/04/2026"),  # 27/4 is off
            (at("24/04/2026"), 4, "05/05/2026"),
            # 2/9 with its adjacent day
            (at("29/08/2025"), 1, "03/09/2025"),
            (at("28/08/2025"), 2, "03/09/2025"),
            (at("28/08/2026"), 1, "03/09/2026"),
            (at("27/08/2026"), 3, "04/09/2026"),
            (at("21/08/2026"), 1, "22/08/2026"),  # the make-up Saturday
            # substitute day off when a holiday falls on a weekend
            (at("29/04/2027"), 1, "04/05/2027"),  # 30/4, 1/5 (Sat) → 3/5 off
            # Vietnam Cultural Day
            (at("23/11/2026"), 1, "25/11/2026"),
            # received on a Saturday or a Sunday
            (at("07/03/2026"), 1, "09/03/2026"),
            (at("08/03/2026", "22:00"), 2, "10/03/2026"),
            # plain weeks; the time of day does not matter when N ≥ 1
            (at("09/03/2026", "07:00"), 5, "16/03/2026"),
            (at("09/03/2026", "23:59"), 5, "16/03/2026"),
        ],
    )
    def test_working_days(self, received, n, expected):
        assert due_date(received, n, calendar=CAL) == d(expected)

    @pytest.mark.parametrize(
        ("received", "expected"),
        [
            (at("09/03/2026", "08:00"), "09/03/2026"),
            (at("09/03/2026", "14:59"), "09/03/2026"),
            (
                datetime(2026, 3, 9, 14, 59, 59, 999999, tzinfo=TZ),
                "09/03/2026",
            ),
            (at("09/03/2026", "15:00"), "10/03/2026"),  # at the cut-off: next day
            (datetime(2026, 3, 9, 15, 0, 1, tzinfo=TZ), "10/03/2026"),
            (at("13/03/2026", "16:00"), "16/03/2026"),  # Friday after the cut-off
            (at("07/03/2026", "09:00"), "09/03/2026"),  # Saturday
            (at("08/03/2026", "09:00"), "09/03/2026"),  # Sunday
            (at("30/04/2026", "09:00"), "04/05/2026"),  # on a holiday
            (at("17/02/2026", "08:00"), "23/02/2026"),  # on Tết
            (at("13/02/2026", "15:30"), "23/02/2026"),  # just before Tết
            (at("22/08/2026", "10:00"), "22/08/2026"),  # make-up Saturday
            (at("28/08/2026", "16:00"), "03/09/2026"),
        ],
    )
    def test_same_day(self, received, expected):
        assert due_date(received, 0, calendar=CAL) == d(expected)

    @pytest.mark.parametrize(
        ("hhmm", "expected"),
        [("11:00", "09/03/2026"), ("11:30", "10/03/2026"), ("12:00", "10/03/2026")],
    )
    def test_procedure_cutoff(self, hhmm, expected):
        received = at("09/03/2026", hhmm)
        assert due_date(received, 0, time(11, 30), calendar=CAL) == d(expected)

    @pytest.mark.parametrize(
        ("received", "n", "expected"),
        [
            # Thursday 12/2 17:30 UTC is Friday 13/2 00:30 in Vietnam.
            (at("12/02/2026", "17:30", UTC), 1, "23/02/2026"),
            (at("12/02/2026", "16:59", UTC), 1, "13/02/2026"),
            # Monday 9/3 18:30 UTC is Tuesday 10/3 01:30: same day, before 15:00.
            (at("09/03/2026", "18:30", UTC), 0, "10/03/2026"),
            (at("09/03/2026", "18:30", UTC), 1, "11/03/2026"),
            # The cut-off is local: 07:59 UTC is 14:59, 08:00 UTC is 15:00.
            (at("09/03/2026", "07:59", UTC), 0, "09/03/2026"),
            (at("09/03/2026", "08:00", UTC), 0, "10/03/2026"),
            # Any zone: 9/3 08:00 in New York (EDT) is 9/3 19:00 in Vietnam.
            (at("09/03/2026", "08:00", ZoneInfo("America/New_York")), 0, "10/03/2026"),
            # A naive datetime is local time.
            (datetime(2026, 3, 9, 14, 0), 0, "09/03/2026"),
            (datetime(2026, 2, 13, 23, 30), 1, "23/02/2026"),
        ],
    )
    def test_timezones(self, received, n, expected):
        assert due_date(received, n, calendar=CAL) == d(expected)

    def test_negative_days(self):
        with pytest.raises(ValueError):
            due_date(at("09/03/2026"), -1, calendar=CAL)

    def test_without_calendar_outside_a_site(self):
        assert due_date(at("13/02/2026"), 1) == d("23/02/2026")


class TestDueDatetime:
    def test_closing_time(self):
        due = due_datetime(d("10/03/2026"), CAL)
        assert due == datetime(2026, 3, 10, 17, 0, tzinfo=TZ)
        assert due.astimezone(UTC) == datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
        assert due.tzinfo is not None

    def test_configured_closing_time(self):
        calendar = WorkCalendar(closing_time=time(16, 30))
        due = due_datetime(d("10/03/2026"), calendar)
        assert due == datetime(2026, 3, 10, 16, 30, tzinfo=TZ)


# Supplements -------------------------------------------------------------------


class TestSupplement:
    """Received Monday 2/3/2026 with N = 4: due Friday 6/3/2026."""

    OLD_DUE = d("06/03/2026")

    def test_old_due(self):
        assert due_date(at("02/03/2026"), 4, calendar=CAL) == self.OLD_DUE

    @pytest.mark.parametrize(
        ("resumed", "n", "expected"),
        [
            (at("11/03/2026", "10:00"), 4, "17/03/2026"),  # 12, 13, 16, 17
            (at("11/03/2026", "10:00"), 5, "18/03/2026"),
            (at("13/02/2026", "10:00"), 3, "25/02/2026"),  # across Tết
            (at("09/03/2026", "16:00"), 0, "10/03/2026"),  # after the cut-off
            (at("09/03/2026", "10:00"), 0, "09/03/2026"),
            (at("10/03/2026", "17:30", UTC), 1, "12/03/2026"),  # 11/3 00:30 local
        ],
    )
    def test_restart(self, resumed, n, expected):
        new_due = resumed_due_date(
            "restart", self.OLD_DUE, at("04/03/2026"), resumed, n, calendar=CAL
        )
        assert new_due == d(expected)

    @pytest.mark.parametrize(
        ("old_due", "suspended", "resumed", "expected"),
        [
            # (4/3, 11/3] = 5, 6, 9, 10, 11: five working days waited.
            (
                "06/03/2026",
                at("04/03/2026", "10:00"),
                at("11/03/2026", "09:00"),
                "13/03/2026",
            ),
            # Resumed the day of the suspension: nothing waited.
            (
                "06/03/2026",
                at("04/03/2026", "09:00"),
                at("04/03/2026", "16:00"),
                "06/03/2026",
            ),
            # Suspended Friday, resumed Monday: one day (the Monday).
            (
                "06/03/2026",
                at("06/03/2026", "10:00"),
                at("09/03/2026", "10:00"),
                "09/03/2026",
            ),
            # Suspended Friday, resumed Saturday: nothing waited.
            (
                "06/03/2026",
                at("06/03/2026", "10:00"),
                at("07/03/2026", "10:00"),
                "06/03/2026",
            ),
            # Across Tết: (13/2, 23/2] = 23/2 only.
            (
                "25/02/2026",
                at("13/02/2026", "10:00"),
                at("23/02/2026", "10:00"),
                "26/02/2026",
            ),
            # Across 2/9/2026: (28/8, 3/9] = 3/9 only.
            (
                "04/09/2026",
                at("28/08/2026", "10:00"),
                at("03/09/2026", "10:00"),
                "07/09/2026",
            ),
            # The make-up Saturday 22/8/2026 counts as waited: (21/8, 24/8] = 2.
            (
                "25/08/2026",
                at("21/08/2026", "10:00"),
                at("24/08/2026", "10:00"),
                "27/08/2026",
            ),
            # Local dates: 4/3 18:00 UTC is 5/3 01:00, so (5/3, 11/3] = 4 days.
            (
                "06/03/2026",
                at("04/03/2026", "18:00", UTC),
                at("11/03/2026", "09:00"),
                "12/03/2026",
            ),
        ],
    )
    def test_extend(self, old_due, suspended, resumed, expected):
        new_due = resumed_due_date(
            "extend", d(old_due), suspended, resumed, 4, calendar=CAL
        )
        assert new_due == d(expected)

    def test_extend_takes_a_due_datetime(self):
        old_due = due_datetime(self.OLD_DUE, CAL)
        new_due = resumed_due_date(
            "extend", old_due, at("04/03/2026"), at("11/03/2026"), 4, calendar=CAL
        )
        assert new_due == d("13/03/2026")

    def test_extend_without_old_due_restarts(self):
        new_due = resumed_due_date(
            "extend", None, at("04/03/2026"), at("11/03/2026"), 4, calendar=CAL
        )
        assert new_due == d("17/03/2026")

    def test_extend_resumed_before_suspended(self):
        with pytest.raises(ValueError):
            resumed_due_date(
                "extend",
                self.OLD_DUE,
                at("11/03/2026"),
                at("04/03/2026"),
                4,
                calendar=CAL,
            )

    def test_unknown_rule(self):
        with pytest.raises(ValueError):
            resumed_due_date(
                "pause",
                self.OLD_DUE,
                at("04/03/2026"),
                at("11/03/2026"),
                4,
                calendar=CAL,
            )


# Timeliness ----------------------------------------------------------------------


class TestTimeliness:
    @pytest.mark.parametrize(
        ("resolved", "due", "expected"),
        [
            (at("09/03/2026", "10:00"), d("10/03/2026"), "early"),
            (at("10/03/2026", "08:00"), d("10/03/2026"), "on_time"),
            (at("10/03/2026", "23:59"), d("10/03/2026"), "on_time"),
            (at("11/03/2026", "00:01"), d("10/03/2026"), "late"),
            # Across midnight UTC: 10/3 17:30 UTC is 11/3 00:30 in Vietnam.
            (at("10/03/2026", "17:30", UTC), d("10/03/2026"), "late"),
            (at("10/03/2026", "16:59", UTC), d("10/03/2026"), "on_time"),
            # 9/3 17:30 UTC is already 10/3 00:30 in Vietnam.
            (at("09/03/2026", "17:30", UTC), d("10/03/2026"), "on_time"),
            (at("09/03/2026", "16:30", UTC), d("10/03/2026"), "early"),
            # A due datetime counts by its local date, not by its time.
            (at("10/03/2026", "18:00"), at("10/03/2026", "17:00"), "on_time"),
            (at("10/03/2026", "18:00"), at("10/03/2026", "10:00", UTC), "on_time"),
            (at("10/03/2026", "10:00"), at("09/03/2026", "17:30", UTC), "on_time"),
            (at("11/03/2026", "08:00"), at("10/03/2026", "10:00", UTC), "late"),
        ],
    )
    def test_timeliness(self, resolved, due, expected):
        assert timeliness(resolved, due) == expected


class TestWorkingDaysLeft:
    @pytest.mark.parametrize(
        ("today", "due", "expected"),
        [
            ("09/03/2026", "13/03/2026", 4),
            ("13/03/2026", "13/03/2026", 0),
            ("14/03/2026", "13/03/2026", -1),  # Saturday after a Friday due date
            ("16/03/2026", "13/03/2026", -1),
            ("17/03/2026", "13/03/2026", -2),
            ("13/02/2026", "23/02/2026", 1),
            ("14/02/2026", "23/02/2026", 1),
            ("15/03/2026", "16/03/2026", 1),
            ("23/02/2026", "13/02/2026", -1),
        ],
    )
    def test_working_days_left(self, today, due, expected):
        assert working_days_left(d(today), d(due), CAL) == expected


class TestLocalDate:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (datetime(2026, 3, 9, 16, 59, tzinfo=UTC), "09/03/2026"),
            (datetime(2026, 3, 9, 17, 0, tzinfo=UTC), "10/03/2026"),
            (datetime(2026, 3, 9, 23, 59), "09/03/2026"),  # naive = local
            (datetime(2026, 3, 9, 0, 30, tzinfo=TZ), "09/03/2026"),
            (d("09/03/2026"), "09/03/2026"),
        ],
    )
    def test_local_date(self, value, expected):
        assert local_date(value) == d(expected)

    def test_local_datetime(self):
        value = local_datetime(datetime(2026, 3, 9, 17, 0, tzinfo=UTC))
        assert value == datetime(2026, 3, 10, 0, 0, tzinfo=TZ)
        assert value.tzinfo is TZ
