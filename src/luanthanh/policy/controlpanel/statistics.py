"""Control panel "Thống kê" (@@luanthanh-statistics): the public board switch."""

from luanthanh.policy.i18n import _
from luanthanh.policy.statistics.interfaces import IStatisticsSettings
from luanthanh.policy.statistics.interfaces import PREFIX
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


class StatisticsSettingsForm(RegistryEditForm):
    schema = IStatisticsSettings
    schema_prefix = PREFIX
    label = _("label_statistics_settings", default="Thống kê")
    description = _(
        "help_statistics_settings",
        default="Báo cáo tình hình giải quyết thủ tục hành chính và bảng công khai.",
    )


class StatisticsControlPanel(ControlPanelFormWrapper):
    form = StatisticsSettingsForm
