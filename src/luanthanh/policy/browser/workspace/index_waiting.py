"""``@@cap-nhat-ho-so-moi``: put the waiting online dossiers on the dashboard.

A new online dossier reaches the dossier catalog in a short transaction just
after its submission (:mod:`luanthanh.policy.dossiers.followup`).  When that
failed (conflicts, the instance stopped in between) and no submission has
come since to take it, the dashboard says how many dossiers wait and offers
this button.  POST only, with the CSRF token; the publisher commits the
indexing (and retries it on a conflict, it is idempotent).
"""

from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.browser.posted import PostedAction
from luanthanh.policy.i18n import _
from plone import api


class IndexWaitingView(PostedAction):
    """Index the online dossiers still waiting, then back to the dashboard."""

    def act(self) -> str:
        indexed = dossier_api.index_waiting()
        if indexed:
            message = _(
                "status_waiting_indexed",
                default="Đã đưa ${count} hồ sơ trực tuyến mới vào danh sách.",
                mapping={"count": len(indexed)},
            )
        else:
            message = _(
                "status_nothing_waiting",
                default="Không còn hồ sơ trực tuyến nào chờ đưa vào danh sách.",
            )
        api.portal.show_message(message, self.request, type="info")
        return self.context.absolute_url()
