"""1019 → 1020: the flags of each required document (issue #16).

Every row of a procedure's ``required_documents`` gets ``mandatory`` and
``online`` from today's data, by the rule of
:func:`luanthanh.policy.content.documents.default_flags` (0 originals and
0 copies: shown at the counter only; a note saying "nếu có", "không bắt
buộc" …: optional).  Flags already set are kept: run again, it changes
nothing.
"""

from luanthanh.policy.config import logger
from luanthanh.policy.content.documents import with_flags
from plone import api


def set_document_flags() -> int:
    """Set the missing flags on every procedure; the number of procedures changed."""
    changed = 0
    for brain in api.content.find(portal_type="Procedure", unrestricted=True):
        procedure = brain._unrestrictedGetObject()
        rows = list(getattr(procedure, "required_documents", None) or ())
        flagged = [with_flags(row) for row in rows]
        if flagged != rows:
            procedure.required_documents = flagged
            changed += 1
    logger.info("Upgrade 1020: document flags set on %d procedures", changed)
    return changed


def upgrade(setup_tool) -> None:
    set_document_flags()
