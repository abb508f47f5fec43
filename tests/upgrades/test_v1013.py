"""Upgrade 1012 → 1013: the permission of the officials' REST search."""

from luanthanh.policy.upgrades.v1013 import upgrade


PROFILE = "luanthanh.policy:default"
SEARCH = "luanthanh.policy: Search dossiers"
OFFICIALS = {"Manager", "DossierReceiver", "DossierProcessor", "DossierApprover"}


def _roles(portal, permission) -> set:
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def test_upgrade_gives_the_search_to_officials_only(portal, setup_tool):
    # Back to the 1012 state: Zope's default for a new permission (Manager,
    # acquired), as on a site that never ran the new rolemap.
    portal.manage_permission(SEARCH, roles=["Manager"], acquire=True)
    setup_tool.setLastVersionForProfile(PROFILE, "1012")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1013",)

    setup_tool.upgradeProfile(PROFILE)

    assert _roles(portal, SEARCH) == OFFICIALS
    assert "Site Administrator" not in _roles(portal, SEARCH)
    assert not portal.permission_settings(SEARCH)[0]["acquire"]
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent.
    upgrade(setup_tool)
    assert _roles(portal, SEARCH) == OFFICIALS
