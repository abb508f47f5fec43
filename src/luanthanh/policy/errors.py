"""The small hierarchy of errors the domain raises (re-exported as ``api.exc``).

Every error carries a translatable Vietnamese message (a zope.i18n Message)
and the HTTP status and error type that plone.restapi answers it with
(``restapi/errors.py``); Classic UI shows the message as a status message
(``browser/errors.py``).  The transition errors are also DCWorkflow's
``WorkflowException``, so that code that fires transitions through
``portal_workflow`` keeps catching them.
"""

from luanthanh.policy.i18n import translated
from Products.CMFCore.WorkflowCore import WorkflowException


class LuanThanhError(Exception):
    """Base of every error of the domain API."""

    #: The HTTP status plone.restapi answers with.
    status = 400
    #: The ``error.type`` of the JSON body.
    type = "BadRequest"

    def __init__(self, message, field: str | None = None, details=None):
        if isinstance(message, LuanThanhError):
            # CMFCore's WorkflowTool re-raises ``type(error)(error)``: keep
            # the original message, field and details.
            message, field, details = (
                message.message,
                field or message.field,
                details or message.details,
            )
        self.message = message
        self.field = field
        self.details = details
        super().__init__(translated(message) if message is not None else "")

    def as_json(self, request=None) -> dict:
        """``{"error": {"type", "message"[, "field"][, "details"]}}``."""
        error = {"type": self.type, "message": translated(self.message, request)}
        if self.field:
            error["field"] = self.field
        if self.details:
            error["details"] = self.details
        return {"error": error}


class InvalidInput(LuanThanhError):
    """What was sent cannot be used (a field, a date, a file...)."""

    type = "InvalidInput"


class NotFound(LuanThanhError):
    """No such dossier, procedure or record."""

    status = 404
    type = "NotFound"


class Forbidden(LuanThanhError):
    """The current user may not do this."""

    status = 403
    type = "Forbidden"


class Throttled(LuanThanhError):
    """Too many attempts from this client for now."""

    status = 429
    type = "TooManyRequests"


class Conflict(LuanThanhError):
    """Not in the dossier's present state (e.g. a second rating)."""

    status = 409
    type = "Conflict"


class UploadRefused(InvalidInput):
    """A file was refused (type, size, content)."""

    type = "UploadRefused"


class TooLarge(UploadRefused):
    """A file, or a dossier's files together, over the size limit."""

    status = 413
    type = "RequestEntityTooLarge"


class TransitionRefused(Forbidden, WorkflowException):
    """The transition exists but may not be fired now, by this user."""


class UnknownTransition(LuanThanhError, WorkflowException):
    """The dossier's workflow has no such transition."""

    type = "WorkflowException"


class CommentRequired(InvalidInput, WorkflowException):
    """The transition needs a written reason, and none was given."""

    type = "WorkflowException"


class WorkflowRefused(InvalidInput, WorkflowException):
    """A rule of the one-stop process refuses the transition (e.g. no procedure)."""

    type = "WorkflowException"
