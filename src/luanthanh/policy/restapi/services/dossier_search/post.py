"""``POST @dossier-search`` with the filters of the GET in a JSON body.

The same search as :mod:`.get`, for clients that keep the applicant's phone,
CCCD or name out of URLs (proxy logs, browser history: issue #14, finding
11): ``{"phone": "0912 345 678", "state": ["intake", "result"],
"b_start": 0, "b_size": 25}``.  Filters in the query string are refused
(400), and the answer carries no ``batching`` links (a GET of such a link
would search without the filters): the client posts again with ``b_start``.
"""

from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import _
from luanthanh.policy.restapi.services.dossier_search.get import DossierSearchGet
from plone.restapi.deserializer import json_body


class DossierSearchPost(DossierSearchGet):
    links = False

    def filters(self) -> dict:
        """The search's parameters: the JSON object of the body."""
        if self.request.form:
            raise InvalidInput(
                _(
                    "search_post_query_string",
                    default="Với POST, bộ lọc phải nằm trong nội dung JSON, "
                    "không nằm trên địa chỉ.",
                ),
                field=sorted(self.request.form)[0],
            )
        try:
            data = json_body(self.request)
        except Exception:
            data = None
        if not isinstance(data, dict):
            raise InvalidInput(
                _(
                    "search_post_body",
                    default="Nội dung yêu cầu phải là một đối tượng JSON.",
                )
            )
        return data
