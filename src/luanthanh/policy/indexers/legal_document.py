"""Catalog indexers for directive documents (the ``van-ban`` listing).

The listing filters on ``document_type`` and ``document_year``, sorts on
``issued_date`` and reads every column it shows from metadata.
"""

from luanthanh.policy.content.legal_document import ILegalDocument
from luanthanh.policy.indexers.attribute import attribute_indexer
from luanthanh.policy.vocabularies import DOCUMENT_TYPES
from plone.indexer import indexer


document_number = attribute_indexer(ILegalDocument, "document_number", "")
document_type = attribute_indexer(ILegalDocument, "document_type", "")
issued_date = attribute_indexer(ILegalDocument, "issued_date")


@indexer(ILegalDocument)
def document_year(obj) -> int | None:
    return obj.issued_date.year if obj.issued_date else None


effective_from = attribute_indexer(ILegalDocument, "effective_from")
issuer = attribute_indexer(ILegalDocument, "issuer", "")
document_summary = attribute_indexer(ILegalDocument, "summary", "")


@indexer(ILegalDocument)
def has_file(obj) -> bool:
    return bool(obj.file and obj.file.getSize())


@indexer(ILegalDocument)
def searchable_text(obj) -> str:
    """Number (as written and with its separators as spaces), type, title,
    summary, issuer and signer.

    "15/QĐ-UBND", "15 QĐ UBND" and "15 qd ubnd" all find the document: the
    lexicon splits words on "/" and "-" and folds the accents.
    """
    number = obj.document_number or ""
    type_title = dict(DOCUMENT_TYPES).get(obj.document_type or "")
    parts = [
        number,
        number.replace("/", " ").replace("-", " "),
        type_title.default if type_title else "",
        obj.title or "",
        obj.description or "",
        obj.summary or "",
        obj.issuer or "",
        obj.signer or "",
    ]
    return " ".join(p for p in parts if p)
