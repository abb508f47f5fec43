"""Safe response headers.

* Every response of the site says ``X-Content-Type-Options: nosniff``, so a
  browser never runs an upload as something other than its declared type.
* Anything served from inside a dossier (attachments, the result file, the
  dossier's pages) is private: ``Cache-Control: no-store, private`` and
  ``X-Robots-Tag: noindex``; files go out as downloads
  (``Content-Disposition: attachment``), even through ``@@display-file``,
  which plone.namedfile would otherwise serve inline for PDFs and images.
* Every answer to a path under the tracking book is private the same way,
  the "not found" of :mod:`.hidden_book` included: a missing dossier and a
  refused one then differ in no header either.
* Requests marked :class:`~luanthanh.policy.interfaces.IPrivateAnswer` (the
  online forms and their thank-you page, the lookup page and the lookup and
  rating services) are ``Cache-Control: no-store, private`` too: a shared
  cache must not hand one citizen's form stamp or receipt to the next
  (issue #14, finding 12).  This is the one place that sets the header for
  them; the hook runs at the end of the request, after plone.app.caching's
  operations (if a ruleset ever applies to these pages), and wins over them.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.interfaces import IBrowserLayer
from luanthanh.policy.interfaces import IPrivateAnswer
from luanthanh.policy.security.audit import _published_context
from luanthanh.policy.security.hidden_book import inside_book


#: What no cache may keep.
NO_STORE = "no-store, private"
#: plone.caching's headers naming the ruleset and operation (lower case, as
#: Zope's response keeps them).
CACHE_DEBUG_HEADERS = ("x-cache-rule", "x-cache-operation")


def _in_dossier(request) -> bool:
    published = request.get("PUBLISHED")
    if published is None:
        return False
    try:
        chain = aq_chain(aq_inner(_published_context(published)))
    except TypeError:
        return False
    return any(IDossier.providedBy(o) for o in chain)


def private_request(request) -> bool:
    """Whether no cache may keep the answer to ``request``: marked
    :class:`IPrivateAnswer`, under the tracking book, or inside a dossier.
    (plone.app.caching's ruleset lookup asks it too: ``caching/lookup.py``.)"""
    return (
        IPrivateAnswer.providedBy(request)
        or inside_book(request)
        or _in_dossier(request)
    )


def safe_headers(event) -> None:
    """IPubBeforeCommit (and IPubBeforeAbort): add the headers above."""
    request = event.request
    if not IBrowserLayer.providedBy(request):
        return
    response = request.response
    response.setHeader("X-Content-Type-Options", "nosniff")
    if IPrivateAnswer.providedBy(request):
        response.setHeader("Cache-Control", NO_STORE)
    if not (inside_book(request) or _in_dossier(request)):
        return
    response.setHeader("Cache-Control", NO_STORE)
    response.setHeader("X-Robots-Tag", "noindex")
    # plone.caching names the ruleset of what it found (X-Cache-Rule): a
    # refused dossier would then differ from a missing one, which has no
    # published object and so no rule.  Under the book no answer names one.
    for name in CACHE_DEBUG_HEADERS:
        response.headers.pop(name, None)
    disposition = response.getHeader("Content-Disposition") or ""
    if disposition.lower().startswith("inline"):
        response.setHeader(
            "Content-Disposition", "attachment" + disposition[len("inline") :]
        )
