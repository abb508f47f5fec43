"""1002 → 1003: online submission, status lookup and rating.

New catalog indexes (``submission_token``, ``rating``) and the settings and
configuration of online forms, the lookup and the rating.
"""

from luanthanh.policy.setuphandlers.catalog import reindex_new_indexes
from Products.CMFCore.indexing import processQueue


PROFILE = "profile-luanthanh.policy:default"


def upgrade(setup_tool) -> None:
    for step in (
        "rolemap",
        "typeinfo",
        "workflow",
        "catalog",
        "plone.app.registry",
        "controlpanel",
    ):
        setup_tool.runImportStepFromProfile(PROFILE, step)
    processQueue()
    reindex_new_indexes()
