"""Spreadsheets the center hands out: safe cells, XLSX and CSV writing, reading back.

One rule set keeps a spreadsheet program from running a text cell as a
formula (CWE-1236): a text starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a leading apostrophe.  Every export goes through
:func:`safe_cell`; imports undo it with :func:`unsafe_cell`.
"""

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from openpyxl import load_workbook
from openpyxl import Workbook

import csv
import io
import re


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
#: What a spreadsheet program reads as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED_RE = re.compile(r"^'+[=+\-@\t\r]")


def safe_cell(value):
    """A cell value that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START):
        return "'" + value
    return value


def unsafe_cell(text: str) -> str:
    """Undo the apostrophe that :func:`safe_cell` put before a formula-like text."""
    if isinstance(text, str) and _NEUTRALISED_RE.match(text):
        return text[1:]
    return text


def safe_rows(rows: Iterable[Sequence]) -> list[list]:
    """Every cell of ``rows`` made safe."""
    return [[safe_cell(value) for value in row] for row in rows]


def xlsx_bytes(
    header: Sequence,
    rows: Iterable[Sequence],
    title: str = "Sheet1",
    preamble: Iterable[Sequence] = (),
    widths: dict[str, int] | None = None,
    freeze: str | None = None,
    style: Callable | None = None,
) -> bytes:
    """An XLSX workbook of one sheet: ``preamble`` lines, the header, the rows.

    Cells are made safe here; callers pass the plain values.  ``style``, when
    given, is called with the worksheet once it is filled (fonts, number
    formats), before the workbook is saved.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for line in preamble:
        sheet.append([safe_cell(v) for v in line])
    sheet.append([safe_cell(v) for v in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    for column, width in (widths or {}).items():
        sheet.column_dimensions[column].width = width
    if freeze:
        sheet.freeze_panes = freeze
    if style is not None:
        style(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(header: Sequence, rows: Iterable[Sequence], bom: bool = True) -> bytes:
    """UTF-8 CSV (with a BOM, so that Excel reads the Vietnamese right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(v) for v in header])
    writer.writerows(safe_rows(rows))
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_rows(data: bytes) -> list[list]:
    """The cells of the first sheet of an XLSX file, as values."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
