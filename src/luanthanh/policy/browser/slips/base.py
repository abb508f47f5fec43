"""What every printable slip of a dossier shares: the center, the dates, the layout.

The slips follow the forms of Thông tư 03/2025/TT-VPCP (Phụ lục I, Mẫu 01 to 07), filled
from a dossier.  The pages stand alone (no Plone chrome) so that they print as
the form; the toolbar with the print button is hidden in print.  Times are
stored in UTC and shown in Asia/Ho_Chi_Minh.
"""

from luanthanh.policy import settings
from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.config import local_date
from luanthanh.policy.config import now
from luanthanh.policy.dossiers.history import last
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.formatting import format_date
from luanthanh.policy.formatting import format_legal_datetime
from luanthanh.policy.formatting import format_short_datetime
from luanthanh.policy.formatting import fullname
from luanthanh.policy.formatting import legal_date_parts
from luanthanh.policy.i18n import _
from luanthanh.policy.urls import resource_url
from luanthanh.policy.urls import site_url
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


#: The print stylesheet of the slips.
CSS = "slips.css"
SIGN_HINT = _("slip_sign_hint", default="(Ký và ghi rõ họ tên)")


def place_date(moment=None):
    """``Luận Thành, ngày 05 tháng 3 năm 2026`` (today without a moment)."""
    day = local_date(moment if moment is not None else now())
    return _(
        "slip_place_date",
        default="Luận Thành, ngày ${day} tháng ${month} năm ${year}",
        mapping=legal_date_parts(day),
    )


def step_timeliness(moment, due) -> str:
    """``early``/``on_time``/``late`` of a step done at ``moment`` against the
    dossier's original ``due`` date (by day: on the due day is on time)."""
    if moment is None or due is None:
        return ""
    done, limit = local_date(moment), local_date(due)
    if done < limit:
        return "early"
    return "on_time" if done == limit else "late"


def no_store(response) -> None:
    """Slips carry personal data: never cached, never indexed."""
    response.setHeader("Cache-Control", "private, no-store")
    response.setHeader("X-Robots-Tag", "noindex, nofollow")


class SlipView(BrowserView):
    """What every slip shares: the center, the dates, the layout."""

    layout = ViewPageTemplateFile("templates/slip_layout.pt")
    template = None
    #: The heading of the slip (upper case, as on the form).
    title = ""
    #: The form's number in the circular, shown small at the top on screen.
    form_reference = ""

    def __call__(self):
        self.update()
        no_store(self.request.response)
        return self.template()

    def update(self) -> None:
        """Prepare the page; a form handles its POST here."""

    def t(self, msg) -> str:
        return translate(msg, context=self.request)

    # The center and the dossier --------------------------------------------

    @property
    @memoize
    def center(self) -> dict[str, str]:
        return settings.center()

    @property
    @memoize
    def portal_url(self) -> str:
        return site_url()

    def css_url(self) -> str:
        return resource_url(CSS, self.portal_url)

    def back_url(self) -> str:
        return self.context.absolute_url()

    @property
    def code(self) -> str:
        return self.context.code or ""

    @property
    @memoize
    def procedure(self):
        return procedure_of(self.context)

    def procedure_title(self) -> str:
        procedure = self.procedure
        return procedure.title if procedure is not None else ""

    def procedure_code(self) -> str:
        procedure = self.procedure
        return (procedure.code or "") if procedure is not None else ""

    def applicant(self) -> dict[str, str]:
        dossier = self.context
        return {
            "name": dossier.applicant_name or "",
            "id_number": dossier.applicant_id_number or "",
            "phone": dossier.applicant_phone or "",
            "email": dossier.applicant_email or "",
            "address": dossier.applicant_address or "",
        }

    @memoize
    def main_facts(self) -> dict | None:
        """The few declared facts that say what the dossier is about (online
        dossiers: the child's name and date of birth of a birth registration),
        for the line "Nội dung yêu cầu giải quyết"; None without any."""
        facts = dossier_api.main_facts(self.context, self.request)
        if facts is None:
            return None
        return {
            "title": facts.title,
            "answers": [
                {"label": answer.label, "value": answer.value}
                for answer in facts.answers
            ],
        }

    # Dates ------------------------------------------------------------------

    def issued_at(self):
        """The moment the slip is dated: the place-and-date line shows its day."""
        return None

    def place_date(self):
        """``Luận Thành, ngày 05 tháng 3 năm 2026`` (today without a date)."""
        return place_date(self.issued_at())

    format_date = staticmethod(format_date)
    format_datetime = staticmethod(format_legal_datetime)
    format_short_datetime = staticmethod(format_short_datetime)

    def received(self):
        return format_legal_datetime(self.context.received_at)

    def due(self):
        return format_legal_datetime(self.context.due_date)

    def signatures(self) -> list[dict]:
        """Signature blocks, left to right: {title, hint, name}."""
        return []

    def signature(self, title, entry: dict | None) -> dict:
        """A signature block: ``title``, the hint, the name of who did ``entry``."""
        name = fullname(entry["actor"]) if entry else ""
        return {"title": title, "hint": SIGN_HINT, "name": name}


class StepSlipView(SlipView):
    """A slip issued for a step of the workflow (refusal, stop, supplement).

    It reads the last history entry of one of ``transitions``: its time dates
    the slip, its comment is the reason, its actor signs.
    """

    #: The transitions whose last history entry the slip is issued for.
    transitions: tuple[str, ...] = ()

    @property
    def entry(self) -> dict | None:
        return last(self.context, self.transitions)

    def issued_at(self):
        entry = self.entry
        return entry["time"] if entry else None

    def issued_on(self) -> str:
        """The day of the step, as the slip writes it (empty without one)."""
        entry = self.entry
        return format_date(entry["time"]) if entry else ""

    def reason(self) -> str:
        entry = self.entry
        return (entry.get("comment") or "") if entry else ""
