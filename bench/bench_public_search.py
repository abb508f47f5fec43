"""Benchmark: public search cost with N dossiers in portal_catalog vs none.

Run: ``make bench-public-search`` (or ``.venv/bin/pytest
bench/bench_public_search.py -s``); ``BENCH_PUBLIC_DOSSIERS`` (default
20,000) dossiers.

Before 1009 every dossier sat in ``portal_catalog``: every public search
(``@@search``, ``@search``, the catalogue) intersected ``allowedRolesAndUsers``
and the full-text index over them, and the lexicon held every applicant's
name.  In one run it builds N dossiers indexed in ``portal_catalog`` (as on a
1008 site, with :func:`luanthanh.policy.testing.bulk.bulk_dossiers`), times
an Anonymous search as ``@@search`` makes it (``searchResults`` with
``SearchableText`` and with ``portal_type``/``sort_on``), then moves the
dossiers to the dossier catalog (the upgrade step's code) and times the same
searches again.  It prints the medians and the ratio after / before; it
measures, it does not pass or fail.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from benchtools import summary
from luanthanh.policy.dossiers.catalog_move import move_dossiers
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.bulk import bulk_dossiers
from plone import api
from Products.CMFCore.indexing import processQueue

import os
import time
import transaction


N = int(os.environ.get("BENCH_PUBLIC_DOSSIERS", "20000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
BATCH = 2000
QUERIES = {
    "SearchableText 'dang ky'": {"SearchableText": "dang ky"},
    "SearchableText 'Nguoi nop'": {"SearchableText": "Nguoi nop"},
    "sort_on modified, 20": {"sort_on": "modified", "sort_limit": 20},
}


def _time(catalog, query) -> list[float]:
    samples = []
    saved = getSecurityManager()
    newSecurityManager(None, nobody)  # Anonymous
    try:
        catalog.searchResults(**query)  # warm up
        for _ in range(ROUNDS):
            start = time.perf_counter()
            len(catalog.searchResults(**query))
            samples.append(time.perf_counter() - start)
    finally:
        setSecurityManager(saved)
    return samples


def test_bench_public_search(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        make_procedure(portal)
        catalog = api.portal.get_tool("portal_catalog")
        for start in range(0, N, BATCH):
            bulk_dossiers(portal, min(BATCH, N - start), catalog, start=start)
            transaction.commit()
    processQueue()
    before = {label: _time(catalog, q) for label, q in QUERIES.items()}
    with api.env.adopt_roles(["Manager"]):
        moved = move_dossiers(commit=True)
    assert moved >= N
    after = {label: _time(catalog, q) for label, q in QUERIES.items()}
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nAnonymous portal_catalog searches, {N} dossiers in it vs moved out")
    print(f"load average (1/5/15 min): {load}")
    print(f"{'query':30} {'before ms':>10} {'after ms':>10} {'ratio':>6}")
    for label in QUERIES:
        a, b = summary(before[label]), summary(after[label])
        ratio = round(b["median_ms"] / max(a["median_ms"], 0.001), 2)
        print(f"{label:30} {a['median_ms']:10} {b['median_ms']:10} {ratio:6}")
