"""``POST @online-forms`` on the site root: generate the online form of every
procedure with ``online_level`` full or partial that has none yet
(:func:`luanthanh.policy.api.procedure.generate_forms`).

200 ``{"created": [...], "count": n}``: the forms created, each with its
procedure's code; run again, ``count`` is 0.  Permission: manage the portal
(Site Administrator).  CSRF as ``@online-form``.
"""

from luanthanh.policy import api
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.restapi.errors import error_response
from luanthanh.policy.restapi.services.online_form.post import allow_write
from luanthanh.policy.restapi.services.online_form.post import form_json
from plone.restapi.services import Service


class OnlineFormsPost(Service):
    def reply(self):
        try:
            allow_write(self.request)
            results = api.procedure.generate_forms()
        except LuanThanhError as error:
            return error_response(self.request, error)
        items = [
            {**form_json(result), "procedure": result.procedure_code}
            for result in results
        ]
        return {"created": items, "count": len(items)}
