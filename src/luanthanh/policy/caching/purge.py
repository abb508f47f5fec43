"""The pages that list a changed item are purged with it.

plone.app.caching purges an item's own paths (``plone.content``); the
procedure catalogue, the documents' and notices' listings and the home page
show the item too, so its folder's paths and the home page's go with them.
Other listings (``nop-ho-so``) wait for their short proxy lifetime.  Nothing
is purged unless a caching proxy is set (``plone.cachepurging``), and
dossiers are never purged: they are never cached (``lookup.py``) and not in
``purgedContentTypes``.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.caching.utils import getObjectDefaultView
from plone.dexterity.interfaces import IDexterityContent
from z3c.caching.interfaces import IPurgePaths
from zope.component import adapter
from zope.interface import implementer


def folder_paths(folder) -> list[str]:
    """A folder's page, as a proxy may have cached it."""
    prefix = "/" + folder.virtual_url_path()
    if prefix == "/":  # the site root at the root of a virtual host
        prefix = ""
    paths = [prefix, prefix + "/", prefix + "/view"]
    layout = getObjectDefaultView(folder)
    if layout:
        paths.append(f"{prefix}/{layout}")
    return paths


@implementer(IPurgePaths)
@adapter(IDexterityContent)
class ListingPurgePaths:
    """The item's folder and the home page."""

    def __init__(self, context):
        self.context = context

    def getRelativePaths(self):
        paths = []
        parent = aq_parent(aq_inner(self.context))
        portal = api.portal.get()
        for folder in (parent, portal):
            if folder is None or folder is self.context:
                continue
            paths.extend(p for p in folder_paths(folder) if p not in paths)
        return paths

    def getAbsolutePaths(self):
        return []
