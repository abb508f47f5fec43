"""Classic UI pages to import and export procedures.

``@@procedure-import`` (site root, configlet "Nhập, xuất thủ tục hành chính")
uploads a CSV, XLSX or JSON file; ``@@procedure-export?format=csv|xlsx|json``
downloads the catalogue. Both need "luanthanh.policy: Import and export
procedures" (Manager, Site Administrator).
"""

from luanthanh.policy.api import exchange
from luanthanh.policy.i18n import _
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import BadRequest
from zope.i18n import translate

import transaction


class ProcedureImportView(BrowserView):
    """Upload form: create or update procedures, all or nothing."""

    template = ViewPageTemplateFile("templates/procedure_import.pt")

    #: The counts of a successful import, ``{"created": [codes], ...}``.
    result: dict | None = None
    #: The numbered errors of a refused import.
    errors: list[dict] = ()
    summary: str = ""

    def __call__(self) -> str:
        self.request.set("disable_border", True)
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        form = self.request.form
        if (
            self.request.get("REQUEST_METHOD", "GET") == "POST"
            and "form.buttons.import" in form
        ):
            CheckAuthenticator(self.request)
            self.run_import(form.get("file"), bool(form.get("publish")))
        return self.template()

    def run_import(self, upload, publish: bool) -> None:
        """Import the uploaded file; on any invalid row write nothing."""
        try:
            if not upload or not getattr(upload, "filename", None):
                raise exchange.procedure_import_error(
                    _("import_error_no_file", default="Chưa chọn tệp để nhập.")
                )
            fmt = exchange.detect_format(
                upload.filename,
                upload.headers.get("Content-Type") if upload.headers else None,
            )
            self.result = exchange.import_procedures(
                self.context, upload.read(), fmt, publish=publish
            )
            self.summary = exchange.procedure_summary(self.result)
        except exchange.ProcedureImportError as error:
            transaction.doom()
            self.errors = error.errors
            self.summary = str(error)

    def export_links(self) -> list[dict[str, str]]:
        """One download link per format."""
        base = self.context.absolute_url()
        return [
            {
                "format": fmt,
                "title": fmt.upper(),
                "url": f"{base}/@@procedure-export?format={fmt}",
            }
            for fmt in exchange.PROCEDURE_FORMATS
        ]


class ProcedureExportView(BrowserView):
    """Download ``thu-tuc-hanh-chinh.<ext>``."""

    def __call__(self) -> bytes:
        fmt = str(self.request.form.get("format") or "csv").lower()
        if fmt not in exchange.PROCEDURE_FORMATS:
            raise BadRequest(
                translate(
                    _(
                        "export_error_format",
                        default="Định dạng xuất “${value}” không hợp lệ; hãy chọn "
                        "csv, xlsx hoặc json.",
                        mapping={"value": fmt},
                    ),
                    context=self.request,
                )
            )
        data, content_type, filename = exchange.export_procedures(self.context, fmt)
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Content-Length", str(len(data)))
        response.setHeader("Cache-Control", "no-store")
        return data
