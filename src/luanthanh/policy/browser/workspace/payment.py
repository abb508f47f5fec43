"""The "Phí, lệ phí" panel of the dossier page and its forms (issue #18).

:class:`PaymentPanel` renders the panel inside the dossier page
(``dossier_view``): the fee due, its status, the reason of an exemption or a
correction, the payment (method, time, reference, receipt with a link to the
e-receipt ``@@bien-lai-thu-phi``) and the history of the fee.  For the desk
(``api.payment.may_collect``) it adds the forms: record the payment, correct
the fee or exempt it, refund it.  While the fee is unpaid, the VietQR box
(folded) lets the applicant pay by transfer at the counter.

The forms post to ``@@phi-le-phi`` (:class:`PaymentAction`): POST only,
with the CSRF token, each calling one function of ``api.payment``.  Done,
it goes back to the dossier page with a status message; refused
(``InvalidInput``, ``Conflict``, ``Forbidden``), nothing is written and the
dossier page is shown again with the message at the top and beside the
field, and what was typed kept in the form.
"""

from luanthanh.policy.api import payment as payment_api
from luanthanh.policy.browser.errors import message_of
from luanthanh.policy.browser.errors import show_error
from luanthanh.policy.browser.payment_qr import PaymentQR
from luanthanh.policy.config import now
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.formatting import fullname
from luanthanh.policy.formatting import input_day_time
from luanthanh.policy.formatting import INVALID_MOMENT
from luanthanh.policy.formatting import MOMENT_HINT
from luanthanh.policy.formatting import MOMENT_PLACEHOLDER
from luanthanh.policy.formatting import parse_day_time
from luanthanh.policy.i18n import _
from luanthanh.policy.payments.record import amount_text
from luanthanh.policy.payments.vocabularies import fee_reason_pairs
from luanthanh.policy.payments.vocabularies import fee_reason_title
from luanthanh.policy.payments.vocabularies import FEE_STATUSES
from luanthanh.policy.payments.vocabularies import PAYMENT_METHODS
from plone import api
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getMultiAdapter
from zope.i18n import translate

import transaction


#: Where a refused form leaves its error for the page shown again.
ERROR_KEY = "luanthanh.policy.payment_error"
ANCHOR = "dossier-payment"
#: The fields of each form; an error on another field is the form's own.
FIELDS = {
    "record": ("method", "paid_at", "reference"),
    "correct": ("fee_due", "reason", "comment"),
    "refund": ("comment",),
}
#: The statuses whose fee has a receipt.
WITH_RECEIPT = (payment_api.PAID, payment_api.REFUNDED)
NOT_RECORDED = _("fee_status_not_recorded", default="Chưa ghi nhận phí, lệ phí")
ACTIONS = {
    "assess": _("payment_action_assess", default="Tính phí theo thủ tục"),
    "pay": _("payment_action_pay", default="Ghi nhận nộp phí, lệ phí"),
    "correct": _("payment_action_correct", default="Điều chỉnh mức phí, lệ phí"),
    "exempt": _("payment_action_exempt", default="Miễn phí, lệ phí"),
    "refund": _("payment_action_refund", default="Hoàn trả phí, lệ phí"),
}


def _text(value) -> str:
    """A posted text (the first of repeated values), stripped."""
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return value.strip() if isinstance(value, str) else ""


def money(amount: int | None):
    """``15.000 đồng`` (a message); None stays None."""
    if amount is None:
        return None
    return _(
        "fee_amount", default="${amount} đồng", mapping={"amount": amount_text(amount)}
    )


class PaymentPanel(BrowserView):
    """The "Phí, lệ phí" panel of the dossier page (rendered by it)."""

    index = ViewPageTemplateFile("templates/payment_panel.pt")
    anchor = ANCHOR
    moment_placeholder = MOMENT_PLACEHOLDER

    def __call__(self):
        return self.index()

    def t(self, msg) -> str:
        return translate(msg, context=self.request) if msg is not None else ""

    # What is shown --------------------------------------------------------

    @property
    @memoize
    def status(self) -> str | None:
        return self.context.fee_status

    def status_title(self) -> str:
        if self.status is None:
            return self.t(NOT_RECORDED)
        return self.t(dict(FEE_STATUSES).get(self.status, self.status))

    def method_title(self, method) -> str:
        return self.t(dict(PAYMENT_METHODS).get(method, method)) if method else ""

    @memoize
    def summary(self) -> dict:
        c = self.context
        standard = c.fee_standard
        return {
            "fee_due": self.t(money(c.fee_due)),
            "standard": (
                self.t(money(standard))
                if standard is not None and standard != c.fee_due
                else ""
            ),
            "status": self.status_title(),
            "status_class": f"fee-status fee-status-{self.status or 'none'}",
            "reason": self.t(fee_reason_title(c.fee_reason)) if c.fee_reason else "",
            "method": self.method_title(c.payment_method),
            "paid_at": format_datetime(c.paid_at),
            "reference": c.payment_reference or "",
            "receipt_number": c.receipt_number or "",
            "recorded_by": fullname(c.paid_recorded_by),
        }

    def qr(self) -> str:
        """The VietQR box while the fee is unpaid, for the applicant to scan
        at the counter (:mod:`luanthanh.policy.browser.payment_qr`)."""
        if self.status != payment_api.UNPAID:
            return ""
        return PaymentQR(self.context, self.request).render(
            payment_api.public(self.context), level=3
        )

    def receipt_url(self) -> str:
        if self.status in WITH_RECEIPT and self.context.receipt_number:
            return f"{self.context.absolute_url()}/@@bien-lai-thu-phi"
        return ""

    @memoize
    def history(self) -> list[dict]:
        """The changes of the fee, newest first."""
        statuses = dict(FEE_STATUSES)
        rows = []
        for entry in reversed(payment_api.history(self.context)):
            before, after = entry.get("fee_before"), entry.get("fee_after")
            details = [
                self.t(fee_reason_title(entry["reason"]))
                if entry.get("reason")
                else "",
                self.method_title(entry.get("method")),
                entry.get("receipt_number") or "",
                entry.get("reference") or "",
                entry.get("comment") or "",
            ]
            status = entry.get("status_after")
            rows.append(
                {
                    "time": format_datetime(entry.get("time")),
                    "actor": fullname(entry.get("actor")) or "—",
                    "action": self.t(
                        ACTIONS.get(entry.get("action"), entry.get("action"))
                    ),
                    "fee": (
                        f"{amount_text(before)} → {amount_text(after)}"
                        if before is not None and before != after
                        else amount_text(after)
                        if after is not None
                        else ""
                    ),
                    "status": self.t(statuses.get(status, status)) if status else "",
                    "details": " · ".join(part for part in details if part),
                }
            )
        return rows

    # The forms ------------------------------------------------------------

    @memoize
    def may_collect(self) -> bool:
        return payment_api.may_collect(self.context)

    def offers(self) -> dict[str, bool]:
        """Which forms the panel shows, by the fee's status (desk only)."""
        if not self.may_collect():
            return {"record": False, "correct": False, "refund": False}
        status = self.status
        return {
            "record": status in (payment_api.UNPAID, None),
            "correct": status
            in (payment_api.UNPAID, payment_api.EXEMPT, payment_api.REFUNDED, None),
            "refund": status == payment_api.PAID,
        }

    def action_url(self) -> str:
        return f"{self.context.absolute_url()}/@@phi-le-phi#{ANCHOR}"

    @property
    def error(self) -> dict | None:
        return self.request.get(ERROR_KEY) or None

    def field_error(self, form: str, field: str) -> str:
        """The message beside ``field`` of ``form`` after a refusal."""
        error = self.error
        if error and error["form"] == form and error["field"] == field:
            return error["message"]
        return ""

    def form_error(self, form: str) -> str:
        """A refusal of ``form`` that is about no field of it (a conflict)."""
        error = self.error
        if error and error["form"] == form and error["field"] not in FIELDS[form]:
            return error["message"]
        return ""

    def value(self, form: str, name: str, default: str = "") -> str:
        """What was typed in ``form`` before a refusal, else ``default``."""
        error = self.error
        if error and error["form"] == form:
            return _text(self.request.form.get(name))
        return default

    def is_open(self, form: str) -> bool:
        """A folded form is open again when it was refused."""
        error = self.error
        return bool(error and error["form"] == form)

    def paid_at_default(self) -> str:
        return self.value("record", "paid_at", input_day_time(now()))

    def moment_hint(self) -> str:
        return self.t(MOMENT_HINT)

    def methods(self) -> list[dict]:
        chosen = self.value("record", "method")
        return [
            {"token": token, "title": self.t(title), "selected": token == chosen}
            for token, title in PAYMENT_METHODS
        ]

    def reasons(self) -> list[dict]:
        chosen = self.value("correct", "reason")
        return [
            {"token": token, "title": title, "selected": token == chosen}
            for token, title in fee_reason_pairs()
        ]


class PaymentAction(BrowserView):
    """``@@phi-le-phi``: the target of the panel's forms (POST, CSRF token)."""

    def __call__(self):
        request = self.request
        url = f"{self.context.absolute_url()}#{ANCHOR}"
        if request.get("REQUEST_METHOD", "GET") != "POST":
            request.response.redirect(url)
            return ""
        CheckAuthenticator(request)
        form = _text(request.form.get("payment_action"))
        act = getattr(self, f"_{form}", None) if form in FIELDS else None
        if act is None:
            request.response.redirect(url)
            return ""
        savepoint = transaction.savepoint()
        try:
            message = act()
        except LuanThanhError as error:
            savepoint.rollback()
            return self._refused(form, error)
        api.portal.show_message(message, request, type="info")
        request.response.redirect(url)
        return ""

    def _refused(self, form: str, error: LuanThanhError) -> str:
        """The dossier page again, with the message and what was typed."""
        request = self.request
        request.set(
            ERROR_KEY,
            {
                "form": form,
                "field": error.field or "",
                "message": translate(message_of(error), context=request),
            },
        )
        show_error(error, request)
        page = getMultiAdapter((self.context, request), name="view")
        return page()

    def _record(self):
        form = self.request.form
        typed = _text(form.get("paid_at"))
        paid_at = None
        if typed:
            paid_at = parse_day_time(typed)
            if paid_at is None:
                raise InvalidInput(INVALID_MOMENT, field="paid_at")
        number = payment_api.record(
            self.context,
            _text(form.get("method")),
            paid_at=paid_at,
            reference=_text(form.get("reference")),
        )
        return _(
            "status_fee_recorded",
            default="Đã ghi nhận nộp phí, lệ phí ${amount} đồng. Biên lai số "
            "${number}.",
            mapping={"amount": amount_text(self.context.fee_due), "number": number},
        )

    def _correct(self):
        form = self.request.form
        payment_api.correct(
            self.context,
            _text(form.get("fee_due")),
            _text(form.get("reason")),
            _text(form.get("comment")),
        )
        if self.context.fee_status == payment_api.EXEMPT:
            return _("status_fee_exempted", default="Đã miễn phí, lệ phí cho hồ sơ.")
        return _(
            "status_fee_corrected",
            default="Đã điều chỉnh phí, lệ phí phải nộp: ${amount} đồng.",
            mapping={"amount": amount_text(self.context.fee_due)},
        )

    def _refund(self):
        payment_api.refund(self.context, _text(self.request.form.get("comment")))
        return _(
            "status_fee_refunded",
            default="Đã hoàn trả phí, lệ phí (biên lai số ${number}).",
            mapping={"number": self.context.receipt_number or "—"},
        )
