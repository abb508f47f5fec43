"""Writing procedures to a CSV (UTF-8 with BOM), XLSX or JSON file.

The columns are those of the import, so that an export imported again
changes nothing.  Cells are made safe for spreadsheets by
:mod:`luanthanh.policy.spreadsheet`.
"""

from collections.abc import Iterable
from luanthanh.policy.content.documents import default_flags
from luanthanh.policy.content.procedure import IProcedure
from luanthanh.policy.exchange.procedures.rows import ALL_COLUMNS
from luanthanh.policy.exchange.procedures.rows import CONTENT_TYPES
from luanthanh.policy.exchange.procedures.rows import DOCUMENT_FLAGS
from luanthanh.policy.exchange.procedures.rows import DOCUMENT_KEYS
from luanthanh.policy.exchange.procedures.rows import EXPORT_BASENAME
from luanthanh.policy.exchange.procedures.rows import FLAG_WORDS
from luanthanh.policy.exchange.procedures.rows import FORMATS
from luanthanh.policy.exchange.procedures.rows import INT_FIELDS
from luanthanh.policy.exchange.procedures.rows import LINKS_COLUMN
from luanthanh.policy.exchange.procedures.rows import TOKEN_FIELDS
from luanthanh.policy.exchange.procedures.values import procedure_values
from luanthanh.policy.spreadsheet import csv_bytes
from luanthanh.policy.spreadsheet import xlsx_bytes
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from plone import api
from typing import Any

import json


SHEET_TITLE = "Thủ tục hành chính"


def _documents_cell(documents: list[dict]) -> str:
    """One document per line, ``name | originals | copies | note | template``,
    followed by ``| mandatory | online`` (có / không) when the flags are not
    those the rule gives.

    JSON when a part could not be read back from that form.
    """
    lossy = any(
        "|" in str(document[key]) or "\n" in str(document[key])
        for document in documents
        for key in DOCUMENT_KEYS
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
        defaults = default_flags(document)
        if any(document[flag] != defaults[flag] for flag in DOCUMENT_FLAGS):
            parts += [FLAG_WORDS[document[flag]] for flag in DOCUMENT_FLAGS]
        while len(parts) > 3 and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def _table_cell(name: str, value: Any) -> str | int:
    """A value as a CSV or XLSX cell (made safe when the file is written)."""
    if name in INT_FIELDS:
        return value
    if name in TOKEN_FIELDS:
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
        if name in TOKEN_FIELDS:
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
        [_table_cell(name, values[name]) for name in ALL_COLUMNS] for values in records
    ]
    if fmt == "csv":
        return csv_bytes(ALL_COLUMNS, table)
    return xlsx_bytes(
        ALL_COLUMNS,
        [[_printable(cell) for cell in cells] for cells in table],
        title=SHEET_TITLE,
        freeze="A2",
        bold_header=True,
        wrap=True,
    )


def _printable(cell: Any) -> Any:
    """A cell without the control characters that XLSX cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell


def export_filename(fmt: str) -> str:
    """``thu-tuc-hanh-chinh.<ext>``."""
    return f"{EXPORT_BASENAME}.{fmt}"


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
