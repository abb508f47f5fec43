"""Large historic files: checked as a whole, then written in committed batches.

The REST service keeps one transaction per file (all or nothing, see
``docs/rest/dossier-import.md``).  The command line
(``scripts/import_dossiers.py``) and ``make bench-scale`` import files of
hundreds of thousands of rows; one transaction would hold every new object
in memory until the end, and one error near the end would throw hours away.
:func:`import_in_batches`:

1. reads and validates **every** row first: a file with an invalid row (a
   bad date, an unknown procedure, a duplicate code) is refused as a whole,
   with the numbered errors, and **nothing** is written;
2. then, batch after batch of ``batch_size`` rows (file order): one catalog
   query finds the dossiers the batch updates, the batch is checked (a code
   of live work, an id taken), written, and committed (one commit per batch;
   the dossiers are cataloged once, at that commit);
3. when a batch fails (a conflict found in step 2, a database error), that
   batch is aborted and :class:`DossierBatchError` says which batches are
   committed and the line to resume from.  Batches before it stay
   committed: running the same file again is safe (the import is idempotent,
   the committed dossiers come back "unchanged"), or pass ``start_line`` to
   skip them.

``dry_run`` checks and counts every batch, and aborts each instead of
committing it.

Python's cyclic garbage collector is paused while the batches run, and run
after each commit instead (the objects the batch made: generations 0 and 1),
the whole heap every :data:`FULL_COLLECTION_EVERY` batches.  Left to itself
it scans the whole ZODB cache again and again while a batch allocates
(10 % of an import's time), for next to no garbage.
"""

from collections.abc import Callable
from dataclasses import dataclass
from luanthanh.policy.exchange.dossiers.importing import check
from luanthanh.policy.exchange.dossiers.importing import write
from luanthanh.policy.exchange.dossiers.rows import DossierImportError
from luanthanh.policy.exchange.dossiers.rows import error
from luanthanh.policy.exchange.dossiers.rows import Row
from luanthanh.policy.exchange.dossiers.validation import validate
from luanthanh.policy.exchange.dossiers.writing import Writer
from luanthanh.policy.i18n import _
from Products.CMFCore.indexing import getQueue

import gc
import time
import transaction


#: Rows per committed batch, unless told otherwise.
BATCH_SIZE = 1000
#: A full garbage collection after this many batches (the young objects are
#: collected after each).
FULL_COLLECTION_EVERY = 10


@dataclass
class Batch:
    """What one committed (or, in a dry run, aborted) batch did."""

    number: int
    first_line: int
    last_line: int
    created: int
    updated: int
    unchanged: int
    seconds: float

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


class DossierBatchError(DossierImportError):
    """Batch ``number`` failed and was rolled back; the batches before it are
    committed.  ``resume_line`` is the first line of the failed batch,
    ``committed`` the rows written before it."""

    def __init__(self, errors: list[dict], number: int, resume_line: int, committed):
        self.number = number
        self.resume_line = resume_line
        self.committed = committed
        where = error(
            None,
            None,
            _(
                "dossier_import_error_batch",
                default="Lô ${number} không ghi được; các lô trước đã được ghi "
                "(${committed} hồ sơ). Chạy lại từ dòng ${line}.",
                mapping={
                    "number": number,
                    "committed": committed,
                    "line": resume_line,
                },
            ),
        )
        super().__init__([where, *errors])


def import_in_batches(
    container,
    rows: list[Row],
    batch_size: int = BATCH_SIZE,
    dry_run: bool = False,
    start_line: int | None = None,
    on_batch: Callable[[Batch], None] | None = None,
) -> dict[str, list[str]]:
    """Import ``rows`` into ``container``, one committed transaction per batch.

    Call it at the start of a transaction: the first commit writes whatever
    the transaction already holds.

    Returns the codes created, updated and unchanged (as
    :func:`~.importing.import_dossiers`); ``on_batch`` is called after each
    batch.  Raises :class:`DossierImportError` (nothing written) when a row
    is invalid, :class:`DossierBatchError` when a batch fails.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if start_line is not None:
        rows = [row for row in rows if row.line >= start_line]
    clean, errors = validate(rows)
    if errors:
        raise DossierImportError(errors)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import(container, clean, batch_size, dry_run, on_batch)
    finally:
        if collecting:
            gc.enable()


def _import(container, clean, batch_size, dry_run, on_batch) -> dict[str, list[str]]:
    writer = Writer()
    result: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    for index in range(0, len(clean), batch_size):
        chunk = clean[index : index + batch_size]
        number = index // batch_size + 1
        started = time.perf_counter()
        try:
            objects, conflicts = check(container, chunk)
            if conflicts:
                raise DossierImportError(conflicts)
            done = write(container, chunk, objects, writer)
            if dry_run:
                _abort()
            else:
                transaction.commit()
        except Exception as exc:
            _abort()
            committed = 0 if dry_run else sum(len(v) for v in result.values())
            errors = exc.errors if isinstance(exc, DossierImportError) else []
            raise DossierBatchError(
                errors, number, chunk[0]["_line"], committed
            ) from exc
        for name, codes in done.items():
            result[name].extend(codes)
        _release(container)
        gc.collect(2 if number % FULL_COLLECTION_EVERY == 0 else 1)
        if on_batch is not None:
            on_batch(
                Batch(
                    number=number,
                    first_line=chunk[0]["_line"],
                    last_line=chunk[-1]["_line"],
                    created=len(done["created"]),
                    updated=len(done["updated"]),
                    unchanged=len(done["unchanged"]),
                    seconds=time.perf_counter() - started,
                )
            )
    return result


def _abort() -> None:
    getQueue().setState([])
    transaction.abort()


def _release(container) -> None:
    """Let the ZODB cache drop what the batch woke (it is all on disk now)."""
    jar = getattr(container, "_p_jar", None)
    if jar is not None:
        jar.cacheGC()
