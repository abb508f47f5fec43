"""``GET @dossier-lookup?code=...&phone=...`` (or ``&id_number=...``), anonymous.

200 with the public status (:data:`luanthanh.policy.api.lookup.PUBLIC_KEYS`)
and ``token``, the signed token of this lookup; 404 with one and the same body
for an unknown code and for a wrong phone or CCCD; 429 past the client's
limit.  Successful and failed tries both count.
"""

from luanthanh.policy import api
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.restapi.errors import error_response
from plone.restapi.services import Service


class DossierLookupGet(Service):
    def reply(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        form = self.request.form
        try:
            api.lookup.throttle(self.request)
            dossier = api.lookup.find(
                form.get("code"),
                phone=form.get("phone"),
                id_number=form.get("id_number"),
            )
        except LuanThanhError as error:
            return error_response(self.request, error)
        data = api.lookup.public_status(dossier, self.request)
        data["token"] = api.lookup.issue_token(dossier.code)
        return data
