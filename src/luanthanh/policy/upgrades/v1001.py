"""1000 → 1001: the procedure catalogue.

Adds the Procedure and ProcedureFolder types, their indexes, the Vietnamese
full-text folding, and turns the ``thu-tuc-hanh-chinh`` folder into a
ProcedureFolder (its content is kept).
"""

from luanthanh.policy.content.procedure import ProcedureFolder
from luanthanh.policy.setuphandlers.catalog import reindex_new_indexes
from luanthanh.policy.setuphandlers.catalog import use_vietnamese_lexicon
from luanthanh.policy.setuphandlers.convert import convert_folder
from plone import api
from Products.CMFCore.indexing import processQueue


PROFILE = "profile-luanthanh.policy:default"
SECTION = "thu-tuc-hanh-chinh"


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
        convert_folder(portal, SECTION, ProcedureFolder, "ProcedureFolder")
    processQueue()
    reindex_new_indexes()
