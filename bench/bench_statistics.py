"""Benchmark: the statistics engine against the naive object walk.

Run: ``make bench-statistics`` (or ``.venv/bin/pytest bench/bench_statistics.py
-s``).  Sizes from ``BENCH_STATISTICS_SIZES`` (default ``10000,100000``;
``BENCH_STATISTICS_SIZES=10000,100000,1000000`` for the big one).

For each size the tracking book is filled up to that many dossiers, then
for a one-year report (1/1/2025–31/12/2025) and a quarter it prints:

* :func:`luanthanh.policy.statistics.compute_statistics` warm, with the
  result cache **disabled** (median of ``BENCH_ROUNDS`` rounds, after one
  warm-up call): the honest figure;
* the same with the cache on (a repeated query);
* the naive implementation (:mod:`tests.statistics.reference`:
  wake every dossier and classify it), same query, same run, median of
  ``BENCH_NAIVE_ROUNDS`` rounds after a warm-up walk;
* the ratio; the same in CPU time of the process (``time.process_time``),
  which a shared, loaded machine distorts less than wall time;
* memory: the process's peak RSS, and the peak of Python
  allocations (tracemalloc) during one engine call and one naive call.

The two answers are compared: they must be equal.

How the dossiers are made, honestly: 100,000 dossiers through
``create_dossier`` and the workflow would take hours on a 2-core machine.
Here each is a real ``Dossier`` object with realistic attribute values (the
dates ``received_at``, ``due_date`` from the deadline engine, ``resolved_at``,
``closed_at``, ``returned_at``, ``timeliness``, ``channel``, ``rating`` and a
relation to one of 30 procedures) and a DCWorkflow state in its
``workflow_history``, added with ``_setObject(..., suppress_events=True)`` and
cataloged with ``catalog_object`` into the real catalog, limited to the
indexes the statistics read (plus ``portal_type``, ``review_state``,
``path``); commits every 5,000.  ZCatalog always computes every metadata
column of a new object (three quarters of the build time); neither the
engine nor the naive walk reads metadata, so while building,
``Catalog.recordify`` gives each dossier the same placeholder record.  Received dates are spread over two years
(7/2024–6/2026), 97 % online; 85 % resolved (early / on time / late ≈ 65 /
30 / 5), 2 % withdrawn, 1 % stopped, the rest pending; a third of the
returned dossiers are rated.
"""

from benchtools import sample_procedures
from contextlib import contextmanager
from datetime import date
from datetime import datetime
from datetime import time as dtime
from datetime import timedelta
from datetime import UTC
from functools import partial
from luanthanh.policy import deadlines
from luanthanh.policy import statistics
from luanthanh.policy.content.dossier import Dossier
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.statistics import cache as statistics_cache
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.testing.builders import create_officials
from pathlib import Path
from plone import api
from Products.ZCatalog.Catalog import Catalog
from tests.statistics.reference import naive_statistics
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import gc
import json
import os
import random
import resource
import statistics as pystats
import time
import tracemalloc
import transaction


SIZES = [
    int(s)
    for s in os.environ.get("BENCH_STATISTICS_SIZES", "10000,100000").split(",")
    if s.strip()
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
NAIVE_ROUNDS = int(os.environ.get("BENCH_NAIVE_ROUNDS", "3"))
BATCH = 5000
WF = "luanthanh_dossier_workflow"
FIRST = date(2024, 7, 1)
SPAN_DAYS = 730
INDEXES = [
    "portal_type",
    "review_state",
    "path",
    "procedure_code",
    "procedure_field",
    "channel",
    "received_at",
    "due_date",
    "resolved_at",
    "closed_at",
    "returned_at",
    "timeliness",
    "rating",
    "statistics_days",
]
LEVELS = ["very_satisfied", "satisfied", "neutral", "dissatisfied"]
QUERIES = {
    "year 2025": (date(2025, 1, 1), date(2025, 12, 31)),
    "Q3 2025": (date(2025, 7, 1), date(2025, 9, 30)),
}
RESULTS = Path(__file__).parent / "results"


class Builder:
    def __init__(self, portal, procedures):
        self.folder = portal["ho-so"]
        self.catalog = dossier_catalog()
        self.calendar = deadlines.WorkCalendar.from_registry()
        intids = getUtility(IIntIds)
        self.procedures = [(p, intids.getId(p)) for p in procedures]
        self.rng = random.Random(6)
        self.now = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
        self.made = 0
        self._due_cache: dict = {}

    def _due(self, received: datetime, days: int) -> datetime:
        key = (received.date(), days)
        if key not in self._due_cache:
            due = deadlines.due_date(received, days, None, self.calendar)
            self._due_cache[key] = deadlines.due_datetime(
                due, self.calendar
            ).astimezone(UTC)
        return self._due_cache[key]

    def new(self) -> None:
        rng = self.rng
        i = self.made
        procedure, intid = self.procedures[i % len(self.procedures)]
        day = FIRST + timedelta(days=rng.randrange(SPAN_DAYS))
        received = datetime.combine(
            day, dtime(rng.randrange(7, 17), rng.randrange(60)), tzinfo=deadlines.TZ
        ).astimezone(UTC)
        dossier = Dossier(f"bench-{i:07d}")
        dossier.portal_type = "Dossier"
        dossier.code = f"000.00.99.H56-BENCH-{i:07d}"
        dossier.title = dossier.code
        dossier.procedure = RelationValue(intid)
        dossier.applicant_name = f"Công dân số {i}"
        dossier.applicant_phone = f"09{i:08d}"
        dossier.channel = rng.choices(["online", "direct", "postal"], [97, 2, 1])[0]
        dossier.submitted_at = received
        dossier.received_at = received
        dossier.due_date = self._due(received, procedure.processing_days)
        roll = rng.random()
        state = "processing"
        if roll < 0.85:
            outcome = rng.choices(["early", "on_time", "late"], [65, 30, 5])[0]
            due = deadlines.local_date(dossier.due_date)
            if outcome == "early":
                back = rng.randint(1, max(1, (due - day).days))
                resolved_day = max(day, due - timedelta(days=back))
            elif outcome == "on_time":
                resolved_day = due
            else:
                resolved_day = due + timedelta(days=rng.randint(1, 10))
            resolved = datetime.combine(
                resolved_day, dtime(15, 0), tzinfo=deadlines.TZ
            ).astimezone(UTC)
            if resolved <= self.now:
                dossier.resolved_at = dossier.closed_at = resolved
                dossier.timeliness = deadlines.timeliness(resolved, dossier.due_date)
                state = "result"
                if resolved + timedelta(days=1) <= self.now and rng.random() < 0.95:
                    dossier.returned_at = resolved + timedelta(days=1)
                    state = "returned"
                    if rng.random() < 0.33:
                        dossier.rating = rng.choices(LEVELS, [60, 30, 8, 2])[0]
        elif roll < 0.88:
            state = "withdrawn" if roll < 0.87 else "stopped"
            closed = received + timedelta(days=rng.randint(1, 5))
            if closed <= self.now:
                dossier.closed_at = closed
            else:
                state = "processing"
        dossier.workflow_history = {
            WF: ({"action": None, "review_state": state, "time": None},)
        }
        self.folder._setObject(dossier.id, dossier, suppress_events=True)
        dossier = self.folder._getOb(dossier.id)
        self.catalog.catalog_object(
            dossier,
            "/".join(dossier.getPhysicalPath()),
            idxs=INDEXES,
            update_metadata=0,
        )
        self.made += 1

    def fill(self, size: int) -> float:
        started = time.perf_counter()
        with placeholder_metadata(self.catalog):
            while self.made < size:
                self.new()
                if self.made % BATCH == 0:
                    transaction.commit()
                    self.folder._p_jar.cacheMinimize()
            transaction.commit()
        return time.perf_counter() - started


@contextmanager
def placeholder_metadata(catalog):
    """Give new catalog records a fixed metadata tuple (see the docstring)."""
    record = tuple(None for _name in catalog._catalog.schema)
    original = Catalog.recordify
    Catalog.recordify = lambda self, obj: record
    try:
        yield
    finally:
        Catalog.recordify = original


def _median_ms(function, rounds: int, clock=time.perf_counter) -> float:
    """Median time of ``rounds`` calls by ``clock`` (wall-clock), in ms."""
    samples = []
    for _ in range(rounds):
        started = clock()
        function()
        samples.append((clock() - started) * 1000)
    return pystats.median(samples)


def _median_cpu_ms(function, rounds: int) -> float:
    """Median CPU time of the process for ``rounds`` calls, in ms: what a
    call costs when the machine is shared (wall time then includes waiting
    for a core)."""
    return _median_ms(function, rounds, time.process_time)


def _measure(statistics_of, start, end, rounds: int) -> tuple[float, float, float]:
    """Median wall-clock and CPU ms of ``rounds`` calls of
    ``statistics_of(start, end)``, then the peak allocation of one, in MiB."""
    call = partial(statistics_of, start, end)
    return _median_ms(call, rounds), _median_cpu_ms(call, rounds), _peak_alloc_mb(call)


def _peak_alloc_mb(function) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def _load() -> str:
    """The load average (1, 5, 15 min) of the machine, printed beside every
    figure: the machine may be shared."""
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_bench_statistics(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        builder = Builder(portal, sample_procedures(portal, publish=False))
        transaction.commit()
        report = []
        for size in sorted(SIZES):
            built = builder.fill(size)
            print(
                f"\n== {size:,} dossiers (built in {built:.0f} s, "
                f"load average {_load()}) =="
            )
            for name, (start, end) in QUERIES.items():
                statistics_cache.enabled = False
                try:
                    engine = compute_statistics(start, end)  # warm-up
                    cold_free, engine_cpu, engine_peak = _measure(
                        compute_statistics, start, end, ROUNDS
                    )
                finally:
                    statistics_cache.enabled = True
                load = _load()  # beside the engine's figures
                statistics.clear_cache()
                compute_statistics(start, end)
                cached = _median_ms(
                    lambda s=start, e=end: compute_statistics(s, e), ROUNDS
                )
                naive = naive_statistics(start, end)  # warm-up: loads objects
                if naive != engine:
                    for key in ("total", "by_field", "by_procedure"):
                        if naive[key] != engine[key]:
                            print("DIFF", key, naive[key], engine[key])
                assert naive == engine, f"engine and naive differ at {size} ({name})"
                naive_ms, naive_cpu, naive_peak = _measure(
                    naive_statistics, start, end, NAIVE_ROUNDS
                )
                row = {
                    "size": size,
                    "query": name,
                    "engine_ms": round(cold_free, 1),
                    "engine_cached_ms": round(cached, 3),
                    "naive_ms": round(naive_ms, 1),
                    "engine_cpu_ms": round(engine_cpu, 1),
                    "naive_cpu_ms": round(naive_cpu, 1),
                    "cpu_ratio": round(naive_cpu / max(engine_cpu, 0.001), 1),
                    "ratio": round(naive_ms / cold_free, 1),
                    "engine_peak_alloc_mb": round(engine_peak, 1),
                    "naive_peak_alloc_mb": round(naive_peak, 1),
                    "rss_mb": round(_rss_mb(), 0),
                    "load_average": load,
                    "received": engine["total"]["received"],
                    "carried_over": engine["total"]["carried_over"],
                }
                report.append(row)
                print(
                    f"{name:10} engine {cold_free:8.1f} ms (cache off) | "
                    f"cached {cached:6.3f} ms | naive {naive_ms:9.1f} ms | "
                    f"×{naive_ms / cold_free:6.1f} | CPU engine {engine_cpu:.1f} ms, "
                    f"naive {naive_cpu:.1f} ms | alloc peak engine "
                    f"{engine_peak:6.1f} MB, naive {naive_peak:7.1f} MB | "
                    f"RSS {row['rss_mb']:.0f} MB | received "
                    f"{row['received']:,}, carried over {row['carried_over']:,} | "
                    f"load average {load}"
                )
            builder.folder._p_jar.cacheMinimize()
            RESULTS.mkdir(exist_ok=True)
            (RESULTS / "statistics.json").write_text(json.dumps(report, indent=2))
