"""``GET @dossier-lookup?code=...&phone=...`` (or ``&id_number=...``), anonymous.

200 with the public status (:data:`luanthanh.policy.lookup.PUBLIC_KEYS`) and
``token``, the signed token of this lookup; 404 with one and the same body for
an unknown code and for a wrong phone or CCCD; 429 past the client's limit.
Successful and failed tries both count.
"""

from luanthanh.policy import lookup
from plone.restapi.services import Service


class DossierLookupGet(Service):
    def reply(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        form = self.request.form
        try:
            lookup.throttle(self.request)
            dossier = lookup.find_dossier(
                form.get("code"),
                phone=form.get("phone"),
                id_number=form.get("id_number"),
            )
            if dossier is None:
                raise lookup.not_found()
        except lookup.Refused as refused:
            self.request.response.setStatus(refused.status)
            return refused.error(self.request)
        data = lookup.public_status(dossier, self.request)
        data["token"] = lookup.issue_token(dossier.code)
        return data
