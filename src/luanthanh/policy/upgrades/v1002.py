"""1001 → 1002: dossiers and the one-stop workflow.

Adds the Dossier and DossierFolder types, the workflow, the officials' roles
and groups, the dossier indexes and settings, and turns the ``ho-so`` folder
into a DossierFolder (its content is kept).
"""

from luanthanh.policy.content.dossier import DossierFolder
from luanthanh.policy.setuphandlers.convert import convert_folder
from luanthanh.policy.setuphandlers.site import create_groups
from luanthanh.policy.upgrades.steps import reindex
from luanthanh.policy.upgrades.steps import run_profile_steps
from plone import api
from zope.annotation.interfaces import IAnnotations


SECTION = "ho-so"


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool)
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
    reindex()
