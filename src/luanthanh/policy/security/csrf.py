"""Cross-site request forgery through ``++api++``.

plone.rest's ``++api++`` traverser makes any request a REST call, whatever its
``Accept`` header, and plone.restapi's services switch plone.protect off for
their writes (``@workflow`` does, for one).  A page on another site could then
make a logged-in official's browser fire a transition, edit a dossier or
create a Manager (``@users``) with a plain HTML form or a ``text/plain``
``fetch``: both are "simple" requests that browsers send cross-site without a
CORS preflight, with the session cookie *and* with Basic credentials the
browser has cached for the site.

So a state-changing API request (POST, PUT, PATCH, DELETE) by an
authenticated user must either be JSON (``Content-Type: application/json``,
which a foreign page cannot send without a preflight that our CORS policy
does not grant; the imports' CSV and XLSX bodies are no simple requests
either) or carry a valid plone.protect token (``X-CSRF-TOKEN`` header or
``_authenticator``), and must not come from a foreign ``Origin`` (nor say
``Sec-Fetch-Site: cross-site``).  A body without a media type, or an empty
one, is what a foreign ``fetch`` can send too: it needs the token.  Only a
``Bearer`` token exempts a request: a browser never adds one on its own.
Basic credentials (``curl -u``) are no exemption; ``curl`` sends no
``Origin`` and can send JSON.

Independently of who asks, the JSON services take JSON only: a body of any
other media type is refused with 415 and a Vietnamese message, before the
service parses it.  The services whose body is a file (:class:`IUploadService`:
the imports) check their media types and the token themselves.
"""

from AccessControl import getSecurityManager
from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import IBrowserLayer
from luanthanh.policy.interfaces import IUploadService
from plone.protect.authenticator import check as check_token
from plone.rest.interfaces import IAPIRequest
from plone.rest.service import Service
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zExceptions import HTTPUnsupportedMediaType
from zope.i18n import translate


UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
#: The methods whose body a JSON service parses.
WITH_BODY = {"POST", "PUT", "PATCH"}
#: The media types of "simple" requests (HTML forms, ``fetch`` without a
#: preflight): a foreign page can make a browser send these, and a body
#: without a type; any other (JSON, CSV, XLSX) needs a CORS preflight.
SIMPLE = frozenset(
    {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}
)


class UnsupportedMediaType(HTTPUnsupportedMediaType):
    """415; named so that ZPublisher and plone.rest find the status by name
    (``{"type": "UnsupportedMediaType", "message": ...}`` as the imports)."""


def _same_origin(request, origin: str) -> bool:
    mine = urlsplit(request.get("SERVER_URL", ""))
    theirs = urlsplit(origin)
    return (mine.scheme, mine.netloc) == (theirs.scheme, theirs.netloc)


def _foreign(request) -> bool:
    """Whether the browser says the request comes from another site."""
    origin = request.getHeader("Origin")
    if origin:
        return not _same_origin(request, origin)
    return (request.getHeader("Sec-Fetch-Site") or "").lower() == "cross-site"


def _has_token(request) -> bool:
    token = request.getHeader("X-CSRF-TOKEN") or request.form.get("_authenticator")
    if not token:
        return False
    if "_authenticator" not in request.form:
        request.form["_authenticator"] = token
    try:
        check_token(request)
    except Forbidden:
        return False
    return True


def bearer(request) -> bool:
    """Whether the request is authenticated with a ``Bearer`` token.

    ZPublisher moves the ``Authorization`` header out of the environment into
    ``_auth``; Basic credentials are no ``Bearer`` token."""
    authorization = getattr(request, "_auth", None) or request.getHeader(
        "Authorization"
    )
    return (authorization or "").strip().lower().startswith("bearer ")


def media_type(request) -> str:
    """The body's media type, without parameters, lower case ("" if none)."""
    content_type = request.getHeader("Content-Type") or ""
    return content_type.split(";", 1)[0].strip().lower()


def _is_json(mime: str) -> bool:
    return mime == "application/json" or mime.endswith("+json")


def _has_body(request) -> bool:
    length = request.get("CONTENT_LENGTH")
    if length in (None, ""):  # chunked: a declared media type means a body
        return bool(media_type(request))
    try:
        return int(length) > 0
    except ValueError:
        return True


def _authenticated(request) -> bool:
    user = getSecurityManager().getUser()
    return user is not None and user.getUserName() != "Anonymous User"


def _refuse_forgery(request) -> None:
    """403 for an unsafe request a foreign page could have made the browser send."""
    if bearer(request) or not _authenticated(request):
        return
    if not _foreign(request) and (
        media_type(request) not in SIMPLE or _has_token(request)
    ):
        return
    raise Forbidden(
        translate(
            _(
                "error_cross_site_api",
                default="Yêu cầu bị từ chối: thao tác qua API bằng phiên đăng "
                "nhập của trình duyệt phải gửi dữ liệu JSON từ chính trang này "
                "(chống giả mạo yêu cầu – CSRF).",
            ),
            context=request,
        )
    )


def _refuse_other_media(request) -> None:
    """415 for a JSON service's body that is not JSON."""
    if request.get("REQUEST_METHOD", "GET") not in WITH_BODY:
        return
    if not isinstance(request.get("PUBLISHED"), Service):
        return
    mime = media_type(request)
    if _is_json(mime) or not _has_body(request):
        return
    raise UnsupportedMediaType(
        translate(
            _(
                "error_json_only",
                default="Dữ liệu gửi lên phải ở dạng JSON (Content-Type: "
                "application/json); không nhận kiểu ${type}.",
                mapping={"type": mime or "-"},
            ),
            context=request,
        )
    )


def refuse_cross_site_api(event) -> None:
    """IPubAfterTraversal: refuse a forged API write and non-JSON bodies."""
    request = event.request
    if not IAPIRequest.providedBy(request) or not IBrowserLayer.providedBy(request):
        return
    if request.get("REQUEST_METHOD", "GET") not in UNSAFE:
        return
    if IUploadService.providedBy(request.get("PUBLISHED")):
        return  # the imports check their media types and the token themselves
    _refuse_forgery(request)
    _refuse_other_media(request)
