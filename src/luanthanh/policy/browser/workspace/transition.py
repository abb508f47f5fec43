"""``@@chuyen-trang-thai``: fire a transition posted by the dossier page."""

from AccessControl import getSecurityManager
from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.browser.errors import show_error
from luanthanh.policy.browser.posted import PostedAction
from luanthanh.policy.browser.workspace.labels import DossierLabels
from luanthanh.policy.i18n import _
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import transaction


class TransitionView(PostedAction):
    """``@@chuyen-trang-thai``: fire a transition posted by the dossier page.

    POST only, with the CSRF token; the checks (known, allowed now, reason
    given) are those of :func:`luanthanh.policy.api.dossier.transition`.
    """

    def act(self) -> str:
        request = self.request
        url = self.context.absolute_url()
        transition = request.form.get("transition")
        comment = request.form.get("comment")
        comment = comment.strip() if isinstance(comment, str) else ""
        labels = DossierLabels(request)
        title = labels.transition(transition) if isinstance(transition, str) else ""
        savepoint = transaction.savepoint()
        try:
            state = dossier_api.transition(self.context, transition, comment)
        except WorkflowException as error:
            savepoint.rollback()
            show_error(error, request, transition=title)
            return url
        api.portal.show_message(
            _(
                "status_transition_done",
                default="Đã thực hiện thao tác “${transition}”. Trạng thái hồ sơ: "
                "“${state}”.",
                mapping={"transition": title, "state": labels.state(state)},
            ),
            request,
            type="info",
        )
        if not getSecurityManager().checkPermission("View", self.context):
            url = self.context.__parent__.absolute_url()
        return url
