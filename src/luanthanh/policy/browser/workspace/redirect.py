"""``@@ban-lam-viec`` on the site root: go to the tracking book."""

from luanthanh.policy.config import DOSSIER_FOLDER_ID
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import BadRequest


def dossier_folder_of(context):
    """``context`` if it is the tracking book, else the site's ``ho-so``."""
    if getattr(context, "portal_type", None) == "DossierFolder":
        return context
    return api.portal.get().get(DOSSIER_FOLDER_ID)


class WorkspaceRedirect(BrowserView):
    """``@@ban-lam-viec`` on the site root: go to the tracking book."""

    def __call__(self):
        folder = dossier_folder_of(self.context)
        if folder is None:
            raise BadRequest("No dossier folder")
        query = self.request.get("QUERY_STRING", "")
        url = folder.absolute_url()
        self.request.response.redirect(f"{url}?{query}" if query else url)
        return ""
