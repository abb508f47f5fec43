"""Control panel of working days and deadlines (@@luanthanh-deadlines).

Besides the settings of :class:`IDeadlineSettings`, the page lists the days
off and make-up days that the ``holidays`` package already gives for this
year and the next, so that the administrator only adds what is missing.
"""

from datetime import date
from html import escape
from luanthanh.policy.deadlines.calendar import official_holidays
from luanthanh.policy.deadlines.calendar import official_working_weekends
from luanthanh.policy.deadlines.interfaces import IDeadlineSettings
from luanthanh.policy.deadlines.interfaces import PREFIX
from luanthanh.policy.i18n import _
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from zope.i18n import translate
from zope.i18nmessageid import Message


DESCRIPTION = _(
    "help_deadline_settings",
    default="Ngày làm việc dùng để tính ngày hẹn trả kết quả là thứ Hai đến thứ "
    "Sáu, trừ ngày lễ, Tết và ngày nghỉ bù theo quy định, cộng các ngày làm việc "
    "bù. Chỉ cần nhập thêm những ngày nghỉ, ngày làm bù mà Chính phủ hoặc địa "
    "phương công bố nhưng chưa có trong lịch dưới đây.",
)
OFFICIAL_TITLE = _(
    "label_official_calendar",
    default="Lịch nghỉ lễ, Tết có sẵn năm ${year}",
)
WORKING_WEEKENDS = _(
    "label_official_working_weekends",
    default="Ngày làm việc bù: ${days}",
)


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


class DeadlineSettingsForm(RegistryEditForm):
    schema = IDeadlineSettings
    schema_prefix = PREFIX
    label = _("label_deadline_settings", default="Ngày làm việc và thời hạn")
    description = DESCRIPTION


class DeadlineSettingsControlPanel(ControlPanelFormWrapper):
    """The settings form, followed by the official calendar it completes."""

    form = DeadlineSettingsForm

    def years(self) -> tuple[int, ...]:
        this_year = date.today().year
        return this_year, this_year + 1

    def official_calendar_html(self) -> str:
        """The official days off of :meth:`years`, as HTML lists."""
        parts = []
        for year in self.years():
            title = translate(
                Message(OFFICIAL_TITLE, mapping={"year": str(year)}),
                context=self.request,
            )
            items = [
                f"<li>{_day(day)}: {escape(name)}</li>"
                for day, name in official_holidays(year)
            ]
            weekends = sorted(official_working_weekends(year))
            if weekends:
                text = translate(
                    Message(
                        WORKING_WEEKENDS,
                        mapping={"days": ", ".join(map(_day, weekends))},
                    ),
                    context=self.request,
                )
                items.append(f"<li>{escape(text)}</li>")
            parts.append(
                '<section class="official-calendar col-md-6">'
                f'<h2 class="h5">{escape(title)}</h2><ul>{"".join(items)}</ul>'
                "</section>"
            )
        return f'<div class="row mt-4">{"".join(parts)}</div>'

    def update(self):
        super().update()
        if self.contents:
            self.contents += self.official_calendar_html()
