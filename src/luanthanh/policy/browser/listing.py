"""What the public listings share: batches and directive documents.

The home page, the notices, the ``van-ban`` listing and a procedure's page
all show directive documents (văn bản chỉ đạo, điều hành) the same way, from
catalog metadata where they can.
"""

from AccessControl import getSecurityManager
from datetime import date
from luanthanh.policy.formatting import format_date
from luanthanh.policy.vocabularies import DOCUMENT_TYPES
from plone import api
from zope.i18n import translate


def batch_start(value) -> int:
    """``b_start`` of plone.batching links (``b_start:int``) or typed by hand."""
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return 0


class DocumentSummary:
    """What a listing shows for a brain, from catalog metadata only."""

    __slots__ = (
        "download_url",
        "effective",
        "issued",
        "issuer",
        "number",
        "summary",
        "title",
        "type_title",
        "url",
    )

    def __init__(self, brain, type_titles: dict):
        self.title = brain.Title
        self.url = brain.getURL()
        self.number = brain.document_number or ""
        self.type_title = type_titles.get(brain.document_type, "")
        self.issued = format_date(brain.issued_date)
        self.effective = format_date(brain.effective_from)
        self.issuer = brain.issuer or ""
        self.summary = brain.document_summary or ""
        self.download_url = f"{self.url}/@@download/file" if brain.has_file else ""


def type_titles(request) -> dict:
    """Document type token → its translated title."""
    return {token: translate(title, context=request) for token, title in DOCUMENT_TYPES}


def latest_documents(limit: int = 5) -> list[DocumentSummary]:
    """The newest published-for-the-visitor documents of the whole site."""
    brains = api.content.find(
        portal_type="LegalDocument",
        sort_on="issued_date",
        sort_order="descending",
        sort_limit=limit,
    )[:limit]
    titles = type_titles(getattr(api.portal.get(), "REQUEST", None))
    return [DocumentSummary(b, titles) for b in brains]


def documents_of_procedure(procedure, request) -> list[dict]:
    """The documents that name ``procedure`` among their related procedures,
    newest first, limited to those the visitor may see."""
    checker = getSecurityManager()
    found = []
    for relation in api.relation.get(
        target=procedure, relationship="related_procedures", unrestricted=True
    ):
        obj = relation.from_object
        if obj is None or not checker.checkPermission("View", obj):
            continue
        found.append(obj)
    found.sort(key=lambda o: o.issued_date or date.min, reverse=True)
    return [
        {
            "title": obj.title,
            "url": obj.absolute_url(),
            "number": obj.document_number,
            "issued": format_date(obj.issued_date),
        }
        for obj in found
    ]
