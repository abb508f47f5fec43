"""1021 → 1022: the official lĩnh vực of procedures (issue #17).

* The registry record ``luanthanh.policy.national_fields`` (the national
  list of lĩnh vực, control panel "Lĩnh vực theo danh mục quốc gia"),
  seeded with the catalogue's names; a list already edited is kept.
* The metadata column ``procedure_national_field`` of the catalog, filled
  for every procedure (the statistics read it for ``by_national_field``).
* The configlet of the control panel.

Procedures keep their values; those without a national lĩnh vực keep
working (their dossiers count under "Chưa xác định lĩnh vực").  The center's
groups (``field``) and their figures do not change.  Run again, it changes
nothing.
"""

from luanthanh.policy.config import logger
from luanthanh.policy.upgrades.steps import run_profile_steps
from plone import api
from Products.CMFCore.indexing import processQueue


def reindex_procedures() -> int:
    """Refresh the metadata of every procedure; how many there are."""
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Procedure")
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject(idxs=["getId"])
    processQueue()
    logger.info("Upgrade 1022: metadata of %d procedures refreshed", len(brains))
    return len(brains)


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool, ("catalog", "plone.app.registry", "controlpanel"))
    reindex_procedures()
