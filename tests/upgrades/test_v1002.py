"""Upgrade 1001 → 1002: the dossier section, workflow, roles and groups."""

from luanthanh.policy.content.dossier import DossierFolder
from plone import api

import pytest


PROFILE = "luanthanh.policy:default"


@pytest.fixture
def site_at_1001(portal, setup_tool):
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(portal["ho-so"])
        folder = api.content.create(
            container=portal, type="Folder", id="ho-so", title="Hồ sơ"
        )
        api.content.create(
            container=folder, type="Document", id="ghi-chu", title="Ghi chú"
        )
        for group in ("mot-cua", "chuyen-vien", "lanh-dao"):
            api.group.delete(groupname=group)
    setup_tool.setLastVersionForProfile(PROFILE, "1001")
    return portal


def test_upgrade(site_at_1001, setup_tool):
    uid = api.content.get_uuid(site_at_1001["ho-so"])
    dests = [int(s["dest"][0]) for s in setup_tool.listUpgrades(PROFILE)]
    assert dests == list(range(1002, int(setup_tool.getVersionForProfile(PROFILE)) + 1))
    setup_tool.upgradeProfile(PROFILE)
    section = site_at_1001["ho-so"]
    assert section.portal_type == "DossierFolder"
    assert isinstance(section.aq_base, DossierFolder)
    assert api.content.get_uuid(section) == uid
    assert "ghi-chu" in section.objectIds()
    assert section.getOrdering().__class__.__name__ == "UnorderedOrdering"
    assert api.content.get_state(section) == "internal"
    from AccessControl.users import nobody

    assert not nobody.has_permission("View", section)
    for group, role in (
        ("mot-cua", "DossierReceiver"),
        ("chuyen-vien", "DossierProcessor"),
        ("lanh-dao", "DossierApprover"),
    ):
        assert role in api.group.get_roles(groupname=group)
    assert "dossier_code" in api.portal.get_tool("portal_catalog").indexes()
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )


def test_upgrade_twice_is_harmless(site_at_1001, setup_tool):
    from luanthanh.policy.upgrades.v1002 import upgrade

    setup_tool.upgradeProfile(PROFILE)
    upgrade(setup_tool)
    assert site_at_1001["ho-so"].portal_type == "DossierFolder"
