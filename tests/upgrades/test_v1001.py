"""Upgrade 1000 → 1001: a site of the foundation release gets the catalogue."""

from luanthanh.policy.content.procedure import ProcedureFolder
from luanthanh.policy.indexers.textfolding import VietnameseNormalizer
from luanthanh.policy.setuphandlers.catalog import restore_plone_lexicon
from plone import api

import pytest


PROFILE = "luanthanh.policy:default"


@pytest.fixture
def site_at_1000(portal, setup_tool):
    """Make the test site look like one installed at profile version 1000."""
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(portal["thu-tuc-hanh-chinh"])
        folder = api.content.create(
            container=portal,
            type="Folder",
            id="thu-tuc-hanh-chinh",
            title="Thủ tục hành chính",
        )
        api.content.transition(folder, to_state="published")
        api.content.create(
            container=folder, type="Document", id="huong-dan", title="Hướng dẫn"
        )
    restore_plone_lexicon()
    setup_tool.setLastVersionForProfile(PROFILE, "1000")
    return portal


def _run_upgrades(setup_tool):
    setup_tool.upgradeProfile(PROFILE)


def test_upgrade_is_pending(site_at_1000, setup_tool):
    steps = setup_tool.listUpgrades(PROFILE)
    dests = [int(s["dest"][0]) for s in steps]
    assert dests == list(range(1001, int(setup_tool.getVersionForProfile(PROFILE)) + 1))


def test_section_converted_in_place(site_at_1000, setup_tool):
    uid = api.content.get_uuid(site_at_1000["thu-tuc-hanh-chinh"])
    _run_upgrades(setup_tool)
    section = site_at_1000["thu-tuc-hanh-chinh"]
    assert section.portal_type == "ProcedureFolder"
    assert isinstance(section.aq_base, ProcedureFolder)
    assert api.content.get_uuid(section) == uid
    assert api.content.get_state(section) == "published"
    assert "huong-dan" in section.objectIds()
    brain = api.content.find(UID=uid)[0]
    assert brain.portal_type == "ProcedureFolder"
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )


def test_lexicon_folds_vietnamese_after_upgrade(site_at_1000, setup_tool):
    _run_upgrades(setup_tool)
    lexicon = api.portal.get_tool("portal_catalog")["plone_lexicon"]
    assert any(isinstance(e, VietnameseNormalizer) for e in lexicon._pipeline)
    # Existing content was reindexed with the new folding.
    assert api.content.find(SearchableText="huong dan")


def test_upgrade_twice_changes_nothing(site_at_1000, setup_tool):
    _run_upgrades(setup_tool)
    section = site_at_1000["thu-tuc-hanh-chinh"]
    from luanthanh.policy.upgrades.v1001 import upgrade

    upgrade(setup_tool)
    assert site_at_1000["thu-tuc-hanh-chinh"] is not None
    assert section.objectIds() == ["huong-dan"]
