"""1015 → 1016: cheap pages (issue #15), plone.app.caching installed and on.

Our profile ``luanthanh.policy:caching`` (its ``registry.xml``: the rules, the
private ruleset, the purged types), after its dependency plone.app.caching's
own profile (its registry records and control panel) if the site does not
have it yet.
"""

CACHING = "profile-luanthanh.policy:caching"


def upgrade(setup_tool) -> None:
    setup_tool.runAllImportStepsFromProfile(CACHING)
