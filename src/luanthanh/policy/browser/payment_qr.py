"""The VietQR box "Nộp phí, lệ phí không dùng tiền mặt" (issue #18).

Shown while a dossier's fee is unpaid on the receipt slip (Mẫu số 01), on
the online form's thank-you page and on the public lookup: the QR code, and
for people who transfer by hand the amount, the bank, the account, the
transfer description and the payload as text.  Each page passes the fee as
:func:`luanthanh.policy.api.payment.public` gives it and inserts
:meth:`PaymentQR.render` as structure; nothing is shown without a payload.
"""

from luanthanh.policy import api
from luanthanh.policy.formatting import format_fee
from luanthanh.policy.i18n import _
from luanthanh.policy.payments import vietqr
from luanthanh.policy.qr import qr_svg
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


class PaymentQR(BrowserView):
    """Renders the box for a fee; ``PaymentQR(context, request).render(fee)``."""

    template = ViewPageTemplateFile("templates/payment_qr.pt")

    def _t(self, msg) -> str:
        return translate(msg, context=self.request)

    def box(self, fee: dict | None) -> dict | None:
        """What the box shows, or None unless the fee is unpaid with a payload
        and an account is set."""
        fee = fee or {}
        payload = fee.get("qr_payload")
        account = api.payment.account()
        if fee.get("fee_status") != "unpaid" or not payload or account is None:
            return None
        amount = self._t(format_fee(fee.get("fee_due")))
        label = self._t(
            _(
                "payment_qr_label",
                default="Mã VietQR nộp phí, lệ phí ${amount}",
                mapping={"amount": amount},
            )
        )
        return {
            "svg": qr_svg(payload, label=label, css_class="payment-qr-svg"),
            "payload": payload,
            "amount": amount,
            "bank": account["bank"],
            "account_number": account["number"],
            "account_name": account["name"],
            "purpose": vietqr.parse(payload).get("62", {}).get("08", ""),
        }

    def render(self, fee: dict | None, level: int = 3) -> str:
        """The box's HTML, or "" when there is nothing to pay by VietQR;
        ``level``: the heading level of its title in the page's outline."""
        box = self.box(fee)
        return self.template(box=box, level=str(level)) if box is not None else ""
