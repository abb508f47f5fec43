"""``++api++`` of a dossier and of the tracking book: their items.

plone.restapi lists a container's ``items`` from ``portal_catalog``.  What
lies in the tracking book (dossiers, and the files in each dossier) is
indexed only in the dossier catalog (issue #14), so the stock serializer
would answer an empty list, even to the officials who handle the dossier.
This one keeps plone.restapi's answer (the object's own fields, batching,
``fullobjects``) and takes the items from :func:`luanthanh.policy.api.dossier.contents`,
which applies the catalog's security like any search.
"""

from luanthanh.policy import api
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.content.dossier import IDossierFolder
from luanthanh.policy.interfaces import IBrowserLayer
from plone.restapi.batching import HypermediaBatch
from plone.restapi.deserializer import boolean_value
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.serializer.dxcontent import SerializeToJson
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer


class SerializeBookContainerToJson(SerializeToJson):
    """A container of the tracking book, its items from the dossier catalog."""

    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(version=version, include_expansion=include_expansion)
        result["is_folderish"] = True
        wanted = boolean_value(self.request.form.get("include_items", include_items))
        if not wanted:
            return result
        brains = api.dossier.contents(self.context)
        batch = HypermediaBatch(self.request, brains)
        result["items_total"] = batch.items_total
        if batch.links:
            result["batching"] = batch.links
        if "fullobjects" in self.request.form:
            serializer = getMultiAdapter((brains, self.request), ISerializeToJson)
            result["items"] = serializer(fullobjects=True)["items"]
        else:
            result["items"] = [
                getMultiAdapter((brain, self.request), ISerializeToJsonSummary)()
                for brain in batch
            ]
        return result


@implementer(ISerializeToJson)
@adapter(IDossier, IBrowserLayer)
class SerializeDossierToJson(SerializeBookContainerToJson):
    """A dossier: its files."""


@implementer(ISerializeToJson)
@adapter(IDossierFolder, IBrowserLayer)
class SerializeDossierFolderToJson(SerializeBookContainerToJson):
    """The tracking book: the dossiers the user may see."""
