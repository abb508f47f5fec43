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
dossier's current ones.
"""

from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.interfaces import IDossierCatalogTool
from plone.indexer.wrapper import IndexableObjectWrapper
from zope.component import adapter


_RAISED = object()


@adapter(IDossier, IDossierCatalogTool)
class DossierIndexable(IndexableObjectWrapper):
    """Plone's indexable wrapper, with each name looked up once."""

    def __init__(self, object, catalog):
        super().__init__(object, catalog)
        self._DossierIndexable__values = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            return super().__getattr__(name)
        values = self._DossierIndexable__values
        value = values.get(name, values)
        if value is values:
            try:
                value = super().__getattr__(name)
            except AttributeError:
                value = _RAISED
            values[name] = value
        if value is _RAISED:
            raise AttributeError(name)
        return value
