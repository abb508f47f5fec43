"""Upgrade 1009 → 1010: the registry record of the stamps' maximum age."""

from luanthanh.policy import settings
from luanthanh.policy.upgrades.v1010 import upgrade
from plone import api


PROFILE = "luanthanh.policy:default"
RECORD = "luanthanh.policy.online.stamp_max_age_hours"


def test_upgrade_adds_the_record(portal, setup_tool):
    registry = api.portal.get_tool("portal_registry")
    del registry.records[RECORD]
    assert RECORD not in registry.records
    api.portal.set_registry_record("luanthanh.policy.online.lookup_limit", 7)
    setup_tool.setLastVersionForProfile(PROFILE, "1009")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1010",)

    setup_tool.upgradeProfile(PROFILE)

    assert api.portal.get_registry_record(RECORD) == 24
    assert settings.online().stamp_max_age_hours == 24
    # The other settings keep their values.
    assert api.portal.get_registry_record("luanthanh.policy.online.lookup_limit") == 7
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent, and a changed value stays.
    api.portal.set_registry_record(RECORD, 48)
    upgrade(setup_tool)
    assert api.portal.get_registry_record(RECORD) == 48
