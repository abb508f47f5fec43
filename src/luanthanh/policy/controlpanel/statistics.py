"""Control panel "Thống kê" (@@luanthanh-statistics): the public board switch."""

from luanthanh.policy.controlpanel.base import registry_panel
from luanthanh.policy.i18n import _
from luanthanh.policy.statistics.interfaces import IStatisticsSettings
from luanthanh.policy.statistics.interfaces import PREFIX


StatisticsControlPanel = registry_panel(
    IStatisticsSettings,
    PREFIX,
    _("label_statistics_settings", default="Thống kê"),
    _(
        "help_statistics_settings",
        default="Báo cáo tình hình giải quyết thủ tục hành chính và bảng công khai.",
    ),
)
