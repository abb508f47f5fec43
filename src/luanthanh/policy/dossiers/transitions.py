"""What each transition of a dossier does, one small handler per transition.

DCWorkflow fires the transition; :mod:`.lifecycle` calls :func:`check` before
it and :func:`apply` after it.  ``apply`` runs the handler registered for the
transition in :data:`HANDLERS` (dates, the legal due date in working days,
assignment), then the closing rule, then writes one history entry with the
due date before and after.  A new side effect is a new handler, registered
with :func:`handler`; nothing else changes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from luanthanh.policy import deadlines
from luanthanh.policy.config import now
from luanthanh.policy.config import stored
from luanthanh.policy.dossiers import history
from luanthanh.policy.dossiers.assignment import assign
from luanthanh.policy.dossiers.relations import procedure_fee
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.errors import CommentRequired
from luanthanh.policy.errors import WorkflowRefused
from luanthanh.policy.i18n import _
from luanthanh.policy.payments import record as payment
from luanthanh.policy.states import CLOSING
from luanthanh.policy.states import RESOLVING


#: Transitions that need a reason, written down for the citizen or the file.
REASON_REQUIRED = {
    "refuse": _(
        "comment_required_refuse", default="Cần ghi rõ lý do từ chối tiếp nhận."
    ),
    "deny": _("comment_required_deny", default="Cần ghi rõ lý do từ chối giải quyết."),
    "request_supplement": _(
        "comment_required_supplement",
        default="Cần ghi rõ nội dung, giấy tờ người nộp hồ sơ phải bổ sung.",
    ),
    "send_back": _("comment_required_send_back", default="Cần ghi rõ lý do trả lại."),
    "stop": _("comment_required_stop", default="Cần ghi rõ lý do dừng giải quyết."),
}
NO_PROCEDURE = _(
    "error_no_procedure",
    default="Hồ sơ chưa gắn với thủ tục hành chính nào.",
)


@dataclass
class Step:
    """One transition being applied to one dossier."""

    dossier: object
    transition: str
    comment: str
    when: datetime
    calendar: deadlines.WorkCalendar

    @property
    def procedure(self):
        return procedure_of(self.dossier)

    @property
    def days(self) -> int:
        procedure = self.procedure
        return procedure.processing_days if procedure is not None else 0

    @property
    def cutoff(self):
        procedure = self.procedure
        return procedure.same_day_cutoff if procedure is not None else None


HANDLERS: dict[str, Callable[[Step], None]] = {}


def handler(*transitions: str):
    """Register the decorated function as the side effects of ``transitions``."""

    def register(function):
        for transition in transitions:
            HANDLERS[transition] = function
        return function

    return register


@handler("accept")
def _accept(step: Step) -> None:
    """Received: the legal due date counts from now, in working days."""
    dossier = step.dossier
    dossier.received_at = step.when
    due = deadlines.due_date(step.when, step.days, step.cutoff, step.calendar)
    dossier.due_date = stored(deadlines.due_datetime(due, step.calendar))
    assign(dossier)
    payment.assess(dossier, procedure_fee(dossier), history.current_actor(), step.when)


@handler("request_supplement")
def _request_supplement(step: Step) -> None:
    """The clock stops; the request is kept for the citizen and the slip."""
    step.dossier.supplement_requested_at = step.when
    step.dossier.supplement_request = step.comment


@handler("resume")
def _resume(step: Step) -> None:
    """The clock runs again, by the configured rule (restart or extend)."""
    dossier = step.dossier
    rule = step.calendar.supplement_rule
    suspended = getattr(dossier, "supplement_requested_at", None) or step.when
    old_due = deadlines.local_date(dossier.due_date) if dossier.due_date else None
    new_due = deadlines.resumed_due_date(
        rule, old_due, suspended, step.when, step.days, step.cutoff, step.calendar
    )
    dossier.due_date = stored(deadlines.due_datetime(new_due, step.calendar))
    dossier.supplement_requested_at = None


@handler(*RESOLVING)
def _resolve(step: Step) -> None:
    """Resolved: early, on time or late against the legal due date."""
    dossier = step.dossier
    dossier.resolved_at = step.when
    if dossier.due_date is not None:
        dossier.timeliness = deadlines.timeliness(step.when, dossier.due_date)


@handler("deliver")
def _deliver(step: Step) -> None:
    step.dossier.returned_at = step.when


def check(dossier, transition: str, comment: str | None) -> None:
    """Refuse a transition that the one-stop rules do not allow now.

    Raises :class:`CommentRequired` when a reason is needed and missing, and
    :class:`WorkflowRefused` when a dossier without procedure is accepted or
    when a dossier whose fee is unpaid is delivered ("Hồ sơ chưa hoàn thành
    nghĩa vụ tài chính").
    """
    if transition in REASON_REQUIRED and not (comment or "").strip():
        raise CommentRequired(REASON_REQUIRED[transition], field="comment")
    if transition == "accept" and procedure_of(dossier) is None:
        raise WorkflowRefused(NO_PROCEDURE)
    if transition == "deliver" and not payment.may_deliver(dossier):
        raise WorkflowRefused(payment.unpaid_message(dossier), field="fee_status")


def apply(
    dossier, transition: str, from_state: str, to_state: str, comment: str = ""
) -> history.HistoryEntry:
    """Run the side effects of ``transition`` and write its history entry."""
    step = Step(
        dossier=dossier,
        transition=transition,
        comment=comment or "",
        when=now(),
        calendar=deadlines.WorkCalendar.from_registry(),
    )
    due_before = dossier.due_date
    effect = HANDLERS.get(transition)
    if effect is not None:
        effect(step)
    if transition in CLOSING:
        dossier.closed_at = step.when
    return history.append(
        dossier,
        history.make_entry(
            transition,
            time=step.when,
            from_state=from_state,
            to_state=to_state,
            comment=step.comment,
            due_date_before=due_before,
            due_date_after=dossier.due_date,
        ),
    )
