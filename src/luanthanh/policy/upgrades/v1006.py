"""1005 → 1006: statistics.

The ``closed_at`` index and metadata, the permission "luanthanh.policy: View
statistics", the public board switch and the control panel "Thống kê".
Existing dossiers get ``closed_at`` from ``resolved_at`` or, for withdrawn and
stopped ones, from the time of their last withdraw or stop in the history.
"""

from luanthanh.policy.config import logger
from luanthanh.policy.setuphandlers.catalog import reindex_new_indexes
from luanthanh.policy.states import CLOSING
from plone import api
from Products.CMFCore.indexing import processQueue


PROFILE = "profile-luanthanh.policy:default"


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
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(
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
    for step in ("rolemap", "catalog", "plone.app.registry", "controlpanel"):
        setup_tool.runImportStepFromProfile(PROFILE, step)
    processQueue()
    reindex_new_indexes()
    fill_closed_at()
    processQueue()
