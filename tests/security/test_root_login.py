"""The Zope root's own login is throttled, per real client (issue #14,
findings 4 and 8).

On today's main the root's user folder (basic auth at ``/manage_main``) takes
any number of wrong passwords, and every client behind haproxy counts as
127.0.0.1.  Now: five failures lock the pair (login, real client address)
for the window, the right password included (429); another client is not
locked; ``X-Forwarded-For`` names the client only when the peer is a trusted
proxy.
"""

from luanthanh.policy.security import login
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from ZPublisher import HTTPRequest as request_module

import pytest
import requests


WRONG = "sai-mat-khau"


@pytest.fixture
def root(functional_portal):
    """The URL of the Zope root of the functional layer's server."""
    return functional_portal.absolute_url().rsplit("/", 1)[0]


def manage(root: str, password: str, client: str | None = None) -> int:
    headers = {"X-Forwarded-For": client} if client else {}
    return requests.get(
        f"{root}/manage_main",
        auth=(SITE_OWNER_NAME, password),
        headers=headers,
        allow_redirects=False,
        timeout=60,
    ).status_code


def test_root_login_locks_after_five_failures(root):
    # Positive control: the administrator's password opens the root.
    assert manage(root, SITE_OWNER_PASSWORD) == 200
    for _ in range(5):
        assert manage(root, WRONG) == 401
    assert manage(root, SITE_OWNER_PASSWORD) == 429
    # After the window, the right password works again.
    login.failures.reset()
    assert manage(root, SITE_OWNER_PASSWORD) == 200


def test_a_success_clears_the_count(root):
    for _ in range(4):
        assert manage(root, WRONG) == 401
    assert manage(root, SITE_OWNER_PASSWORD) == 200
    for _ in range(4):
        assert manage(root, WRONG) == 401
    assert manage(root, SITE_OWNER_PASSWORD) == 200


def test_counted_per_client_behind_the_trusted_proxy(root, monkeypatch):
    """The test server's peer (127.0.0.1) is the trusted proxy: the client
    it names is locked, another client it names is not."""
    monkeypatch.setattr(request_module, "trusted_proxies", ("127.0.0.1",))
    for _ in range(5):
        assert manage(root, WRONG, client="203.0.113.5") == 401
    assert manage(root, SITE_OWNER_PASSWORD, client="203.0.113.5") == 429
    assert manage(root, SITE_OWNER_PASSWORD, client="198.51.100.7") == 200


def test_a_spoofed_forwarded_for_is_ignored(root, monkeypatch):
    """Without a trusted proxy, X-Forwarded-For is the client's own claim:
    changing it does not escape the lock of its real address."""
    monkeypatch.setattr(request_module, "trusted_proxies", ())
    for n in range(5):
        assert manage(root, WRONG, client=f"203.0.113.{n}") == 401
    assert manage(root, SITE_OWNER_PASSWORD, client="198.51.100.7") == 429


def test_a_site_login_is_counted_once(functional_portal):
    """Basic auth inside the site: the site's plugin counts it, the root's
    hook does not count it a second time (four failures leave one try)."""
    site = functional_portal.absolute_url()
    for _ in range(4):
        assert manage(site, WRONG) in (302, 401)  # Plone: to the login form
    assert manage(site, SITE_OWNER_PASSWORD) == 200
