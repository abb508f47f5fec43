"""``GET <dossier>/@payment``: the dossier's fee and payment.

``{fee_due, fee_standard, fee_status, fee_reason, payment_method, paid_at,
payment_reference, receipt_number, paid_recorded_by, history}`` (see
:func:`luanthanh.policy.api.payment.get`), for the officials who may see the
dossier.
"""

from luanthanh.policy import api
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service


class PaymentGet(Service):
    def reply(self):
        answer = api.payment.get(self.context)
        answer["history"] = json_compatible(api.payment.history(self.context))
        return answer
