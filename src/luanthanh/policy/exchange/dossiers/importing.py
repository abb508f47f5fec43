"""Writing historic dossiers: create or update by code, all or nothing.

No transition is fired, so no e-mail leaves and the code counter is not
touched; :func:`~luanthanh.policy.dossiers.codes.next_code` skips codes that
an import already used.  The DCWorkflow status and the dossier's own history
are written as a live dossier's would be after the same transitions, each
entry marked ``"imported": True``.
"""

from DateTime import DateTime
from datetime import datetime
from luanthanh.policy.dossiers import history
from luanthanh.policy.dossiers.assignment import Assignees
from luanthanh.policy.dossiers.assignment import set_assignee
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.dossiers.relations import relation_to
from luanthanh.policy.dossiers.relations import set_title
from luanthanh.policy.exchange.dossiers.rows import ATTRIBUTES
from luanthanh.policy.exchange.dossiers.rows import COMPARED
from luanthanh.policy.exchange.dossiers.rows import DossierImportError
from luanthanh.policy.exchange.dossiers.rows import error
from luanthanh.policy.exchange.dossiers.rows import IMPORTED_COMMENT
from luanthanh.policy.exchange.dossiers.rows import PATHS
from luanthanh.policy.exchange.dossiers.rows import Row
from luanthanh.policy.exchange.dossiers.rows import text
from luanthanh.policy.exchange.dossiers.rows import WORKFLOW_ID
from luanthanh.policy.exchange.dossiers.validation import validate
from luanthanh.policy.i18n import _
from plone import api
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from typing import Any
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import transaction


def review_state(obj) -> str:
    """The dossier's workflow state, from its status (no tool lookup)."""
    statuses = (getattr(obj, "workflow_history", None) or {}).get(WORKFLOW_ID) or ()
    return statuses[-1].get("review_state", "") if statuses else ""


def dossier_values(obj) -> dict[str, Any]:
    """The imported values of a dossier, as :func:`validate` makes them."""
    procedure = procedure_of(obj)
    return {
        "code": obj.code or "",
        "procedure_code": procedure.code if procedure is not None else "",
        "applicant_name": obj.applicant_name or "",
        "applicant_phone": obj.applicant_phone or "",
        "channel": obj.channel or "",
        "submitted_at": obj.submitted_at,
        "received_at": obj.received_at,
        "due_date": obj.due_date,
        "resolved_at": obj.resolved_at,
        "timeliness": obj.timeliness,
        "returned_at": obj.returned_at,
        "closed_at": getattr(obj, "closed_at", None),
        "review_state": review_state(obj),
    }


class _Writer:
    """What every written dossier shares: tools, the actor, the comment."""

    def __init__(self):
        self.wftool = api.portal.get_tool("portal_workflow")
        self.wf = self.wftool.getWorkflowById(WORKFLOW_ID)
        self.intids = getUtility(IIntIds)
        self.assignees = Assignees()
        self.actor = api.user.get_current().getId() or ""
        self.comment = text(IMPORTED_COMMENT)


def _steps(values: dict) -> list[tuple[str, str, str, datetime]]:
    """(transition, from, to, when) from ``intake`` to the imported state."""
    steps = [("accept", "intake", "processing", values["received_at"])]
    when = values["_resolved_column"]
    for transition, source, target in PATHS[values["outcome"]]:
        steps.append((transition, source, target, when))
    return steps


def _write_history(obj, values: dict, writer: _Writer) -> None:
    """The DCWorkflow status and the dossier's own history, as imported."""
    actor, comment = writer.actor, writer.comment
    due = values["due_date"]
    entries = []
    statuses = [
        {
            "action": None,
            "actor": actor,
            "comments": "",
            "review_state": "intake",
            "time": DateTime(values["submitted_at"]),
            "imported": True,
        }
    ]
    for transition, source, target, when in _steps(values):
        entries.append(
            history.make_entry(
                transition,
                from_state=source,
                to_state=target,
                actor=actor,
                time=when,
                comment=comment,
                due_date_before=None if transition == "accept" else due,
                due_date_after=due,
                imported=True,
            )
        )
        statuses.append(
            {
                "action": transition,
                "actor": actor,
                "comments": comment,
                "review_state": target,
                "time": DateTime(when),
                "imported": True,
            }
        )
    obj.workflow_history[WORKFLOW_ID] = ()
    for status in statuses:
        writer.wftool.setStatusOf(WORKFLOW_ID, obj, status)
    writer.wf.updateRoleMappingsFor(obj)
    history.replace(obj, entries)


def _existing(container, codes: list[str]) -> dict[str, Any]:
    """code → brain of the dossiers that already have one of ``codes``."""
    if not codes:
        return {}
    brains = find_unrestricted(portal_type="Dossier", dossier_code=codes)
    return {brain.dossier_code: brain for brain in brains}


def import_dossiers(container, rows: list[Row]) -> dict[str, list[str]]:
    """Create or update the dossiers of ``rows`` in ``container``, all or nothing.

    Dossiers are matched by ``code`` (catalog index ``dossier_code``); new
    ones get the id ``dossier_id(code)``.  A dossier whose imported values
    equal the row's is not touched.  A code that belongs to a dossier
    received on this system (not imported) is an error: the import never
    overwrites live work.

    Returns ``{"created": [codes], "updated": [codes], "unchanged": [codes]}``
    in file order.  Raises :class:`DossierImportError` before writing anything
    when a row is invalid; any other error rolls the writes back.
    """
    clean, errors = validate(rows)
    existing = _existing(container, [values["code"] for values in clean])
    objects: dict[str, Any] = {}
    for values in clean:
        brain = existing.get(values["code"])
        if brain is not None:
            obj = brain._unrestrictedGetObject()
            if not history.is_imported(obj):
                errors.append(
                    error(
                        values["_line"],
                        "code",
                        _(
                            "dossier_import_error_live",
                            default="mã hồ sơ “${code}” thuộc một hồ sơ đã tiếp "
                            "nhận trên hệ thống này; không thể ghi đè.",
                            mapping={"code": values["code"]},
                        ),
                    )
                )
            objects[values["code"]] = obj
        elif dossier_id(values["code"]) in container:
            errors.append(
                error(
                    values["_line"],
                    "code",
                    _(
                        "dossier_import_error_id_taken",
                        default="địa chỉ “${id}” của mã hồ sơ “${code}” đã được "
                        "dùng trong sổ theo dõi hồ sơ.",
                        mapping={
                            "id": dossier_id(values["code"]),
                            "code": values["code"],
                        },
                    ),
                )
            )
    if errors:
        raise DossierImportError(errors)

    result: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    writer = _Writer()
    processQueue()
    savepoint = transaction.savepoint(optimistic=True)
    try:
        with api.env.adopt_roles(["Manager"]):
            for values in clean:
                code = values["code"]
                obj = objects.get(code)
                if obj is None:
                    _create(container, values, writer)
                    result["created"].append(code)
                    continue
                current = dossier_values(obj)
                if all(current[name] == values[name] for name in COMPARED):
                    result["unchanged"].append(code)
                    continue
                _update(obj, values, current, writer)
                result["updated"].append(code)
    except Exception:
        savepoint.rollback()
        getQueue().setState([])
        raise
    return result


def _create(container, values, writer) -> None:
    code = values["code"]
    obj = api.content.create(
        container=container,
        type="Dossier",
        id=dossier_id(code),
        safe_id=False,
        code=code,
        procedure=relation_to(values["procedure"], writer.intids),
        **{name: values[name] for name in ATTRIBUTES},
    )
    obj.creation_date = DateTime(values["submitted_at"])
    _write_history(obj, values, writer)
    set_assignee(
        obj, writer.assignees.for_procedure(values["procedure"]), reindex=False
    )
    obj.reindexObject()


def _update(obj, values, current, writer) -> None:
    if current["procedure_code"] != values["procedure_code"]:
        obj.procedure = relation_to(values["procedure"], writer.intids)
    for name in ATTRIBUTES:
        setattr(obj, name, values[name])
    obj.creation_date = DateTime(values["submitted_at"])
    _write_history(obj, values, writer)
    set_assignee(
        obj, writer.assignees.for_procedure(values["procedure"]), reindex=False
    )
    notify(ObjectModifiedEvent(obj))
    set_title(obj)
    if obj.objectIds():
        obj.reindexObjectSecurity()
    obj.reindexObject()
