"""1006 → 1007: security.

The login throttle (PAS plugin ``luanthanh_login_throttle``, first among the
authenticators) and its registry settings ``luanthanh.policy.login.*``; the
permission "luanthanh.policy: View audit log" (Manager, Site Administrator,
DossierApprover).  Access logs of dossiers start empty and fill as officials
read dossiers; nothing to migrate.
"""

from luanthanh.policy.security import login
from luanthanh.policy.upgrades.steps import run_profile_steps
from plone import api


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("rolemap", "plone.app.registry"))
    login.install(api.portal.get())
