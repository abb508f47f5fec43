"""The message factory of the package, and translating where there may be no request.

``zope.i18n.translate`` without a request falls back to English; our
messages must then come out in the site's language (Vietnamese), not English.
"""

from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "luanthanh.policy"

_ = MessageFactory(PACKAGE_NAME)


def translated(msg, request=None, default_language: str = "vi") -> str:
    """``msg`` in the request's language, else in the site's default language."""
    request = request if request is not None else getRequest()
    if request is not None and hasattr(request, "get"):
        return translate(msg, context=request)
    try:
        language = api.portal.get_default_language() or default_language
    except Exception:  # outside a site
        language = default_language
    return translate(msg, target_language=language)
