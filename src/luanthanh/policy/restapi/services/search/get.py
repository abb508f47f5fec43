"""GET @search: plone.restapi's search; the dossiers it returns are logged
(:func:`luanthanh.policy.security.bulk.record_bulk_read`)."""

from luanthanh.policy.security.bulk import count_under
from luanthanh.policy.security.bulk import dossier_prefixes
from luanthanh.policy.security.bulk import record_bulk_read
from plone import api
from plone.restapi.services.search.get import SearchGet


class LoggedSearchGet(SearchGet):
    def reply(self):
        result = super().reply()
        items = result.get("items", []) if isinstance(result, dict) else []
        _path, url = dossier_prefixes(api.portal.get())
        count = count_under((item.get("@id") for item in items), url)
        if count:
            record_bulk_read(self.request, "@search", count, self.request.form)
        return result
