"""The exports of the report: ``@@thong-ke-xuat`` (XLSX or CSV).

One row per group (the total, each field, each procedure) with the figures
of :data:`luanthanh.policy.statistics.KEYS`, then satisfaction per level,
then the fees (:data:`luanthanh.policy.statistics.PAYMENT_KEYS`).
Cells go through :mod:`luanthanh.policy.spreadsheet`, which keeps a
spreadsheet program from running a text as a formula.
"""

from luanthanh.policy.browser.statistics.report import TITLE
from luanthanh.policy.formatting import format_period
from luanthanh.policy.i18n import _
from luanthanh.policy.spreadsheet import csv_bytes
from luanthanh.policy.spreadsheet import CSV_TYPE
from luanthanh.policy.spreadsheet import xlsx_bytes
from luanthanh.policy.spreadsheet import XLSX_TYPE
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.statistics import COUNT_KEYS
from luanthanh.policy.statistics import LEVELS
from luanthanh.policy.statistics import PAYMENT_KEYS
from luanthanh.policy.statistics import RATE_KEYS
from luanthanh.policy.statistics import StatisticsError
from luanthanh.policy.vocabularies import RATING_LEVELS
from Products.Five.browser import BrowserView
from zope.i18n import translate


MSG_BAD_FORMAT = _("error_statistics_format", default="Chỉ xuất được xlsx hoặc csv.")


def export_header(request) -> list[str]:
    """The column titles: group, code, name, the JSON keys, satisfaction per level."""
    levels = dict(RATING_LEVELS)
    return [
        translate(_("column_group", default="Nhóm"), context=request),
        translate(_("column_group_code", default="Mã"), context=request),
        translate(_("column_group_title", default="Tên"), context=request),
        *COUNT_KEYS,
        *RATE_KEYS,
        *(
            "satisfaction_"
            + level
            + " ("
            + translate(levels[level], context=request)
            + ")"
            for level in LEVELS
        ),
        *PAYMENT_KEYS,
    ]


def export_rows(stats: dict) -> list[list]:
    """One row per group: the total, each field, each official lĩnh vực that
    counts something, each procedure."""

    def row(kind, code, title, figures):
        return [
            kind,
            code,
            title,
            *(figures[key] for key in COUNT_KEYS),
            *("" if figures[key] is None else figures[key] for key in RATE_KEYS),
            *(figures["satisfaction"][level] for level in LEVELS),
            *("" if figures[key] is None else figures[key] for key in PAYMENT_KEYS),
        ]

    rows = [row("total", "", "Tổng cộng", stats["total"])]
    rows += [row("field", f["field"], f["title"], f) for f in stats["by_field"]]
    rows += [
        row("national_field", n["national_field"], n["title"], n)
        for n in stats.get("by_national_field", ())
        if any(n[key] for key in COUNT_KEYS)
    ]
    rows += [row("procedure", p["code"], p["title"], p) for p in stats["by_procedure"]]
    return rows


class ExportView(BrowserView):
    """``@@thong-ke-xuat?start=…&end=…[&field=…][&procedure=…]&format=xlsx|csv``."""

    def __call__(self):
        form = self.request.form
        response = self.request.response
        fmt = (form.get("format") or "xlsx").lower()
        try:
            if fmt not in ("xlsx", "csv"):
                raise StatisticsError("InvalidFormat", MSG_BAD_FORMAT)
            stats = compute_statistics(
                form.get("start"),
                form.get("end"),
                field=form.get("field") or None,
                procedure=form.get("procedure") or None,
            )
        except StatisticsError as error:
            response.setStatus(400)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return translate(error.message, context=self.request)
        header = export_header(self.request)
        rows = export_rows(stats)
        name = f"thong-ke-{stats['start']}-{stats['end']}.{fmt}"
        if fmt == "csv":
            data = csv_bytes(header, rows)
            content_type = CSV_TYPE
        else:
            data = self.xlsx(stats, header, rows)
            content_type = XLSX_TYPE
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        response.setHeader("Cache-Control", "no-store")
        return data

    def xlsx(self, stats, header, rows) -> bytes:
        """One sheet: the title, the period, the header, the rows."""
        preamble = [
            [translate(TITLE, context=self.request)],
            [
                translate(
                    format_period(stats["start"], stats["end"]), context=self.request
                )
            ],
        ]
        return xlsx_bytes(header, rows, title="Thống kê", preamble=preamble)
