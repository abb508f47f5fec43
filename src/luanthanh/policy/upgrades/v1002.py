"""1001 → 1002: dossiers and the one-stop workflow.

Adds the Dossier and DossierFolder types, the workflow, the officials' roles
and groups, the dossier indexes and settings, and turns the ``ho-so`` folder
into a DossierFolder (its content is kept).
"""

from luanthanh.policy.content.dossier import DossierFolder
from luanthanh.policy.setuphandlers.catalog import reindex_new_indexes
from luanthanh.policy.setuphandlers.convert import convert_folder
from luanthanh.policy.setuphandlers.site import create_groups
from plone import api
from Products.CMFCore.indexing import processQueue
from zope.annotation.interfaces import IAnnotations


PROFILE = "profile-luanthanh.policy:default"
SECTION = "ho-so"


def upgrade(setup_tool) -> None:
    for step in (
        "rolemap",
        "typeinfo",
        "workflow",
        "catalog",
        "plone.app.registry",
        "controlpanel",
    ):
        setup_tool.runImportStepFromProfile(PROFILE, step)
    portal = api.portal.get()
    if convert_folder(portal, SECTION, DossierFolder, "DossierFolder"):
        section = portal[SECTION]
        # The tracking book keeps no order: drop what the ordered folder kept.
        annotations = IAnnotations(section)
        for key in ("plone.folder.ordered.order", "plone.folder.ordered.pos"):
            annotations.pop(key, None)
        workflow_tool = api.portal.get_tool("portal_workflow")
        workflow_tool.updateRoleMappings()
    create_groups()
    processQueue()
    reindex_new_indexes()
