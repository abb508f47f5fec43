"""The papers received with a dossier (giấy tờ đã nhận), for the receipt (Mẫu số 01).

Item 1 of the receipt lists what the applicant actually handed in, not the
procedure's catalogue.  ``Dossier.received_documents`` keeps one record per
paper:

* ``name``: the procedure's document name, or the name of an extra paper;
* ``form``: a token of ``luanthanh.policy.paper_forms``: ``original``
  (bản chính), ``copy`` (bản sao) or ``shown`` (xuất trình, shown and handed
  back);
* ``count``: sheets or copies, an integer from 1 to :data:`MAX_COUNT`;
* ``note``: free text ("" when none).

The counter intake and the online submission record it through
``luanthanh.policy.api.dossier``.  Dossiers received before it existed keep
``None``: :func:`receipt_rows` derives an online dossier's papers from its
attachments, and says, for any other, that the papers were not recorded.
"""

from luanthanh.policy.content.procedure import checklist
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import _
from luanthanh.policy.vocabularies import PAPER_FORMS
from zope.i18nmessageid import Message


FORMS: tuple[str, ...] = tuple(token for token, _title in PAPER_FORMS)
MAX_COUNT = 999
MAX_TEXT = 300
#: The note of a file uploaded with an online dossier (kept as stored data).
ONLINE_NOTE = "Bản điện tử nộp trực tuyến"

NOT_A_LIST = _(
    "papers_error_not_a_list",
    default="Danh sách giấy tờ đã nhận không hợp lệ: cần một danh sách, mỗi "
    "giấy tờ có tên, hình thức (bản chính, bản sao, xuất trình) và số lượng.",
)
NONE_RECEIVED = _(
    "papers_error_none_received",
    default="Chưa nhận giấy tờ nào: vui lòng chọn hình thức nhận (bản chính, "
    "bản sao hoặc xuất trình) cho các giấy tờ người nộp hồ sơ đã nộp.",
)


NO_NAME = _(
    "papers_error_no_name",
    default="Giấy tờ thứ ${number}: vui lòng nhập tên giấy tờ.",
)
BAD_FORM = _(
    "papers_error_form",
    default="Giấy tờ “${name}”: hình thức nhận không hợp lệ; chọn Bản chính, "
    "Bản sao hoặc Xuất trình.",
)
BAD_COUNT = _(
    "papers_error_count",
    default="Giấy tờ “${name}”: số lượng phải là số nguyên dương (từ 1 đến 999).",
)
TOO_LONG = _(
    "papers_error_too_long",
    default="Giấy tờ thứ ${number}: tên và ghi chú không được dài quá 300 ký tự.",
)


def row_error(message, number: int, name: str = "") -> InvalidInput:
    """The error of row ``number`` (1-based) of the papers."""
    return InvalidInput(
        Message(message, mapping={"number": number, "name": name}),
        field="received_documents",
        details={"row": number},
    )


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def clean(rows, required: bool = False) -> list[dict]:
    """Checked copies of ``rows`` (dicts with ``name``, ``form``, ``count``
    and an optional ``note``), in order.

    :class:`InvalidInput` (``field`` ``received_documents``, ``details``
    ``{"row": n}``, 1-based) for a row without a name, an unknown form, a
    count that is not an integer from 1 to 999, or a text over 300
    characters; and, when ``required``, for an empty list.
    """
    if not isinstance(rows, list | tuple):
        raise InvalidInput(NOT_A_LIST, field="received_documents")
    cleaned = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise InvalidInput(NOT_A_LIST, field="received_documents")
        name, note = _text(row.get("name")), _text(row.get("note"))
        if not name:
            raise row_error(NO_NAME, number)
        if len(name) > MAX_TEXT or len(note) > MAX_TEXT:
            raise row_error(TOO_LONG, number, name)
        if row.get("form") not in FORMS:
            raise row_error(BAD_FORM, number, name)
        count = row.get("count", 1)
        if (
            not isinstance(count, int)
            or isinstance(count, bool)
            or not 1 <= count <= MAX_COUNT
        ):
            raise row_error(BAD_COUNT, number, name)
        cleaned.append(
            {"name": name, "form": row["form"], "count": count, "note": note}
        )
    if required and not cleaned:
        raise InvalidInput(NONE_RECEIVED, field="received_documents")
    return cleaned


def record(dossier, rows: list[dict]) -> None:
    """Store rows already :func:`clean`; a new list, so the change persists."""
    dossier.received_documents = [dict(row) for row in rows]


def uploaded(uploads) -> list[dict]:
    """The records of the files of an online submission: each an electronic
    copy, under the name of the document it answers."""
    return [
        {
            "name": upload.title or upload.filename,
            "form": "copy",
            "count": 1,
            "note": ONLINE_NOTE,
        }
        for upload in uploads
    ]


def recorded(dossier) -> list[dict] | None:
    """The stored records, or None for a dossier received before they were kept."""
    rows = getattr(dossier, "received_documents", None)
    return None if rows is None else [dict(row) for row in rows]


def _derived(dossier) -> list[dict] | None:
    """An older online dossier: its files, as electronic copies."""
    if getattr(dossier, "channel", None) != "online":
        return None
    files = [obj for obj in dossier.objectValues() if obj.portal_type == "File"]
    return [
        {
            "name": obj.Title() or obj.getId(),
            "form": "copy",
            "count": 1,
            "note": ONLINE_NOTE,
        }
        for obj in files
    ] or None


def receipt_rows(dossier) -> list[dict] | None:
    """The papers to print in item 1 of the receipt: the records, else those
    derived from an older online dossier's files; None when not known."""
    rows = recorded(dossier)
    return rows if rows is not None else _derived(dossier)


def shown_later(dossier, procedure) -> list[dict]:
    """An online dossier's papers to show at the counter when the result is
    returned: the procedure's documents not sent online (``name``,
    ``mandatory``); none for a dossier of another channel."""
    if getattr(dossier, "channel", None) != "online":
        return []
    return [
        {"name": row["name"], "mandatory": row["mandatory"]}
        for row in checklist(procedure)
        if not row["online"] and row["name"]
    ]


def default_form(row: dict) -> str:
    """What the counter form proposes for a document of the checklist: not
    received ("") when optional, else an original, a copy, or shown (0 | 0)."""
    if not row["mandatory"]:
        return ""
    if row["originals"]:
        return "original"
    return "copy" if row["copies"] else "shown"


def default_count(row: dict) -> int:
    """The count the counter form proposes: the procedure's originals or copies."""
    return max(row["originals"] or row["copies"] or 1, 1)


def expected(procedure, channel: str = "direct") -> list[dict]:
    """The papers a complete dossier of ``procedure`` brings, as records: at
    the counter, the mandatory documents in the form and count the counter
    form proposes; online, the mandatory documents sent online, each an
    electronic copy.  For dossiers made by code (the living demo)."""
    rows = []
    for row in checklist(procedure):
        if not row["mandatory"] or not row["name"]:
            continue
        if channel == "online":
            if row["online"]:
                rows.append(
                    {
                        "name": row["name"],
                        "form": "copy",
                        "count": 1,
                        "note": ONLINE_NOTE,
                    }
                )
            continue
        rows.append(
            {
                "name": row["name"],
                "form": default_form(row),
                "count": default_count(row),
                "note": "",
            }
        )
    return rows
