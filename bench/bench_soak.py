"""Memory under load: one instance's RSS through an hour of ``bench-load``'s mix.

Run with ``make bench-soak`` (``python bench/bench_soak.py``).  One
FileStorage instance (``THREADS`` (4) waitress threads, the ZODB cache of
``scripts/make_instance.py``) made and seeded as ``bench_load.py`` makes its
first target, then ``BENCH_USERS`` (16) users run the same mix of citizens'
and officials' requests (catalogue, search, lookup, form and submission,
dashboard, REST transition) for ``BENCH_SOAK_SECONDS`` (3,600) seconds.

Every ``BENCH_SOAK_SAMPLE`` (30) seconds the server's resident set size
(``VmRSS``) is read from ``/proc``, with the load average, the requests
answered so far, and the objects in the database and in the ZODB caches
of all its connections (Zope's database control panel).  Reported: the RSS after the warm-up, at the end and at its
highest, its growth over the second half of the run in MB per hour (least
squares), the requests per second of each tenth of the run (does it slow
down?), errors, and the dossiers the run added.  A benchmark measures; it
never fails on speed or size.  Results go to ``bench/results/soak-*.json``.
"""

from pathlib import Path

import json
import os
import re
import statistics
import sys
import threading
import time


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "proofs"))
sys.path.insert(0, str(ROOT / "bench"))

import bench_load  # noqa: E402
import lib  # noqa: E402
import requests  # noqa: E402


SECONDS = float(os.environ.get("BENCH_SOAK_SECONDS", "3600"))
SAMPLE = float(os.environ.get("BENCH_SOAK_SAMPLE", "30"))


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def slope_per_hour(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) points, in MB per hour."""
    if len(points) < 2:
        return 0.0
    xs, ys = zip(*points, strict=True)
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mean_x) ** 2 for x in xs)
    num = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return round(num / den * 3600, 1) if den else 0.0


CACHE_FIGURES = {
    "Total number of objects in the database": "db_objects",
    "Total number of objects in memory from all caches": "cached_objects",
}


def zodb_cache(session, url: str) -> dict:
    """Objects in the database and in the ZODB caches of all the instance's
    connections (Zope's database control panel, as the Zope admin): what
    the RSS grows with while the caches fill."""
    root = url.rsplit("/", 1)[0]
    page = session.get(f"{root}/Control_Panel/Database/main/manage_main", timeout=60)
    text = re.sub(r"<[^>]+>", " ", page.text)
    figures = {}
    for label, key in CACHE_FIGURES.items():
        match = re.search(re.escape(label) + r"\s+(\d+)", text)
        figures[key] = int(match.group(1)) if match else None
    return figures


def answered(recorder: bench_load.Recorder) -> int:
    with recorder.lock:
        return sum(len(t) for t in recorder.times.values())


def main() -> None:
    base = lib.workdir("bench-soak")
    instance = lib.Instance(
        base, "filestorage", "filestorage", THREADS=bench_load.THREADS
    )
    instance.create_site()
    instance.start()
    pid = instance.server.pid
    url = instance.url
    lib.log(f"seeding {bench_load.SEED_DOSSIERS} dossiers")
    acknowledged, _errors = lib.run_clients([url], bench_load.SEED_DOSSIERS, 8)
    codes = [a["code"] for a in acknowledged]
    intake = list(codes)
    warm = lib.admin_session()
    for _ in range(int(bench_load.THREADS)):
        for path in ("thu-tuc-hanh-chinh", lib.FORM, "ho-so/@@ban-lam-viec"):
            warm.get(f"{url}/{path}", timeout=lib.TIMEOUT)
    after_warm_up = rss_mb(pid)
    lib.log(
        f"RSS after the warm-up {after_warm_up} MB; {bench_load.USERS} users"
        f" for {SECONDS:.0f}s (load average {os.getloadavg()})"
    )
    recorder = bench_load.Recorder()
    stop = threading.Event()
    users = [
        threading.Thread(
            target=bench_load.user, args=(url, codes, intake, recorder, stop)
        )
        for _ in range(bench_load.USERS)
    ]
    started = time.monotonic()
    for thread in users:
        thread.start()
    admin = requests.Session()
    admin.auth = lib.ADMIN
    samples = []
    while time.monotonic() - started < SECONDS:
        time.sleep(min(SAMPLE, max(SECONDS - (time.monotonic() - started), 0)))
        sample = {
            "seconds": round(time.monotonic() - started, 1),
            "rss_mb": rss_mb(pid),
            "requests": answered(recorder),
            "load": [round(x, 2) for x in os.getloadavg()],
            **zodb_cache(admin, url),
        }
        samples.append(sample)
        lib.log(
            f"{sample['seconds']:.0f}s: RSS {sample['rss_mb']} MB,"
            f" {sample['requests']} requests, {sample['cached_objects']} objects"
            f" cached of {sample['db_objects']}, load {sample['load']}"
        )
    stop.set()
    for thread in users:
        thread.join(timeout=300)
    elapsed = time.monotonic() - started
    instance.stop()
    second_half = [
        (s["seconds"], s["rss_mb"]) for s in samples if s["seconds"] >= SECONDS / 2
    ]
    tenths = []
    for n in range(10):
        window = [
            s
            for s in samples
            if n * SECONDS / 10 < s["seconds"] <= (n + 1) * SECONDS / 10
        ]
        if window:
            before = [s for s in samples if s["seconds"] <= n * SECONDS / 10]
            first = before[-1] if before else {"seconds": 0.0, "requests": 0}
            last = window[-1]
            tenths.append(
                round(
                    (last["requests"] - first["requests"])
                    / max(last["seconds"] - first["seconds"], 1e-9),
                    2,
                )
            )
    report = {
        "seconds": round(elapsed, 1),
        "users": bench_load.USERS,
        "threads": bench_load.THREADS,
        "commit": lib.git_commit(),
        "rss_after_warm_up_mb": after_warm_up,
        "rss_at_end_mb": samples[-1]["rss_mb"] if samples else None,
        "rss_max_mb": max((s["rss_mb"] for s in samples), default=None),
        "rss_growth_second_half_mb_per_hour": slope_per_hour(second_half),
        "cached_objects_at_end": samples[-1]["cached_objects"] if samples else None,
        "db_objects_at_end": samples[-1]["db_objects"] if samples else None,
        "requests": answered(recorder),
        "requests_per_second_by_tenth": tenths,
        "errors": sum(recorder.errors.values()),
        "error_samples": recorder.error_samples,
        "dossiers_added": len(codes) - len(acknowledged),
        "load_average_median": round(
            statistics.median(s["load"][0] for s in samples), 2
        )
        if samples
        else None,
        "samples": samples,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"soak-{stamp}.json").write_text(json.dumps(report, indent=2))
    summary = {k: v for k, v in report.items() if k != "samples"}
    print(json.dumps(summary, indent=2))
    lib.remove(base)


if __name__ == "__main__":
    main()
