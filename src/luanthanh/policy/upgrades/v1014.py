"""1013 → 1014: the Site Administrator no longer handles or sees dossiers
(issue #14).

The rolemap takes the Site Administrator out of "Add Dossier", "Receive
dossiers", "Process dossiers", "Approve dossiers" and "Use the officials'
workspace"; the dossier workflow gives them no permission in any state, and
the tracking book's workflow no longer lets them add dossiers.  Existing
dossiers and their files get the new role mappings, and their security is
reindexed in the dossier catalog, so that no listing finds them for a Site
Administrator.  A Site Administrator who is also an official keeps what the
official role gives.
"""

from luanthanh.policy.upgrades.steps import run_profile_steps
from plone import api


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("rolemap", "workflow"))
    # Walks the site; each object whose mappings change has its security
    # reindexed (dossiers in the dossier catalog, through its processor).
    api.portal.get_tool("portal_workflow").updateRoleMappings()
