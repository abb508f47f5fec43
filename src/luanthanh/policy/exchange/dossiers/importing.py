"""Writing historic dossiers: create or update by code, all or nothing.

No transition is fired, so no e-mail leaves and the code counter is not
touched; :func:`~luanthanh.policy.dossiers.codes.next_code` skips codes that
an import already used.  The DCWorkflow status and the dossier's own history
are written as a live dossier's would be after the same transitions, each
entry marked ``"imported": True``.
"""

from luanthanh.policy.dossiers import history
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.dossiers.shared_values import sharing
from luanthanh.policy.exchange.dossiers.rows import COMPARED
from luanthanh.policy.exchange.dossiers.rows import DossierImportError
from luanthanh.policy.exchange.dossiers.rows import error
from luanthanh.policy.exchange.dossiers.rows import Row
from luanthanh.policy.exchange.dossiers.rows import WORKFLOW_ID
from luanthanh.policy.exchange.dossiers.validation import validate
from luanthanh.policy.exchange.dossiers.writing import Writer
from luanthanh.policy.i18n import _
from plone import api
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from typing import Any

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


def _existing(container, codes: list[str]) -> dict[str, Any]:
    """code → brain of the dossiers that already have one of ``codes``."""
    if not codes:
        return {}
    brains = find_unrestricted(portal_type="Dossier", dossier_code=codes)
    return {brain.dossier_code: brain for brain in brains}


def check(container, clean: list[dict]) -> tuple[dict[str, Any], list[dict]]:
    """The imported dossiers the rows update (code → object), and the errors
    of rows whose code belongs to live work or whose id is taken.

    One catalog query for all of ``clean`` (a batch), not one per row.
    """
    existing = _existing(container, [values["code"] for values in clean])
    objects: dict[str, Any] = {}
    errors: list[dict] = []
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
    return objects, errors


def write(
    container, clean: list[dict], objects: dict[str, Any], writer: Writer
) -> dict[str, list[str]]:
    """Create or update the dossiers of ``clean`` (checked by :func:`check`)."""
    result: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    with api.env.adopt_roles(["Manager"]):
        for values in clean:
            code = values["code"]
            obj = objects.get(code)
            if obj is None:
                writer.create(container, values)
                result["created"].append(code)
                continue
            current = dossier_values(obj)
            if all(current[name] == values[name] for name in COMPARED):
                result["unchanged"].append(code)
                continue
            writer.update(obj, values, current)
            result["updated"].append(code)
    # Catalog the batch now, with what its dossiers share computed once (the
    # procedures, the security of each state, the type's MIME type), as the
    # commit would have.
    with sharing():
        processQueue()
    return result


def import_dossiers(container, rows: list[Row]) -> dict[str, list[str]]:
    """Create or update the dossiers of ``rows`` in ``container``, all or nothing.

    Dossiers are matched by ``code`` (catalog index ``dossier_code``); new
    ones get the id ``dossier_id(code)``.  A dossier whose imported values
    equal the row's is not touched.  A code that belongs to a dossier
    received on this system (not imported) is an error: the import never
    overwrites live work.

    Returns ``{"created": [codes], "updated": [codes], "unchanged": [codes]}``
    in file order.  Raises :class:`DossierImportError` before writing anything
    when a row is invalid; any other error rolls the writes back.  Files too
    large for one transaction go through
    :func:`~luanthanh.policy.exchange.dossiers.batches.import_in_batches`.
    """
    clean, errors = validate(rows)
    objects, conflicts = check(container, clean)
    errors += conflicts
    if errors:
        raise DossierImportError(errors)
    processQueue()
    savepoint = transaction.savepoint(optimistic=True)
    try:
        return write(container, clean, objects, Writer())
    except Exception:
        savepoint.rollback()
        getQueue().setState([])
        raise
