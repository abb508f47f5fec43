"""1020 → 1023: the dossier catalog drops the indexes no dossier query uses
(issue #15).

``getId``, ``id``, ``sortable_title`` and ``effectiveRange`` came with
Plone's catalog tool; nothing searches or sorts dossiers by them (the ids and
titles stay metadata columns), and each wrote one more set per imported or
received dossier.  Run again, the step changes nothing.
"""

from luanthanh.policy.config import logger
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers.catalog_tool import drop_unused_indexes


def upgrade(setup_tool) -> None:
    dropped = drop_unused_indexes(dossier_catalog.catalog())
    logger.info("Upgrade 1023: dossier catalog indexes removed: %s", dropped)
