"""1014 → 1015: the dossier catalog's full text merges under concurrency
(issue #15).

The ``SearchableText`` index of ``portal_dossier_catalog`` gets a
:class:`~luanthanh.policy.catalog_internals.MergeableOkapiIndex` holding the
same data (each word's documents in an IIBTree), so that concurrent
submissions no longer conflict on it.  Nothing is reindexed.
"""

from luanthanh.policy.dossiers import catalog_tool
from plone import api


def upgrade(setup_tool) -> None:
    catalog_tool.install(api.portal.get())
