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


def parse_day(value) -> date | None:
    """A date from ``yyyy-mm-dd`` (HTML date inputs) or ``dd/mm/yyyy``."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


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
