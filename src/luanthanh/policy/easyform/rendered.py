"""The empty online form, rendered once per form version and reused.

Every citizen who opens a dossier form gets the same markup: the same
fields, labels, help and options, with nothing filled in.  Only the signed
stamp differs (:mod:`.guard`: a new token per rendering).  Rendering the
widgets (z3c.form, Plone's widget wrapper for each field) was about 40 % of
the CPU of the form's GET (``make bench-profile``).

:func:`render` keeps the markup of the empty form, with the stamp taken out,
in this process's memory, and puts a fresh stamp in for each visitor.  The
widgets are still made (``update`` runs as before, so the stamp is new, the
extenders, the guard and the permissions are checked); only their markup is
reused.  A rendering is reused only when nothing else in it can differ:

* an anonymous visitor's first GET, without any query string or form data
  (nothing pre-filled), no error, no status, not the thank-you page;
* the same form object in the same version (its ZODB serial changes with any
  edit of the form, its fields or its actions), the same URL and form
  action, the same language and the same widgets (the honeypot setting
  adds or removes one);
* the CSRF token (plone.protect's, for the anonymous visitor) is drawn anew
  for each visitor, like the stamp;
* no field with a dynamic default (easyform's ``TDefault`` expressions);
* for at most :data:`MAX_AGE` seconds (a vocabulary that changes outside the
  form shows up by then).

The stamp must appear exactly once in the markup, or the rendering is not
kept.  Nothing of a citizen's data is ever in a kept rendering: only empty
forms of anonymous GETs are kept.
"""

from Acquisition import aq_base
from luanthanh.policy.easyform.guard import GUARD
from plone import api
from plone.protect.authenticator import createToken
from plone.uuid.interfaces import IUUID

import re
import threading
import time


#: Seconds a kept rendering is reused.
MAX_AGE = 60
#: Renderings kept per process (forms × URLs × languages); beyond, start over.
MAX_ENTRIES = 200
PLACEHOLDER = "\x00luanthanh-stamp\x00"
#: The CSRF token (plone.protect), drawn for each rendering: kept out too.
AUTHENTICATOR = "_authenticator"
AUTHENTICATOR_RE = re.compile(
    r'(<input type="hidden" name="_authenticator" value=")[0-9a-f]+("\s*/?>)'
)
TOKEN_PLACEHOLDER = "\x00luanthanh-csrf\x00"

_kept: dict = {}
_lock = threading.Lock()


def _widget_names(form) -> tuple:
    names = list(form.widgets.keys())
    for group in getattr(form, "groups", ()):
        names.append(f"|{group.__name__}")
        names.extend(group.widgets.keys())
    return tuple(names)


def cache_key(form) -> tuple | None:
    """What the empty form's markup depends on; None: not to be reused."""
    request = form.request
    if request.get("REQUEST_METHOD", "GET") != "GET":
        return None
    if request.form or request.get("QUERY_STRING"):
        return None
    if form.thanksPage or form.status or form.widgets.errors:
        return None
    context = form.context
    serial = getattr(aq_base(context), "_p_serial", None)
    if not serial or getattr(context, "_p_changed", False):
        return None
    if "TDefault" in (getattr(aq_base(context), "fields_model", "") or ""):
        return None
    if not api.user.is_anonymous():
        return None
    guard = form.widgets.get(GUARD)
    if guard is None or not guard.value:
        return None
    action = form.action() if callable(form.action) else form.action
    return (
        IUUID(context, ""),
        serial,
        request.getURL(),
        action,
        request.get("LANGUAGE", ""),
        request.getHeader("Accept-Language", ""),
        _widget_names(form),
    )


def render(form, render_fresh) -> str:
    """The form's markup: kept, with a fresh stamp, or ``render_fresh()``."""
    key = cache_key(form)
    if key is None:
        return render_fresh()
    stamp = form.widgets[GUARD].value
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is not None and now - kept[0] < MAX_AGE:
        html = kept[1].replace(PLACEHOLDER, stamp)
        if TOKEN_PLACEHOLDER in html:
            html = html.replace(TOKEN_PLACEHOLDER, createToken())
        return html
    html = render_fresh()
    template = _template(html, stamp)
    if template is not None:
        with _lock:
            if len(_kept) >= MAX_ENTRIES:
                _kept.clear()
            _kept[key] = (now, template)
    return html


def _template(html: str, stamp: str) -> str | None:
    """The markup with placeholders for the stamp and the CSRF token; None
    when either is not where expected."""
    if html.count(stamp) != 1 or PLACEHOLDER in html or TOKEN_PLACEHOLDER in html:
        return None
    html = html.replace(stamp, PLACEHOLDER)
    html, tokens = AUTHENTICATOR_RE.subn(rf"\g<1>{TOKEN_PLACEHOLDER}\g<2>", html)
    if html.count(AUTHENTICATOR) != tokens or tokens > 1:
        return None
    return html


def forget() -> None:
    """Drop every kept rendering (tests)."""
    with _lock:
        _kept.clear()
