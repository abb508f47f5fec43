"""Upgrade 1004 → 1005: the permission of the historic dossier import."""

PROFILE = "luanthanh.policy:default"
PERMISSION = "luanthanh.policy: Import dossiers"


def roles(portal) -> set[str]:
    return {
        role["name"]
        for role in portal.rolesOfPermission(PERMISSION)
        if role["selected"]
    }


def test_upgrade_grants_import_permission(portal, setup_tool):
    assert roles(portal) == {"Manager", "Site Administrator"}
    portal.manage_permission(PERMISSION, roles=["Manager"], acquire=True)
    assert roles(portal) == {"Manager"}
    setup_tool.setLastVersionForProfile(PROFILE, "1004")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1005",)
    setup_tool.upgradeProfile(PROFILE)
    assert roles(portal) == {"Manager", "Site Administrator"}
    assert not portal.acquiredRolesAreUsedBy(PERMISSION)
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
