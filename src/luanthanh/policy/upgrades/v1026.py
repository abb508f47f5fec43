"""1025 → 1026: the statistics of fees (issue #18).

The dossier catalog gets the FieldIndexes ``fee_status``,
``payment_method``, ``fee_collected`` and ``fee_waived``, and
``statistics_days`` the settlement day of a fee (kind 6,
:mod:`luanthanh.policy.dossiers.day_keys`).

Only dossiers that may have a fee are read, and only those indexes are
written (no metadata).  Dossiers made before 1.1 have none, and a million
of them need not be woken: every dossier created since profile 1025 has
one (it is assessed on creation), so the step finds, by a binary search
over the ``created`` index (some twenty dossiers woken), the creation day
of the first dossier with a fee; the candidates are then, through the
catalog, the dossiers created since that day, those received, closed,
resolved or returned since then (an older dossier gets its fee when
accepted, paid or delivered after 1.1), and those not closed.  Run again,
it changes nothing.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import multiunion
from datetime import date
from datetime import datetime
from datetime import time
from luanthanh.policy import catalog_internals
from luanthanh.policy.config import local_date
from luanthanh.policy.config import logger
from luanthanh.policy.config import TZ
from luanthanh.policy.dossiers import catalog_tool
from luanthanh.policy.dossiers import day_keys
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from plone import api
from Products.CMFCore.indexing import processQueue

import transaction


#: The indexes the step fills (``statistics_days`` for the settlement day).
NEW_INDEXES = ("fee_status", "payment_method", "fee_collected", "fee_waived")
FILLED = (day_keys.INDEX, *NEW_INDEXES)
#: The moments after which an older dossier may have got a fee.
LATER_MOMENTS = ("received_at", "closed_at", "resolved_at", "returned_at")
BATCH_SIZE = 500


def _object(catalog, rid):
    path = catalog.getpath(rid)
    return api.portal.get().unrestrictedTraverse(path, None) if path else None


def _has_fee(obj) -> bool:
    return getattr(obj, "fee_status", None) is not None


def first_fee_day(catalog) -> date | None:
    """The creation day of the first dossier with a fee (None: no fee yet).

    A binary search over the minutes of the ``created`` index, waking the
    first dossier of each minute probed.  The dossiers created after profile
    1025 all have a fee; an older one with a fee found first only makes the
    day earlier (more candidates), never later.
    """
    tree = catalog_internals.index_tree(catalog, "created")
    keys = list(tree.keys())
    low, high = 0, len(keys)
    found = None
    while low < high:
        middle = (low + high) // 2
        rids = catalog_internals.as_set(tree[keys[middle]])
        obj = _object(catalog, rids.minKey()) if rids else None
        if obj is not None and _has_fee(obj):
            found = obj
            high = middle
        else:
            low = middle + 1
    if found is None:
        return None
    return local_date(found.created().asdatetime())


def candidates(catalog) -> IISet:
    """The record ids of the dossiers that may have a fee (see the module)."""
    dossiers = catalog_internals.field_set(catalog, "portal_type", "Dossier")
    closed = IISet(catalog_internals.document_keys(catalog, "closed_at").keys())
    sets = [difference(dossiers, closed)]
    day = first_fee_day(catalog)
    if day is not None:
        created = catalog_internals.date_key(catalog, "created", day_keys_midnight(day))
        sets.append(catalog_internals.date_range(catalog, "created", created, None))
        for name in LATER_MOMENTS:
            low, high = day_keys.day_range(day_keys.KINDS[name], day, None)
            sets.append(catalog_internals.key_range(catalog, day_keys.INDEX, low, high))
    return multiunion(sets)


def day_keys_midnight(day: date) -> datetime:
    """The local midnight starting ``day``, aware."""
    return datetime.combine(day, time(0, 0), tzinfo=TZ)


def fill(catalog, batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Index :data:`FILLED` of the candidate dossiers (no metadata); returns
    (dossiers read, dossiers in the catalog)."""
    rids = candidates(catalog)
    for count, rid in enumerate(rids, 1):
        obj = _object(catalog, rid)
        if obj is None:
            continue
        ghost = getattr(obj, "_p_changed", 0) is None
        catalog.catalog_object(
            obj, catalog.getpath(rid), idxs=list(FILLED), update_metadata=0
        )
        if ghost:
            obj._p_deactivate()
        if count % batch_size == 0:
            transaction.savepoint(optimistic=True)
    total = len(catalog_internals.field_set(catalog, "portal_type", "Dossier"))
    return len(rids), total


def upgrade(setup_tool) -> None:
    processQueue()
    catalog_tool.install(api.portal.get())
    read, total = fill(dossier_catalog())
    logger.info("Upgrade 1026: fees indexed for %d of %d dossiers", read, total)
