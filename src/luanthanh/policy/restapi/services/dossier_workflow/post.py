"""``POST @workflow/<transition>`` on a dossier, with Vietnamese, structured errors.

plone.restapi's own service answers every refusal with a 400 and DCWorkflow's
English message.  Dossiers fire their transitions through
:func:`luanthanh.policy.api.dossier.transition`, whose errors tell apart:

* 403 ``Forbidden``: the transition exists but this user may not fire it now;
* 400 ``WorkflowException``: the transition is unknown here, or a required
  reason (comment) is missing, with the Vietnamese message of the rule.
"""

from DateTime import DateTime
from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.restapi.errors import error_response
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services.workflow.transition import WorkflowTransition
from plone.restapi.services.workflow.utils import elevated_privileges
from Products.CMFCore.WorkflowCore import WorkflowException
from zExceptions import BadRequest
from zope.component import queryMultiAdapter
from zope.i18n import translate
from zope.interface import alsoProvides


PUBLICATION_DATES = ("effective", "expires", "effectiveDate", "expirationDate")


class DossierWorkflowTransitionPost(WorkflowTransition):
    def reply(self):
        if self.transition is None:
            return super().reply()
        data = json_body(self.request)
        alsoProvides(self.request, IDisableCSRFProtection)
        comment = data.get("comment", "")
        dates = {key: data[key] for key in PUBLICATION_DATES if key in data}
        try:
            dossier_api.transition(self.context, self.transition, comment)
            self.set_dates(self.context, dates)
            if data.get("include_children", False):
                self.recurse_transition(
                    self.context.objectValues(), comment, dates, include_children=True
                )
        except LuanThanhError as error:
            return error_response(self.request, error)
        except WorkflowException as error:
            return self.workflow_error(error)
        except BadRequest as error:
            self.request.response.setStatus(400)
            return {"error": {"type": "Bad Request", "message": str(error)}}
        return self.last_action()

    def set_dates(self, obj, dates: dict) -> None:
        """Publication dates and a first effective date, as plone.restapi does."""
        if dates:
            deserializer = queryMultiAdapter((obj, self.request), IDeserializeFromJson)
            deserializer(data=dates)
        if obj.EffectiveDate() == "None":
            obj.setEffectiveDate(DateTime())
            obj.reindexObject()

    def workflow_error(self, error: WorkflowException) -> dict:
        self.request.response.setStatus(400)
        return {
            "error": {
                "type": "WorkflowException",
                "message": translate(str(error), context=self.request),
            }
        }

    def last_action(self) -> dict:
        """The review history entry of the transition, with its state's title."""
        with elevated_privileges(self.context):
            try:
                history = self.wftool.getInfoFor(self.context, "review_history")
                action = history[-1]
                action["title"] = self.context.translate(
                    self.wftool.getTitleForStateOnType(
                        action["review_state"], self.context.portal_type
                    )
                )
            except WorkflowException as error:
                action = self.workflow_error(error)
        return json_compatible(action)
