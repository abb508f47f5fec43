"""Procedures (thủ tục hành chính) of the catalogue."""

from luanthanh.policy.config import PROCEDURE_FOLDER_ID
from luanthanh.policy.content.procedure import find_by_code
from plone import api


def catalogue():
    """The procedure catalogue folder (``thu-tuc-hanh-chinh``), or None."""
    return api.portal.get().get(PROCEDURE_FOLDER_ID)


def get_by_code(code: str):
    """The procedure with the national code ``code``, or None.

    Looks past the current user's permissions (a citizen may submit for a
    procedure whose page they cannot edit); callers check their own rules.
    """
    brains = find_by_code(code) if code else []
    return brains[0]._unrestrictedGetObject() if brains else None


def brains_by_code(code: str, exclude_uid: str | None = None) -> list:
    """Catalog brains of every procedure with this national code."""
    return find_by_code(code, exclude_uid=exclude_uid)
