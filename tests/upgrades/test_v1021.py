"""Upgrade 1020 → 1021: the dossier catalog drops the indexes nobody queries
and keeps a value's lone record as an int."""

from Acquisition import aq_base
from DateTime import DateTime
from luanthanh.policy.catalog_internals import LoneRowsFieldIndex
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers.catalog_tool import DROPPED_INDEXES
from luanthanh.policy.dossiers.catalog_tool import INDEXES
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.upgrades.v1021 import upgrade
from Products.CMFCore.indexing import processQueue
from Products.PluginIndexes.DateIndex.DateIndex import DateIndex
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from types import SimpleNamespace


PROFILE = "luanthanh.policy:default"


def test_upgrade_drops_the_unused_indexes(portal, setup_tool, procedure):
    dossier = make_dossier(portal, procedure)
    processQueue()
    catalog = dossier_catalog.catalog()
    # The catalog of 1020.
    catalog.addIndex("getId", "FieldIndex")
    catalog.addIndex("id", "FieldIndex")
    catalog.addIndex("sortable_title", "FieldIndex")
    catalog.addIndex(
        "effectiveRange",
        "DateRangeIndex",
        SimpleNamespace(since_field="effective", until_field="expires"),
    )
    assert set(DROPPED_INDEXES) <= set(catalog.indexes())
    code_index = aq_base(catalog._catalog.getIndex("dossier_code"))
    code_index.__class__ = FieldIndex
    setup_tool.setLastVersionForProfile(PROFILE, "1020")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1021",)

    setup_tool.upgradeProfile(PROFILE)

    assert not set(DROPPED_INDEXES) & set(catalog.indexes())
    assert set(catalog.indexes()) == set(INDEXES)
    assert type(code_index) is LoneRowsFieldIndex
    assert type(aq_base(catalog._catalog.getIndex("created"))) is DateIndex
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # The dossier is still found, by path and by the ids' metadata, and a
    # query naming a dropped index (CMFPlone adds effectiveRange for users
    # without "Access inactive portal content") is answered.
    path = "/".join(dossier.getPhysicalPath())
    [brain] = dossier_catalog.find_unrestricted(path=path)
    assert brain.getId == dossier.getId()
    assert (
        len(dossier_catalog.find_unrestricted(path=path, effectiveRange=DateTime()))
        == 1
    )
    # Idempotent.
    upgrade(setup_tool)
    assert set(catalog.indexes()) == set(INDEXES)
