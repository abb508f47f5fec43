"""The center's statistics (thống kê), computed from catalog indexes only.

:mod:`.engine` computes the figures, :mod:`.periods` reads the period and
holds the errors, :mod:`.cache` keeps recent results; the report pages are
in :mod:`luanthanh.policy.browser.statistics`.
"""

from luanthanh.policy.statistics.cache import clear_cache
from luanthanh.policy.statistics.engine import assemble
from luanthanh.policy.statistics.engine import compute_statistics
from luanthanh.policy.statistics.engine import COUNT_KEYS
from luanthanh.policy.statistics.engine import KEYS
from luanthanh.policy.statistics.engine import LEVELS
from luanthanh.policy.statistics.engine import RATE_KEYS
from luanthanh.policy.statistics.engine import received_per_week
from luanthanh.policy.statistics.interfaces import PUBLIC_BOARD_RECORD
from luanthanh.policy.statistics.payments import PAYMENT_KEYS
from luanthanh.policy.statistics.payments import SUM_KEYS as PAYMENT_SUM_KEYS
from luanthanh.policy.statistics.periods import parse_period
from luanthanh.policy.statistics.periods import SINCE
from luanthanh.policy.statistics.periods import StatisticsError
from luanthanh.policy.statistics.settings import public_board_enabled


__all__ = [
    "COUNT_KEYS",
    "KEYS",
    "LEVELS",
    "PAYMENT_KEYS",
    "PAYMENT_SUM_KEYS",
    "PUBLIC_BOARD_RECORD",
    "RATE_KEYS",
    "SINCE",
    "StatisticsError",
    "assemble",
    "clear_cache",
    "compute_statistics",
    "parse_period",
    "public_board_enabled",
    "received_per_week",
]
