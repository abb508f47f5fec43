"""The public page "Tra cứu hồ sơ" (``@@tra-cuu-ho-so``).

Anonymous citizens look their dossier up with its code and their phone (or
CCCD), send the documents an official asked for while it waits for a
supplement, pay the fee by VietQR while it is unpaid, and rate the service
once it has been returned.  The rules (two factors, no enumeration, throttle,
signed tokens) are those of :mod:`luanthanh.policy.api.lookup`; this view
only reads the form and renders.

The lookup itself is a POST, so that the phone number stays out of URLs and
logs; a GET with ``?code=`` (the QR code of the receipt slip) only fills the
code in.  The second factor is never written back into the page: the forms
for a supplement or a rating ask for it again.
"""

from luanthanh.policy import api
from luanthanh.policy import settings
from luanthanh.policy.browser.payment_qr import PaymentQR
from luanthanh.policy.errors import LuanThanhError
from luanthanh.policy.errors import NotFound
from luanthanh.policy.errors import Throttled
from luanthanh.policy.formatting import format_date
from luanthanh.policy.formatting import format_fee
from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import IPrivateAnswer
from luanthanh.policy.payments.vocabularies import FEE_STATUSES
from luanthanh.policy.urls import site_url
from luanthanh.policy.vocabularies import RATING_LEVELS
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate
from zope.interface import alsoProvides


ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx"


def display_date(iso: str | None) -> str:
    """``2025-12-05`` → ``05/12/2025`` (:func:`format_date`)."""
    return format_date(iso) if iso else ""


class LookupView(BrowserView):
    """Tra cứu tình trạng hồ sơ, nộp bổ sung và đánh giá mức độ hài lòng."""

    index = ViewPageTemplateFile("templates/lookup.pt")
    factor_template = ViewPageTemplateFile("templates/lookup_factor.pt")

    status: dict | None = None
    token = ""
    factor = "phone"
    error = ""
    message = ""

    def __call__(self):
        response = self.request.response
        # Cache-Control: no-store, private (security/headers.py).
        alsoProvides(self.request, IPrivateAnswer)
        response.setHeader("X-Robots-Tag", "noindex")
        if self.request.get("REQUEST_METHOD", "GET") == "POST":
            self.handle(self.request.form.get("action"))
        return self.index()

    def _t(self, msg) -> str:
        return translate(msg, context=self.request)

    # Actions -----------------------------------------------------------------

    def handle(self, action) -> None:
        form = self.request.form
        dossier = None
        try:
            api.lookup.throttle(self.request)
            phone = form.get("phone")
            dossier = api.lookup.find(
                form.get("code"), phone=phone, id_number=form.get("id_number")
            )
            self.factor = "phone" if phone else "id_number"
            if action in ("upload", "rate"):
                api.lookup.require_token(form.get("token"), dossier)
                # Our own signed token, bound to this dossier, and both factors
                # have been checked: plone.protect need not check again.
                alsoProvides(self.request, IDisableCSRFProtection)
                if action == "upload":
                    parts = self.file_parts()
                    # The state and the count first: no file is read for a
                    # supplement that is refused anyway.
                    api.dossier.check_supplement(dossier, len(parts))
                    names = api.dossier.attach_supplement(dossier, self.read(parts))
                    self.message = self._t(
                        _(
                            "supplement_received",
                            default="Đã nhận ${count} tệp bổ sung. Cán bộ xử lý đã "
                            "được thông báo và sẽ tiếp tục giải quyết hồ sơ.",
                            mapping={"count": len(names)},
                        )
                    )
                else:
                    api.dossier.rate(dossier, form.get("rating"), form.get("comment"))
                    self.message = self._t(
                        _(
                            "rating_thanks",
                            default="Cảm ơn ông/bà đã đánh giá. Ý kiến của ông/bà giúp "
                            "Trung tâm phục vụ tốt hơn.",
                        )
                    )
        except LuanThanhError as error:
            self.request.response.setStatus(error.status)
            self.error = self._t(error.message)
            if isinstance(error, NotFound | Throttled):
                return
        if dossier is not None:
            self.status = api.lookup.public_status(dossier, self.request)
            self.token = api.lookup.issue_token(dossier.code)

    def file_parts(self) -> list:
        """The chosen files (the form's parts), none of them read yet.

        A file input left empty (no file name) is no file."""
        files = self.request.form.get("files") or []
        if not isinstance(files, list | tuple):
            files = [files]
        return [
            upload
            for upload in files
            if hasattr(upload, "read") and getattr(upload, "filename", "")
        ]

    def read(self, parts: list) -> list[tuple[str, bytes]]:
        """The files as ``(filename, data)``, each read up to the limit + 1."""
        limit = settings.upload_limits()[0]
        return [(upload.filename, upload.read(limit + 1)) for upload in parts]

    # For the template ------------------------------------------------------------

    def form_url(self) -> str:
        return f"{self.context.absolute_url()}/@@tra-cuu-ho-so"

    def code(self) -> str:
        """The code to fill in: the looked-up one, or what was typed (QR)."""
        if self.status:
            return self.status["code"]
        value = self.request.form.get("code")
        return (
            value.strip()[: api.lookup.MAX_CODE_LENGTH]
            if isinstance(value, str)
            else ""
        )

    def dates(self) -> dict:
        status = self.status or {}
        return {
            "received": display_date(status.get("received_date")),
            "due": display_date(status.get("due_date")),
        }

    def fee(self) -> dict | None:
        """The fee's line: its amount and status ("Đã nộp phí, lệ phí"...);
        None for a dossier whose fee was never recorded."""
        status = self.status or {}
        token = status.get("fee_status")
        if not token:
            return None
        titles = dict(FEE_STATUSES)
        return {
            "amount": self._t(format_fee(status.get("fee_due"))),
            "status": self._t(titles[token]) if token in titles else token,
            "token": token,
        }

    def payment(self) -> str:
        """The VietQR box while the fee is unpaid (:mod:`.payment_qr`)."""
        return PaymentQR(self.context, self.request).render(self.status)

    def max_file_mb(self) -> int:
        return settings.online().max_file_mb

    def max_dossier_mb(self) -> int:
        return settings.online().max_dossier_mb

    def accept(self) -> str:
        return ACCEPT

    def rating_levels(self) -> list[dict]:
        return [
            {"value": token, "title": self._t(title), "id": f"rating-{token}"}
            for token, title in RATING_LEVELS
        ]

    def max_comment(self) -> int:
        return api.lookup.MAX_COMMENT_LENGTH

    def portal_url(self) -> str:
        return site_url()
