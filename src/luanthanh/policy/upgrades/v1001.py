"""1000 → 1001: the procedure catalogue.

Adds the Procedure and ProcedureFolder types, their indexes, the Vietnamese
full-text folding, and turns the ``thu-tuc-hanh-chinh`` folder into a
ProcedureFolder (its content is kept).
"""

from luanthanh.policy.content.procedure import ProcedureFolder
from luanthanh.policy.setuphandlers.catalog import use_vietnamese_lexicon
from luanthanh.policy.setuphandlers.convert import convert_folder
from luanthanh.policy.upgrades.steps import reindex
from luanthanh.policy.upgrades.steps import run_profile_steps
from plone import api


SECTION = "thu-tuc-hanh-chinh"


def upgrade(setup_tool) -> None:
    setup_tool.runAllImportStepsFromProfile(
        "profile-collective.z3cform.datagridfield:default"
    )
    run_profile_steps(setup_tool)
    use_vietnamese_lexicon()
    portal = api.portal.get()
    if SECTION in portal.objectIds():
        convert_folder(portal, SECTION, ProcedureFolder, "ProcedureFolder")
    reindex()
