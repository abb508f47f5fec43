"""Settings of the deadline engine, kept in the registry.

Records are stored under the prefix ``luanthanh.policy.deadlines`` and edited
in the control panel ``@@luanthanh-deadlines`` ("Ngày làm việc và thời hạn").

``closing_time`` is a text ``HH:MM`` rather than a ``schema.Time``:
plone.registry has no persistent ``Time`` field, so a ``Time`` cannot be kept
in the registry.  :meth:`luanthanh.policy.deadlines.WorkCalendar.from_registry`
turns it into a :class:`datetime.time`.
"""

from luanthanh.policy.i18n import _
from zope import schema
from zope.interface import Interface
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import re


PREFIX = "luanthanh.policy.deadlines"

RESTART = "restart"
EXTEND = "extend"

CLOSING_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")

supplement_rules = SimpleVocabulary(
    [
        SimpleTerm(
            RESTART,
            RESTART,
            _(
                "supplement_rule_restart",
                default="Tính lại từ ngày nhận đủ hồ sơ bổ sung",
            ),
        ),
        SimpleTerm(
            EXTEND,
            EXTEND,
            _("supplement_rule_extend", default="Cộng thêm số ngày chờ bổ sung"),
        ),
    ]
)


class ClosingTimeInvalid(schema.ValidationError):
    __doc__ = _(
        "error_closing_time",
        default="Nhập giờ theo dạng giờ:phút (24 giờ), ví dụ 17:00.",
    )


def _valid_closing_time(value: str) -> bool:
    if not CLOSING_TIME_RE.match(value or ""):
        raise ClosingTimeInvalid(value)
    return True


def _days(title, description) -> schema.List:
    """An optional list of days, picked one by one in the control panel."""
    return schema.List(
        title=title,
        description=description,
        value_type=schema.Date(title=_("label_day", default="Ngày")),
        required=False,
        default=[],
        missing_value=[],
    )


class IDeadlineSettings(Interface):
    """Working days and deadline rules (prefix ``luanthanh.policy.deadlines``)."""

    extra_days_off = _days(
        _("label_extra_days_off", default="Ngày nghỉ bổ sung"),
        _(
            "help_extra_days_off",
            default="Ngày nghỉ do Chính phủ hoặc địa phương công bố thêm mà lịch "
            "nghỉ lễ có sẵn chưa có, ví dụ ngày nghỉ hoán đổi dịp Tết hoặc ngày "
            "nghỉ riêng của xã. Hồ sơ không được tính thời hạn vào các ngày này.",
        ),
    )

    extra_working_days = _days(
        _("label_extra_working_days", default="Ngày làm việc bù"),
        _(
            "help_extra_working_days",
            default="Thứ Bảy, Chủ nhật hoặc ngày nghỉ mà Trung tâm làm việc bù "
            "theo thông báo hoán đổi ngày làm việc. Các ngày này luôn được tính "
            "là ngày làm việc.",
        ),
    )

    supplement_rule = schema.Choice(
        title=_("label_supplement_rule", default="Thời hạn sau khi bổ sung hồ sơ"),
        description=_(
            "help_supplement_rule",
            default="Khi hồ sơ phải bổ sung, thời hạn giải quyết tạm dừng. Khi "
            "nhận đủ hồ sơ bổ sung: tính lại toàn bộ thời hạn từ ngày nhận, "
            "hoặc cộng vào ngày hẹn cũ số ngày làm việc đã chờ bổ sung.",
        ),
        vocabulary=supplement_rules,
        required=True,
        default=RESTART,
    )

    closing_time = schema.TextLine(
        title=_("label_closing_time", default="Giờ kết thúc ngày làm việc"),
        description=_(
            "help_closing_time",
            default="Dạng giờ:phút (24 giờ), ví dụ 17:00. Hạn trả kết quả được "
            "tính đến giờ này của ngày hẹn trả.",
        ),
        required=True,
        default="17:00",
        constraint=_valid_closing_time,
    )
