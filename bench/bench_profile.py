"""Where the time goes: the online form (GET), one online submission (POST,
its response the thank-you page), one catalogue page and one dashboard
page, against Plone's plain Document view, profiled in process (issue #15).
The POST is measured alone: the GET of the form it is filled in on runs
before each round, outside the profiler and the counts.

Run: ``make bench-profile`` (``BENCH_PROFILE_HISTORY`` dossiers already in the
book, 2,000 by default; ``BENCH_PROFILE_ROUNDS`` profiled requests of each,
5 by default, after one warm-up).

For each request, through the real publisher (plone.testing's test browser
on the functional layer): CPU time (``time.process_time``), ZODB loads
(objects read from the storage, ``ZODB.ActivityMonitor``), the objects
written per request by class and, for catalog structures, by owner (which
catalog index or lexicon), and the top functions by cumulative time
(cProfile).  CPU time counts the test browser's own HTML parsing too, and
the follow-up thread's indexing of a submission's dossier
(``DOSSIER_FOLLOWUP=background make bench-profile``; each round waits for
it); the request thread's CPU (``time.thread_time``) is given beside it, and
the publisher's share (its time under the profiler, which
slows Python code down).  The load average is printed beside the figures.  The result
goes to ``bench/results/profile.json`` and the text to stdout.
"""

from collections import Counter
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers import followup
from luanthanh.policy.dossiers import followup_worker
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_content
from luanthanh.policy.testing.bulk import bulk_dossiers
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from luanthanh.policy.testing.http import browser_for
from pathlib import Path
from plone import api
from ZODB.ActivityMonitor import ActivityMonitor
from ZODB.serialize import ObjectWriter

import cProfile
import io
import json
import os
import pstats
import pytest
import time
import transaction


HISTORY = int(os.environ.get("BENCH_PROFILE_HISTORY", "2000"))
ROUNDS = int(os.environ.get("BENCH_PROFILE_ROUNDS", "5"))
RESULTS = Path(__file__).parent / "results"


def catalog_owners(portal) -> dict[bytes, str]:
    """oid → "<catalog>.<index>" for every index and lexicon structure."""
    owners = {}
    for catalog in (api.portal.get_tool("portal_catalog"), dossier_catalog.catalog()):
        name = catalog.getId()
        for index_id in catalog.indexes():
            index = catalog._catalog.getIndex(index_id)
            for holder in (index, getattr(index, "index", None)):
                for value in getattr(holder, "__dict__", {}).values():
                    if getattr(value, "_p_oid", None):
                        owners[value._p_oid] = f"{name}.{index_id}"
        for lexicon in catalog.objectValues():
            for value in getattr(lexicon, "__dict__", {}).values():
                if getattr(value, "_p_oid", None):
                    owners[value._p_oid] = f"{name}.{lexicon.getId()}"
        for attribute in ("data", "paths", "uids", "_length"):
            value = getattr(catalog._catalog, attribute, None)
            if getattr(value, "_p_oid", None):
                owners[value._p_oid] = f"{name}.{attribute}"
    return owners


class Written:
    """Classes (and catalog owners) of every object serialized for storage."""

    def __init__(self, owners: dict):
        self.owners = owners
        self.paused = False
        self.classes = Counter()
        self.catalog = Counter()
        self._original = ObjectWriter.serialize

    def __enter__(self):
        written = self

        def serialize(writer, obj):
            if written.paused:
                return written._original(writer, obj)
            klass = type(obj)
            written.classes[f"{klass.__module__}.{klass.__name__}"] += 1
            owner = written.owners.get(getattr(obj, "_p_oid", None))
            if owner:
                written.catalog[owner] += 1
            return written._original(writer, obj)

        ObjectWriter.serialize = serialize
        return self

    def __exit__(self, *exc):
        ObjectWriter.serialize = self._original


def profile(label: str, request, db, owners, prepare=None) -> dict:
    """``request`` profiled ``ROUNDS`` times; ``prepare`` (not measured) runs
    before each, e.g. the GET of the form whose POST is measured."""
    if prepare is not None:
        prepare()
    request()  # warm-up: caches, templates
    monitor = ActivityMonitor(history_length=3600)
    db.setActivityMonitor(monitor)
    profiler = cProfile.Profile()
    cpu = thread_cpu = 0.0
    unmeasured = Counter()
    with Written(owners) as written:
        for _ in range(ROUNDS):
            if prepare is not None:
                written.paused = True
                before = monitor.getActivityAnalysis(divisions=1)[0]
                prepare()
                after = monitor.getActivityAnalysis(divisions=1)[0]
                for key in ("loads", "stores"):
                    unmeasured[key] += after[key] - before[key]
                written.paused = False
            start, thread_start = time.process_time(), time.thread_time()
            profiler.enable()
            request()
            profiler.disable()
            thread_cpu += time.thread_time() - thread_start
            # With DOSSIER_FOLLOWUP=background the dossier is indexed by the
            # follow-up thread after the response: counted in the process's
            # CPU (and the loads and writes), not in the request's thread.
            assert followup.WORKER.wait_idle(120)
            cpu += time.process_time() - start
    cpu /= ROUNDS
    thread_cpu /= ROUNDS
    activity = dict(monitor.getActivityAnalysis(divisions=1)[0])
    db.setActivityMonitor(None)
    for key, value in unmeasured.items():
        activity[key] -= value
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    # The server's share (the publisher), without the test browser's parsing.
    server = sum(
        entry[3]
        for (filename, _line, function), entry in stats.stats.items()
        if function == "publish_module" and filename.endswith("WSGIPublisher.py")
    )
    # The thank-you page's own rendering (the POST's response), profiled.
    thanks = sum(
        entry[3]
        for (filename, _line, function), entry in stats.stats.items()
        if function == "render" and filename.endswith("browser/online.py")
    )
    stats.sort_stats("cumulative").print_stats(
        r"luanthanh|ZCatalog|ZCTextIndex|easyform", 30
    )
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(20)
    return {
        "label": label,
        "cpu_ms_per_request": round(cpu * 1000, 1),
        "request_thread_cpu_ms_per_request": round(thread_cpu * 1000, 1),
        "server_ms_per_request_profiled": round(server / ROUNDS * 1000, 1),
        "form_render_ms_per_request_profiled": round(thanks / ROUNDS * 1000, 1),
        "loads_per_request": round(activity["loads"] / ROUNDS, 1),
        "stores_per_request": round(activity["stores"] / ROUNDS, 1),
        "written_per_request": {
            k: round(v / ROUNDS, 1) for k, v in written.classes.most_common(25)
        },
        "catalog_writes_per_request": {
            k: round(v / ROUNDS, 1) for k, v in written.catalog.most_common()
        },
        "top_cumulative": text.getvalue(),
    }


@pytest.fixture
def site(online, functional_portal, fresh_limits):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        bulk_dossiers(functional_portal, HISTORY, dossier_catalog.catalog())
    transaction.commit()
    return functional_portal


def test_profile(site, functional_app):
    db = site._p_jar.db()
    owners = catalog_owners(site)
    anonymous = browser_for(functional_app, None)

    def form():
        open_form(anonymous, site)

    def filled():
        form()
        fill(anonymous)

    def submission():
        submit(anonymous)
        assert "online-receipt-code" in anonymous.contents

    def catalogue():
        anonymous.open(f"{site.absolute_url()}/thu-tuc-hanh-chinh")

    desk = browser_for(functional_app, "motcua")

    def dashboard():
        desk.open(f"{site.absolute_url()}/ho-so?scope=all")

    with api.env.adopt_roles(["Manager"]):
        document = make_content(
            site, "Document", state="published", id="trang-mau", title="Trang mẫu"
        )
    transaction.commit()

    def plone_document():
        anonymous.open(document.absolute_url())

    results = [
        profile("Plone Document (GET, for comparison)", plone_document, db, owners),
        profile("online form (GET)", form, db, owners),
        profile("online submission (POST)", submission, db, owners, prepare=filled),
        profile("public catalogue page", catalogue, db, owners),
        profile("dashboard, page 1 of every dossier", dashboard, db, owners),
    ]
    load = os.getloadavg()
    print(
        f"\n{HISTORY} dossiers in the book, {ROUNDS} rounds, load average {load},"
        f" follow-up {followup_worker.mode()}"
    )
    for result in results:
        print(
            f"\n== {result['label']}: {result['cpu_ms_per_request']} ms CPU "
            f"(client and server, the follow-up thread included; in the "
            f"request's thread: {result['request_thread_cpu_ms_per_request']} ms;"
            f" the publisher alone, profiled: "
            f"{result['server_ms_per_request_profiled']} ms; the form or "
            f"thank-you markup, profiled: "
            f"{result['form_render_ms_per_request_profiled']} ms), "
            f"{result['loads_per_request']} loads, "
            f"{result['stores_per_request']} stores per request"
        )
        print(f"written: {result['written_per_request']}")
        print(f"catalog structures written: {result['catalog_writes_per_request']}")
        print(result["top_cumulative"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "profile.json").write_text(
        json.dumps(
            {
                "history": HISTORY,
                "rounds": ROUNDS,
                "load_average": load,
                "followup": followup_worker.mode(),
                "results": results,
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
