"""What the thank-you page and the confirmation e-mail tell about a new dossier.

The "Tạo hồ sơ" action leaves the receipt of the dossier it made (or found
again) in the request; the thank-you page
(:class:`luanthanh.policy.browser.online.OnlineEasyFormForm`) reads it and
prints the "Phiếu xác nhận nộp hồ sơ trực tuyến" from it.  The receipt lives
only in the request that made the dossier: no URL shows it again.
"""

from luanthanh.policy import api
from luanthanh.policy import settings
from luanthanh.policy.dossiers.attachments import file_size
from luanthanh.policy.dossiers.delivery import place as result_place
from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.formatting import format_days
from luanthanh.policy.formatting import format_size
from luanthanh.policy.urls import lookup_url
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate


#: Where the thank-you page finds the dossier (request annotation).
RECEIPT_KEY = "luanthanh.policy.online.receipt"
#: The dossier code, also in ``request.other`` for TALES (thanks overrides).
REQUEST_CODE = "luanthanh_dossier_code"


def processing_text(procedure, request=None) -> str:
    """'N ngày làm việc' or 'Trong ngày làm việc'."""
    return translate(format_days(procedure.processing_days), context=request)


def received_files(dossier) -> list[dict]:
    """The files the dossier holds: their name, size and the form's field
    (and its label) each one answers, in the order they were attached."""
    fields = {
        row.get("value"): row
        for row in (getattr(dossier, "form_data", None) or [])
        if row.get("value")
    }
    files = []
    for item in dossier.objectValues():
        blob = getattr(item, "file", None)
        if blob is None:
            continue
        name = blob.filename or item.getId()
        row = fields.get(name, {})
        files.append(
            {
                "name": name,
                "size": format_size(file_size(item)),
                "field": row.get("field", ""),
                "document": row.get("label", ""),
            }
        )
    return files


def set_receipt(request, dossier, procedure=None, email: str = "") -> dict:
    """Tell the thank-you page which dossier this submission made."""
    info = {
        "code": dossier.code,
        "procedure_title": procedure.title if procedure is not None else "",
        "procedure_code": procedure.code if procedure is not None else "",
        "processing": (
            processing_text(procedure, request) if procedure is not None else ""
        ),
        "lookup_url": lookup_url(dossier.code),
        "email": email,
        "applicant": dossier.applicant_name or "",
        "submitted": format_datetime(dossier.submitted_at),
        "center": settings.center()["center_name"],
        "delivery": translate(result_place(dossier), context=request),
        "files": received_files(dossier),
        # The fee set at submission, and its VietQR payload while unpaid.
        "fee": api.payment.public(dossier),
    }
    IAnnotations(request)[RECEIPT_KEY] = info
    request.set(REQUEST_CODE, dossier.code)
    return info


def receipt(request) -> dict | None:
    """The dossier made (or found again) by this request's submission."""
    return IAnnotations(request).get(RECEIPT_KEY)
