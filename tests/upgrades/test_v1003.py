"""Upgrade 1002 → 1003: the indexes of online submission and ratings."""

from plone import api


PROFILE = "luanthanh.policy:default"


def test_upgrade_adds_indexes(portal, setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("submission_token")
    catalog.delIndex("rating")
    portal["tra-cuu-ho-so"].setLayout("listing_view")
    portal["nop-ho-so"].setLayout("listing_view")
    setup_tool.setLastVersionForProfile(PROFILE, "1002")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1003",)
    setup_tool.upgradeProfile(PROFILE)
    assert {"submission_token", "rating"} <= set(catalog.indexes())
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    assert portal["tra-cuu-ho-so"].getLayout() == "tra-cuu-ho-so"
    assert portal["nop-ho-so"].getLayout() == "nop-ho-so"
