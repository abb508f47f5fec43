"""The period rule of the statistics: at most ten years (issue #14, finding 10)."""

from datetime import date
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.statistics import parse_period
from luanthanh.policy.statistics import StatisticsError
from luanthanh.policy.statistics.periods import MAX_PERIOD_YEARS
from luanthanh.policy.statistics.periods import years_after

import pytest


def test_ten_years_are_the_limit():
    assert MAX_PERIOD_YEARS == 10
    # Exactly ten years, both days included: allowed (positive control).
    assert parse_period("2020-01-01", "2029-12-31") == (
        date(2020, 1, 1),
        date(2029, 12, 31),
    )


@pytest.mark.parametrize(
    "start,end",
    [("2020-01-01", "2030-01-01"), ("1900-01-01", "3999-12-31")],
)
def test_longer_periods_are_invalid_input(start, end):
    with pytest.raises(StatisticsError) as info:
        parse_period(start, end)
    error = info.value
    assert isinstance(error, InvalidInput)
    assert error.status == 400
    assert error.type == "PeriodTooLong"
    assert error.details == {"max_years": 10}
    assert "10 năm" in str(error)


def test_years_after_a_leap_day():
    assert years_after(date(2024, 2, 29), 10) == date(2034, 2, 28)
    assert years_after(date(2024, 3, 1), 10) == date(2034, 3, 1)
