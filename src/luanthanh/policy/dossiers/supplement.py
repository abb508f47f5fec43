"""The citizen's supplement: the files an official asked for, sent from the lookup.

While a dossier waits in ``supplement``, the citizen who found it on the
lookup page (both factors and a signed token) may send files.  Every file is
checked (:func:`luanthanh.policy.uploads.check_upload`) and the dossier stays
within its total size before anything is attached; the history says what
arrived and the assigned official gets an e-mail once the upload is committed.
"""

from luanthanh.policy import settings
from luanthanh.policy.config import logger
from luanthanh.policy.dossiers import attachments
from luanthanh.policy.dossiers import history
from luanthanh.policy.dossiers.lookup import state_of
from luanthanh.policy.errors import Conflict
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.errors import TooLarge
from luanthanh.policy.errors import UploadRefused
from luanthanh.policy.i18n import _
from luanthanh.policy.mail import send
from luanthanh.policy.uploads import check_total
from luanthanh.policy.uploads import check_upload
from luanthanh.policy.uploads import UploadRejected
from luanthanh.policy.urls import public_url_of
from plone import api
from ZODB.POSException import ConflictError
from zope.i18n import translate
from zope.i18nmessageid import Message


#: Files one supplement may carry.
MAX_FILES = 10
ACTION = "supplement_upload"


def _site_text(msg: Message) -> str:
    language = api.portal.get_default_language() or "vi"
    return translate(msg, target_language=language)


def check_before_reading(dossier, count: int) -> None:
    """What can be refused before a file is read: the state and the count.

    ``count`` is the number of files sent, taken from the form's parts (their
    headers and field names), not from their contents.  :class:`Conflict`
    (409) outside ``supplement``, :class:`InvalidInput` (400) without a file
    or with more than :data:`MAX_FILES`.
    """
    state, _title = state_of(dossier)
    if state != "supplement":
        raise Conflict(
            _(
                "supplement_not_waiting",
                default="Hồ sơ không ở trạng thái chờ bổ sung nên không nhận tệp "
                "bổ sung.",
            )
        )
    if not count:
        raise InvalidInput(
            _("supplement_no_file", default="Vui lòng chọn ít nhất một tệp để nộp.")
        )
    if count > MAX_FILES:
        raise InvalidInput(
            _(
                "supplement_too_many_files",
                default="Mỗi lần chỉ nộp được tối đa ${count} tệp.",
                mapping={"count": MAX_FILES},
            )
        )


def check(dossier, uploads: list[tuple[str, bytes]]) -> list[attachments.Upload]:
    """The uploads, checked, as :class:`~.attachments.Upload`; or an error.

    :func:`check_before_reading` first; :class:`UploadRefused` (400) for a
    refused type, :class:`TooLarge` (413) for a file or a dossier over its
    limit.
    """
    check_before_reading(dossier, len(uploads))
    max_file, max_dossier = settings.upload_limits()
    checked = []
    for filename, data in uploads:
        try:
            name, content_type = check_upload(filename, data, max_file)
        except UploadRejected as error:
            refused = TooLarge if len(data) > max_file else UploadRefused
            raise refused(error.message) from error
        checked.append(attachments.Upload(name, content_type, data))
    total = attachments.total_size(dossier) + sum(len(u.data) for u in checked)
    try:
        check_total(total, max_dossier)
    except UploadRejected as error:
        raise TooLarge(error.message) from error
    return checked


def record(dossier, names: list[str]) -> history.HistoryEntry:
    """The history entry of a supplement: by the citizen, the state unchanged."""
    state, _title = state_of(dossier)
    comment = _site_text(
        _(
            "history_supplement_upload",
            default="Người nộp hồ sơ nộp bổ sung: ${files}",
            mapping={"files": ", ".join(names)},
        )
    )
    entry = history.make_entry(
        ACTION,
        actor="",
        from_state=state,
        to_state=state,
        comment=comment,
        due_date_before=dossier.due_date,
        due_date_after=dossier.due_date,
    )
    return history.append(dossier, entry)


def notify_official(dossier, names: list[str]) -> bool:
    """E-mail the assigned official that the supplement has arrived.

    Sent through :func:`luanthanh.policy.mail.send`: delivered when the upload
    commits, never for one that is rolled back, and a mail failure, logged,
    never undoes the upload.  Returns whether a message was handed over.
    """
    try:
        userid = dossier.assigned_to
        user = api.user.get(userid=userid) if userid else None
        recipient = user.getProperty("email", "") if user is not None else ""
        if not recipient:
            logger.warning(
                "Supplement for %s: no official's e-mail address", dossier.code
            )
            return False
        subject = _site_text(
            _(
                "mail_supplement_subject",
                default="Hồ sơ ${code}: người nộp hồ sơ đã nộp bổ sung",
                mapping={"code": dossier.code},
            )
        )
        body = _site_text(
            _(
                "mail_supplement_body",
                default="Người nộp hồ sơ đã nộp bổ sung cho hồ sơ ${code} các tệp: "
                "${files}.\n\nXem hồ sơ và chuyển “Tiếp tục giải quyết” tại: ${url}",
                mapping={
                    "code": dossier.code,
                    "files": ", ".join(names),
                    "url": public_url_of(dossier),
                },
            )
        )
        return send(recipient, subject, body)
    except ConflictError:
        raise
    except Exception:
        logger.exception("Could not notify the official of %s", dossier.code)
        return False


def attach_supplement(dossier, uploads: list[tuple[str, bytes]]) -> list[str]:
    """Attach the citizen's supplement files; returns their names.

    ``uploads`` are ``(filename, data)`` pairs.  Nothing is attached unless
    every file passes :func:`check`.
    """
    checked = check(dossier, uploads)
    for upload in checked:
        attachments.attach(dossier, upload)
    names = [upload.filename for upload in checked]
    record(dossier, names)
    dossier.reindexObject()
    notify_official(dossier, names)
    return names
