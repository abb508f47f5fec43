"""The dossier catalog: a ZCatalog tool of its own for dossiers and attachments.

``portal_catalog`` answers Plone's search page, ``@search``, listings,
sitemaps, RSS and any TALES or RestrictedPython code of an Editor.  Dossiers
hold citizens' names, phone numbers and identity numbers; they therefore live
in ``portal_dossier_catalog``, where only officials (and Managers) have
"Search ZCatalog", and never in ``portal_catalog``.

How objects get there (and only there)
--------------------------------------
CMF indexes through a queue (:mod:`Products.CMFCore.indexing`): every
``indexObject`` / ``reindexObject`` / ``unindexObject`` of any catalog-aware
object, whoever calls it (events on add, move, rename, delete; workflow
transitions; ``reindexObjectSecurity``; ``clearFindAndRebuild`` of
``portal_catalog``), ends in the ``IPortalCatalogQueueProcessor`` utility,
whose stock ``PortalCatalogProcessor`` sends everything to the
``ICatalogTool`` utility, ``portal_catalog`` (``getToolByName`` asks the
utility first, so acquisition cannot redirect it).

We considered:

* overriding ``_getCatalogTool`` on the content classes: it works for our
  ``Dossier`` class but not for the attachments, plain ``File`` items whose
  class is Plone's, and the queue still ends in ``portal_catalog``;
* patching ``portal_catalog``'s ``catalog_object``: a global monkeypatch;
* making ``ho-so`` a local site with its own ``ICatalogTool``: the utility
  depends on where the *request* traversed, not on the object indexed.

We chose the one place every path goes through, scoped to the site: the
site's local component registry gets a :class:`DossierCatalogProcessor` as
its ``IPortalCatalogQueueProcessor`` named "portal-catalog" (it shadows CMF's
global one of that name for this site only; other sites in the same Zope are
untouched, and the uninstall profile removes it).  It sends every object that
lies *inside* a dossier folder (dossiers, their File attachments, anything
below) to the dossier catalog and everything else to ``portal_catalog``,
exactly as the stock processor would.
An unindex after a move or delete still sees the object in its old place
(CMF queues it before the move), so it is removed from the catalog it was in.

``reindexObjectSecurity`` looks up the catalog to walk with the object's
``_getCatalogTool``: :class:`~luanthanh.policy.content.dossier.Dossier`
answers the dossier catalog, and the dossier folder walks both catalogs, so a
workflow change or a sharing change on a dossier or on ``ho-so`` reindexes
the dossiers and their attachments here.

Limit: the queue asks the *current* site for its processor.  Code that
indexes dossiers with no site set (``setSite``) gets Plone's stock processor;
every path of this add-on (requests, setup handlers, upgrade steps, the
builders of the tests) runs with the site set, and
:func:`~luanthanh.policy.dossiers.catalog.misplaced` is tested to be empty.

The indexes and metadata are defined here, once (:data:`INDEXES`,
:data:`COLUMNS`); :func:`install` creates or completes the tool.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from AccessControl.Permissions import search_zcatalog
from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_get
from Acquisition import aq_inner
from Acquisition import aq_parent
from luanthanh.policy.catalog_internals import keep_lone_rows
from luanthanh.policy.catalog_internals import make_mergeable
from luanthanh.policy.content.dossier import IDossierFolder
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.shared_values import active
from luanthanh.policy.dossiers.shared_values import remember
from luanthanh.policy.interfaces import IDossierCatalogTool
from Products.CMFCore.indexing import PortalCatalogProcessor
from Products.CMFCore.interfaces import IPortalCatalogQueueProcessor
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.CatalogTool import CatalogTool
from Products.ZCTextIndex.ZCTextIndex import PLexicon
from types import SimpleNamespace
from zope.interface import implementer

import copy
import secrets


TOOL_ID = "portal_dossier_catalog"
LEXICON = "dossier_lexicon"
SECRET_ATTRIBUTE = "_applicant_key_secret"
#: The name CMF registers its ``PortalCatalogProcessor`` under; ours, in the
#: site's registry under the same name, shadows it there.
PROCESSOR_NAME = "portal-catalog"
#: Who may search the dossier catalog from restricted code (and the web).
SEARCH_ROLES = (
    "Manager",
    "DossierReceiver",
    "DossierProcessor",
    "DossierApprover",
    "DossierAssignee",
)

#: name → (meta_type, extra): every index the dossier queries use.
INDEXES = {
    # Plone's own, for security, paths and the usual brain attributes.
    "allowedRolesAndUsers": ("KeywordIndex", None),
    "path": ("ExtendedPathIndex", None),
    "portal_type": ("FieldIndex", None),
    "review_state": ("FieldIndex", None),
    "UID": ("UUIDIndex", None),
    "created": ("DateIndex", None),
    "modified": ("DateIndex", None),
    "SearchableText": (
        "ZCTextIndex",
        {"lexicon_id": LEXICON, "index_type": "Okapi BM25 Rank"},
    ),
    # Ours: the dashboard, the statistics, the book, lookup, imports, forms.
    "dossier_code": ("FieldIndex", None),
    "procedure_code": ("FieldIndex", None),
    "procedure_field": ("FieldIndex", None),
    "channel": ("FieldIndex", None),
    "priority": ("BooleanIndex", None),
    "received_at": ("DateIndex", None),
    "due_date": ("DateIndex", None),
    "resolved_at": ("DateIndex", None),
    "closed_at": ("DateIndex", None),
    "returned_at": ("DateIndex", None),
    #: The local days of those moments, for the statistics (dossiers.day_keys).
    "statistics_days": ("KeywordIndex", None),
    "timeliness": ("FieldIndex", None),
    "assigned_to": ("FieldIndex", None),
    "submission_token": ("FieldIndex", None),
    "rating": ("FieldIndex", None),
    #: Fees (issue #18): the status, the method, and the đồng collected
    #: (paid) and waived (exempted or reduced), for the statistics.
    "fee_status": ("FieldIndex", None),
    "payment_method": ("FieldIndex", None),
    "fee_collected": ("FieldIndex", None),
    "fee_waived": ("FieldIndex", None),
    #: Keyed hashes (HMAC-SHA256) of the applicant's phone and CCCD.
    "applicant_keys": ("KeywordIndex", None),
}

#: Plone's indexes this catalog had until profile 1021 and no dossier query
#: uses (the ids and titles are metadata; dossiers have no publication
#: dates): each cost a set written per new dossier (issue #15).
#: ``CatalogTool.searchResults`` still adds ``effectiveRange`` to the queries
#: of users without "Access inactive portal content"; ZCatalog ignores a
#: query name no index answers.
DROPPED_INDEXES = ("getId", "id", "sortable_title", "effectiveRange")

#: The indexes that keep the stock sets from a value's first record (every
#: concurrent submission writes them at the same minute); the others keep a
#: lone record as an int (:class:`~luanthanh.policy.catalog_internals.LoneRows`).
SETS_FROM_THE_FIRST = ("created", "modified")

#: The metadata the listings read without waking the objects.
COLUMNS = (
    "id",
    "getId",
    "Title",
    "Description",
    "portal_type",
    "UID",
    "review_state",
    "created",
    "modified",
    "getIcon",
    "getObjSize",
    "mime_type",
    "dossier_code",
    "procedure_code",
    "procedure_field",
    "procedure_title",
    "channel",
    "priority",
    "received_at",
    "due_date",
    "resolved_at",
    "closed_at",
    "returned_at",
    "timeliness",
    "assigned_to",
    "applicant_name",
    "rating",
)


@implementer(IDossierCatalogTool)
class DossierCatalogTool(CatalogTool):
    """``portal_dossier_catalog``: Plone's catalog tool (indexer wrappers,
    ``allowedRolesAndUsers`` filtering), for dossiers only."""

    id = TOOL_ID
    meta_type = "Luan Thanh Dossier Catalog"
    title = "Danh mục hồ sơ"

    def __call__(self, REQUEST=None, **kw):
        """``catalog(...)`` is ``searchResults`` behind "Search ZCatalog".

        RestrictedPython checks attribute access, not calls: ZCatalog's
        ``__call__`` would let restricted code search without the permission
        (``portal.portal_dossier_catalog(portal_type="Dossier")``).
        """
        if not getSecurityManager().checkPermission(search_zcatalog, self):
            raise Unauthorized("portal_dossier_catalog")
        return self.searchResults(REQUEST, **kw)

    def clearFindAndRebuild(self):
        """Empty the catalog, then index what lies inside the dossier folders."""
        self.manage_catalogClear()
        portal = self.aq_inner.aq_parent
        for folder in dossier_folders(portal):
            for _path, obj in folder.ZopeFindAndApply(folder, search_sub=True):
                if getattr(aq_base(obj), "indexObject", None) is not None:
                    self._reindexObject(obj, idxs=[])
        # Everything is indexed: no dossier waits any more (those whose
        # follow-up never ran get their IntIds and relations too).
        waiting = pending.queue(self)
        while waiting is not None and len(waiting):
            path, _queued_at = waiting.pull()
            obj = portal.unrestrictedTraverse(path, None)
            if obj is not None:
                pending.register_ids(obj)


def dossier_folders(portal) -> list:
    """The dossier folders of the site (normally only ``ho-so``)."""
    catalog = getToolByName(portal, "portal_catalog")
    return [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(portal_type="DossierFolder")
    ]


def inside_dossier_folder(obj) -> bool:
    """Whether ``obj`` lies (strictly) inside a dossier folder."""
    chain = getattr(obj, "aq_chain", None) or aq_chain(obj)
    return any(IDossierFolder.providedBy(parent) for parent in chain[1:])


def dossier_catalog_for(obj):
    """The dossier catalog ``obj`` belongs to, or None."""
    if not inside_dossier_folder(obj):
        return None
    tool = aq_get(obj, TOOL_ID, None, 1)
    return tool if IDossierCatalogTool.providedBy(tool) else None


@implementer(IPortalCatalogQueueProcessor)
class DossierCatalogProcessor(PortalCatalogProcessor):
    """Plone's queue processor, except that what lies inside a dossier folder
    goes to the dossier catalog."""

    def _catalog(self, obj):
        parent = aq_parent(aq_inner(obj)) if active() else None
        if parent is not None:
            # A batch of the import: which catalog depends on the place
            # only (its chain walked and the tool acquired once per folder).
            key = ("dossier catalog", parent.getPhysicalPath())
            tool = remember(key, lambda: dossier_catalog_for(obj))
        else:
            tool = dossier_catalog_for(obj)
        if tool is not None:
            return tool
        return getToolByName(obj, "portal_catalog", None)

    def _deferred(self, catalog, obj) -> bool:
        # A new online dossier (and its files): indexed after the
        # submission commits (dossiers.pending, dossiers.followup).
        return IDossierCatalogTool.providedBy(catalog) and pending.intercept(
            obj, catalog
        )

    def index(self, obj, attributes=None):
        catalog = self._catalog(obj)
        if catalog is not None and not self._deferred(catalog, obj):
            catalog._indexObject(obj)

    def reindex(self, obj, attributes=None, update_metadata=1):
        catalog = self._catalog(obj)
        if catalog is not None and not self._deferred(catalog, obj):
            catalog._reindexObject(
                obj, idxs=attributes, update_metadata=update_metadata
            )

    def unindex(self, obj):
        catalog = self._catalog(obj)
        if catalog is not None:
            catalog._unindexObject(obj)


# Installation ------------------------------------------------------------------


def _lexicon(portal_catalog) -> PLexicon:
    """A lexicon with the pipeline of portal_catalog's ``plone_lexicon``
    (the profile gives it the Vietnamese accent folding first)."""
    pipeline = [copy.deepcopy(e) for e in portal_catalog["plone_lexicon"]._pipeline]
    return PLexicon(LEXICON, "", *pipeline)


def _add_index(tool, name: str, meta_type: str, extra) -> None:
    if meta_type == "ZCTextIndex":
        extra = SimpleNamespace(doc_attr=name, **extra)
    elif extra is not None:
        extra = SimpleNamespace(**extra)
    tool.addIndex(name, meta_type, extra)
    if meta_type == "DateIndex":
        tool._catalog.getIndex(name).index_naive_time_as_local = True


def drop_unused_indexes(tool) -> list[str]:
    """Remove :data:`DROPPED_INDEXES` from the tool; returns those removed."""
    dropped = [name for name in DROPPED_INDEXES if name in tool.indexes()]
    for name in dropped:
        tool.delIndex(name)
    return dropped


def use_lone_rows(tool) -> list[str]:
    """Give the Field, Date and KeywordIndexes of the tool, except
    :data:`SETS_FROM_THE_FIRST`, their lone-row classes; returns those changed."""
    return [
        name
        for name in tool.indexes()
        if name not in SETS_FROM_THE_FIRST and keep_lone_rows(tool, name)
    ]


def install(portal) -> tuple[DossierCatalogTool, list[str]]:
    """Create or complete ``portal_dossier_catalog``; returns it and the
    indexes just added (empty: to be filled by a reindex)."""
    tool = getattr(aq_base(portal), TOOL_ID, None)
    if tool is None:
        portal._setObject(TOOL_ID, DossierCatalogTool())
    tool = portal[TOOL_ID]
    if LEXICON not in tool.objectIds():
        tool._setObject(LEXICON, _lexicon(portal.portal_catalog))
    drop_unused_indexes(tool)
    added = []
    for name, (meta_type, extra) in INDEXES.items():
        if name not in tool.indexes():
            _add_index(tool, name, meta_type, extra)
            added.append(name)
    for column in COLUMNS:
        if column not in tool.schema():
            tool.addColumn(column)
    make_mergeable(tool._catalog.getIndex("SearchableText"))
    use_lone_rows(tool)
    pending.install(tool)
    if not getattr(aq_base(tool), SECRET_ATTRIBUTE, None):
        setattr(tool, SECRET_ATTRIBUTE, secrets.token_bytes(32))
    tool.manage_permission(search_zcatalog, roles=list(SEARCH_ROLES), acquire=False)
    sm = portal.getSiteManager()
    if sm.queryUtility(IDossierCatalogTool) is None:
        # Unwrapped: five.localsitemanager wraps it in the site on lookup
        # (a path wrapper would not unregister cleanly on uninstall).
        sm.registerUtility(aq_base(tool), IDossierCatalogTool)
    sm.registerUtility(
        DossierCatalogProcessor(), IPortalCatalogQueueProcessor, name=PROCESSOR_NAME
    )
    return tool, added


def uninstall(portal) -> None:
    """Give the site back Plone's queue processor (the tool and its data stay)."""
    sm = portal.getSiteManager()
    processor = sm.queryUtility(IPortalCatalogQueueProcessor, name=PROCESSOR_NAME)
    if isinstance(processor, DossierCatalogProcessor):
        sm.unregisterUtility(provided=IPortalCatalogQueueProcessor, name=PROCESSOR_NAME)
    tool = sm.queryUtility(IDossierCatalogTool)
    if tool is not None:
        sm.unregisterUtility(aq_base(tool), provided=IDossierCatalogTool)
