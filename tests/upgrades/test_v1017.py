"""Upgrade 1016 → 1017: the dossier catalog gets and fills ``statistics_days``."""

from datetime import date
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers.day_keys import day_key
from luanthanh.policy.dossiers.day_keys import INDEX
from luanthanh.policy.dossiers.day_keys import KINDS
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.testing.builders import dated_dossier
from luanthanh.policy.upgrades.v1017 import upgrade
from Products.CMFCore.indexing import processQueue
from tests.statistics.reference import naive_statistics


PROFILE = "luanthanh.policy:default"
JULY = (date(2025, 7, 1), date(2025, 7, 31))


def test_upgrade_adds_and_fills_the_day_index(portal, setup_tool, procedure):
    dossier = dated_dossier(
        portal,
        procedure,
        date(2025, 7, 5),
        outcome="approve",
        closed=date(2025, 7, 10),
        timeliness="on_time",
    )
    pending = dated_dossier(portal, procedure, date(2025, 6, 28), due=date(2025, 7, 2))
    processQueue()
    catalog = dossier_catalog.catalog()
    catalog.delIndex(INDEX)  # the catalog of 1016
    assert INDEX not in catalog.indexes()
    # Without the index the statistics still answer, from the DateIndexes.
    before = compute_statistics(*JULY)
    assert before == naive_statistics(*JULY)
    setup_tool.setLastVersionForProfile(PROFILE, "1016")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1017",)

    setup_tool.upgradeProfile(PROFILE)
    processQueue()

    assert INDEX in catalog.indexes()
    index = catalog._catalog.getIndex(INDEX)
    for obj, key in (
        (dossier, day_key(KINDS["resolved_at"], date(2025, 7, 10))),
        (pending, day_key(KINDS["due_date"], date(2025, 7, 2))),
    ):
        rid = catalog.getrid("/".join(obj.getPhysicalPath()))
        assert key in index.getEntryForObject(rid)
    assert compute_statistics(*JULY) == before
    assert before["total"]["received"] == 1
    assert before["total"]["carried_over"] == 1
    assert before["total"]["pending_overdue"] == 1
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent.
    upgrade(setup_tool)
    assert index.numObjects() == 2
