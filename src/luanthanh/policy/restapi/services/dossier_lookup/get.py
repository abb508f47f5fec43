"""``GET @dossier-lookup``: refused with a 400 (issue #14, finding 11).

The lookup is ``POST @dossier-lookup`` with the factors in a JSON body
(:mod:`.post`).  A GET would put the code, the phone or the CCCD into the
URL, and so into proxy logs and browser history: it is answered
``400 {"error": {"type": "InvalidInput", "message": ...}}`` in Vietnamese,
whatever its query, without looking anything up nor counting a try.
"""

from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import IPrivateAnswer
from luanthanh.policy.restapi.errors import error_response
from plone.restapi.services import Service
from zope.interface import alsoProvides


MSG_USE_POST = _(
    "error_lookup_use_post",
    default="Tra cứu hồ sơ bằng yêu cầu POST: gửi mã hồ sơ và số điện thoại "
    "(hoặc số định danh cá nhân) trong thân yêu cầu dạng JSON, không đặt trong "
    "địa chỉ.",
)


class DossierLookupGet(Service):
    def reply(self):
        alsoProvides(self.request, IPrivateAnswer)  # no-store (security/headers.py)
        return error_response(self.request, InvalidInput(MSG_USE_POST))
