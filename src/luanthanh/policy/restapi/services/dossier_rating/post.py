"""``POST @dossier-rating`` with ``{code, phone | id_number, rating, comment}``.

The citizen rates a returned dossier once: ``rating`` is a token of the
vocabulary ``luanthanh.policy.rating_levels``, ``comment`` is optional (at
most 1000 characters).  Throttled and answered like ``@dossier-lookup``: 404
with the same body for an unknown code and a wrong second factor, 429 past the
limit; 409 before ``returned`` and for a second rating; 400 for an invalid
rating or comment.  200 with the public status on success.
"""

from luanthanh.policy import api
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.restapi.errors import error_response
from luanthanh.policy.restapi.services.dossier_lookup.post import dossier_of_body
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class DossierRatingPost(Service):
    def reply(self):
        try:
            dossier, data = dossier_of_body(self.request)
            # Both factors matched: the request is the citizen's own.
            alsoProvides(self.request, IDisableCSRFProtection)
            api.dossier.rate(dossier, data.get("rating"), data.get("comment"))
        except LuanThanhError as error:
            return error_response(self.request, error)
        return api.lookup.public_status(dossier, self.request)
