"""Benchmark: a database of BENCH_SCALE_DOSSIERS dossiers, built and measured.

Run: ``make bench-scale`` (``PYTHONPATH=src .venv/bin/python
bench/bench_scale.py``).  A plain script, like ``bench_load.py``: it makes a
FileStorage instance (``scripts/make_instance.py``, ``create_site.py`` with
the demo procedures and officials, ``scripts/proofs/prepare_site.py``) in
``BENCH_SCALE_DIR`` (default ``var/bench-scale/`` under the project, ignored
by git), outside the repository's tracked files, and keeps it:

1. **build** (only when the directory has no database of that size, or with
   ``BENCH_SCALE_REBUILD=1``, which starts from an empty directory; a build
   that was stopped goes on from its last committed batch): first
   the public catalogue page is timed at 0 dossiers (the server started on
   the new site); then ``zconsole_scale.py build`` imports the dossiers
   (``scale_rows.py``: five years, realistic states and spread) through the
   real import path, ``BENCH_SCALE_FILE_ROWS`` (50,000) rows per file, one
   commit per ``BENCH_SCALE_BATCH`` (1,000) rows; it reports dossiers/s
   (sustained: the batches' own time; overall: with generating and reading
   the CSV), per batch (min/median/max, first and last tenth), the time to
   build, the peak RSS and the RSS after the build;
2. **measure** (every run): database size, statistics for 2025 warm with
   the cache off;
   then, server started (4 threads, loopback), median of ``BENCH_ROUNDS``
   (10) after a warm-up: the officials' dashboard (all dossiers) first and
   last page, search by phone and by code, as the Zope admin; the REST
   listing of the same folder ``GET ++api++/ho-so`` (Plone's work, the
   ratio's base); the public lookup ``POST ++api++/@dossier-lookup``
   (anonymous); the public catalogue page (anonymous) and its ratio to the
   0-dossier figure of step 1; the server's RSS at the end; last, the
   dossier catalog's size (entries, persistent objects, bytes), which
   walks every object of it.

Every figure is printed with ``os.getloadavg()``; the results go to
``bench/results/scale.json``.  A benchmark measures; it never fails on speed.
``BENCH_SCALE_DOSSIERS`` defaults to 1,000,000 (hours on a 2-core machine;
use 20,000–100,000 on a shared one).
"""

from pathlib import Path

import json
import os
import shutil
import statistics
import subprocess
import sys
import time


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "proofs"))

import lib  # noqa: E402
import requests  # noqa: E402


TOTAL = int(os.environ.get("BENCH_SCALE_DOSSIERS", "1000000"))
BATCH = int(os.environ.get("BENCH_SCALE_BATCH", "1000"))
FILE_ROWS = int(os.environ.get("BENCH_SCALE_FILE_ROWS", "50000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
REBUILD = os.environ.get("BENCH_SCALE_REBUILD", "") not in ("", "0", "false")
BASE = Path(os.environ.get("BENCH_SCALE_DIR") or ROOT / "var" / "bench-scale")
PAGE = 50
NAME = "site"


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def timed(call, rounds: int = ROUNDS) -> dict:
    call()  # warm-up: every thread's cache is not warmed, the route is
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = call()
        samples.append(time.perf_counter() - start)
        response.raise_for_status()
    return {
        "median_ms": round(statistics.median(samples) * 1000, 1),
        "max_ms": round(max(samples) * 1000, 1),
        "load": load(),
    }


def server_rss_mb(instance) -> float:
    with open(f"/proc/{instance.server.pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def catalogue(url: str):
    anonymous = requests.Session()
    return lambda: anonymous.get(f"{url}/thu-tuc-hanh-chinh", timeout=lib.TIMEOUT)


def build(instance, state: dict) -> None:
    """Build the database, or go on with a build that was stopped."""
    if not state:
        instance.create_site()
        instance.start()
        try:
            state["catalogue_at_0"] = timed(catalogue(instance.url))
            lib.log(f"catalogue page at 0 dossiers: {state['catalogue_at_0']}")
        finally:
            instance.stop()
        state["building"] = TOTAL
        (BASE / "state.json").write_text(json.dumps(state, indent=2))
    out = BASE / "build.json"
    lib.log(f"building {TOTAL:,} dossiers (batch {BATCH}, file {FILE_ROWS})")
    # Not lib's Instance.zconsole: the progress lines are printed as they come.
    subprocess.run(
        [
            str(lib.BIN / "zconsole"),
            "run",
            str(instance.zope_conf),
            str(ROOT / "bench" / "zconsole_scale.py"),
            "build",
            str(TOTAL),
            str(BATCH),
            str(FILE_ROWS),
            str(out),
        ],
        env={**instance.env, "BENCH_SCALE_COMMIT": lib.git_commit()},
        cwd=ROOT,
        check=True,
    )
    state["build"] = json.loads(out.read_text())
    state.pop("building", None)
    state["dossiers"] = TOTAL
    (BASE / "state.json").write_text(json.dumps(state, indent=2))


def measure_http(instance, state: dict, sample: dict) -> dict:
    url = instance.url
    admin = requests.Session()
    admin.auth = lib.ADMIN
    rest = requests.Session()
    rest.auth = lib.ADMIN
    rest.headers["Accept"] = "application/json"
    listing = rest.get(f"{url}/++api++/ho-so", params={"b_size": PAGE}).json()
    total = listing["items_total"]
    last = (total - 1) // PAGE * PAGE
    code, phone = sample["code"], sample["phone"]

    def page(**params):
        return lambda: admin.get(f"{url}/ho-so", params={"scope": "all", **params})

    def listing_at(start: int):
        return lambda: rest.get(
            f"{url}/++api++/ho-so", params={"b_size": PAGE, "b_start": start}
        )

    anonymous = requests.Session()
    anonymous.headers["Accept"] = "application/json"

    def lookup():
        return anonymous.post(
            f"{url}/++api++/@dossier-lookup", json={"code": code, "phone": phone}
        )

    figures = {
        "dashboard_page_1": timed(page()),
        "rest_listing_page_1": timed(listing_at(0)),
        "dashboard_last_page": timed(page(**{"b_start:int": last})),
        "rest_listing_last_page": timed(listing_at(last)),
        "dashboard_search_phone": timed(page(q=phone)),
        "dashboard_search_code": timed(page(q=code)),
        "lookup": timed(lookup),
        "catalogue": timed(catalogue(url)),
    }
    figures["ratio_dashboard_page_1_to_rest"] = round(
        figures["dashboard_page_1"]["median_ms"]
        / figures["rest_listing_page_1"]["median_ms"],
        2,
    )
    figures["ratio_dashboard_last_to_rest"] = round(
        figures["dashboard_last_page"]["median_ms"]
        / figures["rest_listing_last_page"]["median_ms"],
        2,
    )
    if "catalogue_at_0" in state:
        figures["ratio_catalogue_n_to_0"] = round(
            figures["catalogue"]["median_ms"] / state["catalogue_at_0"]["median_ms"], 2
        )
    figures["listed"] = total
    figures["server_rss_mb"] = server_rss_mb(instance)
    return figures


def main() -> int:
    state_file = BASE / "state.json"
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    resume = state.get("building") == TOTAL
    if REBUILD or (state.get("dossiers") != TOTAL and not resume):
        if BASE.exists():
            shutil.rmtree(BASE)
        BASE.mkdir(parents=True)
        state = {}
    instance = lib.Instance(BASE, NAME, "filestorage")
    if state.get("dossiers") != TOTAL:
        if state:
            lib.log(f"going on with the stopped build in {BASE}")
        build(instance, state)
    else:
        lib.log(f"reusing {BASE} ({TOTAL:,} dossiers; BENCH_SCALE_REBUILD=1 rebuilds)")
    out = BASE / "measure.json"
    instance.zconsole(
        str(ROOT / "bench" / "zconsole_scale.py"), "measure", str(ROUNDS), str(out)
    )
    report = {**state, "measure": json.loads(out.read_text())}
    data_fs = instance.var / "filestorage" / "Data.fs"
    if not data_fs.exists():
        found = sorted(instance.var.rglob("Data.fs"))
        data_fs = found[0] if found else data_fs
    report["data_fs_mb"] = (
        round(data_fs.stat().st_size / 1024 / 1024, 1) if data_fs.exists() else None
    )
    instance.start()
    try:
        report["http"] = measure_http(instance, state, report["measure"]["sample"])
    finally:
        instance.stop()
    lib.log(f"http: {json.dumps(report['http'])}")
    # Last: walking a million dossiers' catalog takes minutes.
    walked = BASE / "walk.json"
    instance.zconsole(str(ROOT / "bench" / "zconsole_scale.py"), "walk", str(walked))
    report["catalog"] = json.loads(walked.read_text())
    report["load_at_end"] = load()
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "scale.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
