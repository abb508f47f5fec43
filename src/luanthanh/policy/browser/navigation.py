"""Plone's navigation portlet, its tree kept per catalog change for visitors.

Since the generated online forms (issue #16) the portlet beside a form of
``nop-ho-so`` lists some sixteen forms: building that tree (two catalog
queries, ``available`` and ``render``) and rendering it was about a tenth
of the CPU of the form's GET (``make bench-pages``, profiled), for the same
markup for every anonymous visitor.

:class:`Renderer` is Plone's, registered for our browser layer, except that
for Anonymous its markup (and whether it shows at all) is kept in this
process's memory, keyed on everything it depends on:

* the context (its physical path) and the URL it is seen through;
* the portlet assignment (its id and ZODB serial: any change of its
  settings);
* ``portal_catalog``'s counter, which changes with every indexing: an item
  added, removed, renamed, published or retitled;
* the language negotiated for the request;
* for at most :data:`MAX_AGE` seconds (an effective or expiry date passing
  changes what the catalog shows without indexing anything).

Logged-in users (whose tree depends on their permissions) get Plone's
renderer as before.
"""

from Acquisition import aq_base
from plone import api
from plone.app.portlets.portlets import navigation

import threading
import time


#: Seconds a kept portlet is reused.
MAX_AGE = 60
#: Portlets kept per process (contexts × assignments); beyond, start over.
MAX_ENTRIES = 500

_kept: dict = {}
_lock = threading.Lock()


def cache_key(renderer) -> tuple | None:
    """What the portlet's markup depends on; None: not to be kept."""
    if not api.user.is_anonymous():
        return None
    data = renderer.data
    serial = getattr(aq_base(data), "_p_serial", None)
    if not serial:
        return None
    request = renderer.request
    context = renderer.context
    return (
        "/".join(context.getPhysicalPath()),
        request.get("SERVER_URL", ""),
        request.get("ACTUAL_URL", "").split("?")[0],
        getattr(data, "__name__", ""),
        serial,
        api.portal.get_tool("portal_catalog").getCounter(),
        request.get("LANGUAGE", ""),
    )


class Renderer(navigation.Renderer):
    """The navigation portlet, its markup kept for Anonymous."""

    def _kept(self):
        key = self.__dict__.get("_key", False)
        if key is False:
            key = self._key = cache_key(self)
        if key is None:
            return None, None
        kept = _kept.get(key)
        if kept is not None and time.monotonic() - kept[0] < MAX_AGE:
            return key, kept
        return key, None

    @property
    def available(self):
        key, kept = self._kept()
        if kept is not None:
            return kept[1]
        shown = super().available
        if key is not None and not shown:
            self._keep(key, False, "")
        return shown

    def render(self):
        key, kept = self._kept()
        if kept is not None and kept[1]:
            return kept[2]
        html = super().render()
        if key is not None:
            self._keep(key, True, html)
        return html

    def _keep(self, key, shown: bool, html: str) -> None:
        with _lock:
            if len(_kept) >= MAX_ENTRIES:
                _kept.clear()
            _kept[key] = (time.monotonic(), shown, html)


def forget() -> None:
    """Drop every kept portlet (tests)."""
    with _lock:
        _kept.clear()
