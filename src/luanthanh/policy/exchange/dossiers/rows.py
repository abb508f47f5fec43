"""The columns of a historic dossier file, its rows, its errors and messages.

An imported dossier carries exactly what a live one carries after the same
transitions (``accept``, ``submit_for_approval`` + ``approve`` + ``deliver``,
``submit_for_approval`` + ``deny``, ``withdraw``, ``stop``): see :data:`PATHS`.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from luanthanh.policy.config import DOSSIER_WORKFLOW
from luanthanh.policy.i18n import _
from luanthanh.policy.i18n import translated
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18n.interfaces import IUserPreferredLanguages
from zope.i18nmessageid import Message

import re


WORKFLOW_ID = DOSSIER_WORKFLOW


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

#: The attributes written from a row (besides code, procedure and history).
ATTRIBUTES = (
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

#: What :func:`dossier_values` compares: the imported values of a dossier.
COMPARED = ("code", "procedure_code", *ATTRIBUTES, "review_state")


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


def text(msg: Message | str) -> str:
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


def error(line: int | None, column: str | None, msg: Message) -> dict:
    """An error of ``line`` (None: the whole file), prefixed ``Dòng N[, column]``."""
    message = text(msg)
    if line is not None:
        where = text(
            _("dossier_import_where", default="Dòng ${line}", mapping={"line": line})
        )
        if column:
            where = f"{where}, {column}"
        message = f"{where}: {message}"
    return {"line": line, "column": column, "message": message}


def invalid_file(msg: Message, line: int | None = None) -> DossierImportError:
    """The error that refuses the whole file with one message."""
    return DossierImportError([error(line, None, msg)])


def summarize_errors(errors: list[dict]) -> str:
    return text(
        _(
            "dossier_import_error_summary",
            default="Không nhập được hồ sơ: có ${count} lỗi. Chưa có thay đổi "
            "nào được ghi.",
            mapping={"count": len(errors)},
        )
    )


def summarize_result(result: dict[str, list[str]]) -> str:
    return text(
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
