"""The refusal of an upload: :class:`UploadRejected` with a Vietnamese message."""

from luanthanh.policy.i18n import _
from luanthanh.policy.i18n import translated
from zope.i18nmessageid import Message


class UploadRejected(ValueError):
    """An upload we do not keep; ``message`` says why, in Vietnamese."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return translated(self.message)


def unpacks_too_much(name: str) -> UploadRejected:
    """The refusal of a file that unpacks into too much (a zip bomb)."""
    return UploadRejected(
        _(
            "upload_archive_bomb",
            default="Tệp “${name}” khi giải nén quá lớn hoặc có quá nhiều thành "
            "phần, không được chấp nhận.",
            mapping={"name": name},
        )
    )
