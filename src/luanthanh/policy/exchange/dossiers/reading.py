"""Reading a historic dossier file (CSV) into numbered :class:`Row` objects.

The file is UTF-8 (with or without BOM); the delimiter is the comma, or the
semicolon or tab when the header uses it.  :func:`to_csv` writes the same
format (the demo data, the tests).
"""

from luanthanh.policy.exchange.dossiers.rows import ALL_COLUMNS
from luanthanh.policy.exchange.dossiers.rows import COLUMNS
from luanthanh.policy.exchange.dossiers.rows import invalid_file
from luanthanh.policy.exchange.dossiers.rows import MAX_BYTES
from luanthanh.policy.exchange.dossiers.rows import Row
from luanthanh.policy.exchange.table import csv_table
from luanthanh.policy.exchange.table import decode_utf8
from luanthanh.policy.exchange.table import non_blank
from luanthanh.policy.exchange.table import TableError
from luanthanh.policy.i18n import _
from luanthanh.policy.spreadsheet import csv_bytes
from luanthanh.policy.spreadsheet import unsafe_cell
from typing import Any


EMPTY = _("dossier_import_error_empty", default="Tệp không có hồ sơ nào.")


def parse(data: bytes, max_bytes: int | None = MAX_BYTES) -> list[Row]:
    """The rows of a CSV file (UTF-8, with or without BOM).

    Raises :class:`~.rows.DossierImportError` when the file cannot be read or
    lacks a column.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise invalid_file(
            _(
                "dossier_import_error_too_large",
                default="Tệp quá lớn (tối đa ${size} MB); hãy dùng lệnh "
                "make import-dossiers.",
                mapping={"size": max_bytes // (1024 * 1024)},
            )
        )
    try:
        table = non_blank(csv_table(decode_utf8(data)))
    except TableError as error:
        if error.detail is None:
            msg = _(
                "dossier_import_error_encoding",
                default="tệp CSV phải dùng bảng mã UTF-8.",
            )
        else:
            msg = _(
                "dossier_import_error_csv",
                default="không đọc được dòng CSV (${detail}).",
                mapping={"detail": error.detail},
            )
        raise invalid_file(msg, line=error.line) from None
    if not table:
        raise invalid_file(EMPTY)
    header_line, header = table[0]
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in COLUMNS if name not in columns]
    if missing:
        raise invalid_file(
            _(
                "dossier_import_error_columns",
                default="thiếu cột bắt buộc ${columns}.",
                mapping={"columns": ", ".join(missing)},
            ),
            line=header_line,
        )
    positions: dict[str, int] = {}
    for position, name in enumerate(columns):
        if name in ALL_COLUMNS and name not in positions:
            positions[name] = position
    rows = [
        Row(
            line=number,
            values={
                name: unsafe_cell(cells[pos] if pos < len(cells) else "").strip()
                for name, pos in positions.items()
            },
        )
        for number, cells in table[1:]
    ]
    if not rows:
        raise invalid_file(EMPTY)
    return rows


def rows_from_dicts(items: list[dict[str, Any]], first_line: int = 2) -> list[Row]:
    """Rows from dictionaries (the demo data), numbered like a CSV file."""
    return [
        Row(
            line=first_line + index,
            values={
                name: str(item.get(name) or "").strip()
                for name in ALL_COLUMNS
                if name in item
            },
        )
        for index, item in enumerate(items)
    ]


def to_csv(items: list[dict[str, Any]]) -> bytes:
    """A CSV file (UTF-8 with BOM) of dictionaries with :data:`ALL_COLUMNS`."""
    return csv_bytes(
        ALL_COLUMNS, [[item.get(name, "") for name in ALL_COLUMNS] for item in items]
    )
