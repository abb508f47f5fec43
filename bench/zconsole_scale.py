"""The in-process half of ``make bench-scale`` (run by ``bench_scale.py``).

``zconsole run zope.conf bench/zconsole_scale.py build N BATCH FILE_ROWS OUT``
imports N dossiers (:mod:`scale_rows`) through the real import path: each
"file" of FILE_ROWS rows becomes CSV bytes, is read by
``api.exchange.dossier_rows`` and imported by
``api.exchange.import_dossiers_in_batches`` (the command line's path: every
row validated, one commit per BATCH rows).  Writes throughput per batch, the
time, peak RSS and RSS after the build to OUT (JSON).

``BENCH_SCALE_PROFILE=FILE``: the build runs under cProfile, its statistics
dumped to FILE (``python -m pstats FILE``).

``... measure ROUNDS OUT``: the database and dossier-catalog sizes, and the
statistics for a year (2025), warm, with the result cache off (as
``bench_statistics.py``), median of ROUNDS, each figure with the load average.
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


def build(app, total: int, batch_size: int, file_rows: int, out: str) -> None:
    batches: list[dict] = []
    started = time.perf_counter()
    # CPU seconds of this process per batch: on a shared machine the wall
    # clock measures the neighbours too; dossiers per CPU second much less.
    cpu = [time.process_time()]

    def on_batch(batch) -> None:
        rate = batch.rows / max(batch.seconds, 1e-9)
        now = time.process_time()
        batches.append(
            {
                "rows": batch.rows,
                "seconds": round(batch.seconds, 3),
                "cpu_seconds": round(now - cpu[0], 3),
                "rate": rate,
                "load_1min": round(os.getloadavg()[0], 2),
            }
        )
        cpu[0] = now
        if len(batches) % 10 == 1:
            done = sum(b["rows"] for b in batches)
            print(
                f"  batch {len(batches)}: {done:,} dossiers, this batch "
                f"{rate:.0f}/s, RSS {rss_mb()} MB, load {load()}",
                flush=True,
            )

    profile_to = os.environ.get("BENCH_SCALE_PROFILE")
    profiler = cProfile.Profile() if profile_to else None
    with zope_session(app, os.environ.get("SITE_ID", "Plone")) as session:
        if profiler is not None:
            profiler.enable()
        folder = session.site[DOSSIER_FOLDER_ID]
        rows = ScaleRows(procedure_settings(), agency_code())
        reading = 0.0
        for chunk in rows.chunks(total, file_rows):
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
    elapsed = time.perf_counter() - started
    seconds = sum(b["seconds"] for b in batches)
    rates = sorted(b["rate"] for b in batches)
    tenth = max(len(batches) // 10, 1)
    first = batches[:tenth]
    last = batches[-tenth:]
    report = {
        "dossiers": total,
        "batch_size": batch_size,
        "file_rows": file_rows,
        "build_seconds": round(elapsed, 1),
        "overall_per_second": round(total / elapsed, 1),
        "sustained_per_second": round(total / seconds, 1),
        "per_cpu_second": round(total / sum(b["cpu_seconds"] for b in batches), 1),
        "reading_seconds": round(reading, 1),
        "batch_rate_min": round(rates[0], 1),
        "batch_rate_median": round(statistics.median(rates), 1),
        "batch_rate_max": round(rates[-1], 1),
        "first_tenth_per_second": round(
            sum(b["rows"] for b in first) / sum(b["seconds"] for b in first), 1
        ),
        "last_tenth_per_second": round(
            sum(b["rows"] for b in last) / sum(b["seconds"] for b in last), 1
        ),
        "batches": batches,
        "peak_rss_mb": peak_rss_mb(),
        "rss_after_build_mb": rss_mb(),
        "load_after_build": load(),
    }
    with open(out, "w") as handle:
        json.dump(report, handle, indent=2)


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
        start = time.perf_counter()
        objects, size = catalog_size(tool)
        report["catalog_objects"] = objects
        report["catalog_mb"] = round(size / 1024 / 1024, 1)
        report["catalog_walk_seconds"] = round(time.perf_counter() - start, 1)
        print(
            f"dossier catalog: {len(tool):,} entries, {objects:,} objects, "
            f"{report['catalog_mb']} MB (load {load()})",
            flush=True,
        )
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


def main(app, argv: list[str]) -> int:
    ours = [i for i, arg in enumerate(argv) if arg.endswith("zconsole_scale.py")]
    args = argv[ours[-1] + 1 :] if ours else argv[1:]
    if args[0] == "build":
        build(app, int(args[1]), int(args[2]), int(args[3]), args[4])
    elif args[0] == "measure":
        measure(app, int(args[1]), args[2])
    app._p_jar.db().close()
    return 0


if __name__ == "__main__":
    sys.exit(main(globals()["app"], sys.argv))  # app: zconsole
