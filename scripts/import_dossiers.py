"""Import historic dossiers from a CSV file, for files too large for the API.

Run as ``zconsole run instance/etc/zope.conf scripts/import_dossiers.py FILE
[--site Plone] [--dry-run] [--batch-size 1000] [--start-line N]`` (or ``make
import-dossiers FILE=... [BATCH_SIZE=...] [START_LINE=...]``), where ``app``
is the Zope root.  Every row is checked first: an invalid file writes
nothing.  The dossiers are then written in batches of ``--batch-size`` rows,
one commit per batch (``api.exchange.import_dossiers_in_batches``).  When a
batch fails, the batches before it stay committed and the script names the
line to resume from (``--start-line``; running the whole file again is safe
too: committed dossiers come back unchanged).  ``--dry-run`` checks and
counts, and writes nothing.  Exit status 1 when the file is invalid or a
batch fails (the errors are printed with their line numbers).
"""

from luanthanh.policy.api import exchange
from luanthanh.policy.config import DOSSIER_FOLDER_ID
from pathlib import Path

import argparse
import inspect
import os
import sys
import time


# zconsole runs this file with exec(), without __file__: our folder from our code.
sys.path.insert(
    0, os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename))
)

from zope_session import run_script
from zope_session import zope_session


def report(batch) -> None:
    print(
        f"Lô {batch.number} (dòng {batch.first_line}–{batch.last_line}): "
        f"{batch.rows} hồ sơ, {batch.seconds:.1f} s "
        f"({batch.rows / max(batch.seconds, 1e-9):.0f} hồ sơ/s).",
        flush=True,
    )


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="import_dossiers.py", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--site", default=os.environ.get("SITE_ID", "Plone"))
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument(
        "--batch-size", type=int, default=exchange.DOSSIER_BATCH_SIZE, metavar="N"
    )
    parser.add_argument("--start-line", type=int, default=None, metavar="LINE")
    args = parser.parse_args(argv)
    with zope_session(app, args.site) as session:
        start = time.perf_counter()
        try:
            rows = exchange.dossier_rows(args.file.read_bytes(), max_bytes=None)
            result = exchange.import_dossiers_in_batches(
                session.site[DOSSIER_FOLDER_ID],
                rows,
                batch_size=args.batch_size,
                dry_run=args.dry_run,
                start_line=args.start_line,
                on_batch=report,
            )
        except exchange.DossierImportError as error:
            session.abort()
            print(str(error))
            for item in error.errors:
                print(f"  {item['message']}")
            return 1
        if args.dry_run:
            session.abort()
            print("Chạy thử (--dry-run): không ghi gì.")
    counts = {name: len(codes) for name, codes in result.items()}
    elapsed = time.perf_counter() - start
    print(
        f"Hồ sơ mới: {counts['created']}, cập nhật: {counts['updated']}, "
        f"không đổi: {counts['unchanged']} ({len(rows)} dòng, {elapsed:.1f} s)."
    )
    return 0


if __name__ == "__main__":
    run_script(main, globals()["app"], sys.argv, "import_dossiers.py")  # app: zconsole
