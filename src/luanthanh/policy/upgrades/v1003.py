"""1002 → 1003: online submission, status lookup and rating.

New catalog indexes (``submission_token``, ``rating``), the settings of
online forms, the lookup and the rating; the section ``tra-cuu-ho-so`` shows
the status lookup page.
"""

from luanthanh.policy.setuphandlers.catalog import reindex_new_indexes
from luanthanh.policy.setuphandlers.lookup import use_lookup_layout
from luanthanh.policy.setuphandlers.site import use_section_layouts
from plone import api
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
    use_lookup_layout(api.portal.get())
    use_section_layouts(api.portal.get())
    processQueue()
    reindex_new_indexes()
