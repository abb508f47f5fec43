"""The period of a statistics query and what the statistics refuse.

A period is two local dates (Asia/Ho_Chi_Minh), both included, given as
``YYYY-MM-DD`` texts (a form, a REST query) or as dates.  A query the
statistics cannot answer raises :class:`StatisticsError` (an
:class:`luanthanh.policy.errors.InvalidInput`), which the pages and the REST
service turn into a 400 with its Vietnamese message.

A period may last at most :data:`MAX_PERIOD_YEARS` years: the weekly chart
and the per-day work of the engine grow with the period, and
``start=1900-01-01&end=3999-12-31`` (about 109,000 weeks) was a cheap way to
keep a process busy.  This is the one place of that rule: the public board
``@@bang-cong-khai``, the report, its exports and ``@dossier-statistics`` all
read their period through :func:`parse_period`.
"""

from datetime import date
from datetime import datetime
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import _


#: The day the center opened: the start of "since the beginning" figures.
SINCE = date(2025, 7, 1)


#: The longest period a query may ask for, in years.
MAX_PERIOD_YEARS = 10


class StatisticsError(InvalidInput, ValueError):
    """A query the statistics cannot answer: HTTP 400."""

    def __init__(self, type_: str, message, **details):
        super().__init__(message, details=details)
        self.type = type_
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
MSG_PERIOD_TOO_LONG = _(
    "error_statistics_period_too_long",
    default="Kỳ báo cáo dài quá ${years} năm: hãy chọn một kỳ ngắn hơn.",
    mapping={"years": MAX_PERIOD_YEARS},
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
    if values[1] >= years_after(values[0], MAX_PERIOD_YEARS):
        raise StatisticsError(
            "PeriodTooLong", MSG_PERIOD_TOO_LONG, max_years=MAX_PERIOD_YEARS
        )
    return values[0], values[1]


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
