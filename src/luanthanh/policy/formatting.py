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


def format_date(value) -> str:
    """``dd/mm/yyyy`` in local time; "" without a value."""
    if isinstance(value, datetime) or hasattr(value, "asdatetime"):
        value = local(value)
        value = value.date() if value is not None else None
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return ""


def format_datetime(value) -> str:
    """``dd/mm/yyyy HH:MM`` in local time; "" without a value."""
    moment = local(value)
    return moment.strftime("%d/%m/%Y %H:%M") if moment is not None else ""


def format_short_datetime(value) -> str:
    """``HH:MM dd/mm/yyyy`` in local time (slips); "" without a value."""
    moment = local(value)
    return moment.strftime("%H:%M %d/%m/%Y") if moment is not None else ""


def format_legal_datetime(value):
    """``HH giờ MM phút, ngày dd/mm/yyyy`` in local time; "" without a value."""
    moment = local(value)
    if moment is None:
        return ""
    return _(
        "slip_datetime",
        default="${hour} giờ ${minute} phút, ngày ${date}",
        mapping={
            "hour": f"{moment.hour:02d}",
            "minute": f"{moment.minute:02d}",
            "date": moment.strftime("%d/%m/%Y"),
        },
    )


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
    """'Không mất phí' for 0, otherwise the amount with Vietnamese separators."""
    if not fee:
        return _("fee_free", default="Không mất phí")
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
