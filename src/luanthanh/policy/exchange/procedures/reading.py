"""Reading a procedure file (CSV, XLSX, JSON) into numbered :class:`Row` objects.

Raises :class:`~.rows.ImportValidationError` when the file itself cannot be
read; the rows are checked by :mod:`.validation`.
"""

from datetime import datetime
from datetime import time
from luanthanh.policy.exchange.procedures.rows import ALL_COLUMNS
from luanthanh.policy.exchange.procedures.rows import CONTENT_TYPES
from luanthanh.policy.exchange.procedures.rows import FORMATS
from luanthanh.policy.exchange.procedures.rows import invalid_file
from luanthanh.policy.exchange.procedures.rows import line_error
from luanthanh.policy.exchange.procedures.rows import MAX_BYTES
from luanthanh.policy.exchange.procedures.rows import REQUIRED_COLUMNS
from luanthanh.policy.exchange.procedures.rows import Row
from luanthanh.policy.exchange.table import csv_table
from luanthanh.policy.exchange.table import decode_utf8
from luanthanh.policy.exchange.table import non_blank
from luanthanh.policy.exchange.table import TableError
from luanthanh.policy.i18n import _
from luanthanh.policy.spreadsheet import unsafe_cell
from luanthanh.policy.spreadsheet import xlsx_rows
from typing import Any

import base64
import json
import re


_BASE64_RE = re.compile(r"^[A-Za-z0-9+/=\s]+$")


def detect_format(
    filename: str | None = None, content_type: str | None = None
) -> str | None:
    """``csv``, ``xlsx`` or ``json`` from a file name or a content type."""
    name = (filename or "").lower().rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension in FORMATS:
        return extension
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in ("text/csv", "application/csv", "text/comma-separated-values"):
        return "csv"
    if mime == CONTENT_TYPES["xlsx"]:
        return "xlsx"
    if mime in ("application/json", "text/json"):
        return "json"
    return None


def decode_data(data: str, fmt: str) -> bytes:
    """The bytes of a file sent as text or base64 (as in a JSON request body).

    XLSX is always base64. CSV and JSON text always contains characters
    outside the base64 alphabet (commas, brackets), so text that is pure
    base64 is decoded.
    """
    if fmt == "xlsx" or _BASE64_RE.match(data or ""):
        try:
            return base64.b64decode(data, validate=False)
        except ValueError:
            if fmt == "xlsx":
                raise invalid_file(
                    _(
                        "import_error_base64",
                        default="Dữ liệu tệp không phải base64 hợp lệ.",
                    )
                ) from None
    return (data or "").encode("utf-8")


def parse(data: bytes, fmt: str) -> list[Row]:
    """Read a CSV, XLSX or JSON file into rows.

    Raises :class:`ImportValidationError` when the file itself cannot be read
    (wrong encoding, broken JSON, missing required columns, no procedure).
    """
    if fmt not in FORMATS:
        raise invalid_file(
            _(
                "import_error_format",
                default="Không nhận dạng được định dạng tệp; hãy dùng CSV, "
                "XLSX hoặc JSON.",
            )
        )
    if len(data) > MAX_BYTES:
        raise invalid_file(
            _(
                "import_error_too_large",
                default="Tệp quá lớn (tối đa ${size} MB).",
                mapping={"size": MAX_BYTES // (1024 * 1024)},
            )
        )
    if fmt == "json":
        rows = _parse_json(data)
    else:
        table = _read_csv(data) if fmt == "csv" else _read_xlsx(data)
        rows = _rows_from_table(table)
    if not rows:
        raise invalid_file(_("import_error_empty", default="Tệp không có thủ tục nào."))
    return rows


def rows_from_items(items: Any) -> list[Row]:
    """Rows from already decoded JSON (a list of objects)."""
    if not isinstance(items, list):
        raise invalid_file(
            _(
                "import_error_json_list",
                default="Tệp JSON phải là một danh sách các thủ tục.",
            )
        )
    rows = []
    for index, item in enumerate(items, start=1):
        if isinstance(item, dict):
            values = {k: v for k, v in item.items() if k in ALL_COLUMNS}
        else:
            values = {"__invalid__": item}
        rows.append(Row(line=index, values=values, unit="item"))
    return rows


def _parse_json(data: bytes) -> list[Row]:
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise invalid_file(
            _(
                "import_error_json",
                default="Tệp JSON không đọc được: ${detail}.",
                mapping={"detail": str(error)},
            )
        ) from None
    return rows_from_items(items)


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    """(line, cells) of each record; the line is where the record starts."""
    try:
        return csv_table(decode_utf8(data))
    except TableError as error:
        if error.detail is None:
            msg = _(
                "import_error_csv_encoding",
                default="Dòng ${line}: tệp CSV phải dùng bảng mã UTF-8.",
                mapping={"line": error.line},
            )
        else:
            msg = _(
                "import_error_csv",
                default="Dòng ${line}: không đọc được dòng CSV (${detail}).",
                mapping={"line": error.line, "detail": error.detail},
            )
        raise line_error(error.line, msg) from None


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as the text it shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    """(sheet row, cells) of the first worksheet."""
    try:
        sheet = xlsx_rows(data)
    except Exception:
        raise invalid_file(
            _(
                "import_error_xlsx",
                default="Tệp XLSX không đọc được; hãy lưu lại bằng Excel "
                "hoặc LibreOffice dưới dạng .xlsx.",
            )
        ) from None
    return [
        (number, [_cell_text(value) for value in values])
        for number, values in enumerate(sheet, 1)
    ]


def _rows_from_table(table: list[tuple[int, list[str]]]) -> list[Row]:
    table = non_blank(table)
    if not table:
        return []
    header_line, header = table[0]
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise line_error(
            header_line,
            _(
                "import_error_columns",
                default="Dòng ${line}: thiếu cột bắt buộc ${columns}.",
                mapping={"line": header_line, "columns": ", ".join(missing)},
            ),
        )
    positions = {}
    for position, name in enumerate(columns):
        if name in ALL_COLUMNS and name not in positions:
            positions[name] = position
    rows = []
    for line, cells in table[1:]:
        values = {
            name: unsafe_cell(cells[position] if position < len(cells) else "")
            for name, position in positions.items()
        }
        rows.append(Row(line=line, values=values))
    return rows
