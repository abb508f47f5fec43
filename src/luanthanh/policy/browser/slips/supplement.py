"""Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02), ``@@phieu-yeu-cau-bo-sung``."""

from Acquisition import aq_base
from luanthanh.policy.browser.slips.base import SlipView
from luanthanh.policy.dossiers.history import last
from luanthanh.policy.formatting import format_date
from luanthanh.policy.i18n import _
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class SupplementView(SlipView):
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02)."""

    template = ViewPageTemplateFile("templates/slip_supplement.pt")
    title = _(
        "slip_supplement_title", default="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
    )
    form_reference = _("slip_supplement_form", default="Mẫu số 02")

    @property
    def entry(self) -> dict | None:
        return last(self.context, ("request_supplement",))

    def issued_at(self):
        entry = self.entry
        return entry["time"] if entry else None

    def request_text(self) -> str:
        text = getattr(aq_base(self.context), "supplement_request", "") or ""
        if not text and self.entry:
            text = self.entry.get("comment") or ""
        return text

    def requested_on(self) -> str:
        entry = self.entry
        return format_date(entry["time"]) if entry else ""

    def signatures(self) -> list[dict]:
        return [
            self.signature(_("slip_sign_guide", default="NGƯỜI HƯỚNG DẪN"), self.entry)
        ]
