"""Upgrade 1014 → 1015: the dossier catalog's full text becomes mergeable,
its data kept."""

from luanthanh.policy.catalog_internals import MergeableOkapiIndex
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.upgrades.v1015 import upgrade
from Products.CMFCore.indexing import processQueue
from Products.ZCTextIndex.OkapiIndex import OkapiIndex


PROFILE = "luanthanh.policy:default"


def _text_index():
    return dossier_catalog.catalog()._catalog.getIndex("SearchableText")


def _found(text: str) -> set:
    return {b.getId for b in dossier_catalog.find_unrestricted(SearchableText=text)}


def test_upgrade_keeps_the_words_and_merges(portal, setup_tool, dossier):
    processQueue()
    # Back to 1014: the stock Okapi index, its words in dicts.
    text_index = _text_index()
    stock = OkapiIndex(text_index.index._lexicon)
    stock.__setstate__(text_index.index.__getstate__())
    stock._wordinfo.update(
        {wid: dict(docs.items()) for wid, docs in stock._wordinfo.items()}
    )
    text_index.index, text_index._index_factory = stock, OkapiIndex
    assert _found("Nguyễn Văn An") == {dossier.getId()}
    setup_tool.setLastVersionForProfile(PROFILE, "1014")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1015",)

    setup_tool.upgradeProfile(PROFILE)

    okapi = _text_index().index
    assert isinstance(okapi, MergeableOkapiIndex)
    assert not any(isinstance(docs, dict) for docs in okapi._wordinfo.values())
    assert _found("Nguyễn Văn An") == {dossier.getId()}  # nothing reindexed
    assert _found(dossier.code) == {dossier.getId()}
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    upgrade(setup_tool)  # idempotent
    assert _text_index().index is okapi
