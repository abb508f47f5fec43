"""Dossiers (hồ sơ): create, receive, move through the workflow, read history.

Every write to a dossier's data goes through a function of this module.
"""

from AccessControl import getSecurityManager
from datetime import date
from datetime import datetime
from luanthanh.policy.config import DOSSIER_FOLDER_ID
from luanthanh.policy.config import DOSSIER_WORKFLOW
from luanthanh.policy.config import now
from luanthanh.policy.config import stored
from luanthanh.policy.content.procedure import checklist
from luanthanh.policy.dossiers import apology
from luanthanh.policy.dossiers import assignment
from luanthanh.policy.dossiers import attachments as _attachments
from luanthanh.policy.dossiers import catalog as _catalog
from luanthanh.policy.dossiers import declaration as _declaration
from luanthanh.policy.dossiers import delivery as _delivery
from luanthanh.policy.dossiers import followup as _followup
from luanthanh.policy.dossiers import history as _history
from luanthanh.policy.dossiers import papers as _papers
from luanthanh.policy.dossiers import pending as _pending
from luanthanh.policy.dossiers import rating as _rating
from luanthanh.policy.dossiers import supplement as _supplement
from luanthanh.policy.dossiers.attachments import Upload
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.dossiers.codes import next_code
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.dossiers.relations import relation_to
from luanthanh.policy.errors import Forbidden
from luanthanh.policy.errors import NotFound
from luanthanh.policy.errors import TransitionRefused
from luanthanh.policy.errors import UnknownTransition
from luanthanh.policy.i18n import _
from plone import api

import time


def folder():
    """The tracking book (``ho-so``)."""
    return api.portal.get()[DOSSIER_FOLDER_ID]


def create(
    procedure,
    container=None,
    submitted_at: datetime | None = None,
    unrestricted: bool = False,
    **data,
):
    """Create a dossier for ``procedure``, in state ``intake``, and return it.

    ``data`` holds the dossier's fields (applicant_name, applicant_phone,
    channel, priority, ...).  The code comes from the sequence of the local
    day of ``submitted_at`` (default: now) and gives the dossier's id.
    ``unrestricted`` skips the current user's add permission: the online
    forms, used anonymously, check their own rules before they call this.
    ``result_delivery`` and ``result_address`` are checked by
    :func:`check_result_delivery` first (nothing is created on an error).
    """
    data.update(
        check_result_delivery(
            data.get("result_delivery"),
            data.get("result_address"),
            data.get("applicant_email"),
        )
    )
    container = container if container is not None else folder()
    submitted_at = stored(submitted_at or now())
    code = next_code(container, submitted_at)
    values = dict(
        data,
        code=code,
        submitted_at=submitted_at,
        procedure=relation_to(procedure),
    )
    if unrestricted:
        with api.env.adopt_roles(["Manager"]):
            return api.content.create(
                container=container, type="Dossier", id=dossier_id(code), **values
            )
    return api.content.create(
        container=container, type="Dossier", id=dossier_id(code), **values
    )


def check_result_delivery(
    delivery: str | None, address: str | None = None, email: str | None = None
) -> dict[str, str]:
    """How the applicant asked to receive the result, checked: a token of
    ``luanthanh.policy.result_delivery`` (``center`` when empty, ``post``,
    ``online``) and the postal address.  Returns the ``result_delivery`` and
    ``result_address`` a dossier keeps (the address only for ``post``).

    Raises :class:`~luanthanh.policy.errors.InvalidInput` for an unknown
    token (``field`` "result_delivery"), ``post`` without an address
    ("result_address") and ``online`` without an e-mail address
    ("applicant_email"), each with its Vietnamese message.
    """
    return _delivery.clean(delivery, address, email)


def defer_indexing() -> None:
    """Index the dossiers the current transaction creates just after it commits.

    For the online forms: their catalog writes no longer make concurrent
    submissions conflict (see :mod:`luanthanh.policy.dossiers.pending`).
    """
    _pending.defer_new_dossiers()


def register_submission(dossier, token: str) -> None:
    """Record that the online form rendering ``token`` made ``dossier``."""
    _pending.register_token(_catalog.catalog(), token, dossier)


def waiting_for_index(older_than: float = 0.0) -> list[tuple[str, float]]:
    """Online dossiers committed but not yet in the dossier catalog (their
    follow-up failed or has not run yet), queued more than ``older_than``
    seconds ago: ``(path, queued at in epoch seconds)``, oldest first.
    Officials do not see them on the dashboard until they are indexed."""
    limit = time.time() - older_than
    return [(path, when) for path, when in _followup.waiting() if when <= limit]


def index_waiting(older_than: float = 0.0) -> list[str]:
    """Index now the online dossiers waiting for more than ``older_than``
    seconds (see :func:`waiting_for_index`), in the current transaction (the
    caller commits); their paths."""
    paths = [path for path, _when in waiting_for_index(older_than)]
    return _followup.index_waiting_now(paths) if paths else []


def find_submission(token: str):
    """The dossier the form rendering ``token`` made, from the token registry
    (written with the dossier), else from the catalog (older dossiers)."""
    if not token:
        return None
    path = _pending.path_for_token(_catalog.catalog(), token)
    if path is not None:
        found = api.portal.get().unrestrictedTraverse(path, None)
        if found is not None:
            return found
    brains = _catalog.find_unrestricted(portal_type="Dossier", submission_token=token)
    return brains[0]._unrestrictedGetObject() if brains else None


def receive_at_counter(
    procedure, container=None, received_documents: list[dict] | None = None, **data
):
    """A walk-in dossier: created with channel ``direct`` and accepted at once.

    Both happen in the current transaction, as the current user (the desk):
    either the dossier exists accepted, with its due date, or not at all.
    ``received_documents``: the papers received (see
    :func:`record_received_documents`), checked before anything is created;
    for a procedure with a checklist at least one paper must be received.
    """
    rows = None
    if received_documents is not None:
        rows = _papers.clean(received_documents, required=bool(checklist(procedure)))
    data.setdefault("channel", "direct")
    dossier = create(procedure, container=container, **data)
    if rows is not None:
        _papers.record(dossier, rows)
    transition(dossier, "accept")
    return dossier


#: How a paper was received: ``original``, ``copy``, ``shown``.
PAPER_FORMS = _papers.FORMS


def record_received_documents(dossier, rows: list[dict]) -> list[dict]:
    """Record the papers received with ``dossier`` (item 1 of the receipt,
    Mẫu số 01), replacing any earlier record; returns the stored rows.

    Each row: ``name``, ``form`` (one of :data:`PAPER_FORMS`: bản chính, bản
    sao, xuất trình), ``count`` (sheets or copies, 1 to 999) and an optional
    ``note``.  Raises :class:`~luanthanh.policy.errors.InvalidInput`
    (``field`` ``received_documents``, ``details`` ``{"row": n}``) for a row
    without a name, an unknown form or a count that is not a positive
    integer; nothing is written then.
    """
    rows = _papers.clean(rows)
    _papers.record(dossier, rows)
    return _papers.recorded(dossier)


def record_uploaded_documents(dossier, uploads: list[Upload]) -> list[dict]:
    """Record the files of an online submission as the papers received: each
    an electronic copy (bản sao, count 1, note "Bản điện tử nộp trực tuyến")
    under the name of the document it answers.  The documents that are only
    shown are shown when the result is returned (:func:`shown_at_return`)."""
    return record_received_documents(dossier, _papers.uploaded(uploads))


def expected_documents(procedure, channel: str = "direct") -> list[dict]:
    """The papers a complete dossier of ``procedure`` brings through
    ``channel`` ("direct" or "online"), as rows for
    :func:`record_received_documents`: the mandatory documents, in the form
    and count the counter form proposes (online: each an electronic copy)."""
    return _papers.expected(procedure, channel)


def received_documents(dossier) -> list[dict] | None:
    """The papers to list in item 1 of the receipt: those recorded, else, for
    an online dossier received before they were recorded, its files as
    electronic copies; None when not known."""
    return _papers.receipt_rows(dossier)


def shown_at_return(dossier) -> list[dict]:
    """The papers an online applicant shows at the counter when the result is
    returned: the procedure's documents not sent online, each ``name`` and
    ``mandatory`` (False: only if the case needs it); none for a dossier
    received at the counter."""
    return _papers.shown_later(dossier, procedure_of(dossier))


def get_by_code(code: str, unrestricted: bool = False):
    """The dossier with ``code`` in the tracking book, or None."""
    obj = folder().get(dossier_id(code)) if code else None
    if obj is None:
        return None
    if not unrestricted and not api.user.has_permission("View", obj=obj):
        return None
    return obj


def contents(container):
    """Catalog brains of what lies directly in ``container`` (a dossier: its
    files; the tracking book: its dossiers) that the user may see, oldest
    first.  They are in the dossier catalog, never in ``portal_catalog``."""
    path = "/".join(container.getPhysicalPath())
    return _catalog.find(path={"query": path, "depth": 1}, sort_on="created")


def allowed_transitions(dossier) -> list[str]:
    """The transitions the current user may fire on ``dossier`` now."""
    wftool = api.portal.get_tool("portal_workflow")
    return [t["id"] for t in wftool.getTransitionsFor(dossier)]


def transition(dossier, name: str, comment: str = "") -> str:
    """Fire transition ``name`` as the current user; return the new state.

    Raises :class:`~luanthanh.policy.errors.UnknownTransition` for a
    transition the workflow does not have, :class:`TransitionRefused` for
    one this user may not fire now, and the rule errors of
    :mod:`luanthanh.policy.dossiers.transitions` (``CommentRequired``...).
    """
    wftool = api.portal.get_tool("portal_workflow")
    workflow = wftool.getWorkflowById(DOSSIER_WORKFLOW)
    if not isinstance(name, str) or name not in workflow.transitions.objectIds():
        raise UnknownTransition(
            _(
                "error_transition_unknown",
                default="Không có thao tác “${transition}” cho hồ sơ.",
                mapping={"transition": name if isinstance(name, str) else ""},
            ),
            field="transition",
        )
    if name not in allowed_transitions(dossier):
        raise TransitionRefused(
            _(
                "error_transition_not_allowed",
                default="Tài khoản này không được thực hiện thao tác “${transition}” "
                "với hồ sơ ở trạng thái hiện tại.",
                mapping={"transition": name},
            )
        )
    wftool.doActionFor(dossier, name, comment=(comment or "").strip())
    return api.content.get_state(dossier)


def assign(dossier, userid: str | None = None) -> str:
    """Give the dossier to ``userid``, or to its field's official when None."""
    if userid is None:
        return assignment.assign(dossier)
    if api.user.get(userid=userid) is None:
        raise NotFound(
            _("error_no_such_user", default="Không có cán bộ có tên đăng nhập này."),
            field="userid",
        )
    assignment.set_assignee(dossier, userid)
    dossier.reindexObject()
    return userid


def attach_files(dossier, uploads: list[Upload]) -> list:
    """Attach checked files to ``dossier`` as File items; returns the items.

    Every channel (counter, online form, supplement) attaches this way; the
    caller has checked each file's type and size first.
    """
    items = [_attachments.attach(dossier, upload) for upload in uploads]
    if items:
        dossier.reindexObject()
    return items


def check_supplement(dossier, count: int) -> None:
    """Refuse a supplement of ``count`` files before any file is read.

    Raises :class:`~luanthanh.policy.errors.Conflict` (409) outside
    ``supplement`` and :class:`~luanthanh.policy.errors.InvalidInput` (400)
    without a file or with more than 10.  ``count`` comes from the parts of
    the form (headers, field names), so that a refused request is answered
    before up to 10 MB per file are read into memory.
    """
    _supplement.check_before_reading(dossier, count)


def attach_supplement(dossier, uploads: list[tuple[str, bytes]]) -> list[str]:
    """Attach the citizen's supplement to a dossier waiting in ``supplement``.

    ``uploads`` are ``(filename, data)`` pairs; returns the names the files
    are kept under.  All or nothing: raises
    :class:`~luanthanh.policy.errors.Conflict` (409) outside ``supplement``,
    :class:`~luanthanh.policy.errors.InvalidInput` (400) without a file or
    with more than 10, :class:`~luanthanh.policy.errors.UploadRefused` (400)
    for a refused type and :class:`~luanthanh.policy.errors.TooLarge` (413)
    past the per-file or per-dossier limit.  The history records the files
    (by the citizen, the state unchanged) and the assigned official is
    e-mailed when the transaction commits.
    """
    return _supplement.attach_supplement(dossier, uploads)


def rate(
    dossier, rating: str, comment: str | None = None, when: datetime | None = None
) -> None:
    """Store the citizen's one rating of a returned dossier.

    ``rating`` is a token of ``luanthanh.policy.rating_levels``; ``comment``
    is optional, at most 1000 characters.  Raises
    :class:`~luanthanh.policy.errors.Conflict` (409) before ``returned`` and
    for a second rating, :class:`~luanthanh.policy.errors.InvalidInput` (400)
    for an unknown rating or a too long comment.  ``when`` (default: now)
    dates a rating brought in from the past (the demo half-year).
    """
    _rating.rate(dossier, rating, comment, when=when)


def history(dossier) -> list[_history.HistoryEntry]:
    """The dossier's history, oldest first."""
    return _history.entries(dossier)


def book_position(dossier) -> tuple[int, int] | None:
    """(Quyển số, Số thứ tự) of the dossier in the Sổ theo dõi hồ sơ: the
    year it was received in and its order among that year's dossiers (as the
    book of the whole year lists them); None before reception."""
    return _catalog.book_position(dossier)


def book_orders(folder, start: datetime, end: datetime) -> dict:
    """The (Quyển số, Số thứ tự) of every dossier of the book ``folder``
    received from ``start`` to ``end``, by catalog record id (``brain.getRID()``):
    the same numbers as :func:`book_position`, whatever the current user
    may see."""
    return _catalog.book_orders("/".join(folder.getPhysicalPath()), start, end)


def procedure(dossier):
    """The procedure the dossier is for, or None."""
    return procedure_of(dossier)


def attachments(dossier) -> list[dict]:
    """The files of the dossier the current user may see, oldest first:
    ``title``, ``url`` (the download), ``size`` (as Plone writes it) and
    ``created``."""
    return _declaration.attachments(dossier)


def declaration(
    dossier, request=None, files: list[dict] | None = None
) -> _declaration.Declaration:
    """What the citizen declared on the online form, read-only: the sections
    (the form's fieldsets when it was sent) with each label and answer, each
    uploaded file with the attachment it is kept as.  Empty for a dossier
    received at the counter.  ``files``: :func:`attachments`, if at hand."""
    return _declaration.declaration(dossier, request, files)


def main_facts(dossier, request=None, limit: int = 3) -> _declaration.Section | None:
    """The few declared facts that say what the dossier is about (a birth
    registration: the child's name, date of birth, sex), or None."""
    return _declaration.main_facts(dossier, request, limit)


def _may_apologise(dossier) -> bool:
    security = getSecurityManager()
    return any(security.checkPermission(p, dossier) for p in apology.PERMISSIONS)


def can_issue_apology(dossier) -> bool:
    """Whether the current user may issue an apology (Mẫu số 04) for ``dossier`` now.

    The dossier must be received and unresolved, with a due date, and the
    user must hold one of the officials' permissions on it.
    """
    return apology.possible(dossier) and _may_apologise(dossier)


#: Who approves an extension when the official names no one.
DEFAULT_APPROVER = apology.DEFAULT_APPROVER


def issue_apology(
    dossier, new_date: date | None, reason: str, approver: str = ""
) -> dict:
    """Record an apology proposing to extend the processing time to
    ``new_date``, as the current user; ``approver`` is who approves the
    extension (the commune's Chairman when empty).

    The dossier's ``due_date`` is never changed: statistics keep judging it
    against the legal date.  Raises :class:`~luanthanh.policy.errors.Forbidden`
    when the current user may not apologise for the dossier, and
    :class:`~luanthanh.policy.errors.InvalidInput` when the dossier is not
    received and unresolved, or the date or the reason is not acceptable
    (``details`` maps each field at fault to its message).  Returns the
    stored record (``time``, ``actor``, ``new_date``, ``reason``, ``approver``).
    """
    if not _may_apologise(dossier):
        raise Forbidden(
            _(
                "apology_error_forbidden",
                default="Không thể lập phiếu xin lỗi cho hồ sơ này.",
            )
        )
    reason = (reason or "").strip()
    approver = (approver or "").strip()
    apology.validate(dossier, new_date, reason, approver)
    actor = api.user.get_current().getId() or ""
    return apology.record(dossier, new_date, reason, actor, approver)


def apologies(dossier) -> list[dict]:
    """The apologies issued for ``dossier``, oldest first."""
    return apology.apologies_of(dossier)


def first_apology_day(dossier) -> date:
    """The first day an apology may set as the new appointment date."""
    return apology.first_day(dossier)
