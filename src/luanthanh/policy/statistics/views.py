"""The report page ``@@thong-ke``, its exports and the public board.

"Thống kê tình hình giải quyết thủ tục hành chính": a period with presets,
the table of the national reporting template (one row per field and a total
row), four SVG charts and the XLSX / CSV exports.  Everything comes from
:func:`luanthanh.policy.statistics.compute_statistics`, which reads catalog
indexes only.  ``@@bang-cong-khai`` shows the same table and charts to
anyone when the registry switch ``luanthanh.policy.statistics.public_board``
is on: aggregates only, never a dossier or a name.
"""

from datetime import date
from luanthanh.policy.deadlines import local_date
from luanthanh.policy.i18n import _
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.statistics import COUNT_KEYS
from luanthanh.policy.statistics import LEVELS
from luanthanh.policy.statistics import received_per_week
from luanthanh.policy.statistics import StatisticsError
from luanthanh.policy.statistics.charts import describe
from luanthanh.policy.statistics.charts import stacked_bars
from luanthanh.policy.statistics.interfaces import PUBLIC_BOARD_RECORD
from luanthanh.policy.vocabularies import field_pairs
from luanthanh.policy.vocabularies import RATING_LEVELS
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zExceptions import Forbidden
from zope.i18n import translate

import csv
import io


SINCE = date(2025, 7, 1)
TITLE = _(
    "heading_statistics",
    default="Thống kê tình hình giải quyết thủ tục hành chính",
)
#: Export columns: the JSON keys, then satisfaction per level.
RATE_KEYS = ("online_rate", "on_time_rate")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def today() -> date:
    from luanthanh.policy.config import now

    return local_date(now())


def presets(day: date) -> list[tuple[str, str, date, date]]:
    """(id, label, start, end) of the preset periods, ending ``day``."""
    quarter = (day.month - 1) // 3 * 3 + 1
    return [
        ("month", _("preset_month", default="Tháng này"), day.replace(day=1), day),
        (
            "quarter",
            _("preset_quarter", default="Quý này"),
            date(day.year, quarter, 1),
            day,
        ),
        ("year", _("preset_year", default="Năm nay"), date(day.year, 1, 1), day),
        (
            "since",
            _("preset_since", default="Từ 1/7/2025"),
            SINCE,
            max(day, SINCE),
        ),
    ]


def neutralise(value):
    """A CSV/XLSX cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def export_header(request) -> list[str]:
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
    ]


def export_rows(stats: dict) -> list[list]:
    """One row per group: the total, each field, each procedure."""

    def row(kind, code, title, figures):
        return [
            kind,
            code,
            title,
            *(figures[key] for key in COUNT_KEYS),
            *("" if figures[key] is None else figures[key] for key in RATE_KEYS),
            *(figures["satisfaction"][level] for level in LEVELS),
        ]

    rows = [row("total", "", "Tổng cộng", stats["total"])]
    rows += [row("field", f["field"], f["title"], f) for f in stats["by_field"]]
    rows += [row("procedure", p["code"], p["title"], p) for p in stats["by_procedure"]]
    return rows


class ReportView(BrowserView):
    """``@@thong-ke``: the report of officials."""

    template = ViewPageTemplateFile("templates/report.pt")
    public = False
    title = TITLE

    def __call__(self):
        self.error = None
        self.stats = None
        form = self.request.form
        self.today = today()
        choices = {p[0]: p for p in presets(self.today)}
        preset = form.get("preset")
        if preset in choices:
            self.start, self.end = choices[preset][2], choices[preset][3]
        else:
            default = choices["month"]
            self.start = form.get("start") or default[2].isoformat()
            self.end = form.get("end") or default[3].isoformat()
        self.field = (form.get("field") or "") if not self.public else ""
        self.procedure = (form.get("procedure") or "") if not self.public else ""
        try:
            self.stats = compute_statistics(
                self.start,
                self.end,
                field=self.field or None,
                procedure=self.procedure or None,
            )
            self.weeks = received_per_week(
                self.start,
                self.end,
                field=self.field or None,
                procedure=self.procedure or None,
            )
        except StatisticsError as error:
            self.error = translate(error.message, context=self.request)
            self.request.response.setStatus(400)
        if isinstance(self.start, date):
            self.start = self.start.isoformat()
            self.end = self.end.isoformat()
        self.request.response.setHeader("Cache-Control", "no-store")
        return self.template()

    # The form ------------------------------------------------------------

    def presets(self) -> list[dict]:
        return [
            {
                "id": pid,
                "label": translate(label, context=self.request),
                "url": self.url_with(start=s.isoformat(), end=e.isoformat()),
            }
            for pid, label, s, e in presets(self.today)
        ]

    def fields(self) -> list[dict]:
        return [
            {"token": token, "title": title, "selected": token == self.field}
            for token, title in field_pairs()
        ]

    def url_with(self, **changes) -> str:
        query = {
            "start": self.start if isinstance(self.start, str) else "",
            "end": self.end if isinstance(self.end, str) else "",
            "field": self.field,
            "procedure": self.procedure,
        }
        query.update(changes)
        query = {k: v for k, v in query.items() if v}
        return f"{self.context.absolute_url()}/@@{self.__name__}?{urlencode(query)}"

    def export_url(self, fmt: str) -> str:
        query = {
            "start": self.stats["start"],
            "end": self.stats["end"],
            "field": self.field,
            "procedure": self.procedure,
            "format": fmt,
        }
        query = {k: v for k, v in query.items() if v}
        return f"{self.context.absolute_url()}/@@thong-ke-xuat?{urlencode(query)}"

    # The table -------------------------------------------------------------

    def rows(self) -> list[dict]:
        """One row per field, then the total row, as the template lays out."""
        rows = []
        for number, item in enumerate(self.stats["by_field"], start=1):
            rows.append(self._row(str(number), item["title"], item))
        total = translate(
            _("label_total_row", default="Tổng cộng"), context=self.request
        )
        rows.append(self._row("", total, self.stats["total"], total=True))
        return rows

    def procedure_rows(self) -> list[dict]:
        return [
            self._row(item["code"], item["title"], item)
            for item in self.stats["by_procedure"]
            if any(item[key] for key in COUNT_KEYS)
        ]

    def _row(self, number, title, figures, total=False) -> dict:
        def pct(value):
            return "–" if value is None else f"{value * 100:.1f}%".replace(".", ",")

        return {
            "number": number,
            "title": title,
            "total": total,
            "all": figures["carried_over"] + figures["received"],
            "f": figures,
            "online_rate": pct(figures["online_rate"]),
            "on_time_rate": pct(figures["on_time_rate"]),
        }

    # Charts ----------------------------------------------------------------

    def _t(self, msg) -> str:
        return translate(msg, context=self.request)

    def charts(self) -> list[str]:
        t = self._t
        online = t(_("channel_online", default="Trực tuyến"))
        direct = t(_("label_channel_direct_short", default="Trực tiếp"))
        postal = t(_("label_channel_postal_short", default="Bưu chính"))
        weeks = [w["week"] for w in self.weeks]
        series = [
            (online, [w["online"] for w in self.weeks]),
            (direct, [w["direct"] for w in self.weeks]),
            (postal, [w["postal"] for w in self.weeks]),
        ]
        charts = [
            stacked_bars(
                "chart-received",
                t(
                    _(
                        "chart_received",
                        default="Hồ sơ tiếp nhận theo tuần và hình thức",
                    )
                ),
                describe(weeks, series),
                weeks,
                series,
            )
        ]
        total = self.stats["total"]
        labels = [
            t(_("timeliness_early", default="Trước hạn")),
            t(_("timeliness_on_time", default="Đúng hạn")),
            t(_("timeliness_late", default="Quá hạn")),
        ]
        values = [
            total["resolved_early"],
            total["resolved_on_time"],
            total["resolved_late"],
        ]
        name = t(_("label_resolved", default="Đã giải quyết"))
        charts.append(
            stacked_bars(
                "chart-timeliness",
                t(_("chart_timeliness", default="Kết quả giải quyết theo thời hạn")),
                describe(labels, [(name, values)]),
                labels,
                [(name, values)],
                width=480,
            )
        )
        fields = [item["title"] for item in self.stats["by_field"]]
        within = t(_("label_within_deadline", default="Trong hạn"))
        overdue = t(_("label_overdue", default="Quá hạn"))
        series = [
            (within, [i["pending_within_deadline"] for i in self.stats["by_field"]]),
            (overdue, [i["pending_overdue"] for i in self.stats["by_field"]]),
        ]
        charts.append(
            stacked_bars(
                "chart-pending",
                t(_("chart_pending", default="Hồ sơ đang giải quyết theo lĩnh vực")),
                describe(fields, series),
                fields,
                series,
                width=480,
            )
        )
        levels = [t(title) for _token, title in RATING_LEVELS]
        name = t(_("label_ratings", default="Lượt đánh giá"))
        values = [total["satisfaction"][level] for level in LEVELS]
        charts.append(
            stacked_bars(
                "chart-satisfaction",
                t(_("chart_satisfaction", default="Mức độ hài lòng của người dân")),
                describe(levels, [(name, values)]),
                levels,
                [(name, values)],
                width=480,
            )
        )
        return charts


class PublicBoardView(ReportView):
    """``@@bang-cong-khai``: the aggregate table and charts, for anyone."""

    public = True
    title = _("heading_public_board", default="Công khai kết quả giải quyết hồ sơ")

    def __call__(self):
        if not api.portal.get_registry_record(PUBLIC_BOARD_RECORD, default=False):
            raise Forbidden(
                translate(
                    _(
                        "error_public_board_off",
                        default="Bảng công khai kết quả giải quyết chưa được bật.",
                    ),
                    context=self.request,
                )
            )
        return super().__call__()

    def procedure_rows(self) -> list[dict]:
        return []


class ExportView(BrowserView):
    """``@@thong-ke-xuat?start=…&end=…[&field=…][&procedure=…]&format=xlsx|csv``."""

    def __call__(self):
        form = self.request.form
        response = self.request.response
        fmt = (form.get("format") or "xlsx").lower()
        try:
            if fmt not in ("xlsx", "csv"):
                raise StatisticsError(
                    "InvalidFormat",
                    _(
                        "error_statistics_format",
                        default="Chỉ xuất được xlsx hoặc csv.",
                    ),
                )
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
        rows = [[neutralise(v) for v in row] for row in export_rows(stats)]
        name = f"thong-ke-{stats['start']}-{stats['end']}.{fmt}"
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(header)
            writer.writerows(rows)
            data = ("\ufeff" + buffer.getvalue()).encode("utf-8")
            content_type = "text/csv; charset=utf-8"
        else:
            data = self.xlsx(stats, header, rows)
            content_type = (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        response.setHeader("Cache-Control", "no-store")
        return data

    def xlsx(self, stats, header, rows) -> bytes:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Thống kê"
        sheet.append([translate(TITLE, context=self.request)])
        sheet.append([f"{stats['start']} – {stats['end']}"])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
