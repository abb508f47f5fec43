"""Translating our messages where there may be no request.

``zope.i18n.translate`` without a request falls back to English; our
messages must then come out in the site's language (Vietnamese), not English.
"""

from zope.globalrequest import getRequest
from zope.i18n import translate


def translated(msg, request=None, default_language: str = "vi") -> str:
    """``msg`` in the request's language, else in the site's default language."""
    request = request if request is not None else getRequest()
    if request is not None and hasattr(request, "get"):
        return translate(msg, context=request)
    try:
        from plone import api

        language = api.portal.get_default_language() or default_language
    except Exception:  # outside a site
        language = default_language
    return translate(msg, target_language=language)
