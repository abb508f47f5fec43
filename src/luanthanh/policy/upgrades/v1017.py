"""1016 → 1017: the dossier catalog gets the KeywordIndex ``statistics_days``
(issue #15).

It holds the local days on which each dossier was received, closed,
resolved, returned and is due (:mod:`luanthanh.policy.dossiers.day_keys`);
the statistics read a period as at most 366 sets per moment instead of one
set per minute of the DateIndexes.  The step adds the index and fills it
from the stored dossiers; run again, it changes nothing.
"""

from luanthanh.policy.setuphandlers.catalog import install_dossier_catalog
from plone import api


def upgrade(setup_tool) -> None:
    install_dossier_catalog(api.portal.get())
