"""The in-process half of ``make bench-import`` (run by ``bench_import.py``).

``zconsole run zope.conf bench/zconsole_import.py ROUNDS BATCH OUT``
alternates, ROUNDS times, one batch of BATCH dossiers through the historic
import (``api.exchange.import_dossiers_in_batches``: rows read from CSV,
every row validated, one commit per batch: the command line's path) and one
batch of BATCH Plone Documents made by ``plone.api.content.create`` in a
plain Folder and committed once (Plone's own bulk creation: catalogued,
workflow, ownership).  Alternating puts both sides under the same load and
the same storage.  Per side: wall seconds, CPU seconds of this process and
the bytes the storage grew by; the load average beside every batch.  OUT is JSON.
"""

from luanthanh.policy.api import exchange
from luanthanh.policy.config import DOSSIER_FOLDER_ID
from luanthanh.policy.dossiers.codes import agency_code
from luanthanh.policy.setuphandlers.demo_dossiers import procedure_settings
from plone import api

import gc
import inspect
import json
import os
import statistics
import sys
import time
import transaction


HERE = os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))

from scale_rows import ScaleRows  # noqa: E402
from zope_session import zope_session  # noqa: E402


FOLDER = "bench-import-documents"


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def timed(call) -> dict:
    """One batch: wall and CPU seconds, bytes the storage grew by."""
    gc.collect()
    storage = api.portal.get()._p_jar.db().storage
    size = storage.getSize()
    wall, cpu = time.perf_counter(), time.process_time()
    rows = call()
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    return {
        "rows": rows,
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "bytes_written": storage.getSize() - size,
        "load_1min": load()[0],
    }


def documents(folder, start: int, count: int) -> int:
    """``count`` Documents as an editor makes them, committed once."""
    for i in range(start, start + count):
        api.content.create(
            container=folder,
            type="Document",
            id=f"van-ban-{i}",
            title=f"Thông báo số {i}/TB-UBND về lịch tiếp công dân",
            description="Ủy ban nhân dân xã Luận Thành thông báo lịch tiếp công dân.",
            subject=["thông báo", "tiếp công dân"],
            safe_id=False,
        )
    transaction.commit()
    return count


def dossiers(folder, chunk: list[dict], batch: int) -> int:
    """One batch of historic rows through the command line's path."""
    data = exchange.dossiers_csv(chunk)
    parsed = exchange.dossier_rows(data, max_bytes=None)
    result = exchange.import_dossiers_in_batches(folder, parsed, batch_size=batch)
    return len(result["created"])


def summary(batches: list[dict]) -> dict:
    rows = sum(b["rows"] for b in batches)
    cpu = sum(b["cpu_seconds"] for b in batches)
    wall = sum(b["seconds"] for b in batches)
    return {
        "rows": rows,
        "per_second": round(rows / wall, 1),
        "per_cpu_second": round(rows / cpu, 1),
        "median_batch_per_cpu_second": round(
            statistics.median(b["rows"] / b["cpu_seconds"] for b in batches), 1
        ),
        "bytes_written_per_row": round(sum(b["bytes_written"] for b in batches) / rows),
        "batches": batches,
    }


def run(app, rounds: int, batch: int, out: str) -> None:
    with zope_session(app, os.environ.get("SITE_ID", "Plone")) as session:
        site = session.site
        with api.env.adopt_roles(["Manager"]):
            if FOLDER not in site:
                api.content.create(
                    container=site, type="Folder", id=FOLDER, title="Bench"
                )
                transaction.commit()
            folder = site[FOLDER]
            book = site[DOSSIER_FOLDER_ID]
            skip = book.objectCount()
            rows = ScaleRows(procedure_settings(), agency_code())
            chunks = rows.chunks(skip + rounds * batch, batch, skip=skip)
            sides = {"dossiers": [], "documents": []}
            for n, chunk in enumerate(chunks):
                sides["dossiers"].append(
                    timed(lambda c=chunk: dossiers(book, c, batch))
                )
                start = len(folder.objectIds()) + 1
                sides["documents"].append(
                    timed(lambda s=start: documents(folder, s, batch))
                )
                print(
                    f"  round {n + 1}: dossiers {sides['dossiers'][-1]},"
                    f" documents {sides['documents'][-1]}",
                    flush=True,
                )
    report = {side: summary(batches) for side, batches in sides.items()}
    report["ratio_per_cpu_second"] = round(
        report["dossiers"]["per_cpu_second"] / report["documents"]["per_cpu_second"], 2
    )
    report["ratio_per_second"] = round(
        report["dossiers"]["per_second"] / report["documents"]["per_second"], 2
    )
    report["load_at_end"] = load()
    with open(out, "w") as handle:
        json.dump(report, handle, indent=2)


def main(app, argv: list[str]) -> int:
    ours = [i for i, arg in enumerate(argv) if arg.endswith("zconsole_import.py")]
    args = argv[ours[-1] + 1 :] if ours else argv[1:]
    run(app, int(args[0]), int(args[1]), args[2])
    app._p_jar.db().close()
    return 0


if __name__ == "__main__":
    sys.exit(main(globals()["app"], sys.argv))  # app: zconsole
