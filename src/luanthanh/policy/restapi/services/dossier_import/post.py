"""POST @dossier-import: bring the dossiers of an old system in (CSV).

Bodies accepted: ``text/csv`` (UTF-8, with or without BOM), or
``multipart/form-data`` with a ``file`` field.  The answer counts the
dossiers created, updated and left unchanged; a file with any invalid row is
refused with 400 and the numbered errors, and nothing is written (the
transaction is doomed).  Files larger than 50 MB go through
``make import-dossiers FILE=...``.

Permission ``luanthanh.policy: Import dossiers`` (Manager, Site
Administrator; Plone's ``Manage portal`` is not given to Site
Administrator).  CSRF: as for ``@procedure-import``, a multipart body must
carry plone.protect's token unless it is authenticated with a Bearer token;
a ``text/csv`` body cannot be sent cross-site without a CORS preflight.
"""

from luanthanh.policy.exchange.dossiers import DossierImportError
from luanthanh.policy.exchange.dossiers import import_dossiers
from luanthanh.policy.exchange.dossiers import parse
from luanthanh.policy.exchange.dossiers import summarize_result
from luanthanh.policy.i18n import _
from plone import api
from plone.protect.authenticator import check as check_authenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import alsoProvides

import transaction


CSV_TYPES = ("text/csv", "application/csv", "text/comma-separated-values")


class DossierImportPost(Service):
    """Import historic dossiers into the tracking book ``ho-so``."""

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
        elif mime not in CSV_TYPES:
            return self._error(
                415,
                "UnsupportedMediaType",
                _(
                    "dossier_import_error_media_type",
                    default="Kiểu nội dung “${type}” không được hỗ trợ; hãy gửi "
                    "text/csv hoặc tệp CSV qua multipart/form-data.",
                    mapping={"type": mime or "-"},
                ),
            )
        alsoProvides(self.request, IDisableCSRFProtection)
        folder = api.portal.get().get("ho-so")
        if folder is None:
            return self._error(
                404,
                "NotFound",
                _(
                    "dossier_import_error_no_folder",
                    default="Trang chưa có sổ theo dõi hồ sơ (ho-so) để nhập vào.",
                ),
            )
        try:
            result = import_dossiers(folder, parse(self._data(mime)))
        except DossierImportError as error:
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
            "message": summarize_result(result),
        }

    def _data(self, mime: str) -> bytes:
        if mime != "multipart/form-data":
            body = self.request.get("BODY") or b""
            return body.encode("utf-8") if isinstance(body, str) else body
        upload = self.request.form.get("file")
        if upload is None or not hasattr(upload, "read"):
            raise DossierImportError(
                [
                    {
                        "line": None,
                        "column": None,
                        "message": translate(
                            _("import_error_no_file", default="Chưa chọn tệp để nhập."),
                            context=self.request,
                        ),
                    }
                ]
            )
        return upload.read()

    def _mime_type(self) -> str:
        content_type = self.request.getHeader("Content-Type") or ""
        return content_type.split(";", 1)[0].strip().lower()

    def _bearer(self) -> bool:
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
