"""Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu số 05), ``@@phieu-kiem-soat``.

One row per entry of the dossier's history, and the apologies issued.
"""

from luanthanh.policy import api as domain
from luanthanh.policy.browser.slips.base import SlipView
from luanthanh.policy.config import DOSSIER_WORKFLOW
from luanthanh.policy.formatting import format_date
from luanthanh.policy.formatting import format_legal_datetime
from luanthanh.policy.formatting import format_short_datetime
from luanthanh.policy.formatting import fullname
from luanthanh.policy.i18n import _
from luanthanh.policy.vocabularies import TIMELINESS
from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


# Who holds the dossier in each state, for the control slip.
HOLDERS = {
    "intake": _("holder_intake", default="Bộ phận Một cửa (tiếp nhận)"),
    "processing": _("holder_processing", default="Chuyên viên xử lý"),
    "supplement": _("holder_supplement", default="Công dân (bổ sung hồ sơ)"),
    "approval": _("holder_approval", default="Lãnh đạo phê duyệt"),
    "result": _("holder_result", default="Bộ phận Một cửa (trả kết quả)"),
    "returned": _("holder_returned", default="Công dân (đã nhận kết quả)"),
    "rejected": _("holder_rejected", default="Công dân (nhận phiếu từ chối)"),
    "stopped": _("holder_stopped", default="Lưu hồ sơ (dừng giải quyết)"),
    "withdrawn": _("holder_withdrawn", default="Công dân (rút hồ sơ)"),
}


def transition_title(action: str, request) -> str:
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(DOSSIER_WORKFLOW)
    transition = workflow.transitions.get(action) if workflow else None
    if transition is None:
        return action
    return translate(transition.title, domain="luanthanh.policy", context=request)


class ControlView(SlipView):
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu số 05)."""

    template = ViewPageTemplateFile("templates/slip_control.pt")
    title = _(
        "slip_control_title", default="PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
    )
    form_reference = _("slip_control_form", default="Mẫu số 05")

    def issued_at(self):
        return self.context.received_at

    def rows(self) -> list[dict]:
        names: dict[str, str] = {}
        rows = []
        assignee = self.context.assigned_to or ""
        for number, entry in enumerate(domain.dossier.history(self.context), start=1):
            actor = entry.get("actor") or ""
            if actor not in names:
                names[actor] = fullname(actor)
            rows.append(
                {
                    "number": number,
                    "action": transition_title(entry.get("action", ""), self.request),
                    "from": self.holder(entry.get("from_state"), assignee),
                    "to": self.holder(entry.get("to_state"), assignee),
                    "time": format_short_datetime(entry.get("time")),
                    "actor": names[actor],
                    "comment": entry.get("comment") or "",
                }
            )
        return rows

    def holder(self, state: str | None, assignee: str) -> str:
        label = self.t(HOLDERS.get(state or "", state or ""))
        if state == "processing" and assignee:
            return f"{label}: {fullname(assignee)}"
        return label

    def verdict(self):
        """Trước hạn / Đúng hạn / Quá hạn once resolved, else "not yet"."""
        timeliness = self.context.timeliness
        for token, title in TIMELINESS:
            if token == timeliness:
                return title
        return _("verdict_pending", default="Chưa có kết quả giải quyết")

    def resolved(self):
        return format_legal_datetime(self.context.resolved_at)

    def apologies(self) -> list[dict]:
        return [
            {
                "date": format_date(record["time"]),
                "new_date": format_date(record["new_date"]),
                "reason": record.get("reason", ""),
            }
            for record in domain.dossier.apologies(self.context)
        ]

    def signatures(self) -> list[dict]:
        """The rows carry who did what; no signature block below them."""
        return []
