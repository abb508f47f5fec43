"""Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01), ``@@giay-tiep-nhan``.

With a QR code to the public status lookup of the dossier, and while the fee
is unpaid the VietQR code that pays it (issue #18).  Item 1 lists the papers
received (``api.dossier.received_documents``), never the procedure's
catalogue.
"""

from luanthanh.policy import api
from luanthanh.policy.browser.payment_qr import PaymentQR
from luanthanh.policy.browser.slips.base import SIGN_HINT
from luanthanh.policy.browser.slips.base import SlipView
from luanthanh.policy.dossiers.delivery import place as result_place
from luanthanh.policy.dossiers.history import last
from luanthanh.policy.formatting import format_days
from luanthanh.policy.i18n import _
from luanthanh.policy.qr import qr_svg
from luanthanh.policy.urls import lookup_url
from plone.memoize.view import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


def _count(row: dict, form: str) -> str:
    return f"{row['count']:02d}" if row["form"] == form else "—"


class ReceiptView(SlipView):
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01)."""

    template = ViewPageTemplateFile("templates/slip_receipt.pt")
    title = _("slip_receipt_title", default="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    form_reference = _("slip_receipt_form", default="Mẫu số 01")

    def issued_at(self):
        return self.context.received_at

    @property
    def accepted(self) -> dict | None:
        return last(self.context, ("accept",))

    @memoize
    def documents(self) -> list[dict] | None:
        """Item 1: the papers received, numbered, a count in the column of
        its form ("—" in the other; both for a paper shown, whose note says
        "Xuất trình"); None when they were not recorded."""
        rows = api.dossier.received_documents(self.context)
        if rows is None:
            return None
        shown = self.t(_("paper_form_shown", default="Xuất trình"))
        return [
            {
                "number": number,
                "name": row["name"],
                "originals": _count(row, "original"),
                "copies": _count(row, "copy"),
                "note": "; ".join(
                    part
                    for part in (shown if row["form"] == "shown" else "", row["note"])
                    if part
                ),
            }
            for number, row in enumerate(rows, start=1)
        ]

    def shown_at_return(self) -> str:
        """An online dossier's papers to show when the result is returned."""
        return "; ".join(
            paper["name"]
            if paper["mandatory"]
            else self.t(
                _(
                    "slip_paper_if_any",
                    default="${name} (nếu có)",
                    mapping={"name": paper["name"]},
                )
            )
            for paper in api.dossier.shown_at_return(self.context)
        )

    def book(self) -> dict[str, str]:
        """Quyển số and Số thứ tự in the Sổ theo dõi hồ sơ (Mẫu số 07); "—"
        before reception."""
        position = api.dossier.book_position(self.context)
        if position is None:
            return {"book": "—", "order": "—"}
        year, order = position
        return {"book": str(year), "order": f"{order:02d}"}

    def delivery(self):
        """Item 6: where the applicant asked to receive the result."""
        return result_place(self.context)

    def at_center(self) -> bool:
        """Whether the applicant comes to the counter for the result."""
        return (self.context.result_delivery or "center") == "center"

    def processing_days(self):
        procedure = self.procedure
        if procedure is None:
            return ""
        return format_days(procedure.processing_days)

    def lookup_url(self) -> str:
        return lookup_url(self.code, self.portal_url)

    def qr_code(self) -> str:
        return qr_svg(self.lookup_url())

    def payment(self) -> str:
        """The VietQR box while the fee is unpaid (:mod:`..payment_qr`)."""
        return PaymentQR(self.context, self.request).render(
            api.payment.public(self.context), level=2
        )

    def signatures(self) -> list[dict]:
        return [
            {
                "title": _("slip_sign_applicant", default="NGƯỜI NỘP HỒ SƠ"),
                "hint": SIGN_HINT,
                "name": self.context.applicant_name or "",
            },
            self.signature(
                _("slip_sign_receiver", default="NGƯỜI TIẾP NHẬN HỒ SƠ"),
                self.accepted,
            ),
        ]
