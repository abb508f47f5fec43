"""Checking the rows of a historic dossier file: clean values, or numbered errors.

Clean values hold the dossier's attributes as they will be stored (UTC
datetimes), the procedure object, ``review_state``, ``outcome`` and ``_line``.
"""

from datetime import date
from datetime import datetime
from luanthanh.policy import deadlines
from luanthanh.policy.config import local_date
from luanthanh.policy.config import local_datetime
from luanthanh.policy.config import stored
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.exchange.dossiers.rows import CHANNELS
from luanthanh.policy.exchange.dossiers.rows import CODE_RE
from luanthanh.policy.exchange.dossiers.rows import error
from luanthanh.policy.exchange.dossiers.rows import OUTCOMES
from luanthanh.policy.exchange.dossiers.rows import RESOLVED_OUTCOMES
from luanthanh.policy.exchange.dossiers.rows import Row
from luanthanh.policy.i18n import _
from luanthanh.policy.normalize import normalize_phone
from plone import api
from typing import Any
from zope.i18nmessageid import Message


def parse_datetime(text: str) -> datetime | None:
    """An aware datetime from ISO 8601 text; naive values are local (Hà Nội).

    A date alone means its midnight.  None when the text is not ISO 8601.
    """
    text = text.strip()
    if not text:
        return None
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(text), datetime.min.time())
        except ValueError:
            return None
    return local_datetime(value)


class _Procedures:
    """Procedures by code, looked up once per code through the catalog."""

    def __init__(self, codes: set[str]):
        catalog = api.portal.get_tool("portal_catalog")
        self.by_code: dict[str, Any] = {}
        if codes:
            brains = catalog.unrestrictedSearchResults(
                portal_type="Procedure", procedure_code=sorted(codes)
            )
            for brain in brains:
                if brain.procedure_code not in self.by_code:
                    self.by_code[brain.procedure_code] = brain._unrestrictedGetObject()

    def get(self, code: str):
        return self.by_code.get(code)


def validate(rows: list[Row], calendar=None) -> tuple[list[dict], list[dict]]:
    """Check every row; return (clean values, errors).

    Clean values hold the dossier's attributes as they will be stored (UTC
    datetimes), the procedure object, ``review_state``, ``outcome`` and
    ``_line``.
    """
    calendar = calendar or deadlines.WorkCalendar.from_registry()
    procedures = _Procedures(
        {row.values.get("procedure_code", "") for row in rows} - {""}
    )
    errors: list[dict] = []
    clean: list[dict] = []
    seen: dict[str, int] = {}
    for row in rows:
        values, row_errors = _validate_row(row, procedures, calendar)
        code = row.values.get("code", "")
        if code:
            key = dossier_id(code)
            if key in seen:
                row_errors.append(
                    error(
                        row.line,
                        "code",
                        _(
                            "dossier_import_error_duplicate",
                            default="mã hồ sơ “${code}” đã có ở dòng ${first}.",
                            mapping={"code": code, "first": seen[key]},
                        ),
                    )
                )
            else:
                seen[key] = row.line
        if row_errors:
            errors.extend(row_errors)
        else:
            clean.append(values)
    errors.sort(key=lambda e: e["line"] or 0)
    return clean, errors


def _validate_row(row: Row, procedures: _Procedures, calendar):
    line, cells = row.line, row.values
    errors: list[dict] = []

    def fail(column: str, msg: Message) -> None:
        errors.append(error(line, column, msg))

    code = cells.get("code", "")
    if not code:
        fail("code", _("dossier_import_error_no_code", default="thiếu mã hồ sơ."))
    elif not CODE_RE.match(code):
        fail(
            "code",
            _(
                "dossier_import_error_bad_code",
                default="mã hồ sơ “${code}” chỉ được gồm chữ không dấu, chữ số, "
                "dấu chấm, gạch ngang và gạch dưới (tối đa 64 ký tự).",
                mapping={"code": code},
            ),
        )
    procedure_code = cells.get("procedure_code", "")
    procedure = procedures.get(procedure_code) if procedure_code else None
    if procedure is None:
        fail(
            "procedure_code",
            _(
                "dossier_import_error_procedure",
                default="không có thủ tục hành chính mã “${code}”.",
                mapping={"code": procedure_code},
            ),
        )
    name = " ".join(cells.get("applicant_name", "").split())
    if not name:
        fail(
            "applicant_name",
            _("dossier_import_error_no_name", default="thiếu họ và tên người nộp."),
        )
    raw_phone = cells.get("applicant_phone", "")
    phone = normalize_phone(raw_phone)
    if not phone:
        fail(
            "applicant_phone",
            _(
                "dossier_import_error_phone",
                default="số điện thoại “${phone}” không hợp lệ: dùng số di động 10 "
                "chữ số hoặc số cố định có mã vùng.",
                mapping={"phone": raw_phone},
            ),
        )
    channel = cells.get("channel", "").lower()
    if channel not in CHANNELS:
        fail(
            "channel",
            _(
                "dossier_import_error_channel",
                default="hình thức nộp “${value}” không hợp lệ; dùng online, "
                "direct hoặc postal.",
                mapping={"value": cells.get("channel", "")},
            ),
        )
    outcome = cells.get("outcome", "").lower()
    if outcome not in OUTCOMES:
        fail(
            "outcome",
            _(
                "dossier_import_error_outcome",
                default="kết quả “${value}” không hợp lệ; dùng result, rejected, "
                "withdrawn, stopped hoặc để trống (đang giải quyết).",
                mapping={"value": cells.get("outcome", "")},
            ),
        )

    def moment(column: str, required: bool) -> datetime | None:
        text = cells.get(column, "")
        if not text:
            if required:
                fail(
                    column,
                    _(
                        "dossier_import_error_no_date",
                        default="thiếu ngày giờ.",
                    ),
                )
            return None
        value = parse_datetime(text)
        if value is None:
            fail(
                column,
                _(
                    "dossier_import_error_date",
                    default="“${value}” không phải ngày giờ ISO 8601 (ví dụ "
                    "2025-07-01T08:30:00 hoặc 2025-07-01 08:30).",
                    mapping={"value": text},
                ),
            )
        return value

    received = moment("received_at", True)
    resolved = moment("resolved_at", False)
    due_text = cells.get("due_date", "")
    due_value = moment("due_date", False) if due_text else None

    if outcome in OUTCOMES:
        if outcome and resolved is None and not cells.get("resolved_at"):
            fail(
                "resolved_at",
                _(
                    "dossier_import_error_needs_resolved",
                    default="kết quả “${outcome}” cần ngày giờ kết thúc (resolved_at).",
                    mapping={"outcome": outcome},
                ),
            )
        elif not outcome and cells.get("resolved_at"):
            fail(
                "resolved_at",
                _(
                    "dossier_import_error_pending_resolved",
                    default="hồ sơ đang giải quyết (outcome để trống) không được "
                    "có resolved_at.",
                ),
            )
    if received is not None and resolved is not None and resolved < received:
        fail(
            "resolved_at",
            _(
                "dossier_import_error_order",
                default="resolved_at (${resolved}) trước received_at (${received}).",
                mapping={
                    "resolved": cells.get("resolved_at", ""),
                    "received": cells.get("received_at", ""),
                },
            ),
        )
    if errors:
        return None, errors

    if due_value is not None:
        due_day = local_date(due_value)
    else:
        due_day = deadlines.due_date(
            received,
            procedure.processing_days or 0,
            procedure.same_day_cutoff,
            calendar,
        )
    due = stored(deadlines.due_datetime(due_day, calendar))
    received_utc = stored(received)
    resolved_utc = stored(resolved) if outcome else None
    values = {
        "_line": line,
        "code": code,
        "procedure": procedure,
        "procedure_code": procedure_code,
        "applicant_name": name,
        "applicant_phone": phone,
        "channel": channel,
        "submitted_at": received_utc,
        "received_at": received_utc,
        "due_date": due,
        "resolved_at": resolved_utc if outcome in RESOLVED_OUTCOMES else None,
        "timeliness": (
            deadlines.timeliness(resolved_utc, due)
            if outcome in RESOLVED_OUTCOMES
            else None
        ),
        "returned_at": resolved_utc if outcome == "result" else None,
        "closed_at": resolved_utc,
        "review_state": OUTCOMES[outcome],
        "outcome": outcome,
        "_resolved_column": resolved_utc,
    }
    return values, []
