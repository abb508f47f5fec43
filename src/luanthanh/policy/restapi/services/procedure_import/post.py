"""POST @procedure-import: create or update procedures from CSV, XLSX or JSON.

Bodies accepted:

- ``application/json``: a list of procedures, or
  ``{"format": "csv", "data": "<text or base64>", "publish": true}``;
- ``text/csv``, or an XLSX file as is (its own content type);
- ``multipart/form-data`` with a ``file`` field (and ``publish``, ``format``).

``publish`` may also be given in the query string. The answer counts the
procedures created, updated and left unchanged; a file with any invalid row
is refused with 400 and the numbered errors, and nothing is written.

CSRF: see :mod:`luanthanh.policy.restapi.services.upload`.
"""

from luanthanh.policy.api import exchange
from luanthanh.policy.i18n import _
from luanthanh.policy.restapi.services.upload import MULTIPART
from luanthanh.policy.restapi.services.upload import NO_FILE
from luanthanh.policy.restapi.services.upload import UploadService
from typing import Any

import json


TRUE_VALUES = ("1", "true", "on", "yes")

RAW_TYPES = {
    "text/csv": "csv",
    exchange.PROCEDURE_CONTENT_TYPES["xlsx"]: "xlsx",
}


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value or "").strip().lower() in TRUE_VALUES


class ProcedureImportPost(UploadService):
    """Import procedures into the catalogue (site root or a ProcedureFolder)."""

    media_types = ("application/json", *RAW_TYPES)
    media_type_message = _(
        "import_error_media_type",
        default="Kiểu nội dung “${type}” không được hỗ trợ; hãy gửi "
        "JSON, CSV, XLSX hoặc tệp qua multipart/form-data.",
    )

    def reply(self) -> dict:
        mime = self.mime_type()
        refused = self.check_request(mime)
        if refused is not None:
            return refused
        try:
            data, fmt, publish = self._file(mime)
            result = exchange.import_procedures(
                self.context, data, fmt, publish=publish
            )
        except exchange.ProcedureImportError as error:
            return self.validation_error(error)
        return {
            "created": len(result["created"]),
            "updated": len(result["updated"]),
            "unchanged": len(result["unchanged"]),
            "items": result,
            "message": exchange.procedure_summary(result),
        }

    def _file(self, mime: str) -> tuple[bytes | list, str | None, bool]:
        """The file (bytes, or decoded JSON items), its format, ``publish``."""
        publish = _truthy(self.request.form.get("publish"))
        if mime == MULTIPART:
            try:
                data, upload = self.read_upload(mime)
            except LookupError:
                raise exchange.procedure_import_error(NO_FILE) from None
            fmt = str(self.request.form.get("format") or "").lower() or (
                exchange.detect_format(
                    getattr(upload, "filename", None),
                    upload.headers.get("Content-Type") if upload.headers else None,
                )
            )
            return data, fmt, publish
        body = self.request.get("BODY") or b""
        if mime in RAW_TYPES:
            return body, RAW_TYPES[mime], publish
        try:
            payload = json.loads(body)
        except ValueError as error:
            raise exchange.procedure_import_error(
                _(
                    "import_error_json",
                    default="Tệp JSON không đọc được: ${detail}.",
                    mapping={"detail": str(error)},
                )
            ) from None
        if isinstance(payload, list):
            return payload, "json", publish
        if not isinstance(payload, dict) or "data" not in payload:
            raise exchange.procedure_import_error(
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
            return data, fmt, publish
        if fmt not in exchange.PROCEDURE_FORMATS or not isinstance(data, str):
            raise exchange.procedure_import_error(
                _(
                    "import_error_format",
                    default="Không nhận dạng được định dạng tệp; hãy dùng CSV, "
                    "XLSX hoặc JSON.",
                )
            )
        return exchange.decode_data(data, fmt), fmt, publish
