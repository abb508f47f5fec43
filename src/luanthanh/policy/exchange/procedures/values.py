"""The values of a procedure: cell converters, and a procedure's current values.

:func:`procedure_values` gives a procedure's fields in the types that
:mod:`.validation` makes from a row, so that the import can compare them and
the export can write them.
"""

from datetime import time
from luanthanh.policy.content.documents import flags
from luanthanh.policy.exchange.procedures.rows import FALSE_WORDS
from luanthanh.policy.exchange.procedures.rows import LINKS_COLUMN
from luanthanh.policy.exchange.procedures.rows import RICH_FIELDS
from luanthanh.policy.exchange.procedures.rows import TOKEN_FIELDS
from luanthanh.policy.exchange.procedures.rows import TRUE_WORDS
from plone.app.textfield.value import RichTextValue
from typing import Any

import re


_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_GROUPED_INT_RE = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+$")


def normalise_text(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def split_tokens(value: Any) -> list[str] | None:
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


def split_lines(value: Any) -> list[str] | None:
    """Lines of a cell or a JSON list of strings; None when malformed."""
    if isinstance(value, str):
        items = normalise_text(value).split("\n")
    elif isinstance(value, list | tuple):
        if not all(isinstance(item, str) for item in value):
            return None
        items = list(value)
    else:
        return None
    return [item.strip() for item in items if item.strip()]


def to_int(value: Any) -> int | None:
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


def to_flag(value: Any) -> bool | None:
    """A document flag from a cell or a JSON boolean; None when unreadable."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = " ".join(value.strip().lower().split())
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def to_time(value: Any) -> time | None:
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if not isinstance(value, str):
        raise ValueError(value)
    match = _TIME_RE.match(value.strip())
    if not match:
        raise ValueError(value)
    return time(int(match.group(1)), int(match.group(2)))


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple | set | dict) and not value


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
        "national_field": getattr(obj, "national_field", None) or "",
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
                **flags(document),
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


def field_value(name: str, value: Any) -> Any:
    """A clean value as it is stored on the procedure."""
    if name in RICH_FIELDS:
        if not value:
            return None
        return RichTextValue(value, "text/html", "text/x-html-safe")
    if name in TOKEN_FIELDS:
        return set(value)
    if name == "required_documents":
        return [dict(document) for document in value]
    if name == "legal_basis":
        return list(value)
    if name == "national_field":
        return value or None
    return value


def changes(obj, values: dict[str, Any]) -> list[str]:
    """Names of the fields (and ``interlinked``) the row would change."""
    current = procedure_values(obj)
    return [
        name
        for name, value in values.items()
        if not name.startswith("_") and current.get(name) != value
    ]
