"""Cross-site request forgery through ``++api++``.

plone.rest's ``++api++`` traverser makes any request a REST call, whatever its
``Accept`` header, and plone.restapi's services switch plone.protect off for
their writes (``@workflow`` does, for one).  A page on another site could then
make a logged-in official's browser fire a transition or edit a dossier with a
plain HTML form or a ``text/plain`` ``fetch``: both are "simple" requests that
browsers send cross-site with the session cookie and without a CORS preflight.

So a state-changing API request (POST, PUT, PATCH, DELETE) that is
authenticated by the session cookie only (no ``Authorization`` header) must
either be JSON (``Content-Type: application/json``, which a foreign page
cannot send without a preflight that our CORS policy does not grant) or carry a
valid plone.protect token (``X-CSRF-TOKEN`` header or ``_authenticator``), and
must not come from a foreign ``Origin``.  API clients with a token or basic
auth (``curl -u``) are not concerned: browsers do not add those on their own.
"""

from AccessControl import getSecurityManager
from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import IBrowserLayer
from plone.protect.authenticator import check as check_token
from plone.rest.interfaces import IAPIRequest
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zope.i18n import translate


UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SESSION_COOKIES = ("__ac", "auth_token")


def _same_origin(request, origin: str) -> bool:
    mine = urlsplit(request.get("SERVER_URL", ""))
    theirs = urlsplit(origin)
    return (mine.scheme, mine.netloc) == (theirs.scheme, theirs.netloc)


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


def refuse_cross_site_api(event) -> None:
    """IPubAfterTraversal: refuse a forged, cookie-authenticated API write."""
    request = event.request
    if not IAPIRequest.providedBy(request) or not IBrowserLayer.providedBy(request):
        return
    if request.get("REQUEST_METHOD", "GET") not in UNSAFE:
        return
    # ZPublisher moves the Authorization header out of the environment into
    # ``_auth``: basic auth or a bearer token, not an ambient cookie.
    if getattr(request, "_auth", None) or request.getHeader("Authorization"):
        return
    if not any(request.cookies.get(name) for name in SESSION_COOKIES):
        return
    user = getSecurityManager().getUser()
    if user is None or user.getUserName() == "Anonymous User":
        return
    origin = request.getHeader("Origin")
    content_type = (request.getHeader("Content-Type") or "").split(";")[0]
    content_type = content_type.strip().lower()
    is_json = content_type == "application/json" or content_type.endswith("+json")
    if (not origin or _same_origin(request, origin)) and is_json:
        return
    if _has_token(request) and (not origin or _same_origin(request, origin)):
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
