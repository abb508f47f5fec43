"""Legal deadlines of the one-stop center (Decree 118/2025/NĐ-CP).

Thời hạn giải quyết hồ sơ theo ngày làm việc.  :mod:`.calendar` knows the
working days (official holidays plus the site's settings), :mod:`.rules`
computes due dates, resumed due dates and timeliness; the time zone and the
local dates come from :mod:`luanthanh.policy.config`.  Callers write
``from luanthanh.policy import deadlines; deadlines.due_date(...)``.
"""

from luanthanh.policy.config import local_date
from luanthanh.policy.config import local_datetime
from luanthanh.policy.config import TZ
from luanthanh.policy.deadlines.calendar import DEFAULT_CLOSING_TIME
from luanthanh.policy.deadlines.calendar import official_days_off
from luanthanh.policy.deadlines.calendar import official_holidays
from luanthanh.policy.deadlines.calendar import official_working_weekends
from luanthanh.policy.deadlines.calendar import parse_time
from luanthanh.policy.deadlines.calendar import SUPPLEMENT_RULES
from luanthanh.policy.deadlines.calendar import WorkCalendar
from luanthanh.policy.deadlines.interfaces import EXTEND
from luanthanh.policy.deadlines.interfaces import RESTART
from luanthanh.policy.deadlines.rules import DEFAULT_CUTOFF
from luanthanh.policy.deadlines.rules import due_date
from luanthanh.policy.deadlines.rules import due_datetime
from luanthanh.policy.deadlines.rules import EARLY
from luanthanh.policy.deadlines.rules import LATE
from luanthanh.policy.deadlines.rules import ON_TIME
from luanthanh.policy.deadlines.rules import resumed_due_date
from luanthanh.policy.deadlines.rules import timeliness
from luanthanh.policy.deadlines.rules import working_days_left


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
