"""What the dossier catalog indexes: each attribute of a dossier computed once.

``portal_dossier_catalog`` has 30 indexes and 27 metadata columns.  Plone's
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
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.interfaces import IDossierCatalogTool
from plone.indexer.interfaces import IIndexer
from plone.indexer.wrapper import IndexableObjectWrapper
from zope.component import adapter
from zope.component import getSiteManager
from zope.interface import providedBy


_RAISED = object()


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
        obj = self._getWrappedObject()
        catalog = self._IndexableObjectWrapper__catalog
        factory = getSiteManager().adapters.lookup(
            self._DossierIndexable__specs, IIndexer, name
        )
        if factory is not None:
            indexer = factory(obj, catalog)
            if indexer is not None:
                return indexer()
        variables = self._IndexableObjectWrapper__vars
        if variables and name in variables:
            return variables[name]
        value = getattr(obj, name)
        # Plone's rule: the dossier's own attribute, not an acquired one
        # (a Python script found by acquisition is the TTW exception).
        try:
            getattr(aq_base(obj), name)
        except AttributeError:
            if getattr(value, "meta_type", None) == "Script (Python)":
                return value
            raise
        return value
