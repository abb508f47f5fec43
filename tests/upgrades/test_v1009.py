"""Upgrade 1008 → 1009: dossiers move to a catalog of their own (2,000 of them)."""

from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers import catalog_move
from luanthanh.policy.dossiers import catalog_tool
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.bulk import bulk_dossiers
from luanthanh.policy.testing.bulk import id_number_of
from luanthanh.policy.testing.bulk import phone_of
from luanthanh.policy.upgrades.v1009 import upgrade
from plone import api
from Products.CMFCore.indexing import processQueue
from unittest import mock

import pytest


PROFILE = "luanthanh.policy:default"
COUNT = 2000
OLD_WORD = "0912345678"


def as_in_1008(portal) -> None:
    """No dossier catalog, no processor of ours: dossiers in portal_catalog."""
    processQueue()
    catalog_tool.uninstall(portal)
    portal._delObject(catalog_tool.TOOL_ID)


def portal_catalog_paths(**query) -> set[str]:
    catalog = api.portal.get_tool("portal_catalog")
    return {b.getPath() for b in catalog.unrestrictedSearchResults(**query)}


@pytest.fixture
def old_site(portal, procedure):
    """A 1008 site: 2,000 dossiers and one with an attachment, in portal_catalog."""
    dossier = make_dossier(portal, procedure)
    attached = attach_file(dossier, "don.pdf", "Đơn", b"%PDF-1.4 x", "application/pdf")
    processQueue()
    as_in_1008(portal)
    portal_catalog = api.portal.get_tool("portal_catalog")
    for obj in (dossier, attached):
        portal_catalog.catalog_object(obj, "/".join(obj.getPhysicalPath()))
    with api.env.adopt_roles(["Manager"]):
        bulk_dossiers(portal, COUNT, portal_catalog)
    assert len(portal_catalog_paths(portal_type="Dossier")) == COUNT + 1
    # Before 1009 the dossiers' SearchableText held the phone in clear.
    portal_catalog["plone_lexicon"].sourceToWordIds(OLD_WORD)
    assert OLD_WORD in set(portal_catalog["plone_lexicon"].words())
    return {"dossier": dossier, "attached": attached}


def test_upgrade_moves_2000_dossiers(portal, setup_tool, old_site, procedure):
    setup_tool.setLastVersionForProfile(PROFILE, "1008")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1009",)
    with mock.patch.object(
        catalog_move, "_batch_done", wraps=catalog_move._batch_done
    ) as batches:
        setup_tool.upgradeProfile(PROFILE, dest="1009")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1009",)
    # In batches, each followed by a savepoint.
    assert batches.call_count == (COUNT + 2) // catalog_move.BATCH_SIZE + 1

    assert portal_catalog_paths(portal_type="Dossier") == set()
    assert (
        portal_catalog_paths(portal_type="File")
        & {"/".join(old_site["attached"].getPhysicalPath())}
        == set()
    )
    assert dossier_catalog.misplaced() == []
    # portal_catalog's lexicon forgot the applicants' words (the phone that
    # SearchableText held before 1009), and kept the public content's.
    words = set(api.portal.get_tool("portal_catalog")["plone_lexicon"].words())
    assert OLD_WORD not in words
    assert "tinh" in words and "trang" in words
    moved = dossier_catalog.find_unrestricted(portal_type="Dossier")
    assert len(moved) == COUNT + 1
    assert len(dossier_catalog.find_unrestricted(portal_type="File")) == 1

    # Search by phone and CCCD works through the keyed hashes.
    [brain] = dossier_catalog.find_unrestricted(SearchableText=phone_of(1234))
    assert brain.dossier_code.endswith("-01234")
    [brain] = dossier_catalog.find_unrestricted(SearchableText=id_number_of(77))
    assert brain.dossier_code.endswith("-00077")
    # Security is indexed: an official sees them through the secured search.
    with api.env.adopt_user(username="motcua"):
        assert len(dossier_catalog.find(portal_type="Dossier")) == COUNT + 1

    # New dossiers go to the dossier catalog only.
    new = make_dossier(portal, procedure)
    processQueue()
    path = "/".join(new.getPhysicalPath())
    assert [b.getPath() for b in dossier_catalog.find_unrestricted(UID=new.UID())] == [
        path
    ]
    assert dossier_catalog.misplaced() == []

    # Idempotent.
    upgrade(setup_tool)
    assert len(dossier_catalog.find_unrestricted(portal_type="Dossier")) == COUNT + 2
