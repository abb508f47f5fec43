"""Setup handlers of the ``default`` and ``uninstall`` profiles."""

from luanthanh.policy.security import login
from luanthanh.policy.setuphandlers.brand import install_brand
from luanthanh.policy.setuphandlers.brand import remove_brand
from luanthanh.policy.setuphandlers.catalog import install_dossier_catalog
from luanthanh.policy.setuphandlers.catalog import reindex_new_indexes
from luanthanh.policy.setuphandlers.catalog import restore_plone_lexicon
from luanthanh.policy.setuphandlers.catalog import uninstall_dossier_catalog
from luanthanh.policy.setuphandlers.catalog import use_vietnamese_lexicon
from luanthanh.policy.setuphandlers.lookup import use_lookup_layout
from luanthanh.policy.setuphandlers.public import configure_public_sections
from luanthanh.policy.setuphandlers.public import restore_home_page
from luanthanh.policy.setuphandlers.site import configure_site
from luanthanh.policy.setuphandlers.site import create_groups
from luanthanh.policy.setuphandlers.site import create_sections
from plone.base.interfaces import INonInstallable
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.utils import getToolByName
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep the helper profiles out of the add-ons control panel."""

    def getNonInstallableProfiles(self) -> list[str]:
        return [
            "luanthanh.policy:uninstall",
            "luanthanh.policy:demo",
            "luanthanh.policy:caching",
        ]

    def getNonInstallableProducts(self) -> list[str]:
        return []


def post_install(setup_tool) -> None:
    """Runs after every step of ``luanthanh.policy:default``."""
    portal = getToolByName(setup_tool, "portal_url").getPortalObject()
    configure_site(portal)
    install_brand()
    use_vietnamese_lexicon()
    install_dossier_catalog(portal)
    create_sections(portal)
    create_groups()
    use_lookup_layout(portal)
    configure_public_sections(portal)
    login.install(portal)
    # Index now, while the site is set: a queue left for the commit may be
    # processed without a site (as in test layers), losing catalog metadata.
    processQueue()
    reindex_new_indexes()


def uninstall(setup_tool) -> None:
    """Runs after the ``uninstall`` profile. Content is left in place."""
    portal = getToolByName(setup_tool, "portal_url").getPortalObject()
    login.uninstall(portal)
    remove_brand()
    uninstall_dossier_catalog(portal)
    restore_plone_lexicon()
    restore_home_page(getToolByName(setup_tool, "portal_url").getPortalObject())
