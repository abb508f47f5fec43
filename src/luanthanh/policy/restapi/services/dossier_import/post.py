"""POST @dossier-import: bring the dossiers of an old system in (CSV).

Bodies accepted: ``text/csv`` (UTF-8, with or without BOM), or
``multipart/form-data`` with a ``file`` field.  The answer counts the
dossiers created, updated and left unchanged; a file with any invalid row is
refused with 400 and the numbered errors, and nothing is written (the
transaction is doomed).  Files larger than 50 MB go through
``make import-dossiers FILE=...``.

Permission ``luanthanh.policy: Import dossiers`` (Manager, Site
Administrator; Plone's ``Manage portal`` is not given to Site
Administrator).  CSRF: as for ``@procedure-import``
(:mod:`luanthanh.policy.restapi.services.upload`).
"""

from luanthanh.policy.api import exchange
from luanthanh.policy.config import DOSSIER_FOLDER_ID
from luanthanh.policy.i18n import _
from luanthanh.policy.restapi.services.upload import NO_FILE
from luanthanh.policy.restapi.services.upload import UploadService
from plone import api


CSV_TYPES = ("text/csv", "application/csv", "text/comma-separated-values")


class DossierImportPost(UploadService):
    """Import historic dossiers into the tracking book ``ho-so``."""

    media_types = CSV_TYPES
    media_type_message = _(
        "dossier_import_error_media_type",
        default="Kiểu nội dung “${type}” không được hỗ trợ; hãy gửi "
        "text/csv hoặc tệp CSV qua multipart/form-data.",
    )

    def reply(self) -> dict:
        mime = self.mime_type()
        refused = self.check_request(mime)
        if refused is not None:
            return refused
        folder = api.portal.get().get(DOSSIER_FOLDER_ID)
        if folder is None:
            return self.error(
                404,
                "NotFound",
                _(
                    "dossier_import_error_no_folder",
                    default="Trang chưa có sổ theo dõi hồ sơ (ho-so) để nhập vào.",
                ),
            )
        try:
            try:
                data, _upload = self.read_upload(mime)
            except LookupError:
                raise exchange.dossier_import_error(NO_FILE) from None
            result = exchange.import_dossiers(folder, data)
        except exchange.DossierImportError as error:
            return self.validation_error(error)
        return {
            "created": len(result["created"]),
            "updated": len(result["updated"]),
            "unchanged": len(result["unchanged"]),
            "message": exchange.dossier_summary(result),
        }
