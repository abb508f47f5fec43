"""Brute-force protection of the login: a small PAS authentication plugin.

``LoginThrottle`` sits first among the site's authentication plugins.  It never
authenticates anyone itself: for credentials carrying a password (the
``@@login`` form, HTTP basic auth, ``++api++/@login``) it checks them against
the other authenticators of the site and the Zope root's user folder, counts a
failure per login and client address, and after ``max_failures`` failures
within ``window_minutes`` (registry ``luanthanh.policy.login.*``) refuses every
attempt for that pair, the right password included, with HTTP 429 until the
window has passed.  A success clears the count.

The counts never live in the ZODB (a failed login must not write to the
database nor conflict): ``luanthanh.policy.throttle.Limiter`` keeps them in
the RelStorage's PostgreSQL, shared by every instance, and in memory per
process without RelStorage.  The address is the real client's
(``getClientAddr``: ``X-Forwarded-For`` only from zope.conf's trusted proxy).
The Zope root's own login (basic auth at ``/manage``) is counted the same way
by :mod:`.root_login`.

Why not Products.LoginLockout: its last release (0.5.0) declares Plone ≤ 6.0
and Python ≤ 3.10, needs the obsolete ``ipaddress`` backport and
collective.monkeypatcher, patches PAS and PlonePAS, and writes every attempt
into an OOBTree in the ZODB (a write, and a possible conflict, per failed login).
"""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from html import escape
from luanthanh.policy.i18n import _
from luanthanh.policy.i18n import translated
from luanthanh.policy.throttle import client_ip
from luanthanh.policy.throttle import Limiter
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from Products.PluggableAuthService.utils import classImplements
from zExceptions import HTTPTooManyRequests
from zope.globalrequest import getRequest

import hashlib
import logging


logger = logging.getLogger("luanthanh.policy.security")

PLUGIN_ID = "luanthanh_login_throttle"
SEEN_KEY = "luanthanh.policy.login.seen"
SWALLOWABLE = (NameError, AttributeError, KeyError, TypeError, ValueError)

failures = Limiter("login")


class TooManyRequests(HTTPTooManyRequests):
    """429.  Named so: ZPublisher and plone.rest map an exception's class name
    to its status ("toomanyrequests" → 429); ``HTTPTooManyRequests`` would be
    answered with a 500."""


def settings() -> tuple[int, int]:
    """(max failures, window in seconds) from the registry, with defaults."""
    prefix = "luanthanh.policy.login"
    try:
        limit = api.portal.get_registry_record(f"{prefix}.max_failures", default=5)
        minutes = api.portal.get_registry_record(f"{prefix}.window_minutes", default=15)
    except Exception:  # no site (e.g. the Zope root's own login)
        limit, minutes = 5, 15
    return max(int(limit or 5), 1), max(int(minutes or 15), 1) * 60


def locked_message(minutes: int) -> str:
    return translated(
        _(
            "error_login_locked",
            default="Đăng nhập sai quá nhiều lần. Vì an toàn, tài khoản này tạm "
            "thời không đăng nhập được từ địa chỉ mạng này; vui lòng thử lại sau "
            "${minutes} phút.",
            mapping={"minutes": minutes},
        )
    )


def attempt_of(request, login: str, password: str) -> tuple[tuple, tuple]:
    """The key of the counts (login, real client address) and of this attempt."""
    address = client_ip(request) if request is not None else "unknown"
    key = (str(login).strip().lower(), address)
    return key, (key, hashlib.sha256(password.encode("utf-8")).hexdigest())


def first_sight(request, attempt: tuple) -> bool:
    """One request may present the same credentials more than once (the
    publisher's validation, then a login service; the site's user folder,
    then the root's): count it once."""
    environ = getattr(request, "environ", None)
    seen = environ.setdefault(SEEN_KEY, set()) if environ is not None else set()
    if attempt in seen:
        return False
    seen.add(attempt)
    return True


def refuse_if_locked(key: tuple) -> None:
    """:class:`TooManyRequests` (429) when ``key`` has failed too often."""
    limit, window = settings()
    if failures.count(key, window) >= limit:
        logger.warning("Login refused: too many failures from %s", key[1])
        raise TooManyRequests(locked_message(window // 60))


def settle(key: tuple, valid: bool) -> None:
    """A success clears the count, a failure adds to it."""
    limit, window = settings()
    if valid:
        failures.clear(key)
    else:
        count = failures.record(key, window)
        logger.info("Failed login %d/%d from %s", count, limit, key[1])


class LoginThrottle(BasePlugin):
    """Counts failed password logins per login and address; refuses after N."""

    meta_type = "Luan Thanh Login Throttle"
    security = ClassSecurityInfo()

    def __init__(self, id, title=None):
        self._setId(id)
        self.title = title

    def _valid_elsewhere(self, credentials) -> bool:
        pas = aq_parent(aq_inner(self))
        for _id, plugin in pas.plugins.listPlugins(IAuthenticationPlugin):
            if aq_base(plugin) is aq_base(self):
                continue
            try:
                result = plugin.authenticateCredentials(credentials)
            except SWALLOWABLE:
                continue
            if result and result[0]:
                return True
        # The Zope administrator lives in the root user folder.
        root = pas.getPhysicalRoot()
        top = getattr(aq_base(root), "acl_users", None)
        if top is not None and aq_base(top) is not aq_base(pas):
            try:
                user = root.acl_users.authenticate(
                    credentials["login"], credentials["password"], getRequest()
                )
            except SWALLOWABLE:
                user = None
            if user is not None:
                return True
        return False

    @security.private
    def authenticateCredentials(self, credentials):
        login = credentials.get("login")
        password = credentials.get("password")
        if not login or not isinstance(password, str) or not password:
            return None  # session cookie, JWT token...: not a password attempt
        request = getRequest()
        key, attempt = attempt_of(request, login, password)
        if not first_sight(request, attempt):
            return None
        refuse_if_locked(key)
        settle(key, self._valid_elsewhere(credentials))
        return None  # the real authenticators decide


classImplements(LoginThrottle, IAuthenticationPlugin)
InitializeClass(LoginThrottle)


def install(portal) -> None:
    """Add the plugin to the site's PAS, active and first; idempotent."""
    pas = portal.acl_users
    if PLUGIN_ID not in pas.objectIds():
        pas._setObject(PLUGIN_ID, LoginThrottle(PLUGIN_ID, "Chống dò mật khẩu"))
    plugins = pas.plugins
    active = plugins.listPluginIds(IAuthenticationPlugin)
    if PLUGIN_ID not in active:
        plugins.activatePlugin(IAuthenticationPlugin, PLUGIN_ID)
        active = plugins.listPluginIds(IAuthenticationPlugin)
    if active.index(PLUGIN_ID) > 0:
        plugins.movePluginsTop(IAuthenticationPlugin, [PLUGIN_ID])


class LockedView:
    """The page for a locked login in the Classic UI (the API answers JSON)."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self):
        self.request.response.setStatus(429)
        self.request.response.setHeader("Content-Type", "text/html; charset=utf-8")
        self.request.response.setHeader("Retry-After", str(settings()[1]))
        message = escape(str(self.context))
        title = escape(
            translated(_("title_login_locked", default="Tạm khóa đăng nhập"))
        )
        return (
            f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><main><h1>{title}</h1>"
            f'<p class="portalMessage error" role="alert">{message}</p>'
            f"</main></body></html>"
        )


def uninstall(portal) -> None:
    pas = portal.acl_users
    if PLUGIN_ID in pas.objectIds():
        pas.plugins.removePluginById(PLUGIN_ID)
        pas._delObject(PLUGIN_ID)
