"""What the dossier catalog indexes: each attribute of a dossier computed once.

``portal_dossier_catalog`` has 26 indexes and 27 metadata columns.  Plone's
:class:`plone.indexer.wrapper.IndexableObjectWrapper` looks every name up
again (an ``IIndexer`` multi-adapter lookup, then the object) for each index
and again for each column: about 20 names (``review_state``,
``dossier_code``, the dates, ``procedure_code``...) are computed twice per
dossier, and the procedure behind the relation is resolved each time.

:class:`DossierIndexable` is the same wrapper, registered for (dossier,
dossier catalog) only, that remembers each answer (and each
``AttributeError``) for the one ``catalog_object`` call it lives in: nothing
outlives the indexing of that dossier, so the values are always the
dossier's current ones.  It also computes once what the dossier provides
(Dexterity's ``providedBy`` walks the schema cache on every adapter lookup).
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.dossiers.shared_values import active
from luanthanh.policy.dossiers.shared_values import remember
from luanthanh.policy.interfaces import IDossierCatalogTool
from plone.indexer.delegate import DelegatingIndexerFactory
from plone.indexer.interfaces import IIndexer
from plone.indexer.wrapper import IndexableObjectWrapper
from Products.CMFCore.utils import getToolByName
from Products.CMFCore.WorkflowTool import WorkflowTool
from zope.component import adapter
from zope.component import getSiteManager
from zope.interface import providedBy


_RAISED = object()
_NO_KEY = object()


def _security_key(obj):
    """What ``allowedRolesAndUsers`` depends on that differs between dossiers.

    Plone's indexer reads the roles of "Access contents information" on the
    dossier (acquired from the parents when the setting is a list) and every
    local role from the dossier up: the dossier's own setting, own local
    roles, own block flag, and its place (the parents do not change inside a
    batch).
    """
    base = aq_base(obj)
    local = getattr(base, "__ac_local_roles__", None) or {}
    if not isinstance(local, dict):
        return _NO_KEY
    permission = getattr(base, "_Access_contents_information_Permission", None)
    if permission is not None:
        permission = (type(permission).__name__, tuple(permission))
    parent = aq_parent(aq_inner(obj))
    return (
        parent.getPhysicalPath() if parent is not None else None,
        permission,
        tuple(sorted((user, tuple(roles)) for user, roles in local.items())),
        bool(getattr(base, "__ac_local_roles_block__", False)),
    )


def _type_key(obj):
    """``mime_type`` (Dexterity's primary fields) depends on the type only."""
    return (getattr(aq_base(obj), "portal_type", None),)


def _size_key(obj):
    """``getObjSize``: Dexterity adds the ``getSize()`` of the field values
    that have one (files).  The dossier's schemata (``IDossier``,
    ``plone.ownership``, ``plone.locking``) keep their values as attributes:
    the sizes of the attributes whose class has ``getSize`` (read on the
    class: nothing is loaded) and the type determine it."""
    base = aq_base(obj)
    sizes = tuple(
        sorted(
            (name, value.getSize())
            for name, value in vars(base).items()
            if hasattr(type(value), "getSize")
        )
    )
    return (getattr(base, "portal_type", None), sizes)


def _workflows(obj, catalog):
    """The workflow tool and the workflows of ``obj`` (its type's chain, at its
    place), when the tool is CMF's own (else None: nothing shared)."""
    tool = getToolByName(catalog, "portal_workflow", None)
    plain = WorkflowTool.getCatalogVariablesFor
    if (
        tool is None
        or getattr(type(aq_base(tool)), "getCatalogVariablesFor", None) is not plain
    ):
        return None
    return tool.getWorkflowsFor(obj)


def _catalog_variables(obj, catalog):
    """``portal_workflow.getCatalogVariablesFor(obj)``, as Plone's wrapper asks
    it, with the workflows of the dossier's type and place found once per
    batch (CMF's chain lookup and the tool's acquisition, each dossier)."""
    parent = aq_parent(aq_inner(obj))
    key = (
        "workflows",
        getattr(aq_base(obj), "portal_type", None),
        parent.getPhysicalPath() if parent is not None else None,
    )
    workflows = remember(key, lambda: _workflows(obj, catalog))
    if workflows is None:
        tool = getToolByName(catalog, "portal_workflow", None)
        return {} if tool is None else tool.getCatalogVariablesFor(obj)
    # WorkflowTool.getCatalogVariablesFor: the earlier workflows win.
    variables = {}
    for workflow in reversed(workflows):
        found = workflow.getCatalogVariablesFor(obj)
        if found is not None:
            variables.update(found)
    return variables


#: name → the key of its value, for the names shared inside a batch.
SHARED = {
    "allowedRolesAndUsers": _security_key,
    "getObjSize": _size_key,
    "mime_type": _type_key,
}


@adapter(IDossier, IDossierCatalogTool)
class DossierIndexable(IndexableObjectWrapper):
    """Plone's indexable wrapper, with each name looked up once.

    The lookup is Plone's (an ``IIndexer`` named like the attribute, then a
    workflow variable, then the dossier's own attribute, never an acquired
    one), except that the interfaces the dossier and the catalog provide are
    computed once: Dexterity computes ``providedBy`` anew for each adapter
    lookup.
    """

    def __init__(self, object, catalog):
        if active():
            # IndexableObjectWrapper.__init__, the workflows shared.
            self._IndexableObjectWrapper__object = object
            self._IndexableObjectWrapper__catalog = catalog
            self._IndexableObjectWrapper__vars = _catalog_variables(object, catalog)
        else:
            super().__init__(object, catalog)
        self._DossierIndexable__values = {}
        self._DossierIndexable__specs = (providedBy(object), providedBy(catalog))

    def __getattr__(self, name):
        if name.startswith("_"):
            return super().__getattr__(name)
        values = self._DossierIndexable__values
        value = values.get(name, values)
        if value is values:
            try:
                value = self._DossierIndexable__compute(name)
            except AttributeError:
                value = _RAISED
            values[name] = value
        if value is _RAISED:
            raise AttributeError(name)
        return value

    def _DossierIndexable__compute(self, name):
        key_of = SHARED.get(name)
        if key_of is not None and active():
            key = key_of(self._getWrappedObject())
            if key is not _NO_KEY:
                value = remember(
                    (name, key), lambda: self._DossierIndexable__lookup(name)
                )
                return list(value) if isinstance(value, list) else value
        return self._DossierIndexable__lookup(name)

    def _DossierIndexable__lookup(self, name):
        obj = self._getWrappedObject()
        catalog = self._IndexableObjectWrapper__catalog
        specs = self._DossierIndexable__specs
        if active():
            # Inside a batch, each name's indexer is looked up once (the
            # dossiers of a batch provide the same interfaces).
            factory = remember(("indexer", name, specs), lambda: _indexer(specs, name))
        else:
            factory = _indexer(specs, name)
        if factory is not None:
            if type(factory) is DelegatingIndexerFactory:
                # What factory(obj, catalog)() does: DelegatingIndexer calls
                # the function with the object.
                return factory.callable(obj)
            indexer = factory(obj, catalog)
            if indexer is not None:
                return indexer()
        variables = self._IndexableObjectWrapper__vars
        if variables and name in variables:
            return variables[name]
        # Plone's rule: the dossier's own attribute, not an acquired one
        # (a Python script found by acquisition is the TTW exception).
        try:
            getattr(aq_base(obj), name)
        except AttributeError:
            if not _acquires_script(obj, name):
                raise
        return getattr(obj, name)


def _indexer(specs, name: str):
    """The ``IIndexer`` factory named ``name`` for these interfaces, or None."""
    return getSiteManager().adapters.lookup(specs, IIndexer, name)


def _acquires_script(obj, name: str) -> bool:
    """Whether ``obj`` acquires a Python script ``name``: a question for its
    parents, asked once per folder inside a batch (acquisition up to the
    site root, whose ``__getattr__`` is slow, for every name a dossier lacks)."""
    parent = aq_parent(aq_inner(obj))
    key = ("acquires script", name, parent.getPhysicalPath() if parent else None)
    return remember(
        key,
        lambda: (
            getattr(getattr(obj, name, None), "meta_type", None) == "Script (Python)"
        ),
    )
