"""``POST @workflow/<transition>`` on a dossier, with Vietnamese, structured errors.

plone.restapi's own service answers every refusal with a 400 and DCWorkflow's
English message.  For dossiers we tell apart:

* 403 ``Forbidden``: the transition exists but this user may not fire it now;
* 400 ``WorkflowException``: the transition is unknown here, or a required
  reason (comment) is missing, with the Vietnamese message of the rule.
"""

from luanthanh.policy.i18n import _
from plone.restapi.services.workflow.transition import WorkflowTransition
from zope.i18n import translate


class DossierWorkflowTransitionPost(WorkflowTransition):
    def reply(self):
        if self.transition is not None:
            workflow = self.wftool.getWorkflowsFor(self.context)[0]
            known = self.transition in workflow.transitions.objectIds()
            allowed = {t["id"] for t in self.wftool.getTransitionsFor(self.context)}
            if known and self.transition not in allowed:
                self.request.response.setStatus(403)
                return {
                    "error": {
                        "type": "Forbidden",
                        "message": translate(
                            _(
                                "error_transition_not_allowed",
                                default="Bạn không được thực hiện thao tác "
                                "“${transition}” với hồ sơ ở trạng thái hiện tại.",
                                mapping={"transition": self.transition},
                            ),
                            context=self.request,
                        ),
                    }
                }
            if not known:
                self.request.response.setStatus(400)
                return {
                    "error": {
                        "type": "WorkflowException",
                        "message": translate(
                            _(
                                "error_transition_unknown",
                                default="Không có thao tác “${transition}” cho hồ sơ.",
                                mapping={"transition": self.transition},
                            ),
                            context=self.request,
                        ),
                    }
                }
        return super().reply()
