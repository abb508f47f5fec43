"""1010 → 1011: an access log that cannot be bypassed (issue #14).

The access logs are the administrator's alone: "luanthanh.policy: View audit
log" for Manager and Site Administrator, no longer DossierApprover.  The
retention of the logs, ``luanthanh.policy.dossier.access_log_retention_days``
(5 years).  Existing logs keep their entries, stored as 4-tuples
``(userid, action, target, address)``: the log reads them as GET requests,
beside the new 6-tuples that add the method and the status; nothing to
migrate.  They are trimmed by age from now on, never by count.  The
site-wide log of bulk reads is created here (a new site creates it on its
first bulk read), so that the first searches do not all write the site's
annotations at once.
"""

from luanthanh.policy.security.bulk import bulk_log
from luanthanh.policy.upgrades.steps import run_profile_steps
from plone import api


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("rolemap", "plone.app.registry"))
    bulk_log(api.portal.get(), create=True)
