"""1005 → 1006: statistics.

The ``closed_at`` index and metadata, the permission "luanthanh.policy: View
statistics", the public board switch and the control panel "Thống kê".
Existing dossiers get ``closed_at`` from ``resolved_at`` or, for withdrawn and
stopped ones, from the time of their last withdraw or stop in the history.
"""

from luanthanh.policy.config import logger
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.states import CLOSING
from luanthanh.policy.upgrades.steps import reindex
from luanthanh.policy.upgrades.steps import run_profile_steps
from Products.CMFCore.indexing import processQueue


def closing_time(dossier):
    """When the center finished with the dossier, or None while it is open."""
    if dossier.resolved_at is not None:
        return dossier.resolved_at
    for entry in reversed(list(getattr(dossier, "history", None) or ())):
        if entry.get("action") in CLOSING:
            return entry.get("time")
    return None


def fill_closed_at() -> int:
    """Set ``closed_at`` where it is missing; returns how many were set."""
    count = 0
    # Before 1009 the dossiers are still in portal_catalog (fallback).
    for brain in find_unrestricted(
        fallback=True,
        portal_type="Dossier",
        review_state=["result", "returned", "rejected", "stopped", "withdrawn"],
    ):
        dossier = brain._unrestrictedGetObject()
        if getattr(dossier, "closed_at", None) is not None:
            continue
        when = closing_time(dossier)
        if when is None:
            continue
        dossier.closed_at = when
        dossier.reindexObject(idxs=["closed_at"])
        count += 1
    logger.info("closed_at set on %s dossiers", count)
    return count


def upgrade(setup_tool) -> None:
    run_profile_steps(
        setup_tool, ("rolemap", "catalog", "plone.app.registry", "controlpanel")
    )
    reindex()
    fill_closed_at()
    processQueue()
