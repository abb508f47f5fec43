"""Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Mẫu số 04).

The view is ``@@phieu-xin-loi``.

Its form (POST, CSRF token) issues an apology through
:func:`luanthanh.policy.api.dossier.issue_apology`, which records it in the
dossier's ``apologies`` and never touches ``due_date``.
"""

from luanthanh.policy import api
from luanthanh.policy.browser.slips.base import SlipView
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.formatting import format_date
from luanthanh.policy.formatting import INVALID_DAY
from luanthanh.policy.formatting import parse_day
from luanthanh.policy.i18n import _
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Forbidden


FORBIDDEN = _(
    "apology_error_forbidden",
    default="Không thể lập phiếu xin lỗi cho hồ sơ này.",
)


def text_field(form, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


class ApologyView(SlipView):
    """Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Mẫu số 04).

    GET shows the latest letter (``?so=N`` for the Nth) and, while the
    dossier is unresolved, the form to issue a new one.  POST (with the CSRF
    token) issues it: the new appointment date (a working day after the
    legal due date, not in the past) and the reason are checked by the API;
    the page shows what is wrong, or redirects to the letter.
    """

    template = ViewPageTemplateFile("templates/slip_apology.pt")
    title = _(
        "slip_apology_title",
        default="VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    )
    form_reference = _("slip_apology_form", default="Mẫu số 04")

    errors: dict
    values: dict

    def update(self) -> None:
        self.errors = {}
        self.values = {"new_date": "", "reason": "", "approver": ""}
        form = self.request.form
        if self.request.get("REQUEST_METHOD", "GET") != "POST":
            return
        if "form.buttons.issue" not in form:
            return
        CheckAuthenticator(self.request)
        if not self.can_issue():
            raise Forbidden(self.t(FORBIDDEN))
        raw_date = text_field(form, "new_date")
        reason = text_field(form, "reason").strip()
        approver = text_field(form, "approver").strip()
        self.values = {"new_date": raw_date, "reason": reason, "approver": approver}
        try:
            api.dossier.issue_apology(
                self.context, parse_day(raw_date), reason, approver
            )
        except api.exc.Forbidden as error:
            raise Forbidden(self.t(error.message)) from error
        except InvalidInput as error:
            self.errors = dict(error.details or {error.field or "": error.message})
            if raw_date.strip() and parse_day(raw_date) is None:  # typed, unreadable
                self.errors["new_date"] = self.t(INVALID_DAY)
            return
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@phieu-xin-loi", status=303
        )

    def can_issue(self) -> bool:
        """An unresolved dossier with a due date, and an official's permission."""
        return api.dossier.can_issue_apology(self.context)

    def apologies(self) -> list[dict]:
        return api.dossier.apologies(self.context)

    @property
    @memoize
    def record(self) -> dict | None:
        """The letter shown: ``?so=N`` (from 1), else the latest."""
        records = self.apologies()
        if not records:
            return None
        number = self.request.form.get("so")
        try:
            index = int(number) - 1 if number else len(records) - 1
        except (TypeError, ValueError):
            index = len(records) - 1
        if not 0 <= index < len(records):
            index = len(records) - 1
        return records[index]

    def record_number(self) -> int:
        """The number of the letter shown (from 1), 0 without any."""
        for number, record in enumerate(self.apologies(), start=1):
            if record is self.record:
                return number
        return 0

    def issued_at(self):
        record = self.record
        return record["time"] if record else None

    def new_date(self) -> str:
        record = self.record
        return format_date(record["new_date"]) if record else ""

    def reason(self) -> str:
        record = self.record
        return record.get("reason", "") if record else ""

    def approver(self) -> str:
        """Who approves the extension; "—" for letters issued before it was asked."""
        record = self.record
        return (record.get("approver") or "—") if record else ""

    def default_approver(self) -> str:
        return api.dossier.DEFAULT_APPROVER

    def original_due(self) -> str:
        return format_date(self.context.due_date)

    def min_date(self) -> str:
        """The first day the date input offers: the day after the due date."""
        return api.dossier.first_apology_day(self.context).isoformat()

    def letters(self) -> list[dict]:
        base = f"{self.context.absolute_url()}/@@phieu-xin-loi"
        current = self.record_number()
        return [
            {
                "number": number,
                "url": f"{base}?so={number}",
                "date": format_date(record["time"]),
                "new_date": format_date(record["new_date"]),
                "current": number == current,
            }
            for number, record in enumerate(self.apologies(), start=1)
        ]

    def signatures(self) -> list[dict]:
        return [
            self.signature(
                _("slip_sign_center", default="ĐẠI DIỆN TRUNG TÂM"), self.record
            )
        ]
