"""Printable slips of the one-stop desk (A4), after the forms of the circular.

The forms of Thông tư 01/2018/TT-VPCP (Mẫu 01 to 06), filled from a dossier:

* ``@@giay-tiep-nhan``: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with a QR
  code to the public status lookup;
* ``@@phieu-yeu-cau-bo-sung``: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ;
* ``@@phieu-tu-choi``: Phiếu từ chối tiếp nhận, giải quyết hồ sơ;
* ``@@phieu-xin-loi``: Phiếu xin lỗi và hẹn lại ngày trả kết quả; its form
  (POST, CSRF token) records an apology in the dossier's ``apologies`` and
  never touches ``due_date``: statistics judge against the original date;
* ``@@thong-bao-dung``: Thông báo dừng giải quyết hồ sơ;
* ``@@phieu-kiem-soat``: Phiếu kiểm soát quá trình giải quyết hồ sơ, from the
  dossier's ``history``;
* ``@@so-theo-doi`` on the DossierFolder: Sổ theo dõi hồ sơ for a period,
  from catalog metadata only, also as ``?format=xlsx``.

The pages stand alone (no Plone chrome) so that they print as the form; the
toolbar with the print button is hidden in print.  Times are stored in UTC
and shown in Asia/Ho_Chi_Minh.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from html import escape
from luanthanh.policy import deadlines
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.formatting import format_days
from luanthanh.policy.i18n import _
from luanthanh.policy.vocabularies import TIMELINESS
from persistent.list import PersistentList
from plone import api
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zExceptions import Forbidden
from zope.i18n import translate

import io
import qrcode


#: The public status lookup; the code goes in ``?code=``.
LOOKUP_PATH = "tra-cuu-ho-so/@@tra-cuu-ho-so"
SETTINGS_PREFIX = "luanthanh.policy.site"
#: States of a dossier received and not yet resolved: an apology may be issued.
UNRESOLVED = ("processing", "supplement", "approval")
#: Who may issue an apology, besides viewing the dossier: any of these.
APOLOGY_PERMISSIONS = (
    "Modify portal content",
    "luanthanh.policy: Receive dossiers",
    "luanthanh.policy: Process dossiers",
    "luanthanh.policy: Approve dossiers",
)
MAX_REASON_LENGTH = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@")


# Helpers ---------------------------------------------------------------------


def lookup_url(code: str, portal_url: str | None = None) -> str:
    """The public status lookup of a dossier, as printed in the QR code."""
    base = portal_url if portal_url is not None else api.portal.get().absolute_url()
    return f"{base}/{LOOKUP_PATH}?{urlencode({'code': code or ''})}"


def css_url(portal_url: str) -> str:
    """The print stylesheet of the slips."""
    return f"{portal_url}/++resource++luanthanh.policy/slips.css"


def qr_svg(text: str, label: str | None = None) -> str:
    """An inline SVG QR code of ``text``, made server-side.

    Dark modules are drawn as one path, row by row; the label (default: the
    text) is the SVG's ``<title>`` and ``aria-label``.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    label = escape(label if label is not None else text, quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="slip-qr-code" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="{label}" '
        f'shape-rendering="crispEdges"><title>{label}</title>'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(parts)}"/></svg>'
    )


def local(value) -> datetime | None:
    """A stored (UTC) datetime in Asia/Ho_Chi_Minh; None stays None."""
    if not isinstance(value, datetime):
        return None
    return deadlines.local_datetime(value)


def format_date(value) -> str:
    """``dd/mm/yyyy`` in local time; "" without a value."""
    if isinstance(value, datetime):
        value = deadlines.local_date(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return ""


def format_datetime(value):
    """``HH giờ MM phút, ngày dd/mm/yyyy`` in local time; "" without a value."""
    moment = local(value)
    if moment is None:
        return ""
    return _(
        "slip_datetime",
        default="${hour} giờ ${minute} phút, ngày ${date}",
        mapping={
            "hour": f"{moment.hour:02d}",
            "minute": f"{moment.minute:02d}",
            "date": moment.strftime("%d/%m/%Y"),
        },
    )


def format_short_datetime(value) -> str:
    """``HH:MM dd/mm/yyyy`` in local time; "" without a value."""
    moment = local(value)
    return moment.strftime("%H:%M %d/%m/%Y") if moment is not None else ""


def legal_date_parts(day: date) -> dict[str, str]:
    """Day, month and year as administrative documents write them.

    A day below 10 and the months 1 and 2 take a leading zero (Nghị định
    30/2020/NĐ-CP): "ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm 2026".
    """
    return {
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}" if day.month < 3 else str(day.month),
        "year": str(day.year),
    }


def parse_day(value) -> date | None:
    """A date from ``yyyy-mm-dd`` (HTML date inputs) or ``dd/mm/yyyy``."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def center_settings() -> dict[str, str]:
    """The center's name, address, hotline and e-mail from the registry."""
    values = {}
    for name, default in (
        ("center_name", "Trung tâm Phục vụ hành chính công xã Luận Thành"),
        ("address", ""),
        ("hotline", ""),
        ("email", ""),
    ):
        value = api.portal.get_registry_record(
            f"{SETTINGS_PREFIX}.{name}", default=None
        )
        values[name] = value or default
    return values


def fullname(userid: str | None) -> str:
    """The full name of a user, else the user id; "" without one."""
    if not userid:
        return ""
    user = api.user.get(userid=userid)
    if user is None:
        return userid
    return user.getProperty("fullname", "") or userid


def history_of(dossier) -> list[dict]:
    return list(getattr(aq_base(dossier), "history", None) or ())


def last_entry(dossier, actions) -> dict | None:
    """The latest history entry of one of ``actions``, or None."""
    for entry in reversed(history_of(dossier)):
        if entry.get("action") in actions:
            return entry
    return None


def apologies_of(dossier) -> list[dict]:
    return list(getattr(aq_base(dossier), "apologies", None) or ())


def add_apology(dossier, new_date: date, reason: str, actor: str) -> dict:
    """Record an apology; the due date stays the legal one.

    ``new_date`` is stored like ``due_date``: aware, in UTC, at the closing
    time of the local day.
    """
    calendar = deadlines.WorkCalendar.from_registry()
    record = {
        "time": datetime.now(UTC),
        "actor": actor,
        "new_date": deadlines.due_datetime(new_date, calendar).astimezone(UTC),
        "reason": reason,
    }
    apologies = aq_base(dossier).__dict__.get("apologies")
    if not isinstance(apologies, PersistentList):
        apologies = PersistentList(apologies or ())
        dossier.apologies = apologies
    apologies.append(record)
    return record


def neutralise(value):
    """Keep a spreadsheet from running a text cell as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


# The slips of a dossier ------------------------------------------------------


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
        response = self.request.response
        response.setHeader("Cache-Control", "private, no-store")
        response.setHeader("X-Robots-Tag", "noindex, nofollow")
        return self.template()

    def update(self) -> None:
        """Prepare the page; a form handles its POST here."""

    def t(self, msg) -> str:
        return translate(msg, context=self.request)

    # The center and the dossier --------------------------------------------

    @property
    @memoize
    def center(self) -> dict[str, str]:
        return center_settings()

    @property
    @memoize
    def portal_url(self) -> str:
        return api.portal.get().absolute_url()

    def css_url(self) -> str:
        return css_url(self.portal_url)

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

    # Dates ------------------------------------------------------------------

    def issued_at(self):
        """The moment the slip is dated: the place-and-date line shows its day."""
        return None

    def place_date(self):
        """``Luận Thành, ngày 05 tháng 3 năm 2026`` (today without a date)."""
        moment = self.issued_at()
        day = deadlines.local_date(moment if moment is not None else datetime.now(UTC))
        return _(
            "slip_place_date",
            default="Luận Thành, ngày ${day} tháng ${month} năm ${year}",
            mapping=legal_date_parts(day),
        )

    format_date = staticmethod(format_date)
    format_datetime = staticmethod(format_datetime)
    format_short_datetime = staticmethod(format_short_datetime)

    def received(self):
        return format_datetime(self.context.received_at)

    def due(self):
        return format_datetime(self.context.due_date)

    def signatures(self) -> list[dict]:
        """Signature blocks, left to right: {title, hint, name}."""
        return []


class ReceiptView(SlipView):
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01)."""

    template = ViewPageTemplateFile("templates/slip_receipt.pt")
    title = _("slip_receipt_title", default="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    form_reference = _("slip_receipt_form", default="Mẫu số 01")

    def issued_at(self):
        return self.context.received_at

    @property
    def accepted(self) -> dict | None:
        return last_entry(self.context, ("accept",))

    def documents(self) -> list[dict]:
        procedure = self.procedure
        rows = []
        for number, row in enumerate(
            getattr(procedure, "required_documents", None) or (), start=1
        ):
            rows.append(
                {
                    "number": number,
                    "name": row.get("name") or "",
                    "originals": row.get("originals") or 0,
                    "copies": row.get("copies") or 0,
                    "note": row.get("note") or "",
                }
            )
        return rows

    def processing_days(self):
        procedure = self.procedure
        if procedure is None:
            return ""
        return format_days(procedure.processing_days)

    def lookup_url(self) -> str:
        return lookup_url(self.code, self.portal_url)

    def qr_code(self) -> str:
        return qr_svg(self.lookup_url())

    def signatures(self) -> list[dict]:
        accepted = self.accepted
        return [
            {
                "title": _("slip_sign_applicant", default="NGƯỜI NỘP HỒ SƠ"),
                "hint": _("slip_sign_hint", default="(Ký và ghi rõ họ tên)"),
                "name": self.context.applicant_name or "",
            },
            {
                "title": _("slip_sign_receiver", default="NGƯỜI TIẾP NHẬN HỒ SƠ"),
                "hint": _("slip_sign_hint", default="(Ký và ghi rõ họ tên)"),
                "name": fullname(accepted["actor"]) if accepted else "",
            },
        ]


class SupplementView(SlipView):
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02)."""

    template = ViewPageTemplateFile("templates/slip_supplement.pt")
    title = _(
        "slip_supplement_title", default="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
    )
    form_reference = _("slip_supplement_form", default="Mẫu số 02")

    @property
    def entry(self) -> dict | None:
        return last_entry(self.context, ("request_supplement",))

    def issued_at(self):
        entry = self.entry
        return entry["time"] if entry else None

    def request_text(self) -> str:
        text = getattr(aq_base(self.context), "supplement_request", "") or ""
        if not text and self.entry:
            text = self.entry.get("comment") or ""
        return text

    def requested_on(self) -> str:
        entry = self.entry
        return format_date(entry["time"]) if entry else ""

    def signatures(self) -> list[dict]:
        entry = self.entry
        return [
            {
                "title": _("slip_sign_guide", default="NGƯỜI HƯỚNG DẪN"),
                "hint": _("slip_sign_hint", default="(Ký và ghi rõ họ tên)"),
                "name": fullname(entry["actor"]) if entry else "",
            }
        ]


class RefusalView(SlipView):
    """Phiếu từ chối tiếp nhận, giải quyết hồ sơ (Mẫu số 03)."""

    template = ViewPageTemplateFile("templates/slip_refusal.pt")
    title = _("slip_refusal_title", default="PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ")
    form_reference = _("slip_refusal_form", default="Mẫu số 03")

    @property
    def entry(self) -> dict | None:
        return last_entry(self.context, ("refuse", "deny"))

    def issued_at(self):
        entry = self.entry
        return entry["time"] if entry else None

    def reason(self) -> str:
        entry = self.entry
        return (entry.get("comment") or "") if entry else ""

    def at_intake(self) -> bool:
        entry = self.entry
        return entry is not None and entry["action"] == "refuse"

    def signatures(self) -> list[dict]:
        entry = self.entry
        if entry is not None and entry["action"] == "deny":
            title = _("slip_sign_authority", default="NGƯỜI CÓ THẨM QUYỀN")
        else:
            title = _("slip_sign_receiver", default="NGƯỜI TIẾP NHẬN HỒ SƠ")
        return [
            {
                "title": title,
                "hint": _("slip_sign_hint", default="(Ký và ghi rõ họ tên)"),
                "name": fullname(entry["actor"]) if entry else "",
            }
        ]


class StopView(SlipView):
    """Thông báo dừng giải quyết hồ sơ."""

    template = ViewPageTemplateFile("templates/slip_stop.pt")
    title = _("slip_stop_title", default="THÔNG BÁO")
    form_reference = ""

    @property
    def entry(self) -> dict | None:
        return last_entry(self.context, ("stop",))

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
        entry = self.entry
        return [
            {
                "title": _("slip_sign_center", default="ĐẠI DIỆN TRUNG TÂM"),
                "hint": _("slip_sign_hint", default="(Ký và ghi rõ họ tên)"),
                "name": fullname(entry["actor"]) if entry else "",
            }
        ]


class ApologyView(SlipView):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu số 04).

    GET shows the latest letter (``?so=N`` for the Nth) and, while the
    dossier is unresolved, the form to issue a new one.  POST (with the CSRF
    token) validates the new appointment date (a working day after the legal
    due date, not in the past) and the reason, stores the record in
    ``apologies`` and redirects to the letter.
    """

    template = ViewPageTemplateFile("templates/slip_apology.pt")
    title = _("slip_apology_title", default="PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
    form_reference = _("slip_apology_form", default="Mẫu số 04")

    errors: dict
    values: dict

    def update(self) -> None:
        self.errors = {}
        self.values = {"new_date": "", "reason": ""}
        form = self.request.form
        if self.request.get("REQUEST_METHOD", "GET") != "POST":
            return
        if "form.buttons.issue" not in form:
            return
        CheckAuthenticator(self.request)
        if not self.can_issue():
            raise Forbidden(
                self.t(
                    _(
                        "apology_error_forbidden",
                        default="Không thể lập phiếu xin lỗi cho hồ sơ này.",
                    )
                )
            )
        raw_date = form.get("new_date") if isinstance(form.get("new_date"), str) else ""
        reason = form.get("reason") if isinstance(form.get("reason"), str) else ""
        reason = reason.strip()
        self.values = {"new_date": raw_date, "reason": reason}
        new_date = self.validate(raw_date, reason)
        if self.errors:
            return
        add_apology(
            self.context,
            new_date,
            reason,
            api.user.get_current().getId() or "",
        )
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@phieu-xin-loi", status=303
        )

    def validate(self, raw_date: str, reason: str) -> date | None:
        new_date = parse_day(raw_date)
        due = self.context.due_date
        today = deadlines.local_date(datetime.now(UTC))
        if new_date is None:
            self.errors["new_date"] = _(
                "apology_error_date", default="Nhập ngày hẹn trả kết quả mới."
            )
        elif due is not None and new_date <= deadlines.local_date(due):
            self.errors["new_date"] = _(
                "apology_error_date_after_due",
                default="Ngày hẹn mới phải sau ngày hẹn trả kết quả ${due}.",
                mapping={"due": format_date(due)},
            )
        elif new_date < today:
            self.errors["new_date"] = _(
                "apology_error_date_past",
                default="Ngày hẹn mới không được trước ngày hôm nay.",
            )
        elif not deadlines.WorkCalendar.from_registry().is_working_day(new_date):
            self.errors["new_date"] = _(
                "apology_error_date_off",
                default="Ngày ${date} không phải ngày làm việc.",
                mapping={"date": format_date(new_date)},
            )
        if not reason:
            self.errors["reason"] = _(
                "apology_error_reason", default="Ghi rõ lý do chậm trả kết quả."
            )
        elif len(reason) > MAX_REASON_LENGTH:
            self.errors["reason"] = _(
                "apology_error_reason_long",
                default="Lý do quá dài (tối đa ${max} ký tự).",
                mapping={"max": MAX_REASON_LENGTH},
            )
        return new_date

    def can_issue(self) -> bool:
        """An unresolved dossier with a due date, and an official's permission."""
        dossier = self.context
        if dossier.due_date is None or dossier.resolved_at is not None:
            return False
        if api.content.get_state(dossier, default=None) not in UNRESOLVED:
            return False
        security = getSecurityManager()
        return any(security.checkPermission(p, dossier) for p in APOLOGY_PERMISSIONS)

    def apologies(self) -> list[dict]:
        return apologies_of(self.context)

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

    def original_due(self) -> str:
        return format_date(self.context.due_date)

    def min_date(self) -> str:
        """The first day the date input offers: the day after the due date."""
        due = self.context.due_date
        today = deadlines.local_date(datetime.now(UTC))
        first = today
        if due is not None:
            first = max(first, deadlines.local_date(due) + timedelta(days=1))
        return first.isoformat()

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
        record = self.record
        return [
            {
                "title": _("slip_sign_center", default="ĐẠI DIỆN TRUNG TÂM"),
                "hint": _("slip_sign_hint", default="(Ký và ghi rõ họ tên)"),
                "name": fullname(record["actor"]) if record else "",
            }
        ]


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
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
        "luanthanh_dossier_workflow"
    )
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
        for number, entry in enumerate(history_of(self.context), start=1):
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
        return format_datetime(self.context.resolved_at)

    def apologies(self) -> list[dict]:
        return [
            {
                "date": format_date(record["time"]),
                "new_date": format_date(record["new_date"]),
                "reason": record.get("reason", ""),
            }
            for record in apologies_of(self.context)
        ]

    def signatures(self) -> list[dict]:
        """The rows carry who did what; no signature block below them."""
        return []


# The tracking book -----------------------------------------------------------

BOOK_COLUMNS = (
    _("book_col_number", default="STT"),
    _("book_col_code", default="Mã hồ sơ"),
    _("book_col_procedure", default="Tên thủ tục hành chính"),
    _("book_col_applicant", default="Người nộp hồ sơ"),
    _("book_col_received", default="Ngày tiếp nhận"),
    _("book_col_due", default="Ngày hẹn trả"),
    _("book_col_transferred", default="Ngày chuyển"),
    _("book_col_resolved", default="Ngày có kết quả"),
    _("book_col_returned", default="Ngày trả"),
    _("book_col_note", default="Ký nhận / Ghi chú"),
)
# States that the note column names; the others speak through the dates.
NOTED_STATES = ("supplement", "rejected", "stopped", "withdrawn")


def _metadata(brain, name):
    value = getattr(brain, name, None)
    return None if value is None or type(value).__name__ == "Missing" else value


def _day(value) -> date | None:
    return deadlines.local_date(value) if isinstance(value, datetime) else None


class TrackingBookView(BrowserView):
    """Sổ theo dõi hồ sơ (Mẫu số 06) of a period, from catalog metadata.

    ``?start=yyyy-mm-dd&end=yyyy-mm-dd`` (default: this month) selects the
    dossiers received in the period; ``&format=xlsx`` downloads it.  "Ngày
    chuyển" is the day the dossier went to its official: acceptance assigns
    it, so it is the day of receipt of an assigned dossier.
    """

    layout = ViewPageTemplateFile("templates/slip_layout.pt")
    template = ViewPageTemplateFile("templates/slip_book.pt")
    page_class = "slip-page-landscape"
    title = _("book_title", default="SỔ THEO DÕI HỒ SƠ")
    form_reference = _("book_form", default="Mẫu số 06")

    def __call__(self):
        self.message = None
        self.start, self.end = self.period()
        response = self.request.response
        response.setHeader("Cache-Control", "private, no-store")
        response.setHeader("X-Robots-Tag", "noindex, nofollow")
        if self.request.form.get("format") == "xlsx":
            data = self.xlsx()
            response.setHeader("Content-Type", XLSX_TYPE)
            response.setHeader(
                "Content-Disposition", f'attachment; filename="{self.filename()}"'
            )
            response.setHeader("Content-Length", str(len(data)))
            return data
        return self.template()

    def t(self, msg) -> str:
        return translate(msg, context=self.request)

    def period(self) -> tuple[date, date]:
        form = self.request.form
        today = deadlines.local_date(datetime.now(UTC))
        first = today.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        raw_start, raw_end = form.get("start"), form.get("end")
        start = parse_day(raw_start) if raw_start else first
        end = parse_day(raw_end) if raw_end else last
        if start is None or end is None:
            self.message = _(
                "book_error_period",
                default="Ngày không hợp lệ; đang hiển thị tháng này.",
            )
            return first, last
        if end < start:
            start, end = end, start
        return start, end

    def filename(self) -> str:
        return f"so-theo-doi-ho-so-{self.start.isoformat()}-{self.end.isoformat()}.xlsx"

    def css_url(self) -> str:
        return css_url(api.portal.get().absolute_url())

    def back_url(self) -> str:
        return self.context.absolute_url()

    def place_date(self):
        day = deadlines.local_date(datetime.now(UTC))
        return _(
            "slip_place_date",
            default="Luận Thành, ngày ${day} tháng ${month} năm ${year}",
            mapping=legal_date_parts(day),
        )

    def period_label(self):
        return _(
            "book_period",
            default="Từ ngày ${start} đến ngày ${end}",
            mapping={"start": format_date(self.start), "end": format_date(self.end)},
        )

    def start_value(self) -> str:
        return self.start.isoformat()

    def end_value(self) -> str:
        return self.end.isoformat()

    def xlsx_url(self) -> str:
        query = urlencode(
            {"start": self.start_value(), "end": self.end_value(), "format": "xlsx"}
        )
        return f"{self.context.absolute_url()}/@@so-theo-doi?{query}"

    def columns(self) -> list[str]:
        return [self.t(column) for column in BOOK_COLUMNS]

    def brains(self):
        low = datetime.combine(self.start, time.min, tzinfo=deadlines.TZ)
        high = datetime.combine(self.end, time(23, 59), tzinfo=deadlines.TZ)
        return api.content.find(
            context=self.context,
            portal_type="Dossier",
            received_at={"query": (low, high), "range": "min:max"},
            sort_on="received_at",
        )

    @memoize
    def records(self) -> list[dict]:
        """One row per dossier: the columns as values (dates as dates)."""
        workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
            "luanthanh_dossier_workflow"
        )
        state_titles: dict[str, str] = {}
        timeliness_titles = {token: self.t(title) for token, title in TIMELINESS}
        rows = []
        for number, brain in enumerate(self.brains(), start=1):
            state = _metadata(brain, "review_state") or ""
            if state in NOTED_STATES and state not in state_titles:
                definition = workflow.states.get(state) if workflow else None
                state_titles[state] = translate(
                    definition.title if definition else state,
                    domain="luanthanh.policy",
                    context=self.request,
                )
            notes = []
            if state in NOTED_STATES:
                notes.append(state_titles[state])
            timeliness = _metadata(brain, "timeliness")
            if timeliness in timeliness_titles:
                notes.append(timeliness_titles[timeliness])
            received = _day(_metadata(brain, "received_at"))
            rows.append(
                {
                    "number": number,
                    "code": _metadata(brain, "dossier_code") or "",
                    "procedure": _metadata(brain, "procedure_title") or "",
                    "applicant": _metadata(brain, "applicant_name") or "",
                    "received": received,
                    "due": _day(_metadata(brain, "due_date")),
                    "transferred": received
                    if _metadata(brain, "assigned_to")
                    else None,
                    "resolved": _day(_metadata(brain, "resolved_at")),
                    "returned": _day(_metadata(brain, "returned_at")),
                    "note": "; ".join(notes),
                    "url": brain.getURL(),
                }
            )
        return rows

    CELLS = (
        "number",
        "code",
        "procedure",
        "applicant",
        "received",
        "due",
        "transferred",
        "resolved",
        "returned",
        "note",
    )

    def rows(self) -> list[dict]:
        """The records as the page shows them: dates as dd/mm/yyyy."""
        return [
            {
                **record,
                "cells": [
                    format_date(record[key])
                    if isinstance(record[key], date)
                    else record[key]
                    for key in self.CELLS
                ],
            }
            for record in self.records()
        ]

    def xlsx(self) -> bytes:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Alignment
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Sổ theo dõi hồ sơ"
        sheet.append([self.t(self.title)])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([self.t(self.period_label())])
        sheet.append([])
        sheet.append(self.columns())
        for cell in sheet[4]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for record in self.records():
            values = []
            for key in self.CELLS:
                value = record[key]
                if isinstance(value, str):
                    value = neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
                values.append(value)
            sheet.append(values)
            row = sheet.max_row
            for column, key in enumerate(self.CELLS, start=1):
                cell = sheet.cell(row=row, column=column)
                if isinstance(record[key], date):
                    cell.number_format = "DD/MM/YYYY"
        widths = (6, 28, 45, 26, 14, 14, 14, 14, 14, 24)
        for letter, width in zip("ABCDEFGHIJ", widths, strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A5"
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
