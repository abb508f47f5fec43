"""1010 → 1011: an access log that cannot be bypassed (issue #14).

The access logs are the administrator's alone: "luanthanh.policy: View audit
log" for Manager and Site Administrator, no longer DossierApprover.  The
retention of the logs, ``luanthanh.policy.dossier.access_log_retention_days``
(5 years).  Existing logs keep their entries, stored as 4-tuples
``(userid, action, target, address)``: the log reads them as GET requests,
beside the new 6-tuples that add the method and the status; nothing to
migrate.  They are trimmed by age from now on, never by count.
"""

from luanthanh.policy.upgrades.steps import run_profile_steps


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("rolemap", "plone.app.registry"))
