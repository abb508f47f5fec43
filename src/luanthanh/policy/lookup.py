"""The public status lookup (tra cứu hồ sơ), supplements and ratings.

Shared by the page ``@@tra-cuu-ho-so`` and the REST services
``@dossier-lookup`` and ``@dossier-rating``.

Rules
=====

* **Two factors.** A dossier is found by its code *and* the applicant's
  phone (compared normalised) or, instead of the phone, the CCCD.  The code is
  looked up in the catalog index ``dossier_code`` unrestricted (Anonymous
  cannot see dossiers); the second factor is always compared, with
  :func:`hmac.compare_digest`, even when the code is unknown, so that a wrong
  pair and an unknown code cost the same and answer the same.
* **Only the status.** :func:`public_status` returns the code, the procedure,
  the state, the received and due dates, whether it is late, the official's
  supplement request while in ``supplement`` and whether the result is ready or
  returned: never the applicant's name, CCCD, phone, address, e-mail,
  attachments or the internal notes.
* **Throttled.** Every try, right or wrong, counts against the client's
  address: ``lookup_limit`` tries per ``lookup_window_minutes`` (settings
  ``luanthanh.policy.online``).
* **Signed tokens.** A successful lookup issues a token, an HMAC of the code
  and an expiry keyed with the site's ``_system`` keyring; the supplement
  upload and the rating of the page need it (and the second factor again),
  which is what protects those anonymous POSTs against cross-site requests.
"""

from datetime import datetime
from datetime import UTC
from email.header import Header
from email.mime.text import MIMEText
from email.utils import formataddr
from luanthanh.policy import deadlines
from luanthanh.policy.config import logger
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.i18n import _
from luanthanh.policy.normalize import CCCD_RE
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.throttle import client_ip
from luanthanh.policy.throttle import limiter
from luanthanh.policy.vocabularies import RATING_LEVELS
from persistent.list import PersistentList
from plone import api
from plone.keyring.interfaces import IKeyManager
from zope.component import getUtility
from zope.i18n import translate
from zope.i18nmessageid import Message

import hashlib
import hmac
import re
import time
import transaction


ONLINE_PREFIX = "luanthanh.policy.online"
TOKEN_TTL = 2 * 3600  # seconds a lookup token stays valid
MAX_CODE_LENGTH = 64
MAX_COMMENT_LENGTH = 1000
MAX_FILES = 10
MB = 1024 * 1024
CODE_RE = re.compile(r"^[0-9A-Z]+([.\-][0-9A-Z]+)*$")

#: States in which the clock runs and the dossier can be late.
RUNNING_STATES = ("processing", "approval")

#: The keys of a public status, and nothing else.
PUBLIC_KEYS = (
    "code",
    "procedure",
    "state",
    "state_title",
    "received_date",
    "due_date",
    "late",
    "supplement_request",
    "result_ready",
    "returned",
    "can_rate",
)

RATING_TOKENS = tuple(token for token, _title in RATING_LEVELS)

NOT_FOUND = _(
    "lookup_not_found",
    default="Không tìm thấy hồ sơ khớp với mã hồ sơ và số điện thoại (hoặc số "
    "CCCD) đã nhập. Vui lòng kiểm tra lại.",
)
TOO_MANY = _(
    "lookup_too_many",
    default="Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.",
)
TOKEN_INVALID = _(
    "lookup_token_invalid",
    default="Phiên tra cứu đã hết hạn hoặc không hợp lệ. Vui lòng tra cứu lại hồ "
    "sơ rồi thực hiện lại thao tác.",
)


class Refused(Exception):
    """An action the citizen may not do now, with a message and an HTTP status."""

    def __init__(self, message: Message | str, status: int = 400, kind: str = ""):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.kind = kind or {
            400: "BadRequest",
            403: "Forbidden",
            404: "NotFound",
            409: "Conflict",
            413: "RequestEntityTooLarge",
            429: "TooManyRequests",
        }.get(status, "BadRequest")

    def error(self, request) -> dict:
        """The REST body ``{"error": {"type": ..., "message": ...}}``."""
        return {
            "error": {
                "type": self.kind,
                "message": translate(self.message, context=request),
            }
        }


def _setting(name: str, default: int) -> int:
    value = api.portal.get_registry_record(f"{ONLINE_PREFIX}.{name}", default=default)
    return value if isinstance(value, int) and value > 0 else default


# Throttle ------------------------------------------------------------------


def throttle(request) -> None:
    """Count one try of this client; :class:`Refused` (429) past the limit."""
    limit = _setting("lookup_limit", 10)
    minutes = _setting("lookup_window_minutes", 10)
    if not limiter.hit(("lookup", client_ip(request)), limit, minutes * 60):
        raise Refused(
            Message(TOO_MANY, mapping={"minutes": minutes}),
            status=429,
        )


def not_found() -> Refused:
    """The one answer for an unknown code and for a wrong second factor."""
    return Refused(NOT_FOUND, status=404)


# Finding a dossier -------------------------------------------------------------


def normalize_code(code) -> str:
    """The code as stored (upper case), or "" when it cannot be a code."""
    if not isinstance(code, str):
        return ""
    code = "".join(code.split()).upper()
    if len(code) > MAX_CODE_LENGTH or not CODE_RE.match(code):
        return ""
    return code


def normalize_id_number(value) -> str:
    value = "".join(value.split()) if isinstance(value, str) else ""
    return value if CCCD_RE.match(value) else ""


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8")).digest()


# Compared when there is no dossier, so that a miss costs what a hit costs.
_NOTHING = _digest("\x00no dossier\x00")


def find_dossier(code, phone=None, id_number=None):
    """The dossier with this code whose phone (or CCCD) matches, else None.

    The phone wins when both are given.  The comparison runs whether or not
    the code exists.
    """
    code = normalize_code(code)
    dossier = None
    if code:
        brains = api.content.find(
            portal_type="Dossier", dossier_code=code, unrestricted=True
        )
        if len(brains) == 1:
            dossier = brains[0]._unrestrictedGetObject()
    if phone not in (None, ""):
        given = normalize_phone(phone if isinstance(phone, str) else "")
        expected = normalize_phone(dossier.applicant_phone) if dossier else ""
    else:
        given = normalize_id_number(id_number)
        expected = (dossier.applicant_id_number or "") if dossier else ""
    same = hmac.compare_digest(
        _digest(given), _digest(expected) if expected else _NOTHING
    )
    if same and given and expected and dossier is not None and dossier.code == code:
        return dossier
    return None


# What the citizen sees ---------------------------------------------------------


def state_of(dossier) -> tuple[str, str]:
    """The review state id and its title (a msgid of our domain)."""
    wftool = api.portal.get_tool("portal_workflow")
    workflow = wftool.getWorkflowsFor(dossier)[0]
    state = (wftool.getStatusOf(workflow.getId(), dossier) or {}).get(
        "review_state"
    ) or workflow.initial_state
    definition = workflow.states.get(state)
    return state, (definition.title if definition is not None else state)


def _iso(value) -> str | None:
    return deadlines.local_date(value).isoformat() if value is not None else None


def public_status(dossier, request=None) -> dict:
    """The status of the dossier that the citizen may see: :data:`PUBLIC_KEYS`."""
    request = request if request is not None else getattr(dossier, "REQUEST", None)
    state, title = state_of(dossier)
    procedure = procedure_of(dossier)
    today = deadlines.local_date(datetime.now(UTC))
    late = bool(
        state in RUNNING_STATES
        and dossier.due_date is not None
        and today > deadlines.local_date(dossier.due_date)
    )
    supplement = None
    if state == "supplement":
        supplement = getattr(dossier, "supplement_request", "") or ""
    return {
        "code": dossier.code,
        "procedure": procedure.title if procedure is not None else "",
        "state": state,
        "state_title": translate(title, domain="luanthanh.policy", context=request),
        "received_date": _iso(dossier.received_at),
        "due_date": _iso(dossier.due_date),
        "late": late,
        "supplement_request": supplement,
        "result_ready": state == "result",
        "returned": state == "returned",
        "can_rate": state == "returned" and not dossier.rating,
    }


# Tokens --------------------------------------------------------------------------


def _sign(message: str) -> str:
    secret = getUtility(IKeyManager).secret()
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    return hmac.new(
        secret, f"luanthanh.policy.lookup|{message}".encode(), hashlib.sha256
    ).hexdigest()


def issue_token(code: str, now: float | None = None) -> str:
    """A token for the actions of one lookup, bound to the dossier's code."""
    expires = int(now if now is not None else time.time()) + TOKEN_TTL
    return f"{expires}.{_sign(f'{code}|{expires}')}"


def check_token(token, code: str, now: float | None = None) -> bool:
    """True when ``token`` was issued for ``code`` and has not expired."""
    if not isinstance(token, str) or token.count(".") != 1:
        return False
    expires, signature = token.split(".")
    if not expires.isdigit():
        return False
    expected = _sign(f"{code}|{expires}")
    valid = hmac.compare_digest(signature.encode(), expected.encode())
    current = now if now is not None else time.time()
    return valid and int(expires) >= current


def require_token(token, dossier) -> None:
    if not check_token(token, dossier.code):
        raise Refused(TOKEN_INVALID, status=403)


# Supplements ------------------------------------------------------------------


def max_file_bytes() -> int:
    return _setting("max_file_mb", 10) * MB


def _file_size(obj) -> int:
    blob = getattr(obj, "file", None)
    return blob.getSize() if blob is not None else 0


def attachments_size(dossier) -> int:
    """Bytes of the files the dossier already holds."""
    return sum(_file_size(obj) for obj in dossier.objectValues())


def _site_text(msg: Message) -> str:
    language = api.portal.get_default_language() or "vi"
    return translate(msg, target_language=language)


def attach_supplement(dossier, uploads: list[tuple[str, bytes]]) -> list[str]:
    """Attach the citizen's supplement files; returns their names.

    ``uploads`` are ``(filename, data)`` pairs.  Each file passes
    :func:`luanthanh.policy.uploads.check_upload` (type sniffed, per-file
    limit); the dossier, with what it already holds, stays within the
    per-dossier limit.  Nothing is attached unless every file passes.
    """
    from luanthanh.policy.uploads import check_total
    from luanthanh.policy.uploads import check_upload
    from luanthanh.policy.uploads import UploadRejected

    state, _title = state_of(dossier)
    if state != "supplement":
        raise Refused(
            _(
                "supplement_not_waiting",
                default="Hồ sơ không ở trạng thái chờ bổ sung nên không nhận tệp "
                "bổ sung.",
            ),
            status=409,
        )
    if not uploads:
        raise Refused(
            _("supplement_no_file", default="Vui lòng chọn ít nhất một tệp để nộp.")
        )
    if len(uploads) > MAX_FILES:
        raise Refused(
            _(
                "supplement_too_many_files",
                default="Mỗi lần chỉ nộp được tối đa ${count} tệp.",
                mapping={"count": MAX_FILES},
            )
        )
    max_file = max_file_bytes()
    max_dossier = _setting("max_dossier_mb", 30) * MB
    checked = []
    for filename, data in uploads:
        try:
            name, content_type = check_upload(filename, data, max_file)
        except UploadRejected as error:
            status = 413 if len(data) > max_file else 400
            raise Refused(error.message, status=status) from error
        checked.append((name, content_type, data))
    total = attachments_size(dossier) + sum(len(data) for _n, _c, data in checked)
    try:
        check_total(total, max_dossier)
    except UploadRejected as error:
        raise Refused(error.message, status=413) from error

    from plone.dexterity.utils import createContentInContainer
    from plone.namedfile.file import NamedBlobFile

    names = []
    with api.env.adopt_roles(["Manager"]):
        for name, content_type, data in checked:
            createContentInContainer(
                dossier,
                "File",
                checkConstraints=False,
                title=name,
                file=NamedBlobFile(data=data, contentType=content_type, filename=name),
            )
            names.append(name)
    _append_history(
        dossier,
        action="supplement_upload",
        comment=_site_text(
            _(
                "history_supplement_upload",
                default="Công dân nộp bổ sung: ${files}",
                mapping={"files": ", ".join(names)},
            )
        ),
    )
    dossier.reindexObject()
    notify_official(dossier, names)
    return names


def _append_history(dossier, action: str, comment: str) -> None:
    from luanthanh.policy.config import now

    state, _title = state_of(dossier)
    entry = {
        "action": action,
        "actor": "",
        "time": now(),
        "from_state": state,
        "to_state": state,
        "comment": comment,
        "due_date_before": dossier.due_date,
        "due_date_after": dossier.due_date,
    }
    history = dossier.__dict__.get("history")
    if not isinstance(history, PersistentList):
        history = PersistentList(history or ())
        dossier.history = history
    history.append(entry)


def notify_official(dossier, names: list[str]) -> bool:
    """E-mail the assigned official that the supplement has arrived.

    The message is sent once the upload is committed (an after-commit hook),
    so that it never announces files that were not kept, and so that a mail
    failure, logged, can never undo the upload.  Returns whether a message
    was scheduled.
    """
    try:
        message = _supplement_message(dossier, names)
        if message is None:
            return False
        mailhost = api.portal.get_tool("MailHost")
    except Exception:
        logger.exception("Could not prepare the mail of %s", dossier.code)
        return False
    code = dossier.code

    def send(committed: bool) -> None:
        if not committed:
            return
        try:
            mailhost.send(message, immediate=True)
        except Exception:
            logger.exception("Could not notify the official of %s", code)

    transaction.get().addAfterCommitHook(send)
    return True


def _supplement_message(dossier, names: list[str]):
    userid = dossier.assigned_to
    user = api.user.get(userid=userid) if userid else None
    recipient = user.getProperty("email", "") if user is not None else ""
    sender = api.portal.get_registry_record("plone.email_from_address", default="")
    if not recipient or not sender:
        logger.warning(
            "Supplement for %s: no official's or site's e-mail address", dossier.code
        )
        return None
    name = api.portal.get_registry_record("plone.email_from_name", default="") or ""
    subject = _site_text(
        _(
            "mail_supplement_subject",
            default="Hồ sơ ${code}: công dân đã nộp bổ sung",
            mapping={"code": dossier.code},
        )
    )
    body = _site_text(
        _(
            "mail_supplement_body",
            default="Công dân đã nộp bổ sung cho hồ sơ ${code} các tệp: ${files}."
            "\n\nXem hồ sơ và chuyển “Tiếp tục giải quyết” tại: ${url}",
            mapping={
                "code": dossier.code,
                "files": ", ".join(names),
                "url": dossier.absolute_url(),
            },
        )
    )
    message = MIMEText(body, "plain", "utf-8")
    message["Subject"] = Header(subject, "utf-8")
    message["From"] = formataddr((name, sender)) if name else sender
    message["To"] = recipient
    return message


# Rating ---------------------------------------------------------------------


def rate(dossier, rating, comment=None) -> None:
    """Store the citizen's one rating of a returned dossier."""
    state, _title = state_of(dossier)
    if state != "returned":
        raise Refused(
            _(
                "rating_not_returned",
                default="Chỉ đánh giá được sau khi hồ sơ đã trả kết quả.",
            ),
            status=409,
        )
    if dossier.rating:
        raise Refused(
            _(
                "rating_already",
                default="Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá "
                "một lần.",
            ),
            status=409,
        )
    if rating not in RATING_TOKENS:
        raise Refused(_("rating_invalid", default="Vui lòng chọn một mức độ hài lòng."))
    comment = comment.strip() if isinstance(comment, str) else ""
    if len(comment) > MAX_COMMENT_LENGTH:
        raise Refused(
            _(
                "rating_comment_too_long",
                default="Góp ý không được dài quá ${count} ký tự.",
                mapping={"count": MAX_COMMENT_LENGTH},
            )
        )
    dossier.rating = rating
    dossier.rating_comment = comment or None
    dossier.rated_at = datetime.now(UTC)
    dossier.reindexObject(idxs=["rating"])
