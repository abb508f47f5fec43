"""Catalog indexers for procedures.

Listings read these as catalog metadata, so they never wake the objects.
"""

from luanthanh.policy.content.procedure import IProcedure
from luanthanh.policy.vocabularies import field_title
from plone.indexer import indexer


@indexer(IProcedure)
def procedure_code(obj) -> str:
    return obj.code or ""


@indexer(IProcedure)
def procedure_field(obj) -> str:
    return obj.field or ""


@indexer(IProcedure)
def online_level(obj) -> str:
    return obj.online_level or "none"


@indexer(IProcedure)
def audience(obj) -> list[str]:
    return sorted(obj.audience or ())


@indexer(IProcedure)
def channels(obj) -> list[str]:
    return sorted(obj.channels or ())


@indexer(IProcedure)
def processing_days(obj) -> int:
    return obj.processing_days or 0


@indexer(IProcedure)
def fee(obj) -> int:
    return obj.fee or 0


@indexer(IProcedure)
def searchable_text(obj) -> str:
    """Title, description, code, field, agency, documents and result.

    The code is indexed as written and without its dots, so that both
    "1.000894" and "1000894" find it.
    """
    code = obj.code or ""
    parts = [
        obj.title or "",
        obj.description or "",
        code,
        code.replace(".", ""),
        field_title(obj.field),
        obj.implementing_agency or "",
        obj.result or "",
    ]
    parts.extend(row.get("name") or "" for row in obj.required_documents or ())
    return " ".join(p for p in parts if p)
