"""Apologies (Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết, Mẫu số 04).

When a received dossier will not be resolved by its due date, the center
apologises and gives a new appointment date.  An apology is recorded in the
dossier's ``apologies`` (a ``PersistentList`` of dicts: ``time``, ``actor``,
``new_date``, ``reason``, ``approver``: who approves the extension, missing
in records made before it existed) and never touches ``due_date``: statistics judge
the dossier against the legal date.
"""

from Acquisition import aq_base
from datetime import date
from datetime import timedelta
from luanthanh.policy import deadlines
from luanthanh.policy.config import local_date
from luanthanh.policy.config import now
from luanthanh.policy.config import stored
from luanthanh.policy.config import today
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.formatting import format_date
from luanthanh.policy.i18n import _
from luanthanh.policy.states import RECEIVED_UNRESOLVED
from persistent.list import PersistentList
from plone import api


MAX_REASON_LENGTH = 2000
MAX_APPROVER_LENGTH = 200
#: Who approves an extension unless the official names someone else: the
#: center only receives and returns, the commune's Chairman decides.
DEFAULT_APPROVER = "Chủ tịch Ủy ban nhân dân xã Luận Thành"
#: Who may issue an apology, besides viewing the dossier: any of these.
PERMISSIONS = (
    "Modify portal content",
    "luanthanh.policy: Receive dossiers",
    "luanthanh.policy: Process dossiers",
    "luanthanh.policy: Approve dossiers",
)


def apologies_of(dossier) -> list[dict]:
    """The apologies issued for ``dossier``, oldest first (a copy)."""
    return list(getattr(aq_base(dossier), "apologies", None) or ())


def possible(dossier) -> bool:
    """Received, not yet resolved, and with a due date to apologise for."""
    if dossier.due_date is None or dossier.resolved_at is not None:
        return False
    return api.content.get_state(dossier, default=None) in RECEIVED_UNRESOLVED


def first_day(dossier) -> date:
    """The first day a new appointment may be: today, or the day after the due date."""
    first = today()
    due = dossier.due_date
    if due is not None:
        first = max(first, local_date(due) + timedelta(days=1))
    return first


def problems(dossier, new_date: date | None, reason: str, approver: str = "") -> dict:
    """What is wrong with the new date and the reason: field -> message."""
    found = {}
    due = dossier.due_date
    if new_date is None:
        found["new_date"] = _(
            "apology_error_date", default="Nhập ngày hẹn trả kết quả mới."
        )
    elif due is not None and new_date <= local_date(due):
        found["new_date"] = _(
            "apology_error_date_after_due",
            default="Ngày hẹn mới phải sau ngày hẹn trả kết quả ${due}.",
            mapping={"due": format_date(due)},
        )
    elif new_date < today():
        found["new_date"] = _(
            "apology_error_date_past",
            default="Ngày hẹn mới không được trước ngày hôm nay.",
        )
    elif not deadlines.WorkCalendar.from_registry().is_working_day(new_date):
        found["new_date"] = _(
            "apology_error_date_off",
            default="Ngày ${date} không phải ngày làm việc.",
            mapping={"date": format_date(new_date)},
        )
    if not reason:
        found["reason"] = _(
            "apology_error_reason", default="Ghi rõ lý do chậm trả kết quả."
        )
    elif len(reason) > MAX_REASON_LENGTH:
        found["reason"] = _(
            "apology_error_reason_long",
            default="Lý do quá dài (tối đa ${max} ký tự).",
            mapping={"max": MAX_REASON_LENGTH},
        )
    if len(approver) > MAX_APPROVER_LENGTH:
        found["approver"] = _(
            "apology_error_approver_long",
            default="Người phê duyệt quá dài (tối đa ${max} ký tự).",
            mapping={"max": MAX_APPROVER_LENGTH},
        )
    return found


def validate(dossier, new_date: date | None, reason: str, approver: str = "") -> None:
    """Raise :class:`InvalidInput` unless an apology may be recorded as given.

    The error names the first field at fault; ``details`` maps every field
    at fault to its message, so that a form can show them all at once.
    """
    if not possible(dossier):
        raise InvalidInput(
            _(
                "apology_not_possible",
                default="Chỉ lập phiếu xin lỗi cho hồ sơ đang giải quyết, "
                "đã có ngày hẹn trả kết quả.",
            )
        )
    found = problems(dossier, new_date, reason, approver)
    if found:
        field, message = next(iter(found.items()))
        raise InvalidInput(message, field=field, details=found)


def record(
    dossier, new_date: date, reason: str, actor: str, approver: str = ""
) -> dict:
    """Append an apology; the due date stays the legal one.

    ``new_date`` is stored like ``due_date``: aware, in UTC, at the closing
    time of the local day.
    """
    calendar = deadlines.WorkCalendar.from_registry()
    entry = {
        "time": now(),
        "actor": actor,
        "new_date": stored(deadlines.due_datetime(new_date, calendar)),
        "reason": reason,
        "approver": approver or DEFAULT_APPROVER,
    }
    apologies = aq_base(dossier).__dict__.get("apologies")
    if not isinstance(apologies, PersistentList):
        apologies = PersistentList(apologies or ())
        dossier.apologies = apologies
    apologies.append(entry)
    return entry
