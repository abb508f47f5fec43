"""The engine's two ways of splitting per field / procedure, and its fallback
without the day index, against the naive reference."""

from datetime import date
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers.day_keys import INDEX
from luanthanh.policy.statistics import clear_cache
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.statistics import engine
from luanthanh.policy.testing.builders import dated_dossier
from Products.CMFCore.indexing import processQueue
from tests.statistics.reference import naive_statistics

import pytest


JULY = (date(2025, 7, 1), date(2025, 7, 31))
d = date


@pytest.fixture
def dossiers(portal, marriage, business):
    built = [
        # Resolved in June, returned and rated in July: rated, not counted.
        dated_dossier(
            portal,
            marriage,
            d(2025, 6, 20),
            outcome="approve",
            closed=d(2025, 6, 30),
            timeliness="on_time",
            returned=d(2025, 7, 1),
            rating="satisfied",
        ),
        dated_dossier(portal, marriage, d(2025, 6, 25), due=d(2025, 7, 2)),
        dated_dossier(
            portal,
            marriage,
            d(2025, 7, 5),
            channel="direct",
            outcome="approve",
            closed=d(2025, 7, 10),
            timeliness="early",
            returned=d(2025, 7, 11),
            rating="very_satisfied",
        ),
        dated_dossier(
            portal, business, d(2025, 7, 6), outcome="withdraw", closed=d(2025, 7, 8)
        ),
        dated_dossier(portal, business, d(2025, 7, 30), due=d(2025, 8, 4)),
        dated_dossier(
            portal,
            business,
            d(2025, 7, 2),
            channel="postal",
            outcome="deny",
            closed=d(2025, 7, 25),
            timeliness="late",
        ),
    ]
    processQueue()
    return built


@pytest.mark.parametrize("few", [0, 100])
def test_both_splits_equal_the_reference(dossiers, monkeypatch, few):
    """``few=0``: labels and counts per bucket (the procedures of a real
    center); ``few=100``: one intersection per value and bucket."""
    monkeypatch.setattr(engine, "_FEW_VALUES", few)
    for period in (JULY, (date(2025, 6, 1), date(2025, 7, 31))):
        clear_cache()
        assert compute_statistics(*period) == naive_statistics(*period)
    clear_cache()
    july = compute_statistics(*JULY)
    assert july["total"]["satisfaction"]["satisfied"] == 1
    assert july["total"]["carried_over"] == 1


def test_without_the_day_index_the_date_indexes_answer(dossiers):
    with_days = compute_statistics(*JULY)
    dossier_catalog.catalog().delIndex(INDEX)
    clear_cache()
    assert compute_statistics(*JULY) == with_days == naive_statistics(*JULY)
