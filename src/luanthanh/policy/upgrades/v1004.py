"""1003 → 1004: the public site.

Adds the LegalDocument and LegalDocumentFolder types with their indexes,
turns the ``van-ban`` folder into a LegalDocumentFolder (its UID and content
are kept), gives ``thong-bao`` its listing and RSS feed (News Items only),
``gioi-thieu`` its page, the site root the home page, and the registry the
home page's most used procedures.
"""

from luanthanh.policy.setuphandlers.public import configure_public_sections
from luanthanh.policy.setuphandlers.site import use_section_layouts
from luanthanh.policy.upgrades.steps import reindex
from luanthanh.policy.upgrades.steps import run_profile_steps
from plone import api


def upgrade(setup_tool) -> None:
    run_profile_steps(setup_tool)
    portal = api.portal.get()
    configure_public_sections(portal)
    use_section_layouts(portal)
    reindex()
