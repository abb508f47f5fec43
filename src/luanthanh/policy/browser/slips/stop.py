"""Thông báo dừng giải quyết hồ sơ (Mẫu số 05), ``@@thong-bao-dung``."""

from luanthanh.policy.browser.slips.base import StepSlipView
from luanthanh.policy.i18n import _
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class StopView(StepSlipView):
    """Thông báo dừng giải quyết hồ sơ (Mẫu số 05)."""

    template = ViewPageTemplateFile("templates/slip_stop.pt")
    title = _("slip_stop_title", default="THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ")
    form_reference = _("slip_stop_form", default="Mẫu số 05")
    transitions = ("stop",)

    def signatures(self) -> list[dict]:
        return [
            self.signature(
                _("slip_sign_center", default="ĐẠI DIỆN TRUNG TÂM"), self.entry
            )
        ]
