"""The columns of a procedure file, its rows, its errors and their messages.

A column (or JSON key) that is absent leaves that field of an existing
procedure alone; a blank cell empties it.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from luanthanh.policy.content.procedure import IProcedure
from luanthanh.policy.i18n import _
from luanthanh.policy.spreadsheet import CSV_TYPE
from luanthanh.policy.spreadsheet import XLSX_TYPE
from typing import Any
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message


#: Columns that every row must fill in (the schema has no usable default).
REQUIRED_COLUMNS: tuple[str, ...] = (
    "code",
    "title",
    "field",
    "processing_days",
    "online_level",
    "fee",
)

#: The columns of the issue, in the order they are exported.
COLUMNS: tuple[str, ...] = (
    *REQUIRED_COLUMNS,
    "implementing_agency",
    "audience",
    "required_documents",
    "legal_basis",
)

#: Optional columns, read when present and always exported.
EXTRA_COLUMNS: tuple[str, ...] = (
    "national_field",
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

FORMATS: tuple[str, ...] = ("csv", "xlsx", "json")

CONTENT_TYPES: dict[str, str] = {
    "csv": CSV_TYPE,
    "xlsx": XLSX_TYPE,
    "json": "application/json; charset=utf-8",
}

#: Imported files larger than this are refused.
MAX_BYTES = 10 * 1024 * 1024

EXPORT_BASENAME = "thu-tuc-hanh-chinh"

TEXT_LINE_FIELDS = ("title", "fee_note", "implementing_agency")
RICH_FIELDS = ("steps", "conditions")
INT_FIELDS = ("processing_days", "fee")
TOKEN_FIELDS = ("audience", "channels")
DOCUMENT_KEYS = (
    "name",
    "originals",
    "copies",
    "note",
    "template_url",
    "mandatory",
    "online",
)
#: The flags of a document: optional in a file, defaulted by
#: :func:`luanthanh.policy.content.documents.default_flags`.
DOCUMENT_FLAGS = ("mandatory", "online")
#: How a flag is written in a CSV or XLSX cell, and read back (lower case).
FLAG_WORDS = {True: "có", False: "không"}
TRUE_WORDS = ("có", "co", "x", "1", "true", "yes", "bắt buộc", "trực tuyến")
FALSE_WORDS = ("không", "khong", "0", "false", "no", "không bắt buộc", "tại quầy")


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


def text(msg: Message | str) -> str:
    """Translate a message for the current request (Vietnamese by default)."""
    if not isinstance(msg, Message):
        return msg
    request = getRequest()
    if request is not None:
        return translate(msg, context=request)
    return translate(msg, target_language="vi")


def where(row: Row, lower: bool = False) -> str:
    """``Dòng N`` (``Mục N`` for a JSON item), or its lower-case form."""
    if row.unit == "item":
        if lower:
            msg = _("import_where_item_lower", default="mục ${line}")
        else:
            msg = _("import_where_item", default="Mục ${line}")
    elif lower:
        msg = _("import_where_line_lower", default="dòng ${line}")
    else:
        msg = _("import_where_line", default="Dòng ${line}")
    return text(Message(msg, mapping={"line": row.line}))


def label(name: str) -> str:
    """The Vietnamese label of a procedure field (its schema title)."""
    if name == "title":
        return text(_("label_procedure_title", default="Tên thủ tục"))
    if name == "description":
        return text(_("label_procedure_description", default="Mô tả"))
    if name in IProcedure:
        return text(IProcedure[name].title)
    return name


def file_error(msg: Message) -> dict:
    """An error about the whole file (no line)."""
    return {"line": None, "field": None, "message": text(msg)}


def invalid_file(msg: Message) -> ImportValidationError:
    """The error that refuses the whole file with one message."""
    return ImportValidationError([file_error(msg)])


def line_error(line: int, msg: Message) -> ImportValidationError:
    """The error that refuses the file at ``line`` (``msg`` names the line)."""
    return ImportValidationError([{"line": line, "field": None, "message": text(msg)}])


def summarize_errors(errors: list[dict]) -> str:
    """The one-sentence Vietnamese summary of a failed import."""
    return text(
        _(
            "import_error_summary",
            default="Không nhập được: có ${count} lỗi. Chưa có thay đổi nào được ghi.",
            mapping={"count": len(errors)},
        )
    )


def summarize_result(result: dict[str, list[str]]) -> str:
    """The one-sentence Vietnamese summary of a successful import."""
    return text(
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
