"""Biên lai thu phí, lệ phí (issue #18), ``@@bien-lai-thu-phi``.

The e-receipt of a dossier's fee once the desk recorded its payment
(``api.payment.record``): the receipt number, the payer, the dossier, the
procedure, the amount in figures and in words, the method, the moment, the
bank's reference and who recorded it.  A refunded fee keeps its receipt,
marked "ĐÃ HOÀN TRẢ" with the day and the reason of the refund.  A dossier
whose fee was not paid (unpaid, exempt, not recorded) has no receipt: the
page says so, with status 404, and offers nothing to print.
"""

from luanthanh.policy.api import payment as payment_api
from luanthanh.policy.browser.slips.base import SIGN_HINT
from luanthanh.policy.browser.slips.base import SlipView
from luanthanh.policy.formatting import format_legal_datetime
from luanthanh.policy.formatting import fullname
from luanthanh.policy.i18n import _
from luanthanh.policy.payments.record import amount_text
from luanthanh.policy.payments.vocabularies import fee_reason_title
from luanthanh.policy.payments.vocabularies import FEE_STATUSES
from luanthanh.policy.payments.vocabularies import PAYMENT_METHODS
from luanthanh.policy.payments.words import amount_in_words
from plone.memoize.view import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


#: The statuses of a fee that has a receipt.
WITH_RECEIPT = (payment_api.PAID, payment_api.REFUNDED)


class FeeReceiptView(SlipView):
    """Biên lai thu phí, lệ phí."""

    template = ViewPageTemplateFile("templates/slip_fee_receipt.pt")
    title = _("slip_fee_receipt_title", default="BIÊN LAI THU PHÍ, LỆ PHÍ")
    page_class = "slip-fee-receipt"

    def update(self) -> None:
        if not self.has_receipt():
            self.request.response.setStatus(404)

    def has_receipt(self) -> bool:
        context = self.context
        return context.fee_status in WITH_RECEIPT and bool(context.receipt_number)

    @property
    def printable(self) -> bool:
        """The toolbar's print button: only a receipt is printed."""
        return self.has_receipt()

    def status_title(self) -> str:
        status = self.context.fee_status
        if status is None:
            return self.t(
                _("fee_status_not_recorded", default="Chưa ghi nhận phí, lệ phí")
            )
        return self.t(dict(FEE_STATUSES).get(status, status))

    def issued_at(self):
        return self.context.paid_at

    def number(self) -> str:
        return self.context.receipt_number or ""

    @memoize
    def payment(self) -> dict:
        """The lines of the receipt, ready to print."""
        context = self.context
        fee = context.fee_due or 0
        standard = context.fee_standard
        method = context.payment_method or ""
        return {
            "amount": self.t(
                _(
                    "fee_amount",
                    default="${amount} đồng",
                    mapping={"amount": amount_text(fee)},
                )
            ),
            "words": amount_in_words(fee),
            "method": self.t(dict(PAYMENT_METHODS).get(method, method)),
            "paid_at": format_legal_datetime(context.paid_at),
            "reference": context.payment_reference or "",
            "recorded_by": fullname(context.paid_recorded_by),
            "standard": (
                amount_text(standard) if standard is not None and standard > fee else ""
            ),
            "reason": self.t(fee_reason_title(context.fee_reason))
            if context.fee_reason
            else "",
        }

    @memoize
    def refund(self) -> dict | None:
        """When and why the fee was given back; None unless refunded."""
        if self.context.fee_status != payment_api.REFUNDED:
            return None
        entries = [
            entry
            for entry in payment_api.history(self.context)
            if entry.get("action") == "refund"
        ]
        entry = entries[-1] if entries else {}
        return {
            "time": format_legal_datetime(entry.get("time")),
            "comment": entry.get("comment") or "",
            "actor": fullname(entry.get("actor")),
        }

    def signatures(self) -> list[dict]:
        if not self.has_receipt():
            return []
        return [
            {
                "title": _("slip_sign_payer", default="NGƯỜI NỘP TIỀN"),
                "hint": SIGN_HINT,
                "name": self.context.applicant_name or "",
            },
            {
                "title": _("slip_sign_collector", default="NGƯỜI THU TIỀN"),
                "hint": SIGN_HINT,
                "name": fullname(self.context.paid_recorded_by),
            },
        ]
