"""``GET @dossier-search?state=…&field=…&q=…&b_start=0&b_size=25``: officials only.

The dashboard's filters (:func:`luanthanh.policy.api.search.criteria`), with
plone.restapi's batching (``items_total``, ``batching`` links).  Each item is
a compact summary of a dossier the user may view.  A bad parameter gets a
400 ``{"error": {"type": "InvalidInput", "message", "field"}}`` with a
Vietnamese message.  Every answer is a bulk read of personal data: it is not
cached, and it goes to the access log with the number of dossiers.
"""

from luanthanh.policy import api
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.i18n import _
from luanthanh.policy.restapi.errors import error_response
from luanthanh.policy.security.bulk import record_bulk_read
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service


#: Filters that carry personal data: POST only.
PERSONAL = ("phone", "id_number")


class DossierSearchGet(Service):
    #: Whether the answer carries plone.restapi's ``batching`` links (GET
    #: URLs: only where the filters are in the URL themselves).
    links = True

    def filters(self) -> dict:
        """The search's parameters: the query string, without personal data.

        A phone or CCCD in a URL stays in proxy logs and browser history
        (issue #14, finding 11): those two filters go in a ``POST`` body.
        """
        form = self.request.form
        for name in PERSONAL:
            if name in form:
                raise InvalidInput(
                    _(
                        "search_personal_in_url",
                        default="Số điện thoại và số định danh cá nhân không "
                        "được đặt trên địa chỉ: hãy gửi chúng trong nội dung "
                        "JSON của một yêu cầu POST.",
                    ),
                    field=name,
                )
        return form

    def reply(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        try:
            filters = self.filters()
            criteria = api.search.criteria(filters)
            found = api.search.find(criteria, self.request, self.context)
        except LuanThanhError as error:
            return error_response(self.request, error)
        batch = HypermediaBatch(self.request, found)
        items = list(batch)
        self.record_bulk_read(len(items), filters)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": items,
        }
        links = batch.links if self.links else None
        if links:
            result["batching"] = links
        return result

    def record_bulk_read(self, count: int, filters: dict) -> None:
        """The access log's entry for this search: ``count`` dossiers shown."""
        # The access log keeps q, phone and id_number only as keyed hashes.
        record_bulk_read(self.request, "dossier-search", count, filters)
