"""``@@search`` and ``@@ajax-search``, Plone's, with their reads of dossiers
logged: a search that returns dossiers or their files to an official is a
bulk read (:func:`luanthanh.policy.security.bulk.record_bulk_read`)."""

from luanthanh.policy.security.bulk import count_under
from luanthanh.policy.security.bulk import dossier_prefixes
from luanthanh.policy.security.bulk import record_bulk_read
from plone import api
from Products.CMFPlone.browser import search as plone_search
from Products.CMFPlone.browser.search import AjaxSearch
from Products.CMFPlone.browser.search import Search
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import json
import os


class LoggedSearch(Search):
    """The search page: the dossiers of each page of results are logged."""

    index = ViewPageTemplateFile(
        "templates/search.pt", _prefix=os.path.dirname(plone_search.__file__)
    )

    def __call__(self):
        return self.index()

    def results(self, *args, **kwargs):
        results = super().results(*args, **kwargs)
        if kwargs.get("batch", True) and results:
            path, _url = dossier_prefixes(api.portal.get())
            count = count_under((item.getPath() for item in results), path)
            if count:
                record_bulk_read(self.request, "search", count, self.request.form)
        return results


class LoggedAjaxSearch(AjaxSearch):
    """The live search: the dossiers of the answer are logged."""

    def __call__(self):
        answer = super().__call__()
        try:
            items = json.loads(answer).get("items", [])
        except (TypeError, ValueError, AttributeError):
            return answer
        _path, url = dossier_prefixes(api.portal.get())
        count = count_under((item.get("url") for item in items), url)
        if count:
            record_bulk_read(self.request, "ajax-search", count, self.request.form)
        return answer
