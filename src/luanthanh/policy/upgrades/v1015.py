"""1014 → 1015: cheap pages (issue #15), plone.app.caching installed and on.

plone.app.caching's own profile (its registry records and control panel),
if the site does not have it yet, then our registry (``registry/caching.xml``:
the rules, the private ruleset, the purged types).
"""

from luanthanh.policy.upgrades.steps import run_profile_steps


CACHING = "plone.app.caching:default"


def upgrade(setup_tool) -> None:
    if setup_tool.getLastVersionForProfile(CACHING) == "unknown":
        setup_tool.runAllImportStepsFromProfile(f"profile-{CACHING}")
    run_profile_steps(setup_tool, ("plone.app.registry",))
