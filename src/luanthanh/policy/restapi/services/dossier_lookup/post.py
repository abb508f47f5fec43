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


def dossier_of_body(request) -> tuple:
    """Throttle, read the JSON body and find its dossier by code and second
    factor: ``(dossier, data)``, or :class:`~luanthanh.policy.errors.NotFound`
    and :class:`~luanthanh.policy.errors.Throttled` as ``api.lookup`` raises
    them.  A body that is not a JSON object finds nothing, like a wrong code.
    The answer is marked private (``Cache-Control: no-store``)."""
    alsoProvides(request, IPrivateAnswer)  # no-store (security/headers.py)
    api.lookup.throttle(request)
    try:
        data = json_body(request)
    except Exception:
        data = None
    data = data if isinstance(data, dict) else {}
    dossier = api.lookup.find(
        data.get("code"), phone=data.get("phone"), id_number=data.get("id_number")
    )
    return dossier, data


class DossierLookupPost(Service):
    def reply(self):
        try:
            dossier, _data = dossier_of_body(self.request)
        except LuanThanhError as error:
            return error_response(self.request, error)
        data = api.lookup.public_status(dossier, self.request)
        data["token"] = api.lookup.issue_token(dossier.code)
        return data
