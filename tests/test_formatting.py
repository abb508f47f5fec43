"""One date and time style, set in luanthanh.policy.formatting (issue #17)."""

from datetime import date
from datetime import datetime
from datetime import UTC
from luanthanh.policy import formatting
from zope.i18n import translate


# 07:30 UTC is 14:30 in Asia/Ho_Chi_Minh.
MOMENT = datetime(2026, 12, 7, 7, 30, tzinfo=UTC)
EARLY = datetime(2026, 2, 5, 1, 5, tzinfo=UTC)


def test_tables_and_mails():
    assert formatting.format_date(MOMENT) == "07/12/2026"
    assert formatting.format_time(MOMENT) == "14 giờ 30 phút"
    assert formatting.format_datetime(MOMENT) == "14 giờ 30 phút ngày 07/12/2026"
    # The old name writes the same style: one order everywhere.
    assert formatting.format_short_datetime(MOMENT) == (
        formatting.format_datetime(MOMENT)
    )


def test_formal_text():
    assert formatting.format_legal_date(MOMENT) == "ngày 07 tháng 12 năm 2026"
    assert formatting.format_legal_date(EARLY) == "ngày 05 tháng 02 năm 2026"
    assert formatting.format_legal_date(date(2026, 3, 15)) == (
        "ngày 15 tháng 3 năm 2026"
    )
    assert formatting.format_legal_datetime(MOMENT) == (
        "14 giờ 30 phút, ngày 07 tháng 12 năm 2026"
    )
    assert formatting.legal_date_parts(date(2026, 2, 5)) == {
        "day": "05",
        "month": "02",
        "year": "2026",
    }


def test_report_period_and_week():
    period = formatting.format_period("2025-07-01", date(2025, 12, 31))
    assert translate(period, target_language="vi") == (
        "Từ ngày 01/7/2025 đến ngày 31/12/2025"
    )
    assert translate(formatting.format_week(27), target_language="vi") == "Tuần 27"


def test_nothing_without_a_value():
    for function in (
        formatting.format_date,
        formatting.format_time,
        formatting.format_datetime,
        formatting.format_short_datetime,
        formatting.format_legal_date,
        formatting.format_legal_datetime,
        formatting.format_legal_short_date,
    ):
        assert function(None) == ""


def test_a_moment_typed_as_day_and_time():
    """A payment's time: dd/mm/yyyy HH:MM (local, naive), read back as typed."""
    expected = datetime(2026, 12, 8, 9, 30)
    for text in (
        "08/12/2026 09:30",
        " 8/12/2026 9:30 ",
        "08/12/2026 9h30",
        "2026-12-08 09:30",
        "2026-12-08T09:30",
        "2026-12-08T09:30:00",
    ):
        assert formatting.parse_day_time(text) == expected, text
    for text in (
        "",
        "08/12/2026",  # the time is needed
        "12/25/2026 09:30",  # no month 25
        "08/12/2026 24:00",
        "08/12/2026 09:60",
        "hôm nay 09:30",
        None,
    ):
        assert formatting.parse_day_time(text) is None, text
    # Shown in local time: 07:30 UTC is 14:30 in Asia/Ho_Chi_Minh.
    assert formatting.input_day_time(MOMENT) == "07/12/2026 14:30"
    assert formatting.input_day_time("8/12/2026 9:30") == "08/12/2026 09:30"
    assert formatting.input_day_time(" sai ") == "sai"
    assert formatting.input_day_time(None) == ""
