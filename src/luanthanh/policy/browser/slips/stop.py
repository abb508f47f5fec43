"""Thông báo dừng giải quyết hồ sơ, ``@@thong-bao-dung``."""

from luanthanh.policy.browser.slips.base import StepSlipView
from luanthanh.policy.i18n import _
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class StopView(StepSlipView):
    """Thông báo dừng giải quyết hồ sơ."""

    template = ViewPageTemplateFile("templates/slip_stop.pt")
    title = _("slip_stop_title", default="THÔNG BÁO")
    form_reference = ""
    transitions = ("stop",)

    def signatures(self) -> list[dict]:
        return [
            self.signature(
                _("slip_sign_center", default="ĐẠI DIỆN TRUNG TÂM"), self.entry
            )
        ]
