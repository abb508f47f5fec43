"""Event subscribers of dossiers: creation, edits and workflow transitions.

The one-stop rules (Decree 118/2025/NĐ-CP) as handlers of
``luanthanh_dossier_workflow``'s events; what each transition does is in
:mod:`.transitions`.
"""

from luanthanh.policy.config import now
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.dossiers import history
from luanthanh.policy.dossiers import transitions
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.dossiers.codes import next_code
from luanthanh.policy.dossiers.relations import procedure_fee
from luanthanh.policy.dossiers.relations import set_title
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.payments import record as payment
from plone import api
from zope.component import adapter
from zope.interface import implementer

import plone.base.interfaces


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


def dossier_added(dossier, event) -> None:
    ensure_code(dossier, event.newParent)
    if dossier.submitted_at is None:
        dossier.submitted_at = now()
    if dossier.applicant_phone:
        dossier.applicant_phone = normalize_phone(dossier.applicant_phone) or (
            dossier.applicant_phone
        )
    set_title(dossier)
    # The fee is known at submission: the thank-you page can show it.
    payment.assess(dossier, procedure_fee(dossier), history.current_actor(), now())
    dossier.reindexObject()


def dossier_modified(dossier, event) -> None:
    phone = normalize_phone(dossier.applicant_phone)
    if phone and phone != dossier.applicant_phone:
        dossier.applicant_phone = phone
    set_title(dossier)


def before_transition(dossier, event) -> None:
    """Refuse a transition that the one-stop rules do not allow now."""
    if event.transition is None:
        return
    transitions.check(dossier, event.transition.id, (event.kwargs or {}).get("comment"))


def after_transition(dossier, event) -> None:
    """Set the dates, the due date and the assignment; write the history."""
    if event.transition is None:  # the initial state on creation
        return
    transitions.apply(
        dossier,
        event.transition.id,
        event.old_state.id,
        event.new_state.id,
        (event.kwargs or {}).get("comment", "") or "",
    )
    dossier.reindexObject()
