"""The statistics' view of the dossier catalog's indexes.

Every access goes through :mod:`luanthanh.policy.catalog_internals`.
"""

from BTrees.IIBTree import IISet
from datetime import date
from datetime import datetime
from datetime import time
from datetime import UTC
from luanthanh.policy import catalog_internals
from luanthanh.policy.config import TZ
from luanthanh.policy.dossiers import day_keys


__all__ = ["Indexes"]


class Indexes:
    """The catalog's indexes, read through :mod:`luanthanh.policy.catalog_internals`.

    Date ranges are read from the KeywordIndex ``statistics_days`` (one set
    per local day, :mod:`luanthanh.policy.dossiers.day_keys`); a catalog
    without it (before upgrade 1017) falls back to the DateIndexes (one set
    per minute: correct, only slower).
    """

    def __init__(self, catalog):
        self.catalog = catalog
        self.days = day_keys.INDEX in catalog.indexes()

    def date_key(self, name: str, day: date) -> int:
        """The key of the local midnight starting ``day`` in DateIndex ``name``."""
        moment = datetime.combine(day, time(0, 0), tzinfo=TZ).astimezone(UTC)
        return catalog_internals.date_key(self.catalog, name, moment)

    def date_range(self, name: str, start: date | None, stop: date | None):
        """Record ids whose local date is in [start, stop) (None: open end)."""
        if start is not None and stop is not None and stop <= start:
            return IISet()
        if self.days:
            low, high = day_keys.day_range(day_keys.KINDS[name], start, stop)
            return catalog_internals.key_range(self.catalog, day_keys.INDEX, low, high)
        low = self.date_key(name, start) if start is not None else None
        high = self.date_key(name, stop) if stop is not None else None
        return catalog_internals.date_range(self.catalog, name, low, high)

    def field_set(self, name: str, value):
        return catalog_internals.field_set(self.catalog, name, value)

    def field_items(self, name: str):
        return catalog_internals.field_items(self.catalog, name)

    def field_values(self, name: str):
        return catalog_internals.index_tree(self.catalog, name).keys()

    def document_key_getter(self, name: str):
        """The look-up record id -> indexed key of index ``name``."""
        return catalog_internals.document_keys(self.catalog, name).get
