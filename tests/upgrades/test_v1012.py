"""Upgrade 1011 → 1012: the site address for mail links."""

from luanthanh.policy.upgrades.v1012 import upgrade
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "luanthanh.policy:default"
RECORD = "luanthanh.policy.site.public_url"


def test_upgrade_adds_the_site_address(portal, setup_tool):
    registry = getUtility(IRegistry)
    registry["luanthanh.policy.site.hotline"] = "0237 3 888 999"
    del registry.records[RECORD]  # back to 1011: no such record
    assert RECORD not in registry.records
    setup_tool.setLastVersionForProfile(PROFILE, "1011")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1012",)

    setup_tool.upgradeProfile(PROFILE)

    assert registry[RECORD] == ""
    assert registry["luanthanh.policy.site.hotline"] == "0237 3 888 999"  # kept
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent, and a configured address is kept.
    registry[RECORD] = "https://motcua.example.vn"
    upgrade(setup_tool)
    assert registry[RECORD] == "https://motcua.example.vn"
