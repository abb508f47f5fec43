"""Upgrade 1003 → 1004: the public site on a site of the previous release."""

from luanthanh.policy.content.legal_document import LegalDocumentFolder
from luanthanh.policy.interfaces import INoticesFolder
from plone import api
from plone.base.interfaces.syndication import IFeedSettings
from zope.interface import noLongerProvides

import pytest


PROFILE = "luanthanh.policy:default"
INDEXES = ("document_number", "document_type", "document_year", "issued_date")


@pytest.fixture
def site_at_1003(portal, setup_tool):
    """Make the test site look like one installed at profile version 1003."""
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(portal["van-ban"])
        folder = api.content.create(
            container=portal, type="Folder", id="van-ban", title="Văn bản chỉ đạo"
        )
        api.content.transition(folder, to_state="published")
        folder.setLayout("listing_view")
        api.content.create(
            container=folder,
            type="File",
            id="quyet-dinh-01",
            title="Quyết định số 01/QĐ-UBND",
        )
        portal.moveObjectToPosition("van-ban", 4)
    catalog = api.portal.get_tool("portal_catalog")
    for index in INDEXES:
        catalog.delIndex(index)
    catalog.delColumn("document_number")
    types = api.portal.get_tool("portal_types")
    types.manage_delObjects(["LegalDocument", "LegalDocumentFolder"])
    notices = portal["thong-bao"]
    noLongerProvides(notices, INoticesFolder)
    IFeedSettings(notices).enabled = False
    notices.setLayout("listing_view")
    portal.setLayout("document_view")
    registry_key = "luanthanh.policy.site.popular_procedures"
    api.portal.get_tool("portal_registry").records.__delitem__(registry_key)
    setup_tool.setLastVersionForProfile(PROFILE, "1003")
    return portal


def test_upgrade_is_pending(site_at_1003, setup_tool):
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1004",)


def test_section_converted_in_place(site_at_1003, setup_tool):
    uid = api.content.get_uuid(site_at_1003["van-ban"])
    setup_tool.upgradeProfile(PROFILE)
    section = site_at_1003["van-ban"]
    assert section.portal_type == "LegalDocumentFolder"
    assert isinstance(section.aq_base, LegalDocumentFolder)
    assert api.content.get_uuid(section) == uid
    assert api.content.get_state(section) == "published"
    assert section.objectIds() == ["quyet-dinh-01"]
    assert section.getLayout() == "danh-sach-van-ban"
    assert api.content.find(UID=uid)[0].portal_type == "LegalDocumentFolder"
    assert site_at_1003.objectIds().index("van-ban") == 4
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )


def test_types_indexes_and_settings(site_at_1003, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    types = api.portal.get_tool("portal_types")
    assert {"LegalDocument", "LegalDocumentFolder"} <= set(types.objectIds())
    catalog = api.portal.get_tool("portal_catalog")
    assert set(INDEXES) <= set(catalog.indexes())
    assert "document_number" in catalog.schema()
    assert (
        api.portal.get_registry_record("luanthanh.policy.site.popular_procedures")[0]
        == "1.001193"
    )
    notices = site_at_1003["thong-bao"]
    assert INoticesFolder.providedBy(notices)
    assert IFeedSettings(notices).enabled
    assert notices.getLayout() == "thong-bao"
    assert site_at_1003.getLayout() == "trang-chu"
    assert site_at_1003["gioi-thieu"].getLayout() == "gioi-thieu"


def test_documents_can_be_added_and_found_after_upgrade(site_at_1003, setup_tool):
    from luanthanh.policy.testing.builders import make_document

    setup_tool.upgradeProfile(PROFILE)
    make_document(site_at_1003)
    brains = api.content.find(document_type="quyet-dinh", document_year=2025)
    assert [b.document_number for b in brains] == ["15/QĐ-UBND"]


def test_upgrade_twice_changes_nothing(site_at_1003, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    from luanthanh.policy.upgrades.v1004 import upgrade

    upgrade(setup_tool)
    section = site_at_1003["van-ban"]
    assert section.portal_type == "LegalDocumentFolder"
    assert section.objectIds() == ["quyet-dinh-01"]
