"""GET @procedure-export?format=json|csv|xlsx: download the procedures.

On the site root every procedure is exported, on a ProcedureFolder those in
it. The file has the columns of the import, so importing it again changes
nothing.
"""

from luanthanh.policy.api import exchange
from luanthanh.policy.i18n import _
from plone.restapi.services import Service
from zope.i18n import translate

import json


class ProcedureExportGet(Service):
    """The procedures as an attachment ``thu-tuc-hanh-chinh.<ext>``."""

    def render(self) -> bytes | str:
        self.check_permission()
        response = self.request.response
        fmt = str(self.request.form.get("format") or "json").lower()
        if fmt not in exchange.PROCEDURE_FORMATS:
            response.setStatus(400)
            response.setHeader("Content-Type", "application/json")
            message = _(
                "export_error_format",
                default="Định dạng xuất “${value}” không hợp lệ; hãy chọn csv, "
                "xlsx hoặc json.",
                mapping={"value": fmt},
            )
            return json.dumps(
                {
                    "error": {
                        "type": "BadRequest",
                        "message": translate(message, context=self.request),
                    }
                },
                ensure_ascii=False,
            )
        data, content_type, filename = exchange.export_procedures(self.context, fmt)
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Content-Length", str(len(data)))
        response.setHeader("Cache-Control", "no-store")
        return data
