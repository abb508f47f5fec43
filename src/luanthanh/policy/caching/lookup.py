"""Which plone.app.caching ruleset a published page gets.

Plone's own lookup decides (an explicit ``cache:ruleset``, the template
mapping, then the default view of a content item: ``plone.content.itemView``
or ``plone.content.folderView``), with one exception checked first: an answer
that no cache may keep (:func:`~luanthanh.policy.security.headers.private_request`:
an online form, its thank-you page, the lookup, anything under the tracking
book ``ho-so`` or inside a dossier) gets :data:`PRIVATE`, whose operation
answers ``Cache-Control: no-store, private`` (``operations.py``).  So no
ruleset that gives a public header, an ETag or a 304 ever applies to them,
whatever an administrator maps in *Site Setup → Caching*.
"""

from luanthanh.policy.security.headers import private_request
from plone.app.caching.lookup import ContentItemLookup
from plone.caching.interfaces import IRulesetLookup
from z3c.caching.registry import lookup
from zope.interface import implementer


#: The ruleset of the answers no cache may keep.
PRIVATE = "luanthanh.policy.private"


@implementer(IRulesetLookup)
class ViewLookup:
    """Views and page templates, on our browser layer."""

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self):
        if private_request(self.request):
            return PRIVATE
        return ContentItemLookup(self.published, self.request)()


@implementer(IRulesetLookup)
class ObjectLookup(ViewLookup):
    """Anything else published (files, resources, REST services)."""

    def __call__(self):
        if private_request(self.request):
            return PRIVATE
        return lookup(self.published)
