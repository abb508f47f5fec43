"""The statistics settings (IStatisticsSettings), read from the registry."""

from luanthanh.policy.settings import Settings
from luanthanh.policy.statistics.interfaces import IStatisticsSettings
from luanthanh.policy.statistics.interfaces import PREFIX


def statistics_settings() -> Settings:
    """The records of the control panel "Thống kê" (@@luanthanh-statistics)."""
    return Settings(IStatisticsSettings, PREFIX)


def public_board_enabled() -> bool:
    """Whether the public board (@@bang-cong-khai) is switched on."""
    return bool(statistics_settings().public_board)
