"""``POST @dossier-lookup`` with ``{code, phone | id_number}`` (JSON), anonymous.

200 with the public status (:data:`luanthanh.policy.api.lookup.PUBLIC_KEYS`)
and ``token``, the signed token of this lookup; 404 with one and the same body
for an unknown code, a wrong phone or CCCD and a body that is not a JSON
object; 429 past the client's limit.  Successful and failed tries both count.

The factors travel in the body, never in the URL: a URL ends up in proxy and
server logs and in the browser's history (issue #14, finding 11).
"""

from luanthanh.policy import api
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.interfaces import IPrivateAnswer
from luanthanh.policy.restapi.errors import error_response
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides


class DossierLookupPost(Service):
    def reply(self):
        alsoProvides(self.request, IPrivateAnswer)  # no-store (security/headers.py)
        try:
            api.lookup.throttle(self.request)
            try:
                data = json_body(self.request)
            except Exception:
                data = None
            data = data if isinstance(data, dict) else {}
            dossier = api.lookup.find(
                data.get("code"),
                phone=data.get("phone"),
                id_number=data.get("id_number"),
            )
        except LuanThanhError as error:
            return error_response(self.request, error)
        data = api.lookup.public_status(dossier, self.request)
        data["token"] = api.lookup.issue_token(dossier.code)
        return data
