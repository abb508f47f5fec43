"""Benchmark: the three dossier code sequences under concurrency.

``PYTHONPATH=src .venv/bin/python bench/bench_codes.py``

8 threads, each with its own ZODB connection (as Zope's worker threads, or
instances on ZEO/RelStorage), run "submissions": take a code number, do
``WORK_MS`` of other work inside the transaction (a real submission creates
the dossier, its files and catalog entries), write an object of their own and
commit; a ``ConflictError`` retries the whole submission, as Zope does.

Strategies: ``inline`` (counter in the submission's transaction),
``transaction`` (counter in a separate short transaction) on a FileStorage,
and ``postgresql`` (a PostgreSQL sequence; the submission's own data on the
same FileStorage) with a temporary PostgreSQL (``scripts/postgres.py``).
Reported: submissions per second, whole-submission retries, numbers unique.
"""

from pathlib import Path

import json
import os
import shutil
import sys
import tempfile
import threading
import time


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from BTrees.OOBTree import OOBTree  # noqa: E402
from luanthanh.policy.dossiers import codes  # noqa: E402
from persistent import Persistent  # noqa: E402
from ZODB.FileStorage import FileStorage  # noqa: E402
from ZODB.POSException import ConflictError  # noqa: E402
from zope.annotation.attribute import AttributeAnnotations  # noqa: E402
from zope.annotation.interfaces import IAttributeAnnotatable  # noqa: E402
from zope.component import provideAdapter  # noqa: E402
from zope.interface import implementer  # noqa: E402

import postgres  # noqa: E402
import transaction  # noqa: E402
import ZODB  # noqa: E402


THREADS = int(os.environ.get("BENCH_THREADS", "8"))
PER_THREAD = int(os.environ.get("BENCH_PER_THREAD", "40"))
WORK_MS = float(os.environ.get("BENCH_WORK_MS", "20"))
DAY = "251205"


@implementer(IAttributeAnnotatable)
class Folder(Persistent):
    pass


def run(strategy: str, path: Path, dsn: str | None) -> dict:
    db = ZODB.DB(FileStorage(str(path / f"{strategy}.fs")))
    with db.transaction() as conn:
        folder = conn.root()["folder"] = Folder()
        codes._counters(folder)  # as after the site's first dossier
        for i in range(THREADS):
            conn.root()[f"t{i}"] = OOBTree()
    taken, retries, lock = [], [0], threading.Lock()
    barrier = threading.Barrier(THREADS)

    def worker(index: int) -> None:
        manager = transaction.TransactionManager()
        conn = db.open(transaction_manager=manager)
        barrier.wait()
        for _ in range(PER_THREAD):
            while True:
                manager.begin()
                folder = conn.root()["folder"]
                if strategy == "postgresql":
                    number = codes.take_from_postgresql(folder, DAY, dsn)
                else:
                    number = codes.take_number(folder, DAY, strategy)
                time.sleep(WORK_MS / 1000)  # the rest of the submission
                conn.root()[f"t{index}"][number] = Folder()
                try:
                    manager.commit()
                    break
                except ConflictError:
                    manager.abort()
                    with lock:
                        retries[0] += 1
            with lock:
                taken.append(number)
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    db.close()
    return {
        "strategy": strategy,
        "submissions": len(taken),
        "per_second": round(len(taken) / elapsed, 1),
        "whole_submission_retries": retries[0],
        "unique": len(set(taken)) == len(taken),
        "gaps": max(taken) - len(taken),
    }


def main() -> None:
    provideAdapter(AttributeAnnotations)
    base = Path(tempfile.mkdtemp(prefix="luanthanh-bench-codes-"))
    base.chmod(0o755)
    data = base / "postgresql"
    results = []
    try:
        dsn = postgres.start(data, postgres_port(), "codes")
        results.append(run("inline", base, None))
        results.append(run("transaction", base, None))
        results.append(run("postgresql", base, dsn))
    finally:
        postgres.stop(data)
        shutil.rmtree(base, ignore_errors=True)
    print(
        f"\n{THREADS} threads x {PER_THREAD} submissions, {WORK_MS:.0f} ms of work"
        " in each transaction\n"
    )
    print("| strategy | submissions/s | whole-submission retries | unique | gaps |")
    print("| --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['strategy']} | {r['per_second']} | {r['whole_submission_retries']}"
            f" | {r['unique']} | {r['gaps']} |"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"codes-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(
        json.dumps(results, indent=2)
    )


def postgres_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    main()
