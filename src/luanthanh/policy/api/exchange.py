"""Import and export of site data: procedures (CSV, XLSX, JSON), historic dossiers.

    from luanthanh.policy import api

    result = api.exchange.import_procedures(folder, data, fmt="csv")
    data, content_type, filename = api.exchange.export_procedures(folder, "xlsx")
    result = api.exchange.import_dossiers(api.dossier.folder(), data)

Imports are all or nothing (except
:func:`import_dossiers_in_batches`, for files too large for one
transaction: one commit per batch): a file with an invalid row raises
:class:`ProcedureImportError` / :class:`DossierImportError`, whose ``errors``
list the numbered Vietnamese messages, and nothing is written.  Results are
``{"created": [codes], "updated": [codes], "unchanged": [codes]}``.
"""

from collections.abc import Callable
from luanthanh.policy.exchange import dossiers as _dossiers
from luanthanh.policy.exchange import procedures as _procedures
from luanthanh.policy.exchange.dossiers import rows as _dossier_rows
from luanthanh.policy.exchange.procedures import rows as _procedure_rows
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from typing import Any
from zope.i18nmessageid import Message

import transaction


#: Raised by the procedure import; ``errors`` holds ``{"line", "field", "message"}``.
ProcedureImportError = _procedures.ImportValidationError
#: Raised by the dossier import; ``errors`` holds ``{"line", "column", "message"}``.
DossierImportError = _dossiers.DossierImportError
#: Raised by :func:`import_dossiers_in_batches` when a batch fails (the
#: batches before it are committed): ``number``, ``resume_line``, ``committed``.
DossierBatchError = _dossiers.DossierBatchError
#: What :func:`import_dossiers_in_batches` reports after each batch.
DossierBatch = _dossiers.Batch
#: Rows per committed batch of :func:`import_dossiers_in_batches`.
DOSSIER_BATCH_SIZE = _dossiers.BATCH_SIZE
ProcedureRow = _procedures.Row
DossierRow = _dossiers.Row

#: The procedure file formats: ``csv``, ``xlsx``, ``json``.
PROCEDURE_FORMATS = _procedures.FORMATS
PROCEDURE_CONTENT_TYPES = _procedures.CONTENT_TYPES
#: Dossier files larger than this are refused through the web.
DOSSIER_MAX_BYTES = _dossiers.MAX_BYTES

Result = dict[str, list[str]]


def _dry_run(run: Callable[[], Result]) -> Result:
    """Run an import and undo its writes (and its pending indexing)."""
    processQueue()
    savepoint = transaction.savepoint(optimistic=True)
    try:
        return run()
    finally:
        savepoint.rollback()
        getQueue().setState([])


# -- procedures ------------------------------------------------------------


def detect_format(
    filename: str | None = None, content_type: str | None = None
) -> str | None:
    """``csv``, ``xlsx`` or ``json`` from a file name or a content type."""
    return _procedures.detect_format(filename, content_type)


def decode_data(data: str, fmt: str) -> bytes:
    """The bytes of a file sent as text or base64 in a JSON body."""
    return _procedures.decode_data(data, fmt)


def procedure_rows(data: bytes | list, fmt: str | None = None) -> list[ProcedureRow]:
    """The rows of a procedure file (``fmt``), or of decoded JSON items (a list).

    Raises :class:`ProcedureImportError` when the file cannot be read.
    """
    if isinstance(data, list):
        return _procedures.rows_from_items(data)
    return _procedures.parse(data, fmt or "")


def import_procedures(
    container,
    data: bytes | list,
    fmt: str | None = None,
    dry_run: bool = False,
    publish: bool = False,
) -> Result:
    """Create or update procedures from a file, all or nothing.

    ``container`` is a ProcedureFolder, or any other context (the site):
    then new procedures go into the site's catalogue ``thu-tuc-hanh-chinh``.
    ``data`` is the file's bytes in format ``fmt``, decoded JSON items (a
    list), or rows already read (:func:`procedure_rows`).  New procedures
    stay private unless ``publish``.  ``dry_run`` checks and counts, and
    writes nothing.  Raises :class:`ProcedureImportError`.
    """
    if isinstance(data, list) and all(isinstance(r, ProcedureRow) for r in data):
        rows = data
    else:
        rows = procedure_rows(data, fmt)
    target = _procedures.import_container(container)
    if target is None:
        raise _procedures.no_container_error()

    def run() -> Result:
        return _procedures.import_procedures(target, rows, publish=publish)

    return _dry_run(run) if dry_run else run()


def procedure_import_error(message: Message) -> ProcedureImportError:
    """The error refusing a procedure upload as a whole (no file, bad body...)."""
    return _procedure_rows.invalid_file(message)


def procedure_summary(result: Result) -> str:
    """``Đã nhập xong: N thủ tục mới, ...``."""
    return _procedures.summarize_result(result)


def export_procedures(context, fmt: str) -> tuple[bytes, str, str]:
    """The procedures under ``context`` as (data, content type, file name).

    ``fmt`` is one of :data:`PROCEDURE_FORMATS` (else ValueError); importing
    the file again changes nothing.
    """
    if fmt not in PROCEDURE_FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return _procedures.export_file(context, fmt)


# -- historic dossiers -----------------------------------------------------


def dossier_rows(
    data: bytes | list[dict[str, Any]], max_bytes: int | None = DOSSIER_MAX_BYTES
) -> list[DossierRow]:
    """The rows of a dossier CSV file, or of dictionaries (numbered from line 2).

    ``max_bytes=None`` lifts the size limit (the command line).  Raises
    :class:`DossierImportError` when the file cannot be read.
    """
    if isinstance(data, list):
        return _dossiers.rows_from_dicts(data)
    return _dossiers.parse(data, max_bytes=max_bytes)


def import_dossiers(
    container,
    data_or_rows: bytes | list,
    dry_run: bool = False,
    max_bytes: int | None = DOSSIER_MAX_BYTES,
) -> Result:
    """Create or update historic dossiers in ``container`` (the tracking book).

    ``data_or_rows`` is a CSV file's bytes, dictionaries with the columns, or
    rows already read (:func:`dossier_rows`).  Matched by code; a code of a
    dossier received on this system is an error.  All or nothing; no
    transition is fired, no e-mail leaves.  ``dry_run`` checks and counts,
    and writes nothing.  Raises :class:`DossierImportError`.
    """
    if isinstance(data_or_rows, list) and all(
        isinstance(row, DossierRow) for row in data_or_rows
    ):
        rows = data_or_rows
    else:
        rows = dossier_rows(data_or_rows, max_bytes=max_bytes)

    def run() -> Result:
        return _dossiers.import_dossiers(container, rows)

    return _dry_run(run) if dry_run else run()


def import_dossiers_in_batches(
    container,
    rows: list[DossierRow],
    batch_size: int = DOSSIER_BATCH_SIZE,
    dry_run: bool = False,
    start_line: int | None = None,
    on_batch: Callable[[DossierBatch], None] | None = None,
) -> Result:
    """Import a large file (the command line, the benchmarks), committing
    every ``batch_size`` rows; not for a request (it commits).

    Every row is validated first: an invalid file raises
    :class:`DossierImportError` and nothing is written.  A batch that fails
    is rolled back and raises :class:`DossierBatchError`, with the batches
    before it committed and the line to resume from (``start_line``; running
    the whole file again is safe too).  ``on_batch`` receives a
    :data:`DossierBatch` after each one.  ``dry_run`` aborts every batch.
    """
    return _dossiers.import_in_batches(
        container,
        rows,
        batch_size=batch_size,
        dry_run=dry_run,
        start_line=start_line,
        on_batch=on_batch,
    )


def dossier_import_error(message: Message) -> DossierImportError:
    """The error refusing a dossier upload as a whole (no file...)."""
    return _dossier_rows.invalid_file(message)


def dossier_summary(result: Result) -> str:
    """``Đã nhập xong: N hồ sơ mới, ...``."""
    return _dossiers.summarize_result(result)


def dossiers_csv(items: list[dict[str, Any]]) -> bytes:
    """A dossier import file (CSV, UTF-8 with BOM) from dictionaries."""
    return _dossiers.to_csv(items)
