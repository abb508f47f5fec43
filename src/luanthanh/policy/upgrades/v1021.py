"""1020 → 1021: the dossier catalog drops the indexes no dossier query uses
(issue #15).

``getId``, ``id``, ``sortable_title`` and ``effectiveRange`` came with
Plone's catalog tool; nothing searches or sorts dossiers by them (the ids and
titles stay metadata columns), and each wrote one more set per imported or
received dossier.  The Field, Date and KeywordIndexes (but ``created`` and
``modified``) get the classes that keep a value's lone record as an int
(:class:`luanthanh.policy.catalog_internals.LoneRows`; the stored sets stay
as they are).  Run again, the step changes nothing.
"""

from luanthanh.policy.config import logger
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers.catalog_tool import drop_unused_indexes
from luanthanh.policy.dossiers.catalog_tool import use_lone_rows


def upgrade(setup_tool) -> None:
    tool = dossier_catalog.catalog()
    dropped = drop_unused_indexes(tool)
    lone = use_lone_rows(tool)
    logger.info(
        "Upgrade 1021: dossier catalog indexes removed: %s; lone rows: %s",
        dropped,
        lone,
    )
