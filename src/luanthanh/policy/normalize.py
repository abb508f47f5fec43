"""The one normaliser each for phone numbers and identity numbers.

Luật Căn cước 2023 calls the 12-digit number "số định danh cá nhân"; the card
that carries it is the căn cước (formerly CCCD).  Citizens type both numbers
with spaces, dots or dashes between groups; we store and compare digits only.
"""

import re


CCCD_RE = re.compile(r"^\d{12}$")
MOBILE_RE = re.compile(r"^0(3|5|7|8|9)\d{8}$")
LANDLINE_RE = re.compile(r"^02\d{9}$")
_SEPARATORS = re.compile(r"[\s.\-()]")


def normalize_phone(value: str | None) -> str:
    """The canonical form of a Vietnamese phone number: digits, leading 0.

    Spaces, dots, dashes and brackets are dropped; +84 or 84 becomes 0.
    Returns "" when what is left is not a Vietnamese mobile or landline number.
    """
    digits = _SEPARATORS.sub("", value or "") if isinstance(value, str) else ""
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if MOBILE_RE.match(digits) or LANDLINE_RE.match(digits):
        return digits
    return ""


def clean_id_number(value: str | None) -> str:
    """An identity number as typed (spaces, dots, dashes allowed) → its characters."""
    return _SEPARATORS.sub("", value) if isinstance(value, str) else ""


def normalize_id_number(value: str | None) -> str:
    """The 12 digits of a số định danh cá nhân, or "" when it is not one."""
    value = clean_id_number(value)
    return value if CCCD_RE.match(value) else ""


def is_phone(value: str | None) -> bool:
    """Whether ``value`` is a Vietnamese mobile or landline number."""
    return bool(normalize_phone(value))


def is_id_number(value: str | None) -> bool:
    """Whether ``value`` (as stored, digits only) is a 12-digit identity number."""
    return bool(CCCD_RE.match(value or ""))
