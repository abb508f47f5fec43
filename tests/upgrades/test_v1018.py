"""Upgrade 1017 → 1018: the queue of new online dossiers and the token registry."""

from Acquisition import aq_base
from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree
from luanthanh.policy.content.dossier import DossierIds
from luanthanh.policy.content.dossier import DossierTypeIds
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.upgrades.v1018 import upgrade


PROFILE = "luanthanh.policy:default"


def test_upgrade_gives_the_catalog_its_queue_and_registry(portal, setup_tool):
    tool = catalog()
    # The tool of 1017.
    delattr(aq_base(tool), pending.QUEUE_ATTRIBUTE)
    delattr(aq_base(tool), pending.TOKENS_ATTRIBUTE)
    assert pending.queue(tool) is None
    assert pending.tokens(tool) is None
    setup_tool.setLastVersionForProfile(PROFILE, "1017")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1018",)

    setup_tool.upgradeProfile(PROFILE)

    assert len(pending.queue(tool)) == 0
    assert len(pending.tokens(tool)) == 0
    assert isinstance(pending.tokens(tool), pending.TokenRegistry)
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent: the structures (and what they hold) are kept.
    pending.tokens(tool)["x" * 32] = "/plone/ho-so/x"
    queue = pending.queue(tool)
    upgrade(setup_tool)
    assert pending.queue(tool) is queue
    assert pending.tokens(tool)["x" * 32] == "/plone/ho-so/x"


def test_a_new_site_has_them(portal):
    """Positive control: the profile's install creates them."""
    tool = catalog()
    assert pending.queue(tool) is not None
    assert pending.tokens(tool) is not None


def test_upgrade_converts_the_book_ids(portal, setup_tool, procedure):
    dossiers = [make_dossier(portal, procedure) for _ in range(3)]
    book = aq_base(portal["ho-so"])
    old = OOBTree()
    old.update(book._tree)
    book._tree = old  # the book of 1017
    for meta_type, ids in list(book._mt_index.items()):
        book._mt_index[meta_type] = OIBTree(ids)
    setup_tool.setLastVersionForProfile(PROFILE, "1017")

    setup_tool.upgradeProfile(PROFILE)

    assert type(book._tree) is DossierIds
    assert book._mt_index
    for ids in book._mt_index.values():
        assert type(ids) is DossierTypeIds
        assert sorted(ids.keys()) == sorted(d.getId() for d in dossiers)
    assert sorted(portal["ho-so"].objectIds()) == sorted(d.getId() for d in dossiers)
    assert portal["ho-so"][dossiers[0].getId()].code == dossiers[0].code
    tree = book._tree
    upgrade(setup_tool)
    assert book._tree is tree


def test_the_new_trees_have_larger_buckets(portal, procedure):
    """A bucket split is what makes two concurrent adds conflict."""
    dossier = make_dossier(portal, procedure)
    [ids] = aq_base(portal["ho-so"])._mt_index.values()
    assert type(ids) is DossierTypeIds
    assert list(ids.keys()) == [dossier.getId()]
    assert type(aq_base(portal["ho-so"])._tree) is DossierIds
    assert DossierTypeIds.max_leaf_size > OIBTree.max_leaf_size
    assert DossierIds.max_leaf_size > OOBTree.max_leaf_size
    assert pending.TokenRegistry.max_leaf_size > OOBTree.max_leaf_size
