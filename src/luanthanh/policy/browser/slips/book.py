"""Sổ theo dõi hồ sơ (Mẫu số 07), ``@@so-theo-doi`` on the DossierFolder.

The dossiers received in a period, from catalog metadata only (never the
objects), as a page to print and as ``?format=xlsx``.
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.browser.slips.base import CSS
from luanthanh.policy.browser.slips.base import no_store
from luanthanh.policy.browser.slips.base import place_date
from luanthanh.policy.config import DOSSIER_WORKFLOW
from luanthanh.policy.config import local_date
from luanthanh.policy.config import present
from luanthanh.policy.config import today
from luanthanh.policy.config import TZ
from luanthanh.policy.dossiers.catalog import find
from luanthanh.policy.formatting import format_date
from luanthanh.policy.formatting import parse_day
from luanthanh.policy.i18n import _
from luanthanh.policy.security.bulk import record_bulk_read
from luanthanh.policy.spreadsheet import xlsx_bytes
from luanthanh.policy.spreadsheet import XLSX_TYPE
from luanthanh.policy.states import NOTED
from luanthanh.policy.urls import resource_url
from luanthanh.policy.vocabularies import TIMELINESS
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zope.i18n import translate


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
#: The keys of a record, in the order of the columns.
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
SHEET_TITLE = "Sổ theo dõi hồ sơ"
#: Column widths of the XLSX sheet.
WIDTHS = dict(zip("ABCDEFGHIJ", (6, 28, 45, 26, 14, 14, 14, 14, 14, 24), strict=True))
#: The title, the period and an empty line come before the header.
PREAMBLE_LINES = 3
DATE_FORMAT = "DD/MM/YYYY"


def _metadata(brain, name: str):
    """A metadata column of ``brain``; None for a missing or empty value."""
    return present(getattr(brain, name, None))


def _day(value) -> date | None:
    return local_date(value) if isinstance(value, datetime) else None


def _sheet_value(value):
    """A text without the control characters a worksheet cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def style_sheet(sheet) -> None:
    """A bold title and header; dates written dd/mm/yyyy."""
    sheet["A1"].font = Font(bold=True, size=14)
    header = PREAMBLE_LINES + 1
    for cell in sheet[header]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in sheet.iter_rows(min_row=header + 1):
        for cell in row:
            if cell.is_date:
                cell.number_format = DATE_FORMAT


class TrackingBookView(BrowserView):
    """Sổ theo dõi hồ sơ (Mẫu số 07) of a period, from catalog metadata.

    ``?start=yyyy-mm-dd&end=yyyy-mm-dd`` (default: this month) selects the
    dossiers received in the period; ``&format=xlsx`` downloads it.  "Ngày
    chuyển" is the day the dossier went to its official: acceptance assigns
    it, so it is the day of receipt of an assigned dossier.
    """

    layout = ViewPageTemplateFile("templates/slip_layout.pt")
    template = ViewPageTemplateFile("templates/slip_book.pt")
    page_class = "slip-page-landscape"
    title = _("book_title", default="SỔ THEO DÕI HỒ SƠ")
    form_reference = _("book_form", default="Mẫu số 07")
    CELLS = CELLS

    def __call__(self):
        self.message = None
        self.start, self.end = self.period()
        response = self.request.response
        no_store(response)
        record_bulk_read(
            self.request, "so-theo-doi", len(self.records()), self.request.form
        )
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
        first = today().replace(day=1)
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
        return resource_url(CSS)

    def back_url(self) -> str:
        return self.context.absolute_url()

    def place_date(self):
        return place_date()

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

    def bounds(self) -> tuple[datetime, datetime]:
        """The first and the last minute of the period (the index keeps minutes)."""
        return (
            datetime.combine(self.start, time.min, tzinfo=TZ),
            datetime.combine(self.end, time(23, 59), tzinfo=TZ),
        )

    def brains(self):
        low, high = self.bounds()
        return find(
            path="/".join(self.context.getPhysicalPath()),
            portal_type="Dossier",
            received_at={"query": (low, high), "range": "min:max"},
            sort_on="received_at",
        )

    @memoize
    def records(self) -> list[dict]:
        """One row per dossier: the columns as values (dates as dates)."""
        workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
            DOSSIER_WORKFLOW
        )
        state_titles: dict[str, str] = {}
        timeliness_titles = {token: self.t(title) for token, title in TIMELINESS}
        rows = []
        brains = self.brains()
        low, high = self.bounds()
        orders = dossier_api.book_orders(self.context, low, high)
        for brain in brains:
            number = orders.get(brain.getRID(), (None, ""))[1]
            state = _metadata(brain, "review_state") or ""
            if state in NOTED and state not in state_titles:
                definition = workflow.states.get(state) if workflow else None
                state_titles[state] = translate(
                    definition.title if definition else state,
                    domain="luanthanh.policy",
                    context=self.request,
                )
            notes = []
            if state in NOTED:
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

    def rows(self) -> list[dict]:
        """The records as the page shows them: dates as dd/mm/yyyy."""
        return [
            {
                **record,
                "cells": [
                    format_date(record[key])
                    if isinstance(record[key], date)
                    else record[key]
                    for key in CELLS
                ],
            }
            for record in self.records()
        ]

    def xlsx(self) -> bytes:
        return xlsx_bytes(
            self.columns(),
            ([_sheet_value(record[key]) for key in CELLS] for record in self.records()),
            title=SHEET_TITLE,
            preamble=([self.t(self.title)], [self.t(self.period_label())], []),
            widths=WIDTHS,
            freeze=f"A{PREAMBLE_LINES + 2}",
            style=style_sheet,
        )
