"""The public sections: notices with their RSS feed, the documents section,
the center's pages, and the home page of the site root."""

from luanthanh.policy.config import logger
from luanthanh.policy.content.legal_document import LegalDocumentFolder
from luanthanh.policy.interfaces import INoticesFolder
from luanthanh.policy.setuphandlers.convert import convert_folder
from plone import api
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.base.interfaces.syndication import IFeedSettings
from zope.interface import alsoProvides


HOME_LAYOUT = "trang-chu"
NOTICES = "thong-bao"
DOCUMENTS = "van-ban"


def use_home_page(portal) -> None:
    """The site root shows ``@@trang-chu``."""
    if portal.getLayout() != HOME_LAYOUT:
        portal.setLayout(HOME_LAYOUT)


def restore_home_page(portal) -> None:
    """On uninstall: the site root shows Plone's own view again (ours goes
    with the browser layer)."""
    if portal.getLayout() == HOME_LAYOUT:
        portal.setLayout("document_view")


def configure_notices(portal) -> bool:
    """``thong-bao`` holds News Items only and publishes an RSS feed."""
    folder = portal.get(NOTICES)
    if folder is None:
        return False
    if not INoticesFolder.providedBy(folder):
        alsoProvides(folder, INoticesFolder)
        folder.reindexObject(idxs=["object_provides"])
    constrains = ISelectableConstrainTypes(folder)
    # The types are checked against what the current user may add: run as
    # Manager, whoever runs the profile or the upgrade.
    with api.env.adopt_roles(["Manager"]):
        constrains.setConstrainTypesMode(ENABLED)
        constrains.setLocallyAllowedTypes(["News Item"])
        constrains.setImmediatelyAddableTypes(["News Item"])
    settings = IFeedSettings(folder)
    settings.enabled = True
    settings.feed_types = ("RSS", "rss.xml", "atom.xml")
    return True


def convert_documents_section(portal) -> bool:
    """Turn a ``van-ban`` created as a plain Folder into a LegalDocumentFolder.

    A layout chosen for the old folder (listing_view...) is dropped so that
    the section shows the documents' listing.
    """
    converted = convert_folder(
        portal, DOCUMENTS, LegalDocumentFolder, "LegalDocumentFolder"
    )
    if converted:
        folder = portal[DOCUMENTS]
        if "layout" in folder.__dict__:
            del folder.layout
        logger.info("van-ban now lists its documents")
    return converted


def configure_public_sections(portal) -> None:
    convert_documents_section(portal)
    configure_notices(portal)
    use_home_page(portal)
