"""The refusal of an upload: :class:`UploadRejected` with a Vietnamese message."""

from luanthanh.policy.i18n import translated
from zope.i18nmessageid import Message


class UploadRejected(ValueError):
    """An upload we do not keep; ``message`` says why, in Vietnamese."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return translated(self.message)
