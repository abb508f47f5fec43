"""1008 → 1009: a catalog of their own for dossiers (issue #14).

Creates ``portal_dossier_catalog`` (its indexes, metadata, lexicon and
per-site secret for the keyed hashes of phone and CCCD), registers it and
the site's queue processor that sends what lies inside a dossier folder
there, then moves the existing dossiers and their attachments: each is
indexed in the dossier catalog and removed from ``portal_catalog``, in
batches of :data:`~luanthanh.policy.dossiers.catalog_move.BATCH_SIZE` with a
savepoint after each (memory stays bounded; the upgrade's transaction
commits once at the end, so an interrupted upgrade leaves the site as it
was).  For a very large site, ``move_dossiers(commit=True)`` run from
``zconsole`` commits every batch instead; it is idempotent.
"""

from luanthanh.policy.config import logger
from luanthanh.policy.setuphandlers.catalog import install_dossier_catalog
from plone import api


def upgrade(setup_tool) -> None:
    portal = api.portal.get()
    moved = install_dossier_catalog(portal)
    logger.info("dossier catalog: %s objects moved out of portal_catalog", moved)
