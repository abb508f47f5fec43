"""HTTP sessions and test browsers per role, and readers of the pages they get.

The functional layer serves the site on a loopback WSGI server: ``requests``
sessions talk to it as a browser or an API client would; ``plone.testing``'s
``Browser`` drives the WSGI app in-process.  All users share ``PASSWORD``.
"""

from luanthanh.policy.testing.builders import PASSWORD
from plone import api
from plone.protect.authenticator import createToken
from plone.testing.zope import Browser

import lxml.html
import re
import requests


def session_for(user: str | None) -> requests.Session:
    """A ``requests`` session logged in as ``user`` (``None``: anonymous)."""
    session = requests.Session()
    if user:
        session.auth = (user, PASSWORD)
    return session


def json_session(user: str | None) -> requests.Session:
    """``session_for(user)`` asking for JSON: plone.restapi's answers."""
    session = session_for(user)
    session.headers["Accept"] = "application/json"
    return session


def token_for(user: str | None) -> str:
    """A valid plone.protect token for ``user`` (the keyring is in the ZODB)."""
    if user is None:
        return createToken()
    with api.env.adopt_user(username=user):
        return createToken()


def browser_for(
    app, user: str | None = None, password: str = PASSWORD, raising: bool = False
) -> Browser:
    """A test browser as ``user`` (``None``: anonymous).

    It shows error pages instead of raising; with ``raising``, the site's
    errors and HTTP errors are raised in the test."""
    browser = Browser(app)
    browser.handleErrors = not raising
    browser.raiseHttpErrors = raising
    if user:
        browser.addHeader("Authorization", f"Basic {user}:{password}")
    return browser


# Page readers -----------------------------------------------------------------


def text_of(html: str) -> str:
    """The visible text, whitespace collapsed."""
    return " ".join(lxml.html.fromstring(html).text_content().split())


def codes_in(html: str) -> list[str]:
    """Dossier codes of the workspace's main table, in order."""
    table = html.split('class="table table-sm align-middle dossier-table"', 1)
    if len(table) < 2:
        return []
    return re.findall(r'class="dossier-code"[^>]*>([^<]+)</a>', table[1])


def count_in(html: str) -> int:
    """The number of dossiers the workspace says it lists."""
    match = re.search(r'dossier-count"[^>]*>.*?<strong>(\d+)</strong>', html, re.S)
    return int(match.group(1))


def page_result(html: str) -> str:
    """The part of the lookup page that answers a try (not the lookup form)."""
    start = html.index('id="lookup-result"')
    return html[start : html.index('class="lookup-form', start)]


def page_token(html: str) -> str:
    """The lookup form's hidden token."""
    return re.search(r'name="token"\s+type="hidden"\s+value="([^"]+)"', html).group(1)


def beside(html: str, name: str) -> str:
    """The markup of the form field ``name``: its label, input and error."""
    start = html.index(f'id="formfield-form-widgets-{name}"')
    end = html.find('id="formfield-form-widgets-', start + 1)
    return html[start : end if end != -1 else len(html)]
