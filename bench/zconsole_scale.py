"""The in-process half of ``make bench-scale`` (run by ``bench_scale.py``).

``zconsole run zope.conf bench/zconsole_scale.py build N BATCH FILE_ROWS OUT``
imports N dossiers (:mod:`scale_rows`) through the real import path: each
"file" of FILE_ROWS rows becomes CSV bytes, is read by
``api.exchange.dossier_rows`` and imported by
``api.exchange.import_dossiers_in_batches`` (the command line's path: every
row validated, one commit per BATCH rows).  Writes throughput per batch, the
time, peak RSS and RSS after the build to OUT (JSON).

A stopped build goes on where its last committed batch ended (the rows are
deterministic and imported in order); its batches and runs are appended to
``OUT.batches.jsonl``, from which OUT is written at the end.

``BENCH_SCALE_PROFILE=FILE``: the build runs under cProfile, its statistics
dumped to FILE (``python -m pstats FILE``).

``... measure ROUNDS OUT``: the statistics for a year (2025), warm, with the
result cache off (as ``bench_statistics.py``), median of ROUNDS, each figure
with the load average.  ``... walk OUT``: the dossier catalog's size (every
persistent object reachable from it, and their bytes).
"""

from luanthanh.policy.api import exchange
from luanthanh.policy.config import DOSSIER_FOLDER_ID
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.dossiers.codes import agency_code
from luanthanh.policy.setuphandlers.demo_dossiers import procedure_settings
from luanthanh.policy.statistics import cache as statistics_cache
from luanthanh.policy.statistics import compute_statistics
from ZODB.serialize import referencesf

import cProfile
import datetime
import inspect
import json
import os
import resource
import statistics
import sys
import time


HERE = os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))

from scale_rows import ScaleRows  # noqa: E402
from zope_session import zope_session  # noqa: E402


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


PROFILE = "luanthanh.policy:default"


def upgrade(app) -> None:
    """Run the add-on's pending upgrade steps: a kept database (or a build
    that goes on) was made by an older profile than the code measuring it."""
    with zope_session(app, os.environ.get("SITE_ID", "Plone")) as session:
        setup = session.site.portal_setup
        before = setup.getLastVersionForProfile(PROFILE)
        if not setup.listUpgrades(PROFILE):
            return
        started = time.perf_counter()
        setup.upgradeProfile(PROFILE)
        print(
            f"  upgraded the site's profile {'.'.join(before)} →"
            f" {'.'.join(setup.getLastVersionForProfile(PROFILE))} in"
            f" {time.perf_counter() - started:.1f}s (load {load()})",
            flush=True,
        )


def build(app, total: int, batch_size: int, file_rows: int, out: str) -> None:
    """Import up to ``total`` dossiers, resuming where the database stands.

    The rows are deterministic and imported in order, one commit per batch,
    so the dossiers already in the folder are the first rows: a build that
    was stopped (the machine's session ended, a crash) goes on from there.
    Every batch is appended to ``<out>.batches.jsonl`` as it is committed
    and every run (segment) of the build at its end, so the report covers
    the whole build, whichever runs made it."""
    log_path = out + ".batches.jsonl"
    started = time.perf_counter()
    commit = os.environ.get("BENCH_SCALE_COMMIT", "")
    # CPU seconds of this process per batch: on a shared machine the wall
    # clock measures the neighbours too; dossiers per CPU second much less.
    cpu = [time.process_time()]

    def append(line: dict) -> None:
        with open(log_path, "a") as handle:
            handle.write(json.dumps(line) + "\n")

    def on_batch(batch) -> None:
        rate = batch.rows / max(batch.seconds, 1e-9)
        now = time.process_time()
        line = {
            "rows": batch.rows,
            "seconds": round(batch.seconds, 3),
            "cpu_seconds": round(now - cpu[0], 3),
            "rate": round(rate, 1),
            "load_1min": round(os.getloadavg()[0], 2),
            "rss_mb": rss_mb(),
            "at": round(time.time(), 1),
        }
        cpu[0] = now
        append(line)
        done = len(batches_done) + 1
        batches_done.append(line)
        if done % 10 == 1:
            print(
                f"  batch {done}: {skip + done * batch_size:,} dossiers, this "
                f"batch {rate:.0f}/s, RSS {line['rss_mb']} MB, load {load()}",
                flush=True,
            )

    batches_done: list[dict] = []
    profile_to = os.environ.get("BENCH_SCALE_PROFILE")
    profiler = cProfile.Profile() if profile_to else None
    with zope_session(app, os.environ.get("SITE_ID", "Plone")) as session:
        folder = session.site[DOSSIER_FOLDER_ID]
        skip = folder.objectCount()
        print(f"  {skip:,} dossiers already built; going on to {total:,}", flush=True)
        append({"start": {"from": skip, "at": round(time.time(), 1), "commit": commit}})
        if profiler is not None:
            profiler.enable()
        rows = ScaleRows(procedure_settings(), agency_code())
        reading = 0.0
        for chunk in rows.chunks(total, file_rows, skip=skip):
            start = time.perf_counter()
            data = exchange.dossiers_csv(chunk)
            parsed = exchange.dossier_rows(data, max_bytes=None)
            reading += time.perf_counter() - start
            cpu[0] = time.process_time()
            exchange.import_dossiers_in_batches(
                folder, parsed, batch_size=batch_size, on_batch=on_batch
            )
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_to)
    append(
        {
            "segment": {
                "from": skip,
                "to": skip + sum(b["rows"] for b in batches_done),
                "seconds": round(time.perf_counter() - started, 1),
                "at": round(time.time(), 1),
                "reading_seconds": round(reading, 1),
                "commit": commit,
                "peak_rss_mb": peak_rss_mb(),
                "rss_after_mb": rss_mb(),
                "load_at_end": load(),
            }
        }
    )
    with open(out, "w") as handle:
        json.dump(
            build_report(log_path, total, batch_size, file_rows), handle, indent=2
        )


def build_report(log_path: str, total: int, batch_size: int, file_rows: int) -> dict:
    """The whole build's figures from its batches and segments (see build)."""
    batches, segments, runs = [], [], []
    with open(log_path) as handle:
        for text in handle:
            line = json.loads(text)
            if "start" in line:
                runs.append({"start": line["start"]["at"], "end": line["start"]["at"]})
            elif "segment" in line:
                segments.append(line["segment"])
                runs[-1]["end"] = line["segment"]["at"]
            else:
                batches.append(line)
                runs[-1]["end"] = line["at"]
    # A run that was stopped wrote no segment: it lasted until its last batch.
    elapsed = sum(run["end"] - run["start"] for run in runs)
    seconds = sum(b["seconds"] for b in batches)
    rows = sum(b["rows"] for b in batches)
    rates = sorted(b["rate"] for b in batches)
    tenth = max(len(batches) // 10, 1)
    first, last = batches[:tenth], batches[-tenth:]
    return {
        "dossiers": total,
        "batch_size": batch_size,
        "file_rows": file_rows,
        "segments": segments,
        "runs": len(runs),
        "build_seconds": round(elapsed, 1),
        "overall_per_second": round(rows / max(elapsed, 1e-9), 1),
        "sustained_per_second": round(rows / max(seconds, 1e-9), 1),
        # Batches logged before the CPU was recorded count only by their rows.
        "per_cpu_second": round(
            sum(b["rows"] for b in batches if "cpu_seconds" in b)
            / max(sum(b.get("cpu_seconds", 0) for b in batches), 1e-9),
            1,
        ),
        "reading_seconds": round(sum(s["reading_seconds"] for s in segments), 1),
        "batch_rate_min": rates[0] if rates else None,
        "batch_rate_median": round(statistics.median(rates), 1) if rates else None,
        "batch_rate_max": rates[-1] if rates else None,
        "first_tenth_per_second": round(
            sum(b["rows"] for b in first) / max(sum(b["seconds"] for b in first), 1e-9),
            1,
        ),
        "last_tenth_per_second": round(
            sum(b["rows"] for b in last) / max(sum(b["seconds"] for b in last), 1e-9), 1
        ),
        "load_1min_median": round(statistics.median(b["load_1min"] for b in batches), 2)
        if batches
        else None,
        "batches": len(batches),
        "peak_rss_mb": max((s["peak_rss_mb"] for s in segments), default=None),
        "rss_after_build_mb": segments[-1]["rss_after_mb"] if segments else None,
        "load_after_build": segments[-1]["load_at_end"] if segments else None,
    }


def catalog_size(tool) -> tuple[int, int]:
    """Persistent objects reachable from the dossier catalog, and their bytes."""
    storage = tool._p_jar.db().storage
    seen, todo, size = set(), [tool._p_oid], 0
    while todo:
        oid = todo.pop()
        if oid in seen:
            continue
        seen.add(oid)
        data, _serial = storage.load(oid)
        size += len(data)
        todo.extend(ref for ref in referencesf(data) if ref not in seen)
    return len(seen), size


def measure(app, rounds: int, out: str) -> None:
    report: dict = {}
    with zope_session(app, os.environ.get("SITE_ID", "Plone")) as session:
        tool = dossier_catalog()
        report["dossiers_cataloged"] = len(tool)
        brains = tool.unrestrictedSearchResults(portal_type="Dossier")
        sample = brains[len(brains) // 2]._unrestrictedGetObject()
        report["sample"] = {"code": sample.code, "phone": sample.applicant_phone}
        begin, end = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
        statistics_cache.enabled = False
        try:
            compute_statistics(begin, end)  # warm-up
            samples, cpu = [], []
            for _ in range(rounds):
                wall, proc = time.perf_counter(), time.process_time()
                result = compute_statistics(begin, end)
                samples.append(time.perf_counter() - wall)
                cpu.append(time.process_time() - proc)
        finally:
            statistics_cache.enabled = True
        report["statistics_year_ms"] = round(statistics.median(samples) * 1000, 1)
        report["statistics_year_cpu_ms"] = round(statistics.median(cpu) * 1000, 1)
        report["statistics_year_total"] = result.get("total")
        report["statistics_load"] = load()
        print(
            f"statistics 2025, warm, cache off: {report['statistics_year_ms']} ms "
            f"(CPU {report['statistics_year_cpu_ms']} ms, {result.get('total')} "
            f"dossiers; load {report['statistics_load']})",
            flush=True,
        )
        session.abort()
    with open(out, "w") as handle:
        json.dump(report, handle, indent=2)


def walk(app, out: str) -> None:
    """The dossier catalog's size: every persistent object reachable from it
    and their bytes (long at a million dossiers: run last)."""
    with zope_session(app, os.environ.get("SITE_ID", "Plone")) as session:
        tool = dossier_catalog()
        start = time.perf_counter()
        objects, size = catalog_size(tool)
        report = {
            "catalog_entries": len(tool),
            "catalog_objects": objects,
            "catalog_mb": round(size / 1024 / 1024, 1),
            "catalog_walk_seconds": round(time.perf_counter() - start, 1),
            "catalog_walk_load": load(),
        }
        print(
            f"dossier catalog: {len(tool):,} entries, {objects:,} objects, "
            f"{report['catalog_mb']} MB (load {load()})",
            flush=True,
        )
        session.abort()
    with open(out, "w") as handle:
        json.dump(report, handle, indent=2)


def main(app, argv: list[str]) -> int:
    ours = [i for i, arg in enumerate(argv) if arg.endswith("zconsole_scale.py")]
    args = argv[ours[-1] + 1 :] if ours else argv[1:]
    upgrade(app)
    if args[0] == "build":
        build(app, int(args[1]), int(args[2]), int(args[3]), args[4])
    elif args[0] == "measure":
        measure(app, int(args[1]), args[2])
    elif args[0] == "walk":
        walk(app, args[1])
    app._p_jar.db().close()
    return 0


if __name__ == "__main__":
    sys.exit(main(globals()["app"], sys.argv))  # app: zconsole
