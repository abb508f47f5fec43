"""Benchmark: the historic import against Plone's own bulk creation.

Run: ``make bench-import`` (``PYTHONPATH=src .venv/bin/python
bench/bench_import.py``).  A plain script, like ``bench_scale.py``: it makes
a FileStorage instance (``scripts/make_instance.py``, ``create_site.py``
with the demo procedures and officials) in a temporary directory, then runs
``zconsole_import.py``, which alternates ``BENCH_IMPORT_ROUNDS`` (5) times
one batch of ``BENCH_IMPORT_BATCH`` (1,000) dossiers through the real import
path (CSV read, every row validated, one commit per batch) and one batch of
as many Plone Documents made by ``plone.api.content.create`` and committed
once.  It reports, per side, items per wall second and per CPU second of the
process and the bytes written per item (Data.fs growth), with the load average beside every
batch; the ratio dossiers ÷ Documents is the figure to compare (on a shared
machine the CPU-second one, which the neighbours disturb least).  The result
goes to ``bench/results/import.json``.  A benchmark measures; it never fails
on speed.
"""

from pathlib import Path

import json
import os
import sys
import tempfile


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "proofs"))

import lib  # noqa: E402


ROUNDS = int(os.environ.get("BENCH_IMPORT_ROUNDS", "5"))
BATCH = int(os.environ.get("BENCH_IMPORT_BATCH", "1000"))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as base:
        instance = lib.Instance(Path(base), "import", "filestorage")
        lib.log(f"making the site (load {os.getloadavg()[0]:.2f})")
        instance.create_site()
        out = Path(base) / "import.json"
        lib.log(f"{ROUNDS} rounds of {BATCH} dossiers and {BATCH} Documents")
        print(
            instance.zconsole(
                str(ROOT / "bench" / "zconsole_import.py"),
                str(ROUNDS),
                str(BATCH),
                str(out),
            ),
            flush=True,
        )
        report = json.loads(out.read_text())
    report["commit"] = lib.git_commit()
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "import.json").write_text(json.dumps(report, indent=2))
    for side in ("dossiers", "documents"):
        figures = report[side]
        lib.log(
            f"{side}: {figures['per_second']}/s, {figures['per_cpu_second']} per CPU"
            f" second, {figures['bytes_written_per_row']} bytes written each"
        )
    lib.log(
        f"dossiers ÷ Documents: {report['ratio_per_cpu_second']} per CPU second,"
        f" {report['ratio_per_second']} per second; load at the end"
        f" {report['load_at_end']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
