"""Import and export of administrative procedures (CSV, XLSX, JSON).

The engine behind ``POST @procedure-import``, ``GET @procedure-export`` and the
control-panel page ``@@procedure-import``:

1. :func:`parse` turns a file into :class:`Row` objects, each with the line
   (CSV, XLSX) or item number (JSON) it came from;
2. :func:`validate` checks every row and returns clean values or numbered
   Vietnamese errors;
3. :func:`import_procedures` creates or updates procedures by ``code``, all or
   nothing, and leaves procedures that already match untouched;
4. :func:`export_procedures` writes the same columns, so that an export
   imported again changes nothing.

A column (or JSON key) that is absent leaves that field of an existing
procedure alone; a blank cell empties it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from datetime import time
from luanthanh.policy.content.procedure import find_by_code
from luanthanh.policy.content.procedure import InvalidProcedureCode
from luanthanh.policy.content.procedure import IProcedure
from luanthanh.policy.content.procedure import IProcedureFolder
from luanthanh.policy.content.procedure import validate_code
from luanthanh.policy.i18n import _
from luanthanh.policy.vocabularies import audiences_vocabulary
from luanthanh.policy.vocabularies import channels_vocabulary
from luanthanh.policy.vocabularies import fields_vocabulary
from luanthanh.policy.vocabularies import online_levels_vocabulary
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.i18n.normalizer.interfaces import IURLNormalizer
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from typing import Any
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import Interface
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import base64
import csv
import io
import json
import re
import transaction


#: The columns of the issue, in the order they are exported.
COLUMNS: tuple[str, ...] = (
    "code",
    "title",
    "field",
    "processing_days",
    "online_level",
    "fee",
    "implementing_agency",
    "audience",
    "required_documents",
    "legal_basis",
)

#: Optional columns, read when present and always exported.
EXTRA_COLUMNS: tuple[str, ...] = (
    "description",
    "same_day_cutoff",
    "processing_note",
    "channels",
    "fee_note",
    "steps",
    "conditions",
    "result",
)

#: Codes of related procedures (``interlinked``), resolved after the rows.
LINKS_COLUMN = "interlinked"

ALL_COLUMNS: tuple[str, ...] = (*COLUMNS, *EXTRA_COLUMNS, LINKS_COLUMN)

#: Columns that every row must fill in (the schema has no usable default).
REQUIRED_COLUMNS: tuple[str, ...] = (
    "code",
    "title",
    "field",
    "processing_days",
    "online_level",
    "fee",
)

FORMATS: tuple[str, ...] = ("csv", "xlsx", "json")

CONTENT_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}

#: Imported files larger than this are refused.
MAX_BYTES = 10 * 1024 * 1024

EXPORT_BASENAME = "thu-tuc-hanh-chinh"

#: The catalogue folder that imports on the site root go into.
PROCEDURE_FOLDER_ID = "thu-tuc-hanh-chinh"

_TEXT_LINE_FIELDS = ("title", "fee_note", "implementing_agency")
_TEXT_FIELDS = ("description", "processing_note", "result")
_RICH_FIELDS = ("steps", "conditions")
_INT_FIELDS = ("processing_days", "fee")
_TOKEN_FIELDS = ("audience", "channels")
_DOCUMENT_KEYS = ("name", "originals", "copies", "note", "template_url")

_FORMULA_RE = re.compile(r"^'*[=+\-@]")
_NEUTRALISED_RE = re.compile(r"^'+[=+\-@]")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_GROUPED_INT_RE = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+$")
_BASE64_RE = re.compile(r"^[A-Za-z0-9+/=\s]+$")


# --------------------------------------------------------------------------
# Rows, errors and messages


@dataclass
class Row:
    """One procedure as read from a file, before validation.

    ``line`` is the physical line of a CSV file (the header is line 1), the
    sheet row of an XLSX file, or the position (from 1) of a JSON item, in
    which case ``unit`` is ``"item"`` and messages say "Mục" instead of "Dòng".
    ``values`` holds the known columns only, as read (strings for CSV and
    XLSX, JSON values for JSON).
    """

    line: int
    values: dict[str, Any] = dataclass_field(default_factory=dict)
    unit: str = "line"


class ImportValidationError(Exception):
    """The file or one of its rows is invalid; nothing was written.

    ``errors`` is a list of ``{"line": int | None, "field": str | None,
    "message": str}`` in line order; ``line`` is None for the whole file.
    """

    def __init__(self, errors: list[dict]):
        self.errors = sorted(
            errors, key=lambda e: (e.get("line") is not None, e.get("line") or 0)
        )
        super().__init__(summarize_errors(self.errors))


def _text(msg: Message | str) -> str:
    """Translate a message for the current request (Vietnamese by default)."""
    if not isinstance(msg, Message):
        return msg
    request = getRequest()
    if request is not None:
        return translate(msg, context=request)
    return translate(msg, target_language="vi")


def _where(row: Row, lower: bool = False) -> str:
    if row.unit == "item":
        if lower:
            msg = _("import_where_item_lower", default="mục ${line}")
        else:
            msg = _("import_where_item", default="Mục ${line}")
    elif lower:
        msg = _("import_where_line_lower", default="dòng ${line}")
    else:
        msg = _("import_where_line", default="Dòng ${line}")
    return _text(Message(msg, mapping={"line": row.line}))


def _label(name: str) -> str:
    """The Vietnamese label of a procedure field (its schema title)."""
    if name == "title":
        return _text(_("label_procedure_title", default="Tên thủ tục"))
    if name == "description":
        return _text(_("label_procedure_description", default="Mô tả"))
    if name in IProcedure:
        return _text(IProcedure[name].title)
    return name


def _file_error(msg: Message) -> dict:
    return {"line": None, "field": None, "message": _text(msg)}


def summarize_errors(errors: list[dict]) -> str:
    """The one-sentence Vietnamese summary of a failed import."""
    return _text(
        _(
            "import_error_summary",
            default="Không nhập được: có ${count} lỗi. Chưa có thay đổi nào được ghi.",
            mapping={"count": len(errors)},
        )
    )


def summarize_result(result: dict[str, list[str]]) -> str:
    """The one-sentence Vietnamese summary of a successful import."""
    return _text(
        _(
            "import_result_summary",
            default="Đã nhập xong: ${created} thủ tục mới, ${updated} thủ tục "
            "được cập nhật, ${unchanged} thủ tục không thay đổi.",
            mapping={
                "created": len(result["created"]),
                "updated": len(result["updated"]),
                "unchanged": len(result["unchanged"]),
            },
        )
    )


# --------------------------------------------------------------------------
# Parsing


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
                raise ImportValidationError(
                    [
                        _file_error(
                            _(
                                "import_error_base64",
                                default="Dữ liệu tệp không phải base64 hợp lệ.",
                            )
                        )
                    ]
                ) from None
    return (data or "").encode("utf-8")


def parse(data: bytes, fmt: str) -> list[Row]:
    """Read a CSV, XLSX or JSON file into rows.

    Raises :class:`ImportValidationError` when the file itself cannot be read
    (wrong encoding, broken JSON, missing required columns, no procedure).
    """
    if fmt not in FORMATS:
        raise ImportValidationError(
            [
                _file_error(
                    _(
                        "import_error_format",
                        default="Không nhận dạng được định dạng tệp; hãy dùng CSV, "
                        "XLSX hoặc JSON.",
                    )
                )
            ]
        )
    if len(data) > MAX_BYTES:
        raise ImportValidationError(
            [
                _file_error(
                    _(
                        "import_error_too_large",
                        default="Tệp quá lớn (tối đa ${size} MB).",
                        mapping={"size": MAX_BYTES // (1024 * 1024)},
                    )
                )
            ]
        )
    if fmt == "json":
        rows = _parse_json(data)
    else:
        table = _read_csv(data) if fmt == "csv" else _read_xlsx(data)
        rows = _rows_from_table(table)
    if not rows:
        raise ImportValidationError(
            [_file_error(_("import_error_empty", default="Tệp không có thủ tục nào."))]
        )
    return rows


def rows_from_items(items: Any) -> list[Row]:
    """Rows from already decoded JSON (a list of objects)."""
    if not isinstance(items, list):
        raise ImportValidationError(
            [
                _file_error(
                    _(
                        "import_error_json_list",
                        default="Tệp JSON phải là một danh sách các thủ tục.",
                    )
                )
            ]
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
        raise ImportValidationError(
            [
                _file_error(
                    _(
                        "import_error_json",
                        default="Tệp JSON không đọc được: ${detail}.",
                        mapping={"detail": str(error)},
                    )
                )
            ]
        ) from None
    return rows_from_items(items)


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    """(line, cells) of each record; the line is where the record starts."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportValidationError(
            [
                {
                    "line": line,
                    "field": None,
                    "message": _text(
                        _(
                            "import_error_csv_encoding",
                            default="Dòng ${line}: tệp CSV phải dùng bảng mã UTF-8.",
                            mapping={"line": line},
                        )
                    ),
                }
            ]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = []
    line = 1
    try:
        for cells in reader:
            table.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportValidationError(
            [
                {
                    "line": line,
                    "field": None,
                    "message": _text(
                        _(
                            "import_error_csv",
                            default="Dòng ${line}: không đọc được dòng CSV "
                            "(${detail}).",
                            mapping={"line": line, "detail": str(error)},
                        )
                    ),
                }
            ]
        ) from None
    return table


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
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ImportValidationError(
            [
                _file_error(
                    _(
                        "import_error_xlsx",
                        default="Tệp XLSX không đọc được; hãy lưu lại bằng Excel "
                        "hoặc LibreOffice dưới dạng .xlsx.",
                    )
                )
            ]
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
    finally:
        workbook.close()


def _unneutralise(text: str) -> str:
    """Undo the ``'`` that the export puts before a formula-like cell."""
    if _NEUTRALISED_RE.match(text):
        return text[1:]
    return text


def _rows_from_table(table: list[tuple[int, list[str]]]) -> list[Row]:
    table = [(line, cells) for line, cells in table if any(c.strip() for c in cells)]
    if not table:
        return []
    header_line, header = table[0]
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportValidationError(
            [
                {
                    "line": header_line,
                    "field": None,
                    "message": _text(
                        _(
                            "import_error_columns",
                            default="Dòng ${line}: thiếu cột bắt buộc ${columns}.",
                            mapping={
                                "line": header_line,
                                "columns": ", ".join(missing),
                            },
                        )
                    ),
                }
            ]
        )
    positions = {}
    for position, name in enumerate(columns):
        if name in ALL_COLUMNS and name not in positions:
            positions[name] = position
    rows = []
    for line, cells in table[1:]:
        values = {
            name: _unneutralise(cells[position] if position < len(cells) else "")
            for name, position in positions.items()
        }
        rows.append(Row(line=line, values=values))
    return rows


# --------------------------------------------------------------------------
# Validation


def _normalise_text(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _split_tokens(value: Any) -> list[str] | None:
    """Tokens of a cell (``a, b; c``) or a JSON list; None when malformed."""
    if isinstance(value, str):
        items = re.split(r"[,;\n]", value)
    elif isinstance(value, list | tuple | set):
        if not all(isinstance(item, str) for item in value):
            return None
        items = list(value)
    else:
        return None
    tokens = []
    for item in items:
        item = item.strip()
        if item and item not in tokens:
            tokens.append(item)
    return tokens


def _split_lines(value: Any) -> list[str] | None:
    """Lines of a cell or a JSON list of strings; None when malformed."""
    if isinstance(value, str):
        items = _normalise_text(value).split("\n")
    elif isinstance(value, list | tuple):
        if not all(isinstance(item, str) for item in value):
            return None
        items = list(value)
    else:
        return None
    return [item.strip() for item in items if item.strip()]


def _to_int(value: Any) -> int | None:
    """A non-negative integer from a cell or a JSON number; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    if isinstance(value, str):
        text = value.strip()
        if _GROUPED_INT_RE.match(text):
            text = re.sub(r"[.,\s]", "", text)
        if text.isdigit() and text.isascii():
            return int(text)
    return None


def _to_time(value: Any) -> time | None:
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if not isinstance(value, str):
        raise ValueError(value)
    match = _TIME_RE.match(value.strip())
    if not match:
        raise ValueError(value)
    return time(int(match.group(1)), int(match.group(2)))


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple | set | dict) and not value


class _RowChecker:
    """Checks one row and collects its clean values and its errors."""

    def __init__(self, row: Row, vocabularies: dict[str, list[str]]):
        self.row = row
        self.vocabularies = vocabularies
        self.clean: dict[str, Any] = {"_line": row.line}
        self.errors: list[dict] = []

    def error(self, name: str | None, msg: Message) -> None:
        mapping = dict(msg.mapping or {})
        mapping["where"] = _where(self.row)
        self.errors.append(
            {
                "line": self.row.line,
                "field": name,
                "message": _text(Message(msg, mapping=mapping)),
            }
        )

    def wrong_type(self, name: str) -> None:
        self.error(
            name,
            _(
                "import_error_type",
                default="${where}: “${label}” không đúng kiểu dữ liệu.",
                mapping={"label": _label(name)},
            ),
        )

    def check(self) -> None:
        values = self.row.values
        if "__invalid__" in values:
            self.error(
                None,
                _(
                    "import_error_json_item",
                    default="${where}: mỗi mục phải là một đối tượng JSON.",
                ),
            )
            return
        for name in REQUIRED_COLUMNS:
            if _is_blank(values.get(name)):
                self.error(
                    name,
                    _(
                        "import_error_required",
                        default="${where}: thiếu “${label}”.",
                        mapping={"label": _label(name)},
                    ),
                )
        for name in ALL_COLUMNS:
            if name not in values:
                continue
            value = values[name]
            if name in REQUIRED_COLUMNS and _is_blank(value):
                continue
            getattr(self, f"check_{name}", self.check_text)(name, value)

    # -- one method per kind of column

    def check_code(self, name: str, value: Any) -> None:
        if not isinstance(value, str):
            self.wrong_type(name)
            return
        code = value.strip()
        try:
            validate_code(code)
        except InvalidProcedureCode:
            self.error(
                name,
                _(
                    "import_error_code",
                    default="${where}: mã thủ tục “${value}” không hợp lệ.",
                    mapping={"value": code},
                ),
            )
            return
        self.clean[name] = code

    def check_text(self, name: str, value: Any) -> None:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.wrong_type(name)
            return
        text = _normalise_text(value)
        if name in _TEXT_LINE_FIELDS and "\n" in text:
            self.error(
                name,
                _(
                    "import_error_one_line",
                    default="${where}: “${label}” chỉ được viết trên một dòng.",
                    mapping={"label": _label(name)},
                ),
            )
            return
        self.clean[name] = text

    check_title = check_text
    check_steps = check_text
    check_conditions = check_text

    def check_field(self, name: str, value: Any) -> None:
        if not isinstance(value, str):
            self.wrong_type(name)
            return
        token = value.strip()
        if token not in self.vocabularies["field"]:
            self.error(
                name,
                _(
                    "import_error_field",
                    default="${where}: lĩnh vực “${value}” không có trong danh "
                    "sách lĩnh vực (${allowed}).",
                    mapping={
                        "value": token,
                        "allowed": ", ".join(self.vocabularies["field"]),
                    },
                ),
            )
            return
        self.clean[name] = token

    def check_online_level(self, name: str, value: Any) -> None:
        token = value.strip() if isinstance(value, str) else value
        if token not in self.vocabularies["online_level"]:
            self.error(
                name,
                _(
                    "import_error_online_level",
                    default="${where}: mức độ trực tuyến “${value}” không hợp lệ "
                    "(chỉ nhận ${allowed}).",
                    mapping={
                        "value": str(token),
                        "allowed": ", ".join(self.vocabularies["online_level"]),
                    },
                ),
            )
            return
        self.clean[name] = token

    def check_int(self, name: str, value: Any) -> None:
        number = _to_int(value)
        if number is None:
            self.error(
                name,
                _(
                    "import_error_int",
                    default="${where}: “${label}” phải là số nguyên không âm, "
                    "không phải “${value}”.",
                    mapping={"label": _label(name), "value": str(value).strip()},
                ),
            )
            return
        self.clean[name] = number

    check_processing_days = check_int
    check_fee = check_int

    def check_same_day_cutoff(self, name: str, value: Any) -> None:
        if _is_blank(value):
            self.clean[name] = None
            return
        try:
            self.clean[name] = _to_time(value)
        except ValueError:
            self.error(
                name,
                _(
                    "import_error_time",
                    default="${where}: giờ tiếp nhận “${value}” không hợp lệ; hãy "
                    "viết dạng giờ:phút, ví dụ 15:00.",
                    mapping={"value": str(value).strip()},
                ),
            )

    def check_tokens(self, name: str, value: Any) -> None:
        tokens = _split_tokens("" if value is None else value)
        if tokens is None:
            self.wrong_type(name)
            return
        allowed = self.vocabularies[name]
        wrong = [token for token in tokens if token not in allowed]
        for token in wrong:
            self.error(
                name,
                _(
                    "import_error_token",
                    default="${where}: “${label}” không nhận giá trị “${value}” "
                    "(chỉ nhận ${allowed}).",
                    mapping={
                        "label": _label(name),
                        "value": token,
                        "allowed": ", ".join(allowed),
                    },
                ),
            )
        if not wrong:
            self.clean[name] = set(tokens)

    check_audience = check_tokens
    check_channels = check_tokens

    def check_legal_basis(self, name: str, value: Any) -> None:
        lines = _split_lines("" if value is None else value)
        if lines is None:
            self.wrong_type(name)
            return
        self.clean[name] = lines

    def check_interlinked(self, name: str, value: Any) -> None:
        codes = _split_tokens("" if value is None else value)
        if codes is None:
            self.wrong_type(name)
            return
        valid = True
        for code in codes:
            try:
                validate_code(code)
            except InvalidProcedureCode:
                valid = False
                self.error(
                    name,
                    _(
                        "import_error_link_code",
                        default="${where}: mã thủ tục liên thông “${value}” không "
                        "hợp lệ.",
                        mapping={"value": code},
                    ),
                )
        if valid:
            self.clean[name] = codes

    def check_required_documents(self, name: str, value: Any) -> None:
        items = self._document_items(value)
        if items is None:
            self.error(
                name,
                _(
                    "import_error_documents",
                    default="${where}: thành phần hồ sơ phải là danh sách JSON các "
                    "giấy tờ, hoặc mỗi dòng một giấy tờ dạng tên | bản chính | "
                    "bản sao | ghi chú | mẫu.",
                ),
            )
            return
        documents = []
        for number, item in enumerate(items, start=1):
            document = self._document(number, item)
            if document is not None:
                documents.append(document)
        if len(documents) == len(items):
            self.clean[name] = documents

    def _document_items(self, value: Any) -> list | None:
        """The documents as a list of dicts (JSON) or of part lists (text)."""
        if value is None:
            return []
        if isinstance(value, str):
            text = _normalise_text(value)
            if text.startswith("["):
                try:
                    return self._document_items(json.loads(text))
                except ValueError:
                    pass  # a name in brackets: one document per line
            return [
                [part.strip() for part in line.split("|")]
                for line in text.split("\n")
                if line.strip()
            ]
        if isinstance(value, list) and all(isinstance(i, dict) for i in value):
            return value
        return None

    def _document(self, number: int, item: dict | list) -> dict | None:
        if isinstance(item, list):
            if len(item) > len(_DOCUMENT_KEYS):
                self.error(
                    "required_documents",
                    _(
                        "import_error_document_parts",
                        default="${where}: giấy tờ thứ ${number} có quá nhiều phần; "
                        "hãy viết dạng tên | bản chính | bản sao | ghi chú | mẫu.",
                        mapping={"number": number},
                    ),
                )
                return None
            item = {
                key: part
                for key, part in zip(_DOCUMENT_KEYS, item, strict=False)
                if part != "" or key in ("name", "note", "template_url")
            }
        ok = True
        document: dict[str, Any] = {}
        for key in _DOCUMENT_KEYS:
            label = _text(IProcedure["required_documents"].value_type.schema[key].title)
            value = item.get(key)
            if key in ("originals", "copies"):
                if _is_blank(value):
                    document[key] = 1 if key == "originals" else 0
                    continue
                count = _to_int(value)
                if count is None:
                    ok = False
                    self.error(
                        "required_documents",
                        _(
                            "import_error_document_int",
                            default="${where}: giấy tờ thứ ${number}: “${label}” "
                            "phải là số nguyên không âm, không phải “${value}”.",
                            mapping={
                                "number": number,
                                "label": label,
                                "value": str(value).strip(),
                            },
                        ),
                    )
                document[key] = count
                continue
            if value is None:
                value = ""
            if not isinstance(value, str) or "\n" in _normalise_text(value):
                ok = False
                self.error(
                    "required_documents",
                    _(
                        "import_error_document_text",
                        default="${where}: giấy tờ thứ ${number}: “${label}” phải "
                        "là chữ viết trên một dòng.",
                        mapping={"number": number, "label": label},
                    ),
                )
                continue
            document[key] = _normalise_text(value)
        if ok and not document["name"]:
            ok = False
            self.error(
                "required_documents",
                _(
                    "import_error_document_name",
                    default="${where}: giấy tờ thứ ${number} thiếu tên.",
                    mapping={"number": number},
                ),
            )
        return document if ok else None


def _vocabularies(portal) -> dict[str, list[str]]:
    return {
        "field": [t.value for t in fields_vocabulary(portal)],
        "online_level": [t.value for t in online_levels_vocabulary(portal)],
        "audience": [t.value for t in audiences_vocabulary(portal)],
        "channels": [t.value for t in channels_vocabulary(portal)],
    }


def validate(rows: list[Row], portal) -> tuple[list[dict], list[dict]]:
    """Check every row: the clean values of the valid rows, and all errors.

    Each clean dict holds the values of the columns the row has, converted to
    the field types (sets for audience and channels, ``datetime.time`` for
    same_day_cutoff, lists of dicts for required_documents), plus ``_line``.
    Each error is ``{"line", "field", "message"}`` with a Vietnamese message
    that starts with "Dòng N" (or "Mục N" for JSON).
    """
    vocabularies = _vocabularies(portal)
    clean: list[dict] = []
    errors: list[dict] = []
    first_line: dict[str, Row] = {}
    for row in rows:
        checker = _RowChecker(row, vocabularies)
        checker.check()
        code = checker.clean.get("code")
        if code is not None:
            if code in first_line:
                checker.error(
                    "code",
                    _(
                        "import_error_duplicate",
                        default="${where}: mã thủ tục “${value}” bị trùng, đã có ở "
                        "${first}.",
                        mapping={
                            "value": code,
                            "first": _where(first_line[code], lower=True),
                        },
                    ),
                )
            else:
                first_line[code] = row
        errors.extend(checker.errors)
        if not checker.errors:
            clean.append(checker.clean)
    # Links may point to procedures of the file or of the site.
    by_line = {row.line: row for row in rows}
    for values in clean:
        row = by_line[values["_line"]]
        for code in values.get(LINKS_COLUMN, ()):
            if code == values["code"]:
                message = _(
                    "import_error_link_self",
                    default="${where}: thủ tục không thể liên thông với chính nó.",
                )
            elif code in first_line or find_by_code(code):
                continue
            else:
                message = _(
                    "import_error_link_unknown",
                    default="${where}: thủ tục liên thông “${value}” không có trong "
                    "tệp và chưa có trên trang.",
                    mapping={"value": code},
                )
            checker = _RowChecker(row, vocabularies)
            checker.error(LINKS_COLUMN, message)
            errors.extend(checker.errors)
    if errors:
        bad = {error["line"] for error in errors}
        clean = [values for values in clean if values["_line"] not in bad]
    errors.sort(key=lambda e: e["line"] or 0)
    return clean, errors


# --------------------------------------------------------------------------
# Reading and writing procedures


def _link_codes(obj) -> list[str]:
    """Codes of the related procedures; broken relations are left out."""
    codes = []
    for relation in getattr(obj, "interlinked", None) or ():
        target = None if relation.isBroken() else relation.to_object
        code = getattr(target, "code", None)
        if code:
            codes.append(code)
    return codes


def procedure_values(obj) -> dict[str, Any]:
    """The exported fields of a procedure, in the types :func:`validate` makes."""
    values: dict[str, Any] = {
        "code": obj.code or "",
        "title": obj.title or "",
        "description": obj.description or "",
        "field": obj.field or "",
        "processing_days": obj.processing_days or 0,
        "same_day_cutoff": obj.same_day_cutoff,
        "processing_note": obj.processing_note or "",
        "online_level": obj.online_level or "none",
        "channels": set(obj.channels or ()),
        "fee": obj.fee or 0,
        "fee_note": obj.fee_note or "",
        "implementing_agency": obj.implementing_agency or "",
        "audience": set(obj.audience or ()),
        "required_documents": [
            {
                "name": document.get("name") or "",
                "originals": document.get("originals") or 0,
                "copies": document.get("copies") or 0,
                "note": document.get("note") or "",
                "template_url": document.get("template_url") or "",
            }
            for document in obj.required_documents or ()
        ],
        "steps": obj.steps.raw if obj.steps else "",
        "conditions": obj.conditions.raw if obj.conditions else "",
        "result": obj.result or "",
        "legal_basis": list(obj.legal_basis or ()),
        LINKS_COLUMN: _link_codes(obj),
    }
    if isinstance(values["same_day_cutoff"], time):
        values["same_day_cutoff"] = values["same_day_cutoff"].replace(
            second=0, microsecond=0
        )
    return values


def _field_value(name: str, value: Any) -> Any:
    """A clean value as it is stored on the procedure."""
    if name in _RICH_FIELDS:
        if not value:
            return None
        return RichTextValue(value, "text/html", "text/x-html-safe")
    if name in _TOKEN_FIELDS:
        return set(value)
    if name == "required_documents":
        return [dict(document) for document in value]
    if name == "legal_basis":
        return list(value)
    return value


def _changes(obj, values: dict[str, Any]) -> list[str]:
    """Names of the fields (and ``interlinked``) the row would change."""
    current = procedure_values(obj)
    return [
        name
        for name, value in values.items()
        if not name.startswith("_") and current.get(name) != value
    ]


def _relations(codes: list[str], by_code: dict[str, Any]) -> list[RelationValue]:
    intids = getUtility(IIntIds)
    relations = []
    for code in codes:
        target = by_code.get(code)
        if target is None:
            target = find_by_code(code)[0]._unrestrictedGetObject()
        relations.append(RelationValue(intids.getId(target)))
    return relations


def _new_id(container, title: str) -> str:
    """A free id in ``container`` from the title (``dang-ky-khai-sinh``)."""
    base = getUtility(IURLNormalizer).normalize(title) or "thu-tuc"
    name, number = base, 0
    while name in container:
        number += 1
        name = f"{base}-{number}"
    return name


def import_procedures(
    container, rows: list[Row], publish: bool = False
) -> dict[str, list[str]]:
    """Create or update the procedures of ``rows``, all or nothing.

    Procedures are matched by ``code`` (catalog index ``procedure_code``),
    wherever they are; new ones are created in ``container`` (a
    ProcedureFolder) and stay private unless ``publish`` is true. A procedure
    whose values already equal the row's is not touched at all. ``interlinked``
    codes are resolved after every row is written.

    Returns ``{"created": [codes], "updated": [codes], "unchanged": [codes]}``
    in file order. Raises :class:`ImportValidationError` before writing
    anything when a row is invalid; any other error rolls the writes back.
    """
    portal = api.portal.get()
    clean, errors = validate(rows, portal)
    if errors:
        raise ImportValidationError(errors)
    result: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    # Flush pending catalog work first: the savepoint then holds a catalog that
    # agrees with the content, and a rollback can simply empty the queue.
    processQueue()
    savepoint = transaction.savepoint(optimistic=True)
    try:
        by_code: dict[str, Any] = {}
        touched: dict[str, list[str]] = {}
        linked: list[tuple[Any, list[str]]] = []
        for values in clean:
            code = values["code"]
            fields = {
                name: value
                for name, value in values.items()
                if not name.startswith("_") and name != LINKS_COLUMN
            }
            brains = find_by_code(code)
            if brains:
                obj = brains[0]._unrestrictedGetObject()
                changed = _changes(obj, values)
                by_code[code] = obj
                if not changed:
                    result["unchanged"].append(code)
                    continue
                for name in changed:
                    if name != LINKS_COLUMN:
                        setattr(obj, name, _field_value(name, fields[name]))
                touched[code] = changed
                result["updated"].append(code)
            else:
                obj = api.content.create(
                    container=container,
                    type="Procedure",
                    id=_new_id(container, fields["title"]),
                    **{name: _field_value(name, v) for name, v in fields.items()},
                )
                by_code[code] = obj
                result["created"].append(code)
                if publish:
                    api.content.transition(obj=obj, to_state="published")
                changed = [LINKS_COLUMN] if values.get(LINKS_COLUMN) else []
                if changed:
                    touched[code] = changed
            if LINKS_COLUMN in changed:
                linked.append((obj, values[LINKS_COLUMN]))
        for obj, codes in linked:
            obj.interlinked = _relations(codes, by_code)
        for code, names in touched.items():
            obj = by_code[code]
            notify(ObjectModifiedEvent(obj, Attributes(Interface, *names)))
            obj.reindexObject()
    except Exception:
        savepoint.rollback()
        getQueue().setState([])
        raise
    return result


# --------------------------------------------------------------------------
# Export


def _neutralise(text: str) -> str:
    """Keep spreadsheets from running a cell as a formula (reversible)."""
    if _FORMULA_RE.match(text):
        return "'" + text
    return text


def _documents_cell(documents: list[dict]) -> str:
    """One document per line, ``name | originals | copies | note | template``.

    JSON when a part could not be read back from that form.
    """
    lossy = any(
        "|" in str(document[key]) or "\n" in str(document[key])
        for document in documents
        for key in _DOCUMENT_KEYS
    ) or (documents and documents[0]["name"].startswith("["))
    if lossy:
        return json.dumps(documents, ensure_ascii=False)
    lines = []
    for document in documents:
        parts = [
            document["name"],
            str(document["originals"]),
            str(document["copies"]),
            document["note"],
            document["template_url"],
        ]
        while len(parts) > 3 and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def _table_cell(name: str, value: Any) -> str | int:
    """A value as a CSV or XLSX cell (before neutralisation)."""
    if name in _INT_FIELDS:
        return value
    if name in _TOKEN_FIELDS:
        return ", ".join(sorted(value))
    if name == LINKS_COLUMN:
        return ", ".join(value)
    if name == "legal_basis":
        return "\n".join(value)
    if name == "required_documents":
        return _documents_cell(value)
    if name == "same_day_cutoff":
        return value.strftime("%H:%M") if value else ""
    return value


def _json_item(values: dict[str, Any]) -> dict[str, Any]:
    item = {}
    for name in ALL_COLUMNS:
        value = values[name]
        if name in _TOKEN_FIELDS:
            value = sorted(value)
        elif name == "same_day_cutoff":
            value = value.strftime("%H:%M") if value else None
        item[name] = value
    return item


def _objects(brains_or_objects: Iterable) -> list:
    objects = []
    for item in brains_or_objects:
        if hasattr(item, "getObject") and not IProcedure.providedBy(item):
            item = item.getObject()
        objects.append(item)
    return objects


def export_procedures(brains_or_objects: Iterable, fmt: str) -> bytes:
    """The procedures as a CSV (UTF-8 with BOM), XLSX or JSON file.

    Columns are :data:`ALL_COLUMNS`; importing the file again changes nothing.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    records = [procedure_values(obj) for obj in _objects(brains_or_objects)]
    if fmt == "json":
        items = [_json_item(values) for values in records]
        return json.dumps(items, ensure_ascii=False, indent=2).encode("utf-8")
    table = [
        [
            _neutralise(cell) if isinstance(cell, str) else cell
            for cell in (_table_cell(name, values[name]) for name in ALL_COLUMNS)
        ]
        for values in records
    ]
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(ALL_COLUMNS)
        writer.writerows(table)
        return out.getvalue().encode("utf-8-sig")
    return _xlsx(table)


def _xlsx(table: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thủ tục hành chính"
    sheet.append(list(ALL_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in table:
        sheet.append(
            [
                ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell
                for cell in cells
            ]
        )
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = wrap
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_filename(fmt: str) -> str:
    """``thu-tuc-hanh-chinh.<ext>``."""
    return f"{EXPORT_BASENAME}.{fmt}"


def import_container(context):
    """Where new procedures go: the ProcedureFolder ``context``, or the site's
    ``thu-tuc-hanh-chinh`` when ``context`` is the site; None when missing."""
    if IProcedureFolder.providedBy(context):
        return context
    folder = api.portal.get().get(PROCEDURE_FOLDER_ID)
    return folder if IProcedureFolder.providedBy(folder) else None


def no_container_error() -> ImportValidationError:
    """The error when the site has no procedure catalogue to import into."""
    return ImportValidationError(
        [
            _file_error(
                _(
                    "import_error_no_folder",
                    default="Trang chưa có danh mục thủ tục hành chính "
                    "(thu-tuc-hanh-chinh) để nhập vào.",
                )
            )
        ]
    )


def export_file(context, fmt: str) -> tuple[bytes, str, str]:
    """(data, content type, file name) of the procedures under ``context``."""
    data = export_procedures(procedure_brains(context), fmt)
    return data, CONTENT_TYPES[fmt], export_filename(fmt)


def procedure_brains(context=None) -> list:
    """The procedures under ``context`` (default: the site), by code."""
    query: dict[str, Any] = {"portal_type": "Procedure", "sort_on": "procedure_code"}
    if context is not None:
        query["path"] = "/".join(context.getPhysicalPath())
    return api.content.find(**query)
