"""The one URL builder: links printed on slips, put in QR codes and mailed.

Links in mails are built from :func:`public_url`, the site's address set in
the control panel (``luanthanh.policy.site.public_url``), never from whatever
``Host`` header the request that sent them carried: a forged ``Host`` would
otherwise put a stranger's address in a mail the center sends.  Without a
configured address they use ``DEFAULT_PUBLIC_URL`` and log a warning.
"""

from luanthanh.policy import settings
from luanthanh.policy.config import DEFAULT_PUBLIC_URL
from luanthanh.policy.config import logger
from luanthanh.policy.config import LOOKUP_PATH
from plone import api
from urllib.parse import urlencode
from urllib.parse import urlsplit


def site_url() -> str:
    """The site's URL as this request reaches it (pages, their resources)."""
    return api.portal.get().absolute_url()


def public_url() -> str:
    """The site's address for links that leave the site (mails).

    The control panel's address (``http``/``https`` with a host only, no
    trailing slash); else ``DEFAULT_PUBLIC_URL``, with a warning.  Never the
    request's ``Host`` header."""
    value = (settings.site().public_url or "").strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and not parts.query:
        return value
    logger.warning(
        "No valid site address in the control panel (luanthanh.policy.site."
        "public_url: %r): mail links use %s",
        value,
        DEFAULT_PUBLIC_URL,
    )
    return DEFAULT_PUBLIC_URL


def public_url_of(obj) -> str:
    """``obj``'s address below :func:`public_url` (its path in the site)."""
    portal = api.portal.get()
    path = obj.getPhysicalPath()[len(portal.getPhysicalPath()) :]
    return "/".join((public_url(), *path))


def lookup_url(code: str, portal_url: str | None = None) -> str:
    """The public status lookup of a dossier, as printed in the QR code."""
    base = portal_url if portal_url is not None else site_url()
    return f"{base}/{LOOKUP_PATH}?{urlencode({'code': code or ''})}"


def resource_url(name: str, portal_url: str | None = None) -> str:
    """A static file of the package (``++resource++luanthanh.policy/<name>``)."""
    base = portal_url if portal_url is not None else site_url()
    return f"{base}/++resource++luanthanh.policy/{name}"
