"""Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu số 06), ``@@phieu-kiem-soat``.

Organised by agency as Mẫu số 06 of Thông tư 03/2025/TT-VPCP: one row per
entry of the dossier's history (TÊN CƠ QUAN | THỜI GIAN GIAO, NHẬN HỒ SƠ |
KẾT QUẢ GIẢI QUYẾT HỒ SƠ | GHI CHÚ), and the apologies issued.
"""

from luanthanh.policy import api as domain
from luanthanh.policy.browser.slips.base import SlipView
from luanthanh.policy.browser.slips.base import step_timeliness
from luanthanh.policy.config import DOSSIER_WORKFLOW
from luanthanh.policy.formatting import format_date
from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.formatting import format_legal_datetime
from luanthanh.policy.formatting import fullname
from luanthanh.policy.i18n import _
from luanthanh.policy.vocabularies import TIMELINESS
from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


# The agency (bộ phận) that holds the dossier in each state, for the control
# slip's column "TÊN CƠ QUAN".  The center only receives and returns; the
# commune's People's Committee (its specialists, its Chairman) decides.
HOLDERS = {
    "intake": _("holder_intake", default="Bộ phận Một cửa (tiếp nhận)"),
    "processing": _("holder_processing", default="Bộ phận chuyên môn (xử lý)"),
    "supplement": _("holder_supplement", default="Người nộp hồ sơ (bổ sung hồ sơ)"),
    "approval": _("holder_approval", default="Lãnh đạo UBND xã (phê duyệt)"),
    "result": _("holder_result", default="Bộ phận Một cửa (trả kết quả)"),
    "returned": _("holder_returned", default="Người nộp hồ sơ (đã nhận kết quả)"),
    "rejected": _("holder_rejected", default="Người nộp hồ sơ (nhận phiếu từ chối)"),
    "stopped": _("holder_stopped", default="Lưu hồ sơ (dừng giải quyết)"),
    "withdrawn": _("holder_withdrawn", default="Người nộp hồ sơ (rút hồ sơ)"),
}
NO_VALUE = "—"


def transition_title(action: str, request) -> str:
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(DOSSIER_WORKFLOW)
    transition = workflow.transitions.get(action) if workflow else None
    if transition is None:
        return action
    return translate(transition.title, domain="luanthanh.policy", context=request)


class ControlView(SlipView):
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu số 06)."""

    template = ViewPageTemplateFile("templates/slip_control.pt")
    title = _(
        "slip_control_title", default="PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
    )
    form_reference = _("slip_control_form", default="Mẫu số 06")

    def issued_at(self):
        return self.context.received_at

    def agency(self) -> str:
        """Cơ quan (bộ phận) giải quyết hồ sơ: the procedure's implementing agency."""
        procedure = self.procedure
        agency = getattr(procedure, "implementing_agency", "") if procedure else ""
        return agency or NO_VALUE

    def partner(self) -> str:
        """Cơ quan phối hợp giải quyết hồ sơ: none is recorded yet."""
        return NO_VALUE

    def rows(self) -> list[dict]:
        """One row per step: the agency that receives the dossier, who hands it
        over and who receives it (the next step's actor) at what time, and the
        step judged against the dossier's original due date."""
        names: dict[str, str] = {}
        entries = domain.dossier.history(self.context)
        assignee = self.context.assigned_to or ""

        def name(actor: str) -> str:
            if actor not in names:
                names[actor] = fullname(actor) if actor else ""
            return names[actor]

        rows = []
        for number, entry in enumerate(entries, start=1):
            following = entries[number] if number < len(entries) else None
            receiver = name(following.get("actor") or "") if following else ""
            rows.append(
                {
                    "number": number,
                    "agency": self.holder(entry.get("to_state"), ""),
                    "action": transition_title(entry.get("action", ""), self.request),
                    "time": format_datetime(entry.get("time")),
                    "giver": name(entry.get("actor") or ""),
                    "receiver": receiver
                    or self.holder(entry.get("to_state"), assignee),
                    "result": self.step_result(entry.get("time")),
                    "comment": entry.get("comment") or "",
                }
            )
        return rows

    def holder(self, state: str | None, assignee: str) -> str:
        label = self.t(HOLDERS.get(state or "", state or ""))
        if state == "processing" and assignee:
            return f"{label}: {fullname(assignee)}"
        return label

    def step_result(self, moment):
        """Trước hạn / Đúng hạn / Quá hạn of one step, against the original due date."""
        token = step_timeliness(moment, self.context.due_date)
        for key, title in TIMELINESS:
            if key == token:
                return title
        return NO_VALUE

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
