"""Errors of the domain API as Vietnamese status messages (Classic UI)."""

from luanthanh.policy.errors import LuanThanhError
from plone import api
from zope.i18nmessageid import Message


def message_of(error: Exception, **mapping):
    """What to tell the user about ``error``.

    A :class:`LuanThanhError` gives its translatable message; ``mapping``
    replaces some of its variables (e.g. a transition's title for its id).
    Any other error (a plain ``WorkflowException``) gives its text.
    """
    if not isinstance(error, LuanThanhError):
        return str(error)
    message = error.message
    if mapping and isinstance(message, Message):
        message = Message(message, mapping={**(message.mapping or {}), **mapping})
    return message


def show_error(error: Exception, request, **mapping) -> None:
    """Show ``error`` as an error status message on the next page."""
    api.portal.show_message(message_of(error, **mapping), request, type="error")
