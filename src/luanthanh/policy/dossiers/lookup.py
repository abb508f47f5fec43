"""The public status lookup (tra cứu hồ sơ): finding a dossier, what it shows.

Rules
=====

* **Two factors.** A dossier is found by its code *and* the applicant's
  phone (compared normalised) or, instead of the phone, the CCCD.  The code is
  looked up in the catalog index ``dossier_code`` unrestricted (Anonymous
  cannot see dossiers), else among the online dossiers committed and still
  waiting for their indexing (:mod:`.pending`: the follow-up runs just after
  the thank-you page), so a code is found as soon as its thank-you page
  shows it; the second factor is always compared, with
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

from luanthanh.policy import settings
from luanthanh.policy.config import local_date
from luanthanh.policy.config import today
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.errors import Forbidden
from luanthanh.policy.errors import NotFound
from luanthanh.policy.errors import Throttled
from luanthanh.policy.i18n import _
from luanthanh.policy.normalize import normalize_id_number
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.states import RUNNING
from luanthanh.policy.throttle import client_ip
from luanthanh.policy.throttle import limiter
from plone import api
from plone.keyring.interfaces import IKeyManager
from zope.component import getUtility
from zope.i18n import translate

import hashlib
import hmac
import re
import time


TOKEN_TTL = 2 * 3600  # seconds a lookup token stays valid
MAX_CODE_LENGTH = 64
CODE_RE = re.compile(r"^[0-9A-Z]+([.\-][0-9A-Z]+)*$")

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

NOT_FOUND = _(
    "lookup_not_found",
    default="Không tìm thấy hồ sơ khớp với mã hồ sơ và số điện thoại (hoặc số "
    "định danh cá nhân) đã nhập. Vui lòng kiểm tra lại.",
)
TOKEN_INVALID = _(
    "lookup_token_invalid",
    default="Phiên tra cứu đã hết hạn hoặc không hợp lệ. Vui lòng tra cứu lại hồ "
    "sơ rồi thực hiện lại thao tác.",
)


# Throttle ------------------------------------------------------------------


def throttle(request) -> None:
    """Count one try of this client; :class:`Throttled` (429) past the limit."""
    values = settings.online()
    limit = values.lookup_limit
    minutes = values.lookup_window_minutes
    if not limiter.hit(("lookup", client_ip(request)), limit, minutes * 60):
        raise Throttled(
            _(
                "lookup_too_many",
                default="Ông/bà đã tra cứu quá nhiều lần. Vui lòng thử lại sau "
                "${minutes} phút.",
                mapping={"minutes": minutes},
            )
        )


def not_found() -> NotFound:
    """The one answer for an unknown code and for a wrong second factor."""
    return NotFound(NOT_FOUND)


# Finding a dossier -------------------------------------------------------------


def normalize_code(code) -> str:
    """The code as stored (upper case), or "" when it cannot be a code."""
    if not isinstance(code, str):
        return ""
    code = "".join(code.split()).upper()
    if len(code) > MAX_CODE_LENGTH or not CODE_RE.match(code):
        return ""
    return code


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8")).digest()


# Compared when there is no dossier, so that a miss costs what a hit costs.
_NOTHING = _digest("\x00no dossier\x00")


def _queued(code: str):
    """The online dossier ``code`` committed but not indexed yet, else None."""
    path = pending.queued_path_named(catalog(), dossier_id(code))
    if path is None:
        return None
    found = api.portal.get().unrestrictedTraverse(path, None)
    return found if getattr(found, "code", None) == code else None


def find_dossier(code, phone=None, id_number=None):
    """The dossier with this code whose phone (or CCCD) matches, else None.

    The phone wins when both are given.  The comparison runs whether or not
    the code exists.
    """
    code = normalize_code(code)
    dossier = None
    if code:
        brains = find_unrestricted(portal_type="Dossier", dossier_code=code)
        if len(brains) == 1:
            dossier = brains[0]._unrestrictedGetObject()
        elif not brains:
            dossier = _queued(code)
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
    return local_date(value).isoformat() if value is not None else None


def public_status(dossier, request=None) -> dict:
    """The status of the dossier that the citizen may see: :data:`PUBLIC_KEYS`."""
    request = request if request is not None else getattr(dossier, "REQUEST", None)
    state, title = state_of(dossier)
    procedure = procedure_of(dossier)
    late = bool(
        state in RUNNING
        and dossier.due_date is not None
        and today() > local_date(dossier.due_date)
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
    """:class:`Forbidden` (403) unless ``token`` was issued for ``dossier``."""
    if not check_token(token, dossier.code):
        raise Forbidden(TOKEN_INVALID)
