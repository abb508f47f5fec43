"""1003 → 1004: the public site.

Adds the LegalDocument and LegalDocumentFolder types with their indexes,
turns the ``van-ban`` folder into a LegalDocumentFolder (its UID and content
are kept), gives ``thong-bao`` its listing and RSS feed (News Items only),
``gioi-thieu`` its page, the site root the home page, and the registry the
home page's most used procedures.
"""

from luanthanh.policy.setuphandlers.catalog import reindex_new_indexes
from luanthanh.policy.setuphandlers.public import configure_public_sections
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
    portal = api.portal.get()
    configure_public_sections(portal)
    use_section_layouts(portal)
    processQueue()
    reindex_new_indexes()
