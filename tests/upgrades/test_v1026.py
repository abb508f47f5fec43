"""Upgrade 1025 → 1026: the indexes of fees, filled for the dossiers with a fee."""

from datetime import date
from datetime import datetime
from luanthanh.policy import api as lt_api
from luanthanh.policy.config import TZ
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers.day_keys import day_key
from luanthanh.policy.dossiers.day_keys import INDEX
from luanthanh.policy.statistics import clear_cache
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.testing.builders import dated_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.upgrades import v1026
from plone import api
from Products.CMFCore.indexing import processQueue
from tests.statistics.reference import naive_statistics


PROFILE = "luanthanh.policy:default"
JULY = (date(2025, 7, 1), date(2025, 7, 31))


def test_upgrade_adds_and_fills_the_fee_indexes(portal, setup_tool, officials):
    procedure = make_procedure(portal, fee=15000)
    # Made before 1.1: no fee, closed long ago.
    old = dated_dossier(
        portal,
        procedure,
        date(2024, 3, 1),
        outcome="withdraw",
        closed=date(2024, 3, 2),
    )
    for name in ("fee_status", "fee_due", "fee_standard", "fee_reason"):
        old.__dict__.pop(name, None)
    old.payment_history = ()
    old.fee_settled_at = None
    old.reindexObject()
    paid = dated_dossier(portal, procedure, date(2025, 7, 2))
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.record(paid, "vietqr")
    paid.paid_at = datetime(2025, 7, 3, 9, 0, tzinfo=TZ)
    # The catalog of 1025 has no settlement day: index without it.
    paid.fee_settled_at = None
    paid.reindexObject()
    processQueue()
    paid.fee_settled_at = paid.paid_at
    catalog = dossier_catalog.catalog()
    for name in v1026.NEW_INDEXES:
        catalog.delIndex(name)  # the catalog of 1025
    index = catalog._catalog.getIndex(INDEX)
    rid = catalog.getrid("/".join(paid.getPhysicalPath()))
    settled = day_key(6, date(2025, 7, 3))
    assert settled not in index.getEntryForObject(rid)
    clear_cache()
    assert compute_statistics(*JULY)["total"]["fees_collected"] == 0
    setup_tool.setLastVersionForProfile(PROFILE, "1025")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1026",)

    setup_tool.upgradeProfile(PROFILE, dest="1026")
    processQueue()

    for name in v1026.NEW_INDEXES:
        assert name in catalog.indexes()
    assert settled in index.getEntryForObject(rid)
    old_rid = catalog.getrid("/".join(old.getPhysicalPath()))
    # The old, closed dossier is not a candidate; the new one is.
    assert old_rid not in v1026.candidates(catalog)
    assert rid in v1026.candidates(catalog)
    clear_cache()
    stats = compute_statistics(*JULY)
    assert stats["total"]["fees_collected"] == 15000
    assert stats["total"]["non_cash_rate"] == 1.0
    assert stats == naive_statistics(*JULY)
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1026",)
    # Run again: nothing changes.
    v1026.upgrade(setup_tool)
    clear_cache()
    assert compute_statistics(*JULY) == stats
