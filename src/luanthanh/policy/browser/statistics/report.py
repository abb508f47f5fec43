"""The report page ``@@thong-ke`` of officials (thống kê).

"Thống kê tình hình giải quyết thủ tục hành chính": a period with presets,
the table of the national reporting template (one row per field and a total
row), four SVG charts and links to the XLSX / CSV exports.  Everything comes
from :func:`luanthanh.policy.statistics.compute_statistics`, which reads
catalog indexes only.
"""

from datetime import date
from luanthanh.policy.browser.statistics.charts import describe
from luanthanh.policy.browser.statistics.charts import stacked_bars
from luanthanh.policy.config import today
from luanthanh.policy.formatting import format_period
from luanthanh.policy.formatting import format_week
from luanthanh.policy.formatting import INVALID_DAY
from luanthanh.policy.formatting import parse_day
from luanthanh.policy.i18n import _
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.statistics import COUNT_KEYS
from luanthanh.policy.statistics import LEVELS
from luanthanh.policy.statistics import PAYMENT_SUM_KEYS
from luanthanh.policy.statistics import received_per_week
from luanthanh.policy.statistics import SINCE
from luanthanh.policy.statistics import StatisticsError
from luanthanh.policy.vocabularies import field_pairs
from luanthanh.policy.vocabularies import RATING_LEVELS
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zope.i18n import translate


TITLE = _(
    "heading_statistics",
    default="Thống kê tình hình giải quyết thủ tục hành chính",
)


def format_amount(amount: int) -> str:
    """``15.000`` (đồng, Vietnamese thousands separator)."""
    return f"{amount or 0:,}".replace(",", ".")


def _has_fees(figures: dict) -> bool:
    return any(figures[key] for key in PAYMENT_SUM_KEYS)


def iso_day(value) -> str:
    """A day typed dd/mm/yyyy (or yyyy-mm-dd) as yyyy-mm-dd, the form of the
    statistics API; a text that is no day is kept, for the API to refuse."""
    day = parse_day(value)
    if day is not None:
        return day.isoformat()
    return value.strip() if isinstance(value, str) else ""


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
            self.start = iso_day(form.get("start")) or default[2].isoformat()
            self.end = iso_day(form.get("end")) or default[3].isoformat()
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
            # The page's inputs take dd/mm/yyyy; the API's message names ISO.
            message = INVALID_DAY if error.type == "InvalidDate" else error.message
            self.error = translate(message, context=self.request)
            self.request.response.setStatus(400)
        if isinstance(self.start, date):
            self.start = self.start.isoformat()
            self.end = self.end.isoformat()
        self.request.response.setHeader("Cache-Control", "no-store")
        return self.template()

    def period_label(self) -> str:
        """The period of the figures: "Từ ngày 01/7/2025 đến ngày 31/12/2025"."""
        if not self.stats:
            return ""
        return self._t(format_period(self.stats["start"], self.stats["end"]))

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

    def national_rows(self) -> list[dict]:
        """The official lĩnh vực that count something in the period."""
        counted = [
            item
            for item in self.stats.get("by_national_field", ())
            if any(item[key] for key in COUNT_KEYS)
        ]
        return [
            self._row(str(number), item["title"], item)
            for number, item in enumerate(counted, start=1)
        ]

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
            "non_cash_rate": pct(figures["non_cash_rate"]),
            "fees_collected": format_amount(figures["fees_collected"]),
            "fees_collected_non_cash": format_amount(
                figures["fees_collected_non_cash"]
            ),
            "fees_exempted": format_amount(figures["fees_exempted"]),
        }

    def fee_rows(self) -> list[dict]:
        """The fees (phí, lệ phí): one row per field that has some, then the total."""
        rows = [
            self._row(str(number), item["title"], item)
            for number, item in enumerate(
                (i for i in self.stats["by_field"] if _has_fees(i)), start=1
            )
        ]
        total = translate(
            _("label_total_row", default="Tổng cộng"), context=self.request
        )
        rows.append(self._row("", total, self.stats["total"], total=True))
        return rows

    # Charts ----------------------------------------------------------------

    def _t(self, msg) -> str:
        return translate(msg, context=self.request)

    def charts(self) -> list[str]:
        t = self._t
        online = t(_("channel_online", default="Trực tuyến"))
        direct = t(_("label_channel_direct_short", default="Trực tiếp"))
        postal = t(_("label_channel_postal_short", default="Bưu chính"))
        weeks = [t(format_week(w["start"].isocalendar()[1])) for w in self.weeks]
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
