"""``POST <dossier>/@payment``: the desk records the payment of the fee.

Body ``{"method": "vietqr" | "card" | "cash" | "portal", "paid_at"?: ISO
datetime (default now), "reference"?: text, "amount"?: đồng}``.  Answers 201
with the payment (as ``GET @payment``) and its new ``receipt_number``
(``BL-<yyyy>-<seq6>``); 400 with a Vietnamese message and the ``field`` for
bad input, 409 when the fee is not unpaid.  Nothing is written on an error.

``POST <dossier>/@payment/refund`` with ``{"comment": "why"}`` gives a paid
fee back (200).
"""

from luanthanh.policy import api
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.restapi.errors import error_response
from luanthanh.policy.restapi.services.dossier_payment.get import PaymentGet
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class PaymentPost(PaymentGet):
    action = None

    def publishTraverse(self, request, name):
        if self.action is None:
            self.action = name
            return self
        return super().publishTraverse(request, name)

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        if not isinstance(data, dict):
            data = {}
        try:
            if self.action == "refund":
                api.payment.refund(self.context, data.get("comment"))
                return super().reply()
            if self.action is not None:
                self.request.response.setStatus(404)
                return {"error": {"type": "NotFound", "message": self.action}}
            api.payment.record(
                self.context,
                data.get("method"),
                paid_at=data.get("paid_at"),
                reference=data.get("reference", ""),
                amount=data.get("amount"),
            )
        except LuanThanhError as error:
            return error_response(self.request, error)
        self.request.response.setStatus(201)
        return super().reply()
