"""Procedures (thủ tục hành chính) of the catalogue."""

from luanthanh.policy import onlineforms
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


def form(procedure):
    """The online form (EasyForm) linked from the procedure, or None."""
    return onlineforms.linked_form(procedure)


def generate_form(procedure) -> onlineforms.Result:
    """Create the procedure's online form, or bring the generated one up to date.

    The form is an EasyForm in ``nop-ho-so``, linked from the procedure's
    ``form``, with the action "Tạo hồ sơ" set to the procedure's code: the
    applicant fields, one upload ``giay_to_<n>`` per document sent online
    (required when mandatory), the consent box and the solemn declaration.
    Run again, it adds, relabels, updates and removes the uploads only;
    fields and actions an editor added stay.  It is published only while the
    procedure is published with ``online_level`` full or partial.

    Returns a :class:`~luanthanh.policy.onlineforms.Result` (``form``,
    ``created``, ``changes``).  Raises
    :class:`~luanthanh.policy.errors.Conflict` (409) when the linked form
    was made by hand.  The caller checks that the user may edit the
    procedure.
    """
    return onlineforms.generate(procedure)


def generate_forms() -> list[onlineforms.Result]:
    """Generate the form of every procedure with ``online_level`` full or
    partial that has none yet; the results of the forms created (none when
    every such procedure has its form: idempotent)."""
    return onlineforms.generate_missing()
