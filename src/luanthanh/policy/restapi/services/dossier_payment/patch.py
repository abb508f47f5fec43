"""``PATCH <dossier>/@payment``: the desk corrects the fee or exempts it.

Body ``{"fee_due": đồng, "reason": token, "comment"?: text}``; ``fee_due``
0 exempts (miễn), a lower amount reduces (giảm).  ``reason`` is a token of
the control panel's list (vocabulary ``luanthanh.policy.fee_reasons``).
Answers 200 with the payment (as ``GET @payment``); 400 for bad input, 409
once the fee is paid or refunded.
"""

from luanthanh.policy import api
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.i18n import _
from luanthanh.policy.restapi.errors import error_response
from luanthanh.policy.restapi.services.dossier_payment.get import PaymentGet
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from zope.interface import alsoProvides


class PaymentPatch(PaymentGet):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        try:
            if not isinstance(data, dict) or "fee_due" not in data:
                raise InvalidInput(
                    _(
                        "error_fee_due_missing",
                        default="Cần nhập mức phí, lệ phí mới (fee_due).",
                    ),
                    field="fee_due",
                )
            api.payment.correct(
                self.context,
                data["fee_due"],
                data.get("reason", ""),
                data.get("comment", ""),
            )
        except LuanThanhError as error:
            return error_response(self.request, error)
        return super().reply()
