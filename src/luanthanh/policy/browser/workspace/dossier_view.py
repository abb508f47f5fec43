"""``view`` of a dossier: the dossier as the officials work on it.

Every field, the deadline, the fee and its payment (the panel "Phí, lệ phí"
of :mod:`.payment`), the transitions as forms posting to
``@@chuyen-trang-thai``, the history as a timeline, the attachments, and
for an online dossier the declaration ("Nội dung tờ khai"): what the citizen
answered on the form, grouped by its fieldsets, read-only.
"""

from AccessControl import getSecurityManager
from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.api import payment as payment_api
from luanthanh.policy.browser.workspace.labels import DossierLabels
from luanthanh.policy.browser.workspace.payment import PaymentPanel
from luanthanh.policy.config import local
from luanthanh.policy.dossiers.delivery import instruction as result_instruction
from luanthanh.policy.dossiers.delivery import place as result_place
from luanthanh.policy.dossiers.transitions import REASON_REQUIRED
from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.i18n import _
from luanthanh.policy.payments.record import unpaid_message
from luanthanh.policy.states import UNRESOLVED
from luanthanh.policy.vocabularies import PAPER_FORMS
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


#: The heading of the form's first fieldset, where the applicant's fields are.
APPLICANT_SECTION = _("fieldset_applicant", default="Người nộp hồ sơ")


class DossierView(BrowserView):
    """A dossier as the officials work on it."""

    index = ViewPageTemplateFile("templates/dossier_view.pt")

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self.request.response.setHeader("X-Robots-Tag", "noindex")
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        self.labels = DossierLabels(self.request)
        self.state = api.content.get_state(self.context, default="")
        self.files = dossier_api.attachments(self.context)
        self.declared = dossier_api.declaration(self.context, self.request, self.files)
        self.payment = PaymentPanel(self.context, self.request)
        return self.index()

    def _t(self, msg) -> str:
        return translate(msg, context=self.request)

    def state_title(self) -> str:
        return self.labels.state(self.state)

    def procedure(self) -> dict | None:
        procedure = dossier_api.procedure(self.context)
        if procedure is None:
            return None
        viewable = getSecurityManager().checkPermission("View", procedure)
        return {
            "title": procedure.title,
            "code": procedure.code or "",
            "url": procedure.absolute_url() if viewable else "",
            "days": procedure.processing_days,
        }

    def channel(self) -> str:
        return self.labels.channel(self.context.channel)

    def delivery(self) -> str:
        """Where the applicant asked to receive the result (as on the receipt)."""
        return self._t(result_place(self.context))

    def delivery_todo(self) -> str:
        """What the official does with the result: beside "Trả kết quả"."""
        return self._t(result_instruction(self.context))

    def fee_unpaid(self) -> str:
        """Beside "Trả kết quả" while the fee is unpaid: the result waits."""
        if payment_api.may_deliver(self.context):
            return ""
        return self._t(unpaid_message(self.context))

    def timeliness(self) -> str:
        value = self.context.timeliness
        return self.labels.timeliness(value) if value else ""

    def dates(self) -> list[dict]:
        c = self.context
        rows = [
            (_("label_submitted_at", default="Ngày nộp"), c.submitted_at),
            (_("label_received_at", default="Ngày tiếp nhận"), c.received_at),
            (_("label_due_date", default="Ngày hẹn trả kết quả"), c.due_date),
            (_("label_resolved_at", default="Ngày giải quyết xong"), c.resolved_at),
            (_("label_returned_at", default="Ngày trả kết quả"), c.returned_at),
        ]
        return [
            {"label": self._t(label), "value": format_datetime(value)}
            for label, value in rows
            if value is not None
        ]

    def deadline(self) -> dict | None:
        """Working days left, or the overdue flag, while unresolved."""
        due = self.context.due_date
        if due is None or self.state not in UNRESOLVED:
            return None
        days = self.labels.days_left(due)
        overdue = local(due).date() < self.labels.today
        return {
            "days": days,
            "label": self.labels.days_label(days),
            "overdue": overdue,
            "css": "dossier-overdue"
            if overdue
            else ("dossier-due-today" if days == 0 else ""),
        }

    def assigned(self) -> str:
        userid = self.context.assigned_to
        return self.labels.fullname(userid) if userid else ""

    def transitions(self) -> list[dict]:
        wftool = api.portal.get_tool("portal_workflow")
        items = []
        for info in wftool.getTransitionsFor(self.context):
            tid = info["id"]
            required = tid in REASON_REQUIRED
            items.append(
                {
                    "id": tid,
                    "title": self.labels.transition(tid),
                    "description": translate(
                        info.get("description") or "",
                        domain="luanthanh.policy",
                        context=self.request,
                    ),
                    "required": required,
                    "hint": self._t(REASON_REQUIRED[tid]) if required else "",
                    "danger": tid in ("refuse", "deny", "stop", "withdraw"),
                }
            )
        return items

    def action_url(self) -> str:
        return f"{self.context.absolute_url()}/@@chuyen-trang-thai"

    def history(self) -> list[dict]:
        labels = self.labels
        entries = []
        for entry in reversed(dossier_api.history(self.context)):
            before = entry.get("due_date_before")
            after = entry.get("due_date_after")
            changed = before != after and after is not None
            entries.append(
                {
                    "time": format_datetime(entry.get("time")),
                    "actor": labels.fullname(entry.get("actor")),
                    "action": labels.transition(entry.get("action")),
                    "from_state": labels.state(entry.get("from_state")),
                    "to_state": labels.state(entry.get("to_state")),
                    "comment": entry.get("comment") or "",
                    "due_changed": changed,
                    "due_before": format_datetime(before) if before else "",
                    "due_after": format_datetime(after) if after else "",
                }
            )
        return entries

    def attachments(self) -> list[dict]:
        """Every file, with the document of the form it answers, if any (and
        unless the file is already kept under that document's name)."""
        answered = self.declared.answered
        return [
            dict(
                item,
                created=format_datetime(item["created"]),
                answers=(
                    ""
                    if answered.get(item["url"], "") == item["title"]
                    else answered.get(item["url"], "")
                ),
            )
            for item in self.files
        ]

    def papers(self) -> list[dict] | None:
        """The papers received (the receipt's item 1): name, form, count,
        note; None when they were not recorded."""
        rows = dossier_api.received_documents(self.context)
        if rows is None:
            return None
        forms = dict(PAPER_FORMS)
        return [
            dict(
                row,
                form=self._t(forms.get(row["form"], row["form"])),
                count="—" if row["form"] == "shown" else row["count"],
            )
            for row in rows
        ]

    def declaration(self) -> list[dict]:
        """The declaration's sections: title, answers, consent boxes."""
        sections = []
        for section in self.declared.sections:
            title = section.title
            if not title and any(answer.applicant for answer in section.answers):
                title = self._t(APPLICANT_SECTION)
            sections.append(
                {
                    "title": title,
                    "answers": [
                        {
                            "label": answer.label,
                            "value": answer.value,
                            "kind": answer.kind,
                            "empty": not answer.value.strip(),
                            "file": answer.file,
                        }
                        for answer in section.answers
                    ],
                    "consents": [
                        {"label": answer.label, "given": answer.checked}
                        for answer in section.consents
                    ],
                }
            )
        return sections

    def consented_at(self) -> str:
        return format_datetime(self.context.consented_at)

    def result_file(self) -> dict | None:
        blob = self.context.result_file
        if not blob:
            return None
        return {
            "name": blob.filename or "ket-qua",
            "url": f"{self.context.absolute_url()}/@@download/result_file",
        }

    def dashboard_url(self) -> str:
        return self.context.__parent__.absolute_url()
