"""The period of a statistics query and what the statistics refuse.

A period is two local dates (Asia/Ho_Chi_Minh), both included, given as
``YYYY-MM-DD`` texts (a form, a REST query) or as dates.  A query the
statistics cannot answer raises :class:`StatisticsError`, which the pages
and the REST service turn into a 400 with its Vietnamese message.
"""

from datetime import date
from datetime import datetime
from luanthanh.policy.i18n import _


#: The day the center opened: the start of "since the beginning" figures.
SINCE = date(2025, 7, 1)


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
