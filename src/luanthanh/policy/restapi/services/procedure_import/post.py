"""POST @procedure-import: create or update procedures from CSV, XLSX or JSON.

Bodies accepted:

- ``application/json``: a list of procedures, or
  ``{"format": "csv", "data": "<text or base64>", "publish": true}``;
- ``text/csv``, or an XLSX file as is (its own content type);
- ``multipart/form-data`` with a ``file`` field (and ``publish``, ``format``).

``publish`` may also be given in the query string. The answer counts the
procedures created, updated and left unchanged; a file with any invalid row
is refused with 400 and the numbered errors, and nothing is written.

CSRF: a cross-site HTML form can send ``multipart/form-data`` with the
visitor's cookies, so multipart requests must carry plone.protect's token
(field ``_authenticator`` or header ``X-CSRF-TOKEN``) unless they are
authenticated with a Bearer token. JSON, CSV and XLSX bodies cannot be sent
cross-site without a CORS preflight.
"""

from luanthanh.policy.exchange.procedures import CONTENT_TYPES
from luanthanh.policy.exchange.procedures import decode_data
from luanthanh.policy.exchange.procedures import detect_format
from luanthanh.policy.exchange.procedures import FORMATS
from luanthanh.policy.exchange.procedures import import_container
from luanthanh.policy.exchange.procedures import import_procedures
from luanthanh.policy.exchange.procedures import ImportValidationError
from luanthanh.policy.exchange.procedures import no_container_error
from luanthanh.policy.exchange.procedures import parse
from luanthanh.policy.exchange.procedures import Row
from luanthanh.policy.exchange.procedures import rows_from_items
from luanthanh.policy.exchange.procedures import summarize_result
from luanthanh.policy.i18n import _
from plone.protect.authenticator import check as check_authenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from typing import Any
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import alsoProvides

import json
import transaction


TRUE_VALUES = ("1", "true", "on", "yes")

RAW_TYPES = {
    "text/csv": "csv",
    CONTENT_TYPES["xlsx"]: "xlsx",
}


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value or "").strip().lower() in TRUE_VALUES


class ProcedureImportPost(Service):
    """Import procedures into the catalogue (site root or a ProcedureFolder)."""

    def reply(self) -> dict:
        mime = self._mime_type()
        if mime == "multipart/form-data":
            if not self._bearer():
                try:
                    check_authenticator(self.request)
                except Forbidden:
                    return self._error(
                        403,
                        "Forbidden",
                        _(
                            "import_error_csrf",
                            default="Thiếu mã xác thực biểu mẫu: gửi trường "
                            "_authenticator hoặc tiêu đề X-CSRF-TOKEN.",
                        ),
                    )
        elif mime != "application/json" and mime not in RAW_TYPES:
            return self._error(
                415,
                "UnsupportedMediaType",
                _(
                    "import_error_media_type",
                    default="Kiểu nội dung “${type}” không được hỗ trợ; hãy gửi "
                    "JSON, CSV, XLSX hoặc tệp qua multipart/form-data.",
                    mapping={"type": mime or "-"},
                ),
            )
        # The permission was checked when the service was published, and the
        # body cannot come from a cross-site form (see the module docstring).
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            rows, publish = self._rows(mime)
            container = import_container(self.context)
            if container is None:
                raise no_container_error()
            result = import_procedures(container, rows, publish=publish)
        except ImportValidationError as error:
            transaction.doom()
            self.request.response.setStatus(400)
            return {
                "error": {
                    "type": "ValidationError",
                    "message": str(error),
                    "errors": error.errors,
                }
            }
        return {
            "created": len(result["created"]),
            "updated": len(result["updated"]),
            "unchanged": len(result["unchanged"]),
            "items": result,
            "message": summarize_result(result),
        }

    # -- helpers

    def _mime_type(self) -> str:
        content_type = self.request.getHeader("Content-Type") or ""
        return content_type.split(";", 1)[0].strip().lower()

    def _bearer(self) -> bool:
        # Zope moves the Authorization header out of the environment.
        authorization = getattr(self.request, "_auth", None) or ""
        return authorization.lower().startswith("bearer ")

    def _error(self, status: int, kind: str, message) -> dict:
        transaction.doom()
        self.request.response.setStatus(status)
        return {
            "error": {
                "type": kind,
                "message": translate(message, context=self.request),
            }
        }

    def _rows(self, mime: str) -> tuple[list[Row], bool]:
        """The rows of the request body and the ``publish`` flag."""
        publish = _truthy(self.request.form.get("publish"))
        if mime == "multipart/form-data":
            return self._multipart_rows(), publish
        body = self.request.get("BODY") or b""
        if mime in RAW_TYPES:
            return parse(body, RAW_TYPES[mime]), publish
        try:
            payload = json.loads(body)
        except ValueError as error:
            raise self._bad_request(
                _(
                    "import_error_json",
                    default="Tệp JSON không đọc được: ${detail}.",
                    mapping={"detail": str(error)},
                )
            ) from None
        if isinstance(payload, list):
            return rows_from_items(payload), publish
        if not isinstance(payload, dict) or "data" not in payload:
            raise self._bad_request(
                _(
                    "import_error_payload",
                    default="Nội dung gửi lên phải là danh sách thủ tục, hoặc "
                    "đối tượng có “format” và “data”.",
                )
            )
        publish = _truthy(payload.get("publish", publish))
        fmt = str(payload.get("format") or "json").lower()
        data = payload["data"]
        if fmt == "json" and isinstance(data, list):
            return rows_from_items(data), publish
        if fmt not in FORMATS or not isinstance(data, str):
            raise self._bad_request(
                _(
                    "import_error_format",
                    default="Không nhận dạng được định dạng tệp; hãy dùng CSV, "
                    "XLSX hoặc JSON.",
                )
            )
        return parse(decode_data(data, fmt), fmt), publish

    def _multipart_rows(self) -> list[Row]:
        upload = self.request.form.get("file")
        if upload is None or not hasattr(upload, "read"):
            raise self._bad_request(
                _("import_error_no_file", default="Chưa chọn tệp để nhập.")
            )
        fmt = str(self.request.form.get("format") or "").lower() or detect_format(
            getattr(upload, "filename", None),
            upload.headers.get("Content-Type") if upload.headers else None,
        )
        return parse(upload.read(), fmt or "")

    def _bad_request(self, message) -> ImportValidationError:
        return ImportValidationError(
            [
                {
                    "line": None,
                    "field": None,
                    "message": translate(message, context=self.request),
                }
            ]
        )
