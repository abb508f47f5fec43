"""Moving dossiers from ``portal_catalog`` into the dossier catalog.

Used by the upgrade step 1008 → 1009 and on (re)install.  The work is done
in batches: after each one the changes go to a savepoint (or, with
``commit=True``, are committed) and the objects read are turned back into
ghosts, so that memory stays bounded with 100,000 dossiers.  The move is
idempotent: run again after an interruption, it takes what is left.
"""

from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.dossiers.catalog_tool import dossier_folders
from plone import api
from Products.CMFCore.indexing import processQueue

import logging
import transaction


logger = logging.getLogger(__name__)

BATCH_SIZE = 500


def paths_to_move(portal_catalog) -> list[str]:
    """Paths ``portal_catalog`` holds inside the dossier folders, and of
    dossiers wherever they are."""
    portal = api.portal.get()
    paths = []
    for folder in dossier_folders(portal):
        folder_path = "/".join(folder.getPhysicalPath())
        paths.extend(
            path
            for path in (
                b.getPath()
                for b in portal_catalog.unrestrictedSearchResults(path=folder_path)
            )
            if path != folder_path
        )
    paths.extend(
        b.getPath()
        for b in portal_catalog.unrestrictedSearchResults(portal_type="Dossier")
    )
    return sorted(set(paths))


def _batch_done(count: int, total: int, commit: bool) -> None:
    if commit:
        transaction.commit()
    else:
        transaction.savepoint(optimistic=True)
    logger.info("dossier catalog: %s of %s objects moved", count, total)


def move_dossiers(batch_size: int = BATCH_SIZE, commit: bool = False) -> int:
    """Index what lies inside the dossier folders in the dossier catalog and
    remove it from ``portal_catalog``; returns how many objects moved."""
    processQueue()
    portal = api.portal.get()
    portal_catalog = api.portal.get_tool("portal_catalog")
    tool = dossier_catalog()
    paths = paths_to_move(portal_catalog)
    total = len(paths)
    for count, path in enumerate(paths, 1):
        obj = portal.unrestrictedTraverse(path, None)
        if obj is not None:
            ghost = getattr(obj, "_p_changed", 0) is None
            tool.catalog_object(obj, path)
            if ghost:
                obj._p_deactivate()
        portal_catalog.uncatalog_object(path)
        if count % batch_size == 0:
            _batch_done(count, total, commit)
    if total:
        _batch_done(total, total, commit)
    return total


def rebuild_index(names: list[str]) -> None:
    """Fill indexes just added to a dossier catalog that holds objects."""
    tool = dossier_catalog()
    if names and len(tool):
        tool.manage_reindexIndex(ids=names)
