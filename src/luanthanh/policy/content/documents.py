"""The two flags of a required document (thành phần hồ sơ), and their rule.

Each row of a procedure's ``required_documents`` says whether the document
is mandatory (``mandatory``, bắt buộc) and whether the citizen sends it
online (``online``, nộp trực tuyến / tải lên) or only shows it at the counter.

Rows written before the flags existed, and rows imported without them, get
them from :func:`default_flags`, the one rule used by the upgrade step, the
import and the form generator:

* 0 originals and 0 copies: shown at the counter only (``online`` False);
* a note, or a name, that says the document is optional ("nếu có",
  "không bắt buộc", "chỉ nộp khi" …): not mandatory;
* otherwise mandatory and sent online.
"""

import unicodedata


#: Words of a note (or a name) that make a document optional.
OPTIONAL_MARKERS: tuple[str, ...] = (
    "nếu có",
    "không bắt buộc",
    "chỉ nộp khi",
    "chỉ nộp nếu",
    "chỉ nộp trong trường hợp",
    "chỉ áp dụng",
)

FLAGS: tuple[str, ...] = ("mandatory", "online")


def _fold(value) -> str:
    text = value if isinstance(value, str) else ""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def says_optional(text: str) -> bool:
    """Whether ``text`` (a note or a name) says the document is optional."""
    folded = _fold(text)
    return any(marker in folded for marker in OPTIONAL_MARKERS)


def counter_only(row: dict) -> bool:
    """A paper shown at the counter only: 0 originals and 0 copies."""
    return not (row.get("originals") or 0) and not (row.get("copies") or 0)


def default_flags(row: dict) -> dict[str, bool]:
    """``mandatory`` and ``online`` of a row, from its counts and its note."""
    optional = says_optional(row.get("note") or "") or says_optional(
        row.get("name") or ""
    )
    return {"mandatory": not optional, "online": not counter_only(row)}


def flags(row: dict) -> dict[str, bool]:
    """The flags of a row: those stored on it, else :func:`default_flags`."""
    defaults = default_flags(row)
    return {
        name: row[name] if isinstance(row.get(name), bool) else defaults[name]
        for name in FLAGS
    }


def with_flags(row: dict) -> dict:
    """A copy of ``row`` with both flags set (stored ones kept)."""
    return {**row, **flags(row)}


def fill_flags(procedure, event=None) -> None:
    """Subscriber: rows saved without flags (REST, an old client) get the rule's."""
    rows = list(getattr(procedure, "required_documents", None) or ())
    flagged = [with_flags(row) for row in rows]
    if flagged != rows:
        procedure.required_documents = flagged
