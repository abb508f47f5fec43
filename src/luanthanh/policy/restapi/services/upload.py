"""The request handling shared by the services that take an uploaded file.

``@procedure-import`` and ``@dossier-import`` accept a raw body of some media
types, or ``multipart/form-data`` with a ``file`` field.  CSRF: a cross-site
HTML form can send ``multipart/form-data`` with the visitor's cookies, so
multipart requests must carry plone.protect's token (field
``_authenticator`` or header ``X-CSRF-TOKEN``) unless they are authenticated
with a Bearer token.  Raw bodies (JSON, CSV, XLSX) cannot be sent cross-site
without a CORS preflight.
"""

from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import IUploadService
from plone.protect.authenticator import check as check_authenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import Forbidden
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import alsoProvides
from zope.interface import implementer

import transaction


MULTIPART = "multipart/form-data"

NO_FILE = _("import_error_no_file", default="Chưa chọn tệp để nhập.")


@implementer(IUploadService)
class UploadService(Service):
    """A service whose body is a file (raw, or in a multipart form)."""

    #: The raw media types :meth:`check_request` lets through (besides multipart).
    media_types: tuple[str, ...] = ()
    #: The 415 message; ``${type}`` is the media type sent.
    media_type_message = None

    def mime_type(self) -> str:
        """The media type of the body, without parameters, lower case."""
        content_type = self.request.getHeader("Content-Type") or ""
        return content_type.split(";", 1)[0].strip().lower()

    def bearer(self) -> bool:
        """Whether the request is authenticated with a Bearer token."""
        # Zope moves the Authorization header out of the environment.
        authorization = getattr(self.request, "_auth", None) or ""
        return authorization.lower().startswith("bearer ")

    def check_csrf(self) -> dict | None:
        """The 403 answer of a multipart request without a CSRF token, or None."""
        if self.bearer():
            return None
        try:
            check_authenticator(self.request)
        except Forbidden:
            return self.error(
                403,
                "Forbidden",
                _(
                    "import_error_csrf",
                    default="Thiếu mã xác thực biểu mẫu: gửi trường "
                    "_authenticator hoặc tiêu đề X-CSRF-TOKEN.",
                ),
            )
        return None

    def check_request(self, mime: str) -> dict | None:
        """The error answer (403, 415) for this request, or None to go on.

        When it goes on, plone.protect's automatic CSRF check is switched off:
        the permission was checked when the service was published, and the
        body cannot come from a cross-site form (see the module docstring).
        """
        if mime == MULTIPART:
            refused = self.check_csrf()
            if refused is not None:
                return refused
        elif mime not in self.media_types:
            return self.error(
                415,
                "UnsupportedMediaType",
                Message(self.media_type_message, mapping={"type": mime or "-"}),
            )
        alsoProvides(self.request, IDisableCSRFProtection)
        return None

    def read_upload(self, mime: str) -> tuple[bytes, object | None]:
        """The bytes of the body or of the ``file`` field, and that field.

        Raises ``LookupError`` when a multipart form has no file.
        """
        if mime != MULTIPART:
            body = self.request.get("BODY") or b""
            return (body.encode("utf-8") if isinstance(body, str) else body), None
        upload = self.request.form.get("file")
        if upload is None or not hasattr(upload, "read"):
            raise LookupError("file")
        return upload.read(), upload

    def error(self, status: int, kind: str, message) -> dict:
        """``{"error": {"type", "message"}}`` with ``status``; nothing is written."""
        transaction.doom()
        self.request.response.setStatus(status)
        return {
            "error": {
                "type": kind,
                "message": translate(message, context=self.request),
            }
        }

    def validation_error(self, error) -> dict:
        """The 400 answer of a refused file: the summary and the numbered errors."""
        transaction.doom()
        self.request.response.setStatus(400)
        return {
            "error": {
                "type": "ValidationError",
                "message": str(error),
                "errors": error.errors,
            }
        }
