"""``POST <procedure>/@online-form``: create the procedure's online form, or
bring the generated one up to date
(:func:`luanthanh.policy.api.procedure.generate_form`).

201 ``{"@id", "created": true, "changes"}`` when the form was created, 200
``{"@id", "created": false, "changes"}`` when it existed; 409 when the
procedure's form was made by hand.  Permission: modify the procedure.

CSRF: a body a foreign page could send is refused before the service runs
(:mod:`luanthanh.policy.security.csrf`): send JSON (``{}``) or the token.
"""

from luanthanh.policy import api
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.restapi.errors import error_response
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


def allow_write(request) -> None:
    """plone.protect off for the generation: the request was checked for
    forgery already (:mod:`luanthanh.policy.security.csrf`)."""
    alsoProvides(request, IDisableCSRFProtection)


def form_json(result) -> dict:
    return {
        "@id": result.form.absolute_url(),
        "title": result.form.Title(),
        "created": result.created,
        "changes": result.changes.as_dict(),
    }


class OnlineFormPost(Service):
    def reply(self):
        try:
            allow_write(self.request)
            result = api.procedure.generate_form(self.context)
        except LuanThanhError as error:
            return error_response(self.request, error)
        if result.created:
            self.request.response.setStatus(201)
            self.request.response.setHeader("Location", result.form.absolute_url())
        return form_json(result)
