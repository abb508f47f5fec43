"""The one URL builder: links printed on slips, put in QR codes and mailed.

Links that leave the site (mails, QR codes, printed slips) are built from the
site's own URL, never from whatever ``Host`` header a request carried.
"""

from luanthanh.policy.config import LOOKUP_PATH
from plone import api
from urllib.parse import urlencode


def site_url() -> str:
    """The site's URL: the portal's ``absolute_url``."""
    return api.portal.get().absolute_url()


def lookup_url(code: str, portal_url: str | None = None) -> str:
    """The public status lookup of a dossier, as printed in the QR code."""
    base = portal_url if portal_url is not None else site_url()
    return f"{base}/{LOOKUP_PATH}?{urlencode({'code': code or ''})}"


def resource_url(name: str, portal_url: str | None = None) -> str:
    """A static file of the package (``++resource++luanthanh.policy/<name>``)."""
    base = portal_url if portal_url is not None else site_url()
    return f"{base}/++resource++luanthanh.policy/{name}"
