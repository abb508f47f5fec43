"""The center's identity: its logo and favicon in Plone's own registry records.

The drawings are static files of the add-on (``browser/static/logo.svg`` and
``favicon.png``, served as ``++resource++luanthanh.policy/…``).  They are
set as ``plone.site_logo`` and ``plone.site_favicon``, the records of Plone's
Site control panel: Plone then serves them (``@@site-logo/logo.svg``,
``favicon.ico``) and a Site Administrator can replace them there without
touching the code.
"""

from pathlib import Path
from plone import api
from plone.formwidget.namedfile.converter import b64decode_file
from plone.formwidget.namedfile.converter import b64encode_file
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


STATIC = Path(__file__).parent.parent / "browser" / "static"
LOGO = "logo.svg"
FAVICON = "favicon.png"
FAVICON_MIMETYPE = "image/png"


def data_uri(name: str) -> bytes:
    """A static file as Plone's registry stores a file:
    ``filenameb64:…;datab64:…``."""
    return b64encode_file(name, (STATIC / name).read_bytes())


def registry_file_name(record: str) -> str | None:
    """The file name kept in a file record of the registry, or None."""
    value = api.portal.get_registry_record(record, default=None)
    return b64decode_file(value)[0] if value else None


def install_brand() -> None:
    """Use the center's logo and favicon, unless a Site Administrator
    uploaded others (then theirs are kept, on install and on upgrade)."""
    if registry_file_name("plone.site_logo") in (None, LOGO):
        api.portal.set_registry_record("plone.site_logo", data_uri(LOGO))
    if registry_file_name("plone.site_favicon") in (None, FAVICON):
        api.portal.set_registry_record("plone.site_favicon", data_uri(FAVICON))
        api.portal.set_registry_record("plone.site_favicon_mimetype", FAVICON_MIMETYPE)


def remove_brand() -> None:
    """On uninstall: Plone's logo and favicon again, if ours are set."""
    registry = getUtility(IRegistry)
    if registry_file_name("plone.site_logo") == LOGO:
        registry["plone.site_logo"] = None
    if registry_file_name("plone.site_favicon") == FAVICON:
        registry["plone.site_favicon"] = None
        registry["plone.site_favicon_mimetype"] = "image/vnd.microsoft.icon"
