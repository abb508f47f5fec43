"""Thông báo dừng giải quyết hồ sơ, ``@@thong-bao-dung``."""

from luanthanh.policy.browser.slips.base import SlipView
from luanthanh.policy.dossiers.history import last
from luanthanh.policy.formatting import format_date
from luanthanh.policy.i18n import _
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class StopView(SlipView):
    """Thông báo dừng giải quyết hồ sơ."""

    template = ViewPageTemplateFile("templates/slip_stop.pt")
    title = _("slip_stop_title", default="THÔNG BÁO")
    form_reference = ""

    @property
    def entry(self) -> dict | None:
        return last(self.context, ("stop",))

    def issued_at(self):
        entry = self.entry
        return entry["time"] if entry else None

    def reason(self) -> str:
        entry = self.entry
        return (entry.get("comment") or "") if entry else ""

    def stopped_on(self) -> str:
        entry = self.entry
        return format_date(entry["time"]) if entry else ""

    def signatures(self) -> list[dict]:
        return [
            self.signature(
                _("slip_sign_center", default="ĐẠI DIỆN TRUNG TÂM"), self.entry
            )
        ]
