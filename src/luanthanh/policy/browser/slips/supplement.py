"""Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02), ``@@phieu-yeu-cau-bo-sung``."""

from Acquisition import aq_base
from luanthanh.policy.browser.slips.base import StepSlipView
from luanthanh.policy.i18n import _
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class SupplementView(StepSlipView):
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02)."""

    template = ViewPageTemplateFile("templates/slip_supplement.pt")
    title = _(
        "slip_supplement_title", default="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
    )
    form_reference = _("slip_supplement_form", default="Mẫu số 02")
    transitions = ("request_supplement",)

    def request_text(self) -> str:
        return getattr(aq_base(self.context), "supplement_request", "") or self.reason()

    def signatures(self) -> list[dict]:
        return [
            self.signature(_("slip_sign_guide", default="NGƯỜI HƯỚNG DẪN"), self.entry)
        ]
