"""The Zope root's own login is throttled too (issue #14, finding 8).

The site's PAS plugin (:mod:`.login`) sees the logins that reach the site's
user folder.  The Zope administrator who logs in at the root (HTTP basic
auth at ``/manage``, ``/manage_main``, ``/Control_Panel``...) is checked by
the root's user folder, a plain Zope user folder without plugins.  Two
publication events count those attempts with the same counts, key (login and
real client address), limit and window as the site's plugin:

* after traversal: credentials that did not make their user the
  authenticated user (a wrong password on a public page) are a failure, and
  a key over the limit is refused with 429, the right password included;
* on an ``Unauthorized`` failure (a wrong password on ``/manage``): a failure.

An attempt the site's plugin already counted in this request is not counted
again.  Only HTTP basic credentials are looked at: the root has no login form.
"""

from AccessControl.SecurityManagement import getSecurityManager
from luanthanh.policy.security import login
from zExceptions import Unauthorized


def _credentials(request) -> tuple[str, str] | None:
    pair = request._authUserPW()  # (name, password) of an Authorization: Basic
    if not pair or not pair[0] or not pair[1]:
        return None
    return pair[0], pair[1]


def _authenticated_as(name: str) -> bool:
    user = getSecurityManager().getUser()
    return user is not None and user.getUserName() == name


def after_traversal(event) -> None:
    """``IPubAfterTraversal``: refuse a locked key, count this attempt."""
    request = event.request
    credentials = _credentials(request)
    if credentials is None:
        return
    key, attempt = login.attempt_of(request, *credentials)
    if not login.first_sight(request, attempt):
        return
    login.refuse_if_locked(key)
    login.settle(key, _authenticated_as(credentials[0]))


def on_failure(event) -> None:
    """``IPubFailure``: a basic login refused during traversal is a failure."""
    if event.retry or not isinstance(event.exc_info[1], Unauthorized):
        return
    request = event.request
    credentials = _credentials(request)
    if credentials is None:
        return
    key, attempt = login.attempt_of(request, *credentials)
    if login.first_sight(request, attempt):
        login.settle(key, _authenticated_as(credentials[0]))
