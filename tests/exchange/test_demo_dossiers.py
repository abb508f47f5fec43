"""The demo half-year: the center's figures, through the historic import."""

from collections import Counter
from luanthanh.policy import deadlines
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.setuphandlers.demo import demo_procedures
from luanthanh.policy.setuphandlers.demo_dossiers import demo_dossiers
from luanthanh.policy.statistics import compute_statistics
from plone import api
from tests.statistics.reference import naive_statistics

import datetime
import time


def test_demo_totals_and_idempotent(portal):
    with api.env.adopt_roles(["Manager"]):
        demo_procedures(portal)
        start = time.perf_counter()
        counts = demo_dossiers(portal)
        elapsed = time.perf_counter() - start
    print(f"\ndemo dossiers: {counts} in {elapsed:.1f} s")
    assert counts["created"] == 1994
    assert counts["rated"] > 400
    brains = find_unrestricted(portal_type="Dossier")
    assert len(brains) == 1994
    assert Counter(b.channel for b in brains)["online"] == 1946
    states = Counter(b.review_state for b in brains)
    assert states["processing"] == 35
    assert states["returned"] + states["rejected"] == 1959
    assert states["rejected"] == 12
    assert Counter(b.timeliness for b in brains if b.timeliness) == {
        "early": 1308,
        "on_time": 650,
        "late": 1,
    }
    first, last = datetime.date(2025, 7, 1), datetime.date(2025, 12, 15)
    for brain in brains:
        assert first <= deadlines.local_date(brain.received_at) <= last
        if brain.resolved_at:
            assert deadlines.local_date(brain.resolved_at) <= last
    procedures = Counter(b.procedure_code for b in brains)
    assert len(procedures) >= 15
    assert procedures.most_common(1)[0][0] == "1.001193"  # birth registration
    ratings = Counter(b.rating for b in brains if b.rating)
    assert set(ratings) <= {"very_satisfied", "satisfied", "neutral", "dissatisfied"}
    assert all(b.review_state == "returned" for b in brains if b.rating)
    # The report of the half-year is the center's own (issue #6).
    total = compute_statistics(first, last)["total"]
    assert total["carried_over"] == 0
    assert total["received"] == 1994
    assert total["received_online"] == 1946
    assert total["resolved"] == 1959
    assert (
        total["resolved_early"],
        total["resolved_on_time"],
        total["resolved_late"],
    ) == (1308, 650, 1)
    assert total["pending"] == 35
    assert total["withdrawn"] == total["stopped"] == 0
    assert sum(total["satisfaction"].values()) == counts["rated"]
    assert compute_statistics(first, last) == naive_statistics(first, last)
    # Twice: nothing new.
    with api.env.adopt_roles(["Manager"]):
        again = demo_dossiers(portal)
    assert again == {"created": 0, "updated": 0, "unchanged": 1994, "rated": 0}
