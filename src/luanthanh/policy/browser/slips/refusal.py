"""Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu số 03), ``@@phieu-tu-choi``."""

from luanthanh.policy.browser.slips.base import StepSlipView
from luanthanh.policy.i18n import _
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class RefusalView(StepSlipView):
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu số 03)."""

    template = ViewPageTemplateFile("templates/slip_refusal.pt")
    title = _("slip_refusal_title", default="PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ")
    form_reference = _("slip_refusal_form", default="Mẫu số 03")
    transitions = ("refuse", "deny")

    def at_intake(self) -> bool:
        entry = self.entry
        return entry is not None and entry["action"] == "refuse"

    def signatures(self) -> list[dict]:
        entry = self.entry
        if entry is not None and entry["action"] == "deny":
            title = _("slip_sign_authority", default="NGƯỜI CÓ THẨM QUYỀN")
        else:
            title = _("slip_sign_receiver", default="NGƯỜI TIẾP NHẬN HỒ SƠ")
        return [self.signature(title, entry)]
