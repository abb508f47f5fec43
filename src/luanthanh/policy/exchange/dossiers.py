"""Historic import of dossiers from an old system (CSV).

The engine behind ``POST @dossier-import``, ``scripts/import_dossiers.py``
and the demo data (:mod:`luanthanh.policy.exchange.demo_dossiers`):

1. :func:`parse` reads a UTF-8 CSV file (with or without BOM) into
   :class:`Row` objects, each with the line it starts on (the header is 1);
2. :func:`validate` checks every row and returns clean values or numbered
   Vietnamese errors;
3. :func:`import_dossiers` creates or updates the dossiers by ``code``, all or
   nothing, and leaves dossiers that already match untouched.

An imported dossier carries exactly what a live one carries after the same
transitions (``accept``, ``submit_for_approval`` + ``approve`` + ``deliver``,
``submit_for_approval`` + ``deny``, ``withdraw``, ``stop``): the dates, the
due date, the timeliness, the assignee's local role, the DCWorkflow status
and history, and one ``history`` entry per transition, marked
``"imported": True``.  No transition is fired, so no e-mail leaves and the
code counter is not touched; :func:`~luanthanh.policy.content.codes.next_code`
skips codes that an import already used.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from DateTime import DateTime
from datetime import date
from datetime import datetime
from luanthanh.policy import deadlines
from luanthanh.policy.config import ASSIGNEE_ROLE
from luanthanh.policy.config import ASSIGNEES_RECORD
from luanthanh.policy.config import stored
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.dossiers.relations import set_title
from luanthanh.policy.i18n import _
from luanthanh.policy.i18n import translated
from luanthanh.policy.normalize import normalize_phone
from persistent.list import PersistentList
from plone import api
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from typing import Any
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18n.interfaces import IUserPreferredLanguages
from zope.i18nmessageid import Message
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import csv
import io
import re
import transaction


WORKFLOW_ID = "luanthanh_dossier_workflow"

#: The columns every file must have, in the order of the issue.
COLUMNS: tuple[str, ...] = (
    "code",
    "procedure_code",
    "applicant_name",
    "applicant_phone",
    "channel",
    "received_at",
    "resolved_at",
    "outcome",
)
#: Read when present: the old system's due date.
OPTIONAL_COLUMNS: tuple[str, ...] = ("due_date",)
ALL_COLUMNS: tuple[str, ...] = (*COLUMNS, *OPTIONAL_COLUMNS)

CHANNELS: tuple[str, ...] = ("online", "direct", "postal")

#: outcome → workflow state.
OUTCOMES: dict[str, str] = {
    "result": "returned",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
    "stopped": "stopped",
    "": "processing",
}

#: The transitions a live dossier goes through to reach each outcome, after
#: ``accept``: (transition, from state, to state).
PATHS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "result": (
        ("submit_for_approval", "processing", "approval"),
        ("approve", "approval", "result"),
        ("deliver", "result", "returned"),
    ),
    "rejected": (
        ("submit_for_approval", "processing", "approval"),
        ("deny", "approval", "rejected"),
    ),
    "withdrawn": (("withdraw", "processing", "withdrawn"),),
    "stopped": (("stop", "processing", "stopped"),),
    "": (),
}

#: Outcomes that resolve the dossier (``approve`` / ``deny``).
RESOLVED_OUTCOMES = ("result", "rejected")

#: Imported files larger than this are refused (the command line has no limit).
MAX_BYTES = 50 * 1024 * 1024

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")

IMPORTED_COMMENT = _(
    "dossier_import_history_comment",
    default="Nhập từ hệ thống cũ (dữ liệu lịch sử).",
)

#: What :func:`dossier_values` compares: the imported values of a dossier.
COMPARED = (
    "code",
    "procedure_code",
    "applicant_name",
    "applicant_phone",
    "channel",
    "submitted_at",
    "received_at",
    "due_date",
    "resolved_at",
    "timeliness",
    "returned_at",
    "closed_at",
    "review_state",
)


@dataclass
class Row:
    """One dossier as read from the file: its line and its raw cells."""

    line: int
    values: dict[str, str] = dataclass_field(default_factory=dict)


class DossierImportError(Exception):
    """The file or some rows are invalid; nothing was written.

    ``errors`` is a list of ``{"line": int | None, "column": str | None,
    "message": str}`` in line order.
    """

    def __init__(self, errors: list[dict]):
        self.errors = sorted(
            errors, key=lambda e: (e.get("line") is not None, e.get("line") or 0)
        )
        super().__init__(summarize_errors(self.errors))


def _text(msg: Message | str) -> str:
    """The message in the request's language, else the site's (Vietnamese).

    A request that names no language (the command line's) gets the site's.
    """
    if not isinstance(msg, Message):
        return msg
    request = getRequest()
    if request is not None and hasattr(request, "get"):
        languages = IUserPreferredLanguages(request, None)
        if languages is not None and languages.getPreferredLanguages():
            return translate(msg, context=request)
    return translated(msg, request=False)


def _error(line: int | None, column: str | None, msg: Message) -> dict:
    text = _text(msg)
    if line is not None:
        where = _text(
            _("dossier_import_where", default="Dòng ${line}", mapping={"line": line})
        )
        if column:
            where = f"{where}, {column}"
        text = f"{where}: {text}"
    return {"line": line, "column": column, "message": text}


def summarize_errors(errors: list[dict]) -> str:
    return _text(
        _(
            "dossier_import_error_summary",
            default="Không nhập được hồ sơ: có ${count} lỗi. Chưa có thay đổi "
            "nào được ghi.",
            mapping={"count": len(errors)},
        )
    )


def summarize_result(result: dict[str, list[str]]) -> str:
    return _text(
        _(
            "dossier_import_result_summary",
            default="Đã nhập xong: ${created} hồ sơ mới, ${updated} hồ sơ được cập "
            "nhật, ${unchanged} hồ sơ không thay đổi.",
            mapping={
                "created": len(result["created"]),
                "updated": len(result["updated"]),
                "unchanged": len(result["unchanged"]),
            },
        )
    )


# --------------------------------------------------------------------------
# Parsing


def parse(data: bytes, max_bytes: int | None = MAX_BYTES) -> list[Row]:
    """The rows of a CSV file (UTF-8, with or without BOM).

    The delimiter is the comma, or the semicolon or tab when the header uses
    it.  Raises :class:`DossierImportError` when the file cannot be read or
    lacks a column.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise DossierImportError(
            [
                _error(
                    None,
                    None,
                    _(
                        "dossier_import_error_too_large",
                        default="Tệp quá lớn (tối đa ${size} MB); hãy dùng lệnh "
                        "make import-dossiers.",
                        mapping={"size": max_bytes // (1024 * 1024)},
                    ),
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DossierImportError(
            [
                _error(
                    line,
                    None,
                    _(
                        "dossier_import_error_encoding",
                        default="tệp CSV phải dùng bảng mã UTF-8.",
                    ),
                )
            ]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            table.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise DossierImportError(
            [
                _error(
                    line,
                    None,
                    _(
                        "dossier_import_error_csv",
                        default="không đọc được dòng CSV (${detail}).",
                        mapping={"detail": str(error)},
                    ),
                )
            ]
        ) from None
    table = [(n, cells) for n, cells in table if any(c.strip() for c in cells)]
    if not table:
        raise DossierImportError(
            [
                _error(
                    None,
                    None,
                    _("dossier_import_error_empty", default="Tệp không có hồ sơ nào."),
                )
            ]
        )
    header_line, header = table[0]
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in COLUMNS if name not in columns]
    if missing:
        raise DossierImportError(
            [
                _error(
                    header_line,
                    None,
                    _(
                        "dossier_import_error_columns",
                        default="thiếu cột bắt buộc ${columns}.",
                        mapping={"columns": ", ".join(missing)},
                    ),
                )
            ]
        )
    positions: dict[str, int] = {}
    for position, name in enumerate(columns):
        if name in ALL_COLUMNS and name not in positions:
            positions[name] = position
    rows = []
    for number, cells in table[1:]:
        rows.append(
            Row(
                line=number,
                values={
                    name: (cells[pos] if pos < len(cells) else "").strip()
                    for name, pos in positions.items()
                },
            )
        )
    if not rows:
        raise DossierImportError(
            [
                _error(
                    None,
                    None,
                    _("dossier_import_error_empty", default="Tệp không có hồ sơ nào."),
                )
            ]
        )
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
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(ALL_COLUMNS), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(items)
    return out.getvalue().encode("utf-8-sig")


# --------------------------------------------------------------------------
# Validation


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
    return deadlines.local_datetime(value)


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
                    _error(
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
        errors.append(_error(line, column, msg))

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
        due_day = deadlines.local_date(due_value)
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


# --------------------------------------------------------------------------
# Reading and writing dossiers


def review_state(obj) -> str:
    """The dossier's workflow state, from its status (no tool lookup)."""
    history = (getattr(obj, "workflow_history", None) or {}).get(WORKFLOW_ID) or ()
    return history[-1].get("review_state", "") if history else ""


def dossier_values(obj) -> dict[str, Any]:
    """The imported values of a dossier, as :func:`validate` makes them."""
    procedure = procedure_of(obj)
    return {
        "code": obj.code or "",
        "procedure_code": procedure.code if procedure is not None else "",
        "applicant_name": obj.applicant_name or "",
        "applicant_phone": obj.applicant_phone or "",
        "channel": obj.channel or "",
        "submitted_at": obj.submitted_at,
        "received_at": obj.received_at,
        "due_date": obj.due_date,
        "resolved_at": obj.resolved_at,
        "timeliness": obj.timeliness,
        "returned_at": obj.returned_at,
        "closed_at": getattr(obj, "closed_at", None),
        "review_state": review_state(obj),
    }


def is_imported(obj) -> bool:
    """Whether the dossier came from an import (its history says so)."""
    return any(
        isinstance(entry, dict) and entry.get("imported")
        for entry in (getattr(obj, "history", None) or ())
    )


class _Assignees:
    """The field → official mapping of the registry, with existing users only."""

    def __init__(self):
        self.mapping = api.portal.get_registry_record(ASSIGNEES_RECORD, default=None)
        self.mapping = dict(self.mapping or {})
        self._valid: dict[str, bool] = {}

    def for_procedure(self, procedure) -> str:
        userid = self.mapping.get(procedure.field or "", "")
        if not userid:
            return ""
        if userid not in self._valid:
            self._valid[userid] = api.user.get(userid=userid) is not None
        return userid if self._valid[userid] else ""


def _assign(obj, userid: str) -> None:
    """``set_assignee`` of the live workflow, without its own reindexing."""
    previous = obj.assigned_to
    if previous and previous != userid:
        kept = [
            r for r in obj.get_local_roles_for_userid(previous) if r != ASSIGNEE_ROLE
        ]
        if kept:
            obj.manage_setLocalRoles(previous, kept)
        else:
            obj.manage_delLocalRoles([previous])
    if userid:
        roles = set(obj.get_local_roles_for_userid(userid)) | {ASSIGNEE_ROLE}
        obj.manage_setLocalRoles(userid, sorted(roles))
    obj.assigned_to = userid


class _Writer:
    """What every written dossier shares: tools, the actor, the comment."""

    def __init__(self):
        self.wftool = api.portal.get_tool("portal_workflow")
        self.wf = self.wftool.getWorkflowById(WORKFLOW_ID)
        self.intids = getUtility(IIntIds)
        self.assignees = _Assignees()
        self.actor = api.user.get_current().getId() or ""
        self.comment = _text(IMPORTED_COMMENT)


def _steps(values: dict) -> list[tuple[str, str, str, datetime]]:
    """(transition, from, to, when) from ``intake`` to the imported state."""
    steps = [("accept", "intake", "processing", values["received_at"])]
    when = values["_resolved_column"]
    for transition, source, target in PATHS[values["outcome"]]:
        steps.append((transition, source, target, when))
    return steps


def _write_history(obj, values: dict, writer: _Writer) -> None:
    """The DCWorkflow status and the dossier's own history, as imported."""
    actor, comment = writer.actor, writer.comment
    due = values["due_date"]
    history = PersistentList()
    statuses = [
        {
            "action": None,
            "actor": actor,
            "comments": "",
            "review_state": "intake",
            "time": DateTime(values["submitted_at"]),
            "imported": True,
        }
    ]
    for transition, source, target, when in _steps(values):
        history.append(
            {
                "action": transition,
                "actor": actor,
                "time": when,
                "from_state": source,
                "to_state": target,
                "comment": comment,
                "due_date_before": None if transition == "accept" else due,
                "due_date_after": due,
                "imported": True,
            }
        )
        statuses.append(
            {
                "action": transition,
                "actor": actor,
                "comments": comment,
                "review_state": target,
                "time": DateTime(when),
                "imported": True,
            }
        )
    obj.workflow_history[WORKFLOW_ID] = ()
    for status in statuses:
        writer.wftool.setStatusOf(WORKFLOW_ID, obj, status)
    writer.wf.updateRoleMappingsFor(obj)
    obj.history = history


_ATTRIBUTES = (
    "applicant_name",
    "applicant_phone",
    "channel",
    "submitted_at",
    "received_at",
    "due_date",
    "resolved_at",
    "timeliness",
    "returned_at",
    "closed_at",
)


def _relation(procedure, intids) -> RelationValue:
    return RelationValue(intids.getId(procedure))


def _existing(container, codes: list[str]) -> dict[str, Any]:
    """code → brain of the dossiers that already have one of ``codes``."""
    if not codes:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Dossier", dossier_code=codes
    )
    return {brain.dossier_code: brain for brain in brains}


def import_dossiers(container, rows: list[Row]) -> dict[str, list[str]]:
    """Create or update the dossiers of ``rows`` in ``container``, all or nothing.

    Dossiers are matched by ``code`` (catalog index ``dossier_code``); new
    ones get the id ``dossier_id(code)``.  A dossier whose imported values
    equal the row's is not touched.  A code that belongs to a dossier
    received on this system (not imported) is an error: the import never
    overwrites live work.

    Returns ``{"created": [codes], "updated": [codes], "unchanged": [codes]}``
    in file order.  Raises :class:`DossierImportError` before writing anything
    when a row is invalid; any other error rolls the writes back.
    """
    clean, errors = validate(rows)
    existing = _existing(container, [values["code"] for values in clean])
    objects: dict[str, Any] = {}
    for values in clean:
        brain = existing.get(values["code"])
        if brain is not None:
            obj = brain._unrestrictedGetObject()
            if not is_imported(obj):
                errors.append(
                    _error(
                        values["_line"],
                        "code",
                        _(
                            "dossier_import_error_live",
                            default="mã hồ sơ “${code}” thuộc một hồ sơ đã tiếp "
                            "nhận trên hệ thống này; không thể ghi đè.",
                            mapping={"code": values["code"]},
                        ),
                    )
                )
            objects[values["code"]] = obj
        elif dossier_id(values["code"]) in container:
            errors.append(
                _error(
                    values["_line"],
                    "code",
                    _(
                        "dossier_import_error_id_taken",
                        default="địa chỉ “${id}” của mã hồ sơ “${code}” đã được "
                        "dùng trong sổ theo dõi hồ sơ.",
                        mapping={
                            "id": dossier_id(values["code"]),
                            "code": values["code"],
                        },
                    ),
                )
            )
    if errors:
        raise DossierImportError(errors)

    result: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    writer = _Writer()
    processQueue()
    savepoint = transaction.savepoint(optimistic=True)
    try:
        with api.env.adopt_roles(["Manager"]):
            for values in clean:
                code = values["code"]
                obj = objects.get(code)
                if obj is None:
                    _create(container, values, writer)
                    result["created"].append(code)
                    continue
                current = dossier_values(obj)
                if all(current[name] == values[name] for name in COMPARED):
                    result["unchanged"].append(code)
                    continue
                _update(obj, values, current, writer)
                result["updated"].append(code)
    except Exception:
        savepoint.rollback()
        getQueue().setState([])
        raise
    return result


def _create(container, values, writer) -> None:
    code = values["code"]
    obj = api.content.create(
        container=container,
        type="Dossier",
        id=dossier_id(code),
        safe_id=False,
        code=code,
        procedure=_relation(values["procedure"], writer.intids),
        **{name: values[name] for name in _ATTRIBUTES},
    )
    obj.creation_date = DateTime(values["submitted_at"])
    _write_history(obj, values, writer)
    _assign(obj, writer.assignees.for_procedure(values["procedure"]))
    obj.reindexObject()


def _update(obj, values, current, writer) -> None:
    if current["procedure_code"] != values["procedure_code"]:
        obj.procedure = _relation(values["procedure"], writer.intids)
    for name in _ATTRIBUTES:
        setattr(obj, name, values[name])
    obj.creation_date = DateTime(values["submitted_at"])
    _write_history(obj, values, writer)
    _assign(obj, writer.assignees.for_procedure(values["procedure"]))
    notify(ObjectModifiedEvent(obj))
    set_title(obj)
    if obj.objectIds():
        obj.reindexObjectSecurity()
    obj.reindexObject()
