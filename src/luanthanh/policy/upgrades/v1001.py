"""1000 → 1001: the procedure catalogue.

Adds the Procedure and ProcedureFolder types, their indexes, the Vietnamese
full-text folding, and turns the ``thu-tuc-hanh-chinh`` folder into a
ProcedureFolder (its content is kept).
"""

from luanthanh.policy import logger
from luanthanh.policy.content.procedure import ProcedureFolder
from luanthanh.policy.setuphandlers.catalog import reindex_new_indexes
from luanthanh.policy.setuphandlers.catalog import use_vietnamese_lexicon
from plone import api
from Products.CMFCore.indexing import processQueue


PROFILE = "profile-luanthanh.policy:default"
SECTION = "thu-tuc-hanh-chinh"


def convert_to_procedure_folder(container, obj_id: str) -> None:
    """Turn a plain Folder into a ProcedureFolder in place.

    The object keeps its id, UID, children, workflow state and history; only
    its class and portal_type change.  The parent's reference is written again
    so that ZODB records the new class.
    """
    obj = container[obj_id]
    if obj.portal_type == "ProcedureFolder":
        return
    obj = obj.aq_base
    obj.__class__ = ProcedureFolder
    obj.portal_type = "ProcedureFolder"
    obj._p_changed = True
    container._tree[obj_id] = obj  # rewrite the reference with the new class
    container._p_changed = True
    container[obj_id].reindexObject()
    logger.info("Converted %s into a ProcedureFolder", obj_id)


def upgrade(setup_tool) -> None:
    setup_tool.runAllImportStepsFromProfile(
        "profile-collective.z3cform.datagridfield:default"
    )
    for step in (
        "rolemap",
        "typeinfo",
        "workflow",
        "catalog",
        "plone.app.registry",
        "controlpanel",
    ):
        setup_tool.runImportStepFromProfile(PROFILE, step)
    use_vietnamese_lexicon()
    portal = api.portal.get()
    if SECTION in portal.objectIds():
        convert_to_procedure_folder(portal, SECTION)
    processQueue()
    reindex_new_indexes()
