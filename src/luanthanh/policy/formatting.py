"""How dates, durations, money and people are written on pages, slips and mails.

Every function takes stored values (UTC datetimes, Zope DateTimes, catalog
``Missing.Value``) and writes them in local time, the way Vietnamese
administrative documents do.
"""

from datetime import date
from datetime import datetime
from luanthanh.policy.config import local
from luanthanh.policy.i18n import _
from plone import api

import re


# One style for dates and times, everywhere (issue #17).  Tables, listings
# and mails: ``07/12/2026`` and ``14 giờ 30 phút``, the time first:
# ``14 giờ 30 phút ngày 07/12/2026``.  Formal text (slips, letters): the day,
# month and year spelled out as Nghị định 30/2020/NĐ-CP writes them:
# ``ngày 07 tháng 12 năm 2026``, ``14 giờ 30 phút, ngày 07 tháng 12 năm 2026``.


def _day(value) -> date | None:
    """The local day of a datetime, a Zope DateTime, a date or a text
    :func:`parse_day` reads; else None."""
    if isinstance(value, str):
        return parse_day(value)
    if isinstance(value, datetime) or hasattr(value, "asdatetime"):
        value = local(value)
        value = value.date() if value is not None else None
    return value if isinstance(value, date) else None


def format_date(value) -> str:
    """``dd/mm/yyyy`` in local time (tables); "" without a value."""
    day = _day(value)
    return day.strftime("%d/%m/%Y") if day is not None else ""


def format_time(value) -> str:
    """``14 giờ 30 phút`` in local time; "" without a value."""
    moment = local(value)
    if moment is None:
        return ""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút"


def format_datetime(value) -> str:
    """``14 giờ 30 phút ngày 07/12/2026`` in local time (tables, mails); ""
    without a value."""
    moment = local(value)
    if moment is None:
        return ""
    return f"{format_time(moment)} ngày {format_date(moment)}"


def format_short_datetime(value) -> str:
    """The same as :func:`format_datetime` (kept for its callers)."""
    return format_datetime(value)


def legal_date_parts(day: date) -> dict[str, str]:
    """Day, month and year as administrative documents write them.

    A day below 10 and the months 1 and 2 take a leading zero (Nghị định
    30/2020/NĐ-CP): "ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm 2026".
    """
    return {
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}" if day.month < 3 else str(day.month),
        "year": str(day.year),
    }


def format_legal_date(value) -> str:
    """``ngày 07 tháng 12 năm 2026`` (formal text); "" without a value."""
    day = _day(value)
    if day is None:
        return ""
    return "ngày {day} tháng {month} năm {year}".format(**legal_date_parts(day))


def format_legal_short_date(value) -> str:
    """``01/7/2025``: the day and month of :func:`legal_date_parts` with
    slashes (report periods); "" without a value."""
    day = _day(value)
    if day is None:
        return ""
    return "{day}/{month}/{year}".format(**legal_date_parts(day))


def format_legal_datetime(value) -> str:
    """``14 giờ 30 phút, ngày 07 tháng 12 năm 2026`` in local time (formal
    text); "" without a value."""
    moment = local(value)
    if moment is None:
        return ""
    return f"{format_time(moment)}, {format_legal_date(moment)}"


def format_period(start, end):
    """``Từ ngày 01/7/2025 đến ngày 31/12/2025`` (a report's period)."""
    return _(
        "period_from_to",
        default="Từ ngày ${start} đến ngày ${end}",
        mapping={
            "start": format_legal_short_date(start),
            "end": format_legal_short_date(end),
        },
    )


def format_week(number: int):
    """``Tuần 27``: an ISO week on a chart's axis."""
    return _("week_number", default="Tuần ${number}", mapping={"number": number})


#: How a day is typed in every form and filter, whatever the browser's locale
#: (text inputs, never the browser's own ``type="date"``, which follows the
#: browser's locale: mm/dd/yyyy in English).  ISO ``yyyy-mm-dd`` is accepted
#: too, for REST clients and old links.
DAY_PLACEHOLDER = "dd/mm/yyyy"
#: The HTML ``pattern`` of a day input: dd/mm/yyyy (one-digit day and month
#: allowed) or yyyy-mm-dd.
DAY_PATTERN = (
    r"\s*(0?[1-9]|[12][0-9]|3[01])/(0?[1-9]|1[0-2])/[0-9]{4}\s*"
    r"|\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*"
)
DAY_HINT = _("hint_day", default="Nhập theo dạng dd/mm/yyyy, ví dụ 25/12/2025.")
INVALID_DAY = _(
    "error_invalid_day", default="Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy"
)


def parse_day(value) -> date | None:
    """A date from ``dd/mm/yyyy`` or ``yyyy-mm-dd``; None if neither.

    ``12/25/2025`` (the American order) is no date: there is no month 25.
    """
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def input_day(value) -> str:
    """What a day input shows: ``dd/mm/yyyy`` for a date or a text
    :func:`parse_day` reads, the text itself otherwise (to be corrected)."""
    day = parse_day(value)
    if day is not None:
        return day.strftime("%d/%m/%Y")
    return value.strip() if isinstance(value, str) else ""


#: How a moment is typed (a payment's time): the day as above, then the
#: time ``HH:MM`` (``9:30`` and ``9h30`` are read too).
MOMENT_PLACEHOLDER = "dd/mm/yyyy HH:MM"
MOMENT_HINT = _(
    "hint_moment",
    default="Nhập theo dạng dd/mm/yyyy giờ:phút, ví dụ 08/12/2026 09:30.",
)
INVALID_MOMENT = _(
    "error_invalid_moment",
    default="Thời điểm không hợp lệ, hãy nhập theo dạng dd/mm/yyyy giờ:phút, ví dụ "
    "08/12/2026 09:30.",
)
_MOMENT_RE = re.compile(
    r"^\s*(?P<day>\S+)(?:\s+|T)(?P<hour>\d{1,2})[:hH](?P<minute>\d{2})(?::\d{2})?\s*$"
)


def parse_day_time(value) -> datetime | None:
    """A naive local datetime from ``dd/mm/yyyy HH:MM`` (or ``yyyy-mm-dd
    HH:MM``, ``yyyy-mm-ddTHH:MM``); None if it is no such moment."""
    if isinstance(value, datetime):
        return value
    match = _MOMENT_RE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    day = parse_day(match["day"])
    hour, minute = int(match["hour"]), int(match["minute"])
    if day is None or hour > 23 or minute > 59:
        return None
    return datetime(day.year, day.month, day.day, hour, minute)


def input_day_time(value) -> str:
    """What a moment input shows: ``dd/mm/yyyy HH:MM`` in local time for a
    datetime (or a text :func:`parse_day_time` reads), the text itself
    otherwise (to be corrected)."""
    if isinstance(value, str):
        moment = parse_day_time(value)
        if moment is None:
            return value.strip()
    else:
        moment = local(value)
        if moment is None:
            return ""
    return moment.strftime("%d/%m/%Y %H:%M")


def format_size(size: int | None) -> str:
    """A file's size: ``850 KB``, ``2,4 MB`` (Vietnamese decimal comma)."""
    size = size or 0
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def format_days(days: int | None):
    """'Trong ngày làm việc' for 0, otherwise 'N ngày làm việc'."""
    if not days:
        return _("days_same_day", default="Trong ngày làm việc")
    return _("days_working", default="${days} ngày làm việc", mapping={"days": days})


def format_fee(fee: int | None):
    """'Không thu phí, lệ phí' for 0, otherwise the amount with Vietnamese
    separators."""
    if not fee:
        return _("fee_free", default="Không thu phí, lệ phí")
    amount = f"{fee:,}".replace(",", ".")
    return _("fee_amount", default="${amount} đồng", mapping={"amount": amount})


def days_left_label(days: int):
    """'Còn N ngày làm việc', 'Đến hạn hôm nay' or 'Quá hạn N ngày làm việc'."""
    if days > 0:
        return _(
            "days_left", default="Còn ${days} ngày làm việc", mapping={"days": days}
        )
    if days == 0:
        return _("days_left_due_today", default="Đến hạn hôm nay")
    return _(
        "days_overdue", default="Quá hạn ${days} ngày làm việc", mapping={"days": -days}
    )


def fullname(userid: str | None) -> str:
    """The full name of a user, else the user id; "" without one."""
    if not userid:
        return ""
    user = api.user.get(userid=userid)
    if user is None:
        return userid
    return user.getProperty("fullname", "") or userid


#: What a mail client would turn into a link: a scheme, ``www.``, or a bare
#: domain (``evil.com``, ``evil.com/x``), with an optional path.
LINK_RE = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)\S*"
    r"|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}\b(?::\d+)?(?:/\S*)?",
    re.IGNORECASE,
)


def without_links(text: str | None) -> str:
    """A name or another text a user typed, fit for a mail: no URLs.

    ``http(s)://…``, ``www.…`` and bare domains (``evil.com/x``) are taken
    out, so that the center's mails cannot carry a link a stranger chose (an
    applicant's "name" such as ``An, xem https://evil.example/x``)."""
    if not text:
        return ""
    cleaned = LINK_RE.sub(" ", str(text))
    return " ".join(cleaned.split()).strip(" ,;:-–")
