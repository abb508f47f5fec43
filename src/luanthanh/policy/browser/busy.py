"""The answer to a request Zope gave up retrying after ConflictErrors.

Zope retries a request that ends in a ``ConflictError``
(:mod:`luanthanh.policy.cluster.retries` says how often and how long); when
it stops, the transaction has been aborted and nothing was written.  Instead
of Plone's generic error page (HTTP 500), the citizen or official gets HTTP
503 with ``Retry-After`` and a Vietnamese message that says so: nothing was
saved, send it again.  An online form sent again carries the same token, so
it never makes a second dossier.  ``++api++`` requests get the same message
as plone.restapi's JSON error.
"""

from html import escape
from luanthanh.policy.i18n import _
from luanthanh.policy.i18n import translated
from plone.rest.interfaces import IAPIRequest

import json


#: Seconds after which the client may send the request again.
RETRY_AFTER = 5

BUSY_TITLE = _("title_busy", default="Hệ thống đang bận")
BUSY = _(
    "error_busy_not_saved",
    default="Có nhiều người gửi cùng lúc nên yêu cầu của ông/bà chưa được thực "
    "hiện, chưa có thông tin nào được lưu. Vui lòng gửi lại sau ít giây.",
)


class BusyView:
    """``index.html`` of a ``ConflictError`` that is no longer retried."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self):
        response = self.request.response
        # Locked: plone.transformchain sets the exception's status (500 for
        # a ConflictError) again on IPubBeforeAbort, after this view.
        response.setStatus(503, lock=True)
        response.setHeader("Retry-After", str(RETRY_AFTER))
        response.setHeader("Cache-Control", "no-store")
        message = translated(BUSY, self.request)
        if IAPIRequest.providedBy(self.request):
            response.setHeader("Content-Type", "application/json")
            body = {"type": "ServiceUnavailable", "message": message}
            return json.dumps({"error": body}, ensure_ascii=False)
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        title = escape(translated(BUSY_TITLE, self.request))
        return (
            f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><main><h1>{title}</h1>"
            f'<p class="portalMessage error" role="alert">{escape(message)}</p>'
            f"</main></body></html>"
        )
