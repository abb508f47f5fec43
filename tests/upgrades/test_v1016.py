"""Upgrade 1015 → 1016: plone.app.caching installed and switched on."""

from luanthanh.policy.upgrades.v1016 import upgrade
from plone import api


PROFILE = "luanthanh.policy:default"
CACHING = "plone.app.caching:default"
ENABLED = "plone.caching.interfaces.ICacheSettings.enabled"
MAPPING = "plone.caching.interfaces.ICacheSettings.operationMapping"


def test_upgrade_switches_caching_on(portal, setup_tool):
    # Back to the 1015 state: plone.app.caching never installed, off.
    api.portal.set_registry_record(ENABLED, False)
    api.portal.set_registry_record(MAPPING, {})
    setup_tool.unsetLastVersionForProfile(CACHING)
    setup_tool.setLastVersionForProfile(PROFILE, "1015")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1016",)

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(CACHING) != "unknown"
    assert api.portal.get_registry_record(ENABLED) is True
    mapping = api.portal.get_registry_record(MAPPING)
    assert mapping["luanthanh.policy.private"] == "luanthanh.policy.noStore"
    assert mapping["plone.content.itemView"] == "plone.app.caching.moderateCaching"
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent.
    upgrade(setup_tool)
    assert api.portal.get_registry_record(MAPPING) == mapping
