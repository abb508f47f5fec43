"""What happens when a dossier is created and when it changes state.

The one-stop rules (Decree 118/2025/NĐ-CP) as event handlers of
``luanthanh_dossier_workflow``: codes, dates, the legal due date in working
days, assignment to the field's official, and one history entry per
transition with the due date before and after.
"""

from datetime import datetime
from datetime import UTC
from luanthanh.policy import _
from luanthanh.policy import logger
from luanthanh.policy.content.codes import dossier_id
from luanthanh.policy.content.codes import next_code
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.content.dossier import normalize_phone
from luanthanh.policy.i18n import translated
from persistent.list import PersistentList
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zoneinfo import ZoneInfo
from zope.component import adapter
from zope.interface import implementer

import plone.base.interfaces


TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ASSIGNEES_RECORD = "luanthanh.policy.dossier.assignees"
ASSIGNEE_ROLE = "DossierAssignee"

# Transitions that need a reason, written down for the citizen or the file.
COMMENT_REQUIRED = {
    "refuse": _(
        "comment_required_refuse", default="Cần ghi rõ lý do từ chối tiếp nhận."
    ),
    "deny": _("comment_required_deny", default="Cần ghi rõ lý do từ chối giải quyết."),
    "request_supplement": _(
        "comment_required_supplement",
        default="Cần ghi rõ nội dung, giấy tờ công dân phải bổ sung.",
    ),
    "send_back": _("comment_required_send_back", default="Cần ghi rõ lý do trả lại."),
    "stop": _("comment_required_stop", default="Cần ghi rõ lý do dừng giải quyết."),
}
RESOLVING = ("approve", "deny")
# Transitions after which the center has finished with a received dossier:
# they set ``closed_at`` (the statistics' "resolved, withdrawn or stopped").
CLOSING = (*RESOLVING, "withdraw", "stop")


def now() -> datetime:
    """Now, in UTC.

    Stored datetimes are aware and in UTC: ZODB cannot pickle ``zoneinfo``
    time zones, and UTC is what every index and export expects; pages show
    them in Asia/Ho_Chi_Minh.
    """
    return datetime.now(UTC)


def stored(value: datetime | None) -> datetime | None:
    """An aware datetime as it is stored: in UTC."""
    return value.astimezone(UTC) if value is not None else None


def procedure_of(dossier):
    relation = dossier.procedure
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def _translated(msg) -> str:
    return translated(msg)


@implementer(plone.base.interfaces.INameFromTitle)
@adapter(IDossier)
class DossierNameFromCode:
    """The id of a new dossier is its code, taken when the id is chosen."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self) -> str:
        ensure_code(self.context)
        return dossier_id(self.context.code)


def ensure_code(dossier, container=None) -> None:
    """Give the dossier its code and submission time if it has none yet."""
    if dossier.code:
        return
    folder = container if container is not None else dossier.__parent__
    if folder is None:
        folder = api.portal.get().get("ho-so")
    if dossier.submitted_at is None:
        dossier.submitted_at = now()
    dossier.code = next_code(folder, dossier.submitted_at)


def set_title(dossier) -> None:
    procedure = procedure_of(dossier)
    suffix = f" · {procedure.title}" if procedure is not None else ""
    dossier.title = f"{dossier.code}{suffix}"


def dossier_added(dossier, event) -> None:
    ensure_code(dossier, event.newParent)
    if dossier.submitted_at is None:
        dossier.submitted_at = now()
    if dossier.applicant_phone:
        dossier.applicant_phone = normalize_phone(dossier.applicant_phone) or (
            dossier.applicant_phone
        )
    set_title(dossier)
    dossier.reindexObject()


def dossier_modified(dossier, event) -> None:
    phone = normalize_phone(dossier.applicant_phone)
    if phone and phone != dossier.applicant_phone:
        dossier.applicant_phone = phone
    set_title(dossier)


def before_transition(dossier, event) -> None:
    """Refuse a transition that needs a reason when none is given."""
    if event.transition is None:
        return
    transition = event.transition.id
    if transition in COMMENT_REQUIRED:
        comment = (event.kwargs or {}).get("comment", "") or ""
        if not comment.strip():
            raise WorkflowException(_translated(COMMENT_REQUIRED[transition]))
    if transition == "accept" and procedure_of(dossier) is None:
        raise WorkflowException(
            _translated(
                _(
                    "error_no_procedure",
                    default="Hồ sơ chưa gắn với thủ tục hành chính nào.",
                )
            )
        )


def after_transition(dossier, event) -> None:
    """Set the dates, the due date and the assignment; write the history."""
    if event.transition is None:  # the initial state on creation
        return
    from luanthanh.policy import deadlines

    transition = event.transition.id
    when = now()
    calendar = deadlines.WorkCalendar.from_registry()
    procedure = procedure_of(dossier)
    days = procedure.processing_days if procedure is not None else 0
    cutoff = procedure.same_day_cutoff if procedure is not None else None
    due_before = dossier.due_date

    if transition == "accept":
        dossier.received_at = when
        due = deadlines.due_date(when, days, cutoff, calendar)
        dossier.due_date = stored(deadlines.due_datetime(due, calendar))
        assign(dossier)
    elif transition == "request_supplement":
        dossier.supplement_requested_at = when
        dossier.supplement_request = (event.kwargs or {}).get("comment", "")
    elif transition == "resume":
        rule = api.portal.get_registry_record(
            "luanthanh.policy.deadlines.supplement_rule", default="restart"
        )
        suspended = getattr(dossier, "supplement_requested_at", None) or when
        old_due = deadlines.local_date(dossier.due_date) if dossier.due_date else None
        new_due = deadlines.resumed_due_date(
            rule, old_due, suspended, when, days, cutoff, calendar
        )
        dossier.due_date = stored(deadlines.due_datetime(new_due, calendar))
        dossier.supplement_requested_at = None
    elif transition in RESOLVING:
        dossier.resolved_at = when
        if dossier.due_date is not None:
            dossier.timeliness = deadlines.timeliness(when, dossier.due_date)
    elif transition == "deliver":
        dossier.returned_at = when
    if transition in CLOSING:
        dossier.closed_at = when

    entry = {
        "action": transition,
        "actor": api.user.get_current().getId() or "",
        "time": when,
        "from_state": event.old_state.id,
        "to_state": event.new_state.id,
        "comment": (event.kwargs or {}).get("comment", "") or "",
        "due_date_before": due_before,
        "due_date_after": dossier.due_date,
    }
    history = dossier.__dict__.get("history")
    if not isinstance(history, PersistentList):
        history = PersistentList(history or ())
        dossier.history = history
    history.append(entry)
    dossier.reindexObject()


def assign(dossier) -> str:
    """Give the dossier to the official responsible for its field.

    The official gets the local role DossierAssignee; without one configured
    for the field, the dossier stays unassigned and the dashboard flags it.
    """
    procedure = procedure_of(dossier)
    field = procedure.field if procedure is not None else None
    mapping = api.portal.get_registry_record(ASSIGNEES_RECORD, default=None) or {}
    userid = mapping.get(field or "", "")
    if not userid or api.user.get(userid=userid) is None:
        logger.warning("No official to assign %s (field %s)", dossier.code, field)
        return ""
    set_assignee(dossier, userid)
    return userid


def set_assignee(dossier, userid: str) -> None:
    previous = dossier.assigned_to
    if previous and previous != userid:
        kept = dossier.get_local_roles_for_userid(previous)
        roles = [r for r in kept if r != ASSIGNEE_ROLE]
        if roles:
            dossier.manage_setLocalRoles(previous, roles)
        else:
            dossier.manage_delLocalRoles([previous])
    roles = set(dossier.get_local_roles_for_userid(userid)) | {ASSIGNEE_ROLE}
    dossier.manage_setLocalRoles(userid, sorted(roles))
    dossier.assigned_to = userid
    dossier.reindexObjectSecurity()
