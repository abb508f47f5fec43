"""Benchmark: CPU time of the anonymous pages against Plone's plain Document view.

Run: ``make bench-pages`` (or ``.venv/bin/pytest bench/bench_pages.py -s``).

The site has the demo forms and their procedures, ``BENCH_PAGES_PROCEDURES``
(100) more published procedures, dossiers in every state and a published
Plone ``Document`` with a few paragraphs.  The page templates are compiled
first (``caching/warmup.py``, as at an instance's start).  Then, as
Anonymous, each page is published in-process (plone.testing's ``Browser``
on the functional layer: the whole Zope publisher, no network; a new visitor
without cookies each time; the ZODB cache as large as an instance's) and the
**CPU time** of each request is taken (``time.process_time`` around it, and
``time.thread_time`` of the publishing thread beside it):

* the home page, the procedure catalogue ``thu-tuc-hanh-chinh``, a procedure
  page, the lookup page ``tra-cuu-ho-so``, the online form
  ``nop-ho-so/dang-ky-khai-sinh``;
* against Plone's own ``Document`` view (``document_view``) in the same run,
  the rounds interleaved (one of each page per round), so that the machine's
  load weighs on both alike.

Twice: with plone.app.caching on (the site's rules: ETags computed, headers
set; no RAM cache) and off.  A caching proxy's hit costs Zope nothing, so
what counts is the CPU of a render; with caching on, the browser's
revalidation of the home page (``If-None-Match`` → 304) is timed as well.
It prints the median CPU milliseconds and the ratio to the Document view, with
the load average beside them, and writes ``bench/results/pages.json``.  The
issue's target is a ratio of at most 1.5 (stretch 1.0).  It measures, it does
not pass or fail.
"""

from benchtools import sample_procedures
from luanthanh.policy.caching import warmup
from luanthanh.policy.testing.builders import make_content
from luanthanh.policy.testing.forms import KHAI_SINH
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.scenarios import lookup_dossiers
from plone import api
from plone.app.textfield.value import RichTextValue

import cProfile
import io
import json
import os
import pstats
import statistics
import time
import transaction


ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
PROCEDURES = int(os.environ.get("BENCH_PAGES_PROCEDURES", "100"))
#: ``BENCH_PAGES_PROFILE=home,online form``: cProfile these pages instead
#: (the profiles are kept in ``bench/results/pages-<page>.pstats``).
PROFILE = [p for p in os.environ.get("BENCH_PAGES_PROFILE", "").split(",") if p]
CACHE_SIZE = 50000
ENABLED = "plone.caching.interfaces.ICacheSettings.enabled"
TEXT = "".join(
    f"<p>Đoạn {i}: Trung tâm Phục vụ hành chính công xã Luận Thành tiếp nhận "
    "và trả kết quả thủ tục hành chính cho người dân và doanh nghiệp.</p>"
    for i in range(8)
)


def _values(i: int) -> dict:
    return {
        "id": f"thu-tuc-mau-{i:04d}",
        "title": f"Thủ tục mẫu số {i}",
        "code": f"8.{i:06d}",
        "field": ("kinh-te", "van-hoa-xa-hoi", "tu-phap-ho-tich")[i % 3],
        "processing_days": i % 7,
        "online_level": "none",
    }


def _build(portal) -> dict:
    with api.env.adopt_roles(["Manager"]):
        sample_procedures(portal, PROCEDURES, values=_values)
        document = make_content(
            portal,
            "Document",
            state="published",
            id="trang-mau",
            title="Trang mẫu",
            description="Một trang Plone bình thường.",
            text=RichTextValue(TEXT, "text/html", "text/html"),
        )
    lookup_dossiers(portal)
    transaction.commit()
    base = portal.absolute_url()
    return {
        "home": base,
        "catalogue": f"{base}/thu-tuc-hanh-chinh",
        "procedure page": f"{base}/thu-tuc-hanh-chinh/thu-tuc-mau-0001",
        "lookup page": f"{base}/tra-cuu-ho-so",
        "online form": f"{base}/{KHAI_SINH}",
        "Plone Document": document.absolute_url(),
    }


def _cpu(browser, url: str) -> tuple[float, float]:
    """CPU seconds of one request: the whole process's, and the publishing
    thread's alone (the request is published in this thread)."""
    process, thread = time.process_time(), time.thread_time()
    browser.open(url)
    return time.process_time() - process, time.thread_time() - thread


def _visitor(app):
    """A new anonymous visitor (no cookie from an earlier page)."""
    browser = browser_for(app, raising=False)
    browser.raiseHttpErrors = False
    return browser


def _measure(app, pages: dict) -> dict:
    for url in pages.values():  # warm the ZODB cache, once for both sides
        for _ in range(3):
            browser = _visitor(app)
            browser.open(url)
            assert browser.headers["status"].startswith("200"), url
    samples = {name: [] for name in pages}
    threads = {name: [] for name in pages}
    for _ in range(ROUNDS):
        for name, url in pages.items():
            process, thread = _cpu(_visitor(app), url)
            samples[name].append(process)
            threads[name].append(thread)
    return {
        name: (
            statistics.median(samples[name]) * 1000,
            statistics.median(threads[name]) * 1000,
        )
        for name in pages
    }


def _revalidation(app, url: str) -> float:
    browser = browser_for(app)
    browser.raiseHttpErrors = False
    browser.open(url)
    etag = browser.headers["ETag"]
    browser = browser_for(app)
    browser.raiseHttpErrors = False
    browser.addHeader("If-None-Match", etag)
    samples = []
    for _ in range(ROUNDS):
        start = time.process_time()
        browser.open(url)
        samples.append(time.process_time() - start)
        assert browser.headers["status"].startswith("304")
    return statistics.median(samples) * 1000


def _profile(app, pages: dict) -> None:
    browser = browser_for(app)
    for name in PROFILE:
        for _ in range(3):
            browser.open(pages[name])
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            browser.open(pages[name])
        profiler.disable()
        os.makedirs("bench/results", exist_ok=True)
        profiler.dump_stats(f"bench/results/pages-{name.replace(' ', '-')}.pstats")
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        stats.print_callees("event/__init__.py.*notify")
        stats.print_callers("component/_api.py.*subscribers")
        print(f"\n--- {name}: 10 renders, by cumulative time ---\n{out.getvalue()}")


def _report(label: str, medians: dict) -> list[dict]:
    base, base_thread = medians["Plone Document"]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"\n{label} (load average {load}), {ROUNDS} rounds, median CPU ms "
        "(process; publishing thread)"
    )
    rows = []
    for name, (value, thread) in medians.items():
        ratio, thread_ratio = round(value / base, 2), round(thread / base_thread, 2)
        print(
            f"  {name:16} {value:8.1f} ms ratio {ratio:5.2f} | thread {thread:8.1f} ms"
            f" ratio {thread_ratio:5.2f} | load {load}"
        )
        rows.append(
            {
                "page": name,
                "cpu_ms": round(value, 1),
                "ratio": ratio,
                "thread_cpu_ms": round(thread, 1),
                "thread_ratio": thread_ratio,
            }
        )
    return rows


def test_bench_pages(functional_app, functional_portal, online):
    pages = _build(functional_portal)
    # The instance's ZODB cache (etc/zodb-*.conf.in: cache-size 50000), not
    # the test database's default of 400 objects, which would make every
    # page reload what the previous page pushed out.
    database = functional_portal._p_jar.db()
    database.setCacheSize(CACHE_SIZE)
    functional_portal._p_jar._cache.cache_size = CACHE_SIZE
    warmup.warm_up()
    if PROFILE:
        _profile(functional_app, pages)
        return
    results = {"rounds": ROUNDS, "procedures": PROCEDURES}
    for label, enabled in (("caching on", True), ("caching off", False)):
        api.portal.set_registry_record(ENABLED, enabled)
        transaction.commit()
        results[label] = _report(label, _measure(functional_app, pages))
        results[f"load average, {label}"] = list(os.getloadavg())
    api.portal.set_registry_record(ENABLED, True)
    transaction.commit()
    revalidation = _revalidation(functional_app, pages["home"])
    print(f"  home, 304 revalidation {revalidation:.1f} ms (load {os.getloadavg()})")
    results["home 304 revalidation cpu_ms"] = round(revalidation, 1)
    os.makedirs("bench/results", exist_ok=True)
    with open("bench/results/pages.json", "w", encoding="utf-8") as out:
        json.dump(results, out, ensure_ascii=False, indent=2)
