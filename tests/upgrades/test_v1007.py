"""Upgrade 1006 → 1007: the login throttle, its settings, the audit permission."""

from luanthanh.policy.security.login import PLUGIN_ID
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin


PROFILE = "luanthanh.policy:default"
PERMISSION = "luanthanh.policy: View audit log"


def _roles(portal) -> set:
    return {r["name"] for r in portal.rolesOfPermission(PERMISSION) if r["selected"]}


def test_upgrade_installs_throttle_and_permission(portal, setup_tool):
    # Back to the 1006 state: no plugin, no records, the permission unset.
    pas = portal.acl_users
    pas.plugins.removePluginById(PLUGIN_ID)
    pas._delObject(PLUGIN_ID)
    registry = portal.portal_registry
    for name in ("max_failures", "window_minutes"):
        del registry.records[f"luanthanh.policy.login.{name}"]
    portal.manage_permission(PERMISSION, roles=[], acquire=True)
    assert "DossierApprover" not in _roles(portal)
    setup_tool.setLastVersionForProfile(PROFILE, "1006")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1007",)

    setup_tool.upgradeProfile(PROFILE)

    assert PLUGIN_ID in pas.objectIds()
    assert pas.plugins.listPluginIds(IAuthenticationPlugin)[0] == PLUGIN_ID
    assert api.portal.get_registry_record("luanthanh.policy.login.max_failures") == 5
    assert api.portal.get_registry_record("luanthanh.policy.login.window_minutes") == 15
    # The chain goes on to 1011, which keeps the logs for the administrator.
    assert {"Manager", "Site Administrator"} <= _roles(portal)
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent: a second run changes nothing.
    from luanthanh.policy.upgrades.v1007 import upgrade

    upgrade(setup_tool)
    assert pas.plugins.listPluginIds(IAuthenticationPlugin).count(PLUGIN_ID) == 1
