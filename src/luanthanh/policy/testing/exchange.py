"""Import and export files: the rows, CSV and XLSX bytes, and what was committed.

Shared by ``tests/exchange``, ``tests/api/test_exchange.py`` and the REST
services ``@procedure-import``, ``@procedure-export`` and ``@dossier-import``.
"""

from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.exchange.procedures import COLUMNS
from pathlib import Path
from plone import api

import csv
import io
import luanthanh.policy
import openpyxl
import transaction


#: The demo procedures as the site's setup imports them.
DEMO_PROCEDURES = (
    Path(luanthanh.policy.__file__).parent
    / "setuphandlers"
    / "data"
    / "procedures.json"
)

#: A valid procedure row, every column filled.
BIRTH = {
    "code": "1.001193",
    "title": "Đăng ký khai sinh",
    "field": "tu-phap-ho-tich",
    "processing_days": "0",
    "online_level": "full",
    "fee": "0",
    "implementing_agency": "Ủy ban nhân dân xã Luận Thành",
    "audience": "citizen",
    "required_documents": "Tờ khai đăng ký khai sinh | 1 | 0\nGiấy chứng sinh",
    "legal_basis": "Luật Hộ tịch số 60/2014/QH13",
}


def dossier_row(**values) -> dict:
    """A historic dossier row (resolved with a result), with ``values`` over it."""
    row = {
        "code": "000.00.99.H56-250701-0001",
        "procedure_code": "1.004873",
        "applicant_name": "Nguyễn Thị Mẫu",
        "applicant_phone": "0900 000 001",
        "channel": "online",
        "received_at": "2025-07-01T08:30:00",
        "resolved_at": "2025-07-03T10:00:00",
        "outcome": "result",
    }
    row.update(values)
    return row


def csv_text(*rows: dict, columns=COLUMNS, delimiter: str = ",") -> str:
    """A CSV text of ``rows`` under a header of ``columns`` (missing cells empty)."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(columns), delimiter=delimiter)
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in columns})
    return out.getvalue()


def csv_bytes(*rows: dict, encoding: str = "utf-8-sig", **options) -> bytes:
    """``csv_text`` encoded; UTF-8 with a BOM by default, as Excel writes it."""
    return csv_text(*rows, **options).encode(encoding)


def xlsx_bytes(header: list, *rows: list) -> bytes:
    """An XLSX workbook whose first sheet holds ``header`` then ``rows``."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def committed_states(portal_type: str, code_index: str) -> dict[str, str]:
    """code → review state of the ``portal_type`` items, as committed."""
    transaction.begin()
    if portal_type == "Dossier":
        brains = find_unrestricted(portal_type=portal_type)
    else:
        brains = api.content.find(portal_type=portal_type, unrestricted=True)
    return {getattr(brain, code_index): brain.review_state for brain in brains}


def procedures() -> dict[str, str]:
    """code → review state of the procedures, as committed."""
    return committed_states("Procedure", "procedure_code")


def dossiers() -> dict[str, str]:
    """code → review state of the dossiers, as committed."""
    return committed_states("Dossier", "dossier_code")
