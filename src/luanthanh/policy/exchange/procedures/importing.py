"""Writing procedures from checked rows: create or update by code, all or nothing.

Procedures are matched by ``code`` (catalog index ``procedure_code``),
wherever they are; a procedure whose values already equal the row's is not
touched at all.
"""

from luanthanh.policy.config import PROCEDURE_FOLDER_ID
from luanthanh.policy.content.procedure import find_by_code
from luanthanh.policy.content.procedure import IProcedureFolder
from luanthanh.policy.dossiers.relations import relation_to
from luanthanh.policy.exchange.procedures.rows import ImportValidationError
from luanthanh.policy.exchange.procedures.rows import invalid_file
from luanthanh.policy.exchange.procedures.rows import LINKS_COLUMN
from luanthanh.policy.exchange.procedures.rows import Row
from luanthanh.policy.exchange.procedures.validation import validate
from luanthanh.policy.exchange.procedures.values import changes
from luanthanh.policy.exchange.procedures.values import field_value
from luanthanh.policy.i18n import _
from plone import api
from plone.i18n.normalizer.interfaces import IURLNormalizer
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from typing import Any
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.interface import Interface
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import transaction


def _relations(codes: list[str], by_code: dict[str, Any]) -> list[RelationValue]:
    intids = getUtility(IIntIds)
    relations = []
    for code in codes:
        target = by_code.get(code)
        if target is None:
            target = find_by_code(code)[0]._unrestrictedGetObject()
        relations.append(relation_to(target, intids))
    return relations


def _new_id(container, title: str) -> str:
    """A free id in ``container`` from the title (``dang-ky-khai-sinh``)."""
    base = getUtility(IURLNormalizer).normalize(title) or "thu-tuc"
    name, number = base, 0
    while name in container:
        number += 1
        name = f"{base}-{number}"
    return name


def import_procedures(
    container, rows: list[Row], publish: bool = False
) -> dict[str, list[str]]:
    """Create or update the procedures of ``rows``, all or nothing.

    Procedures are matched by ``code`` (catalog index ``procedure_code``),
    wherever they are; new ones are created in ``container`` (a
    ProcedureFolder) and stay private unless ``publish`` is true. A procedure
    whose values already equal the row's is not touched at all. ``interlinked``
    codes are resolved after every row is written.

    Returns ``{"created": [codes], "updated": [codes], "unchanged": [codes]}``
    in file order. Raises :class:`ImportValidationError` before writing
    anything when a row is invalid; any other error rolls the writes back.
    """
    portal = api.portal.get()
    clean, errors = validate(rows, portal)
    if errors:
        raise ImportValidationError(errors)
    result: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    # Flush pending catalog work first: the savepoint then holds a catalog that
    # agrees with the content, and a rollback can simply empty the queue.
    processQueue()
    savepoint = transaction.savepoint(optimistic=True)
    try:
        by_code: dict[str, Any] = {}
        touched: dict[str, list[str]] = {}
        linked: list[tuple[Any, list[str]]] = []
        for values in clean:
            code = values["code"]
            fields = {
                name: value
                for name, value in values.items()
                if not name.startswith("_") and name != LINKS_COLUMN
            }
            brains = find_by_code(code)
            if brains:
                obj = brains[0]._unrestrictedGetObject()
                changed = changes(obj, values)
                by_code[code] = obj
                if not changed:
                    result["unchanged"].append(code)
                    continue
                for name in changed:
                    if name != LINKS_COLUMN:
                        setattr(obj, name, field_value(name, fields[name]))
                touched[code] = changed
                result["updated"].append(code)
            else:
                obj = api.content.create(
                    container=container,
                    type="Procedure",
                    id=_new_id(container, fields["title"]),
                    **{name: field_value(name, v) for name, v in fields.items()},
                )
                by_code[code] = obj
                result["created"].append(code)
                if publish:
                    api.content.transition(obj=obj, to_state="published")
                changed = [LINKS_COLUMN] if values.get(LINKS_COLUMN) else []
                if changed:
                    touched[code] = changed
            if LINKS_COLUMN in changed:
                linked.append((obj, values[LINKS_COLUMN]))
        for obj, codes in linked:
            obj.interlinked = _relations(codes, by_code)
        for code, names in touched.items():
            obj = by_code[code]
            notify(ObjectModifiedEvent(obj, Attributes(Interface, *names)))
            obj.reindexObject()
    except Exception:
        savepoint.rollback()
        getQueue().setState([])
        raise
    return result


def import_container(context):
    """Where new procedures go: the ProcedureFolder ``context``, or the site's
    ``thu-tuc-hanh-chinh`` when ``context`` is the site; None when missing."""
    if IProcedureFolder.providedBy(context):
        return context
    folder = api.portal.get().get(PROCEDURE_FOLDER_ID)
    return folder if IProcedureFolder.providedBy(folder) else None


def no_container_error() -> ImportValidationError:
    """The error when the site has no procedure catalogue to import into."""
    return invalid_file(
        _(
            "import_error_no_folder",
            default="Trang chưa có danh mục thủ tục hành chính "
            "(thu-tuc-hanh-chinh) để nhập vào.",
        )
    )
