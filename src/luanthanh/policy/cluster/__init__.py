"""Running several Zope instances over one database (ZEO or RelStorage)."""

from luanthanh.policy.cluster.conflicts import log_retry
from luanthanh.policy.cluster.conflicts import RETRIES


__all__ = ["RETRIES", "log_retry"]
