"""1006 → 1007: security.

The login throttle (PAS plugin ``luanthanh_login_throttle``, first among the
authenticators) and its registry settings ``luanthanh.policy.login.*``; the
permission "luanthanh.policy: View audit log" (Manager, Site Administrator,
DossierApprover).  Access logs of dossiers start empty and fill as officials
read dossiers; nothing to migrate.
"""

from luanthanh.policy.security import login
from plone import api


PROFILE = "profile-luanthanh.policy:default"


def upgrade(setup_tool) -> None:
    for step in ("rolemap", "plone.app.registry"):
        setup_tool.runImportStepFromProfile(PROFILE, step)
    login.install(api.portal.get())
