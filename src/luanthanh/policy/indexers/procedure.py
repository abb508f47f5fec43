"""Catalog indexers for procedures.

Listings read these as catalog metadata, so they never wake the objects.
"""

from luanthanh.policy.content.procedure import IProcedure
from luanthanh.policy.indexers.attribute import attribute_indexer
from luanthanh.policy.vocabularies import field_title
from plone.indexer import indexer


procedure_code = attribute_indexer(IProcedure, "code", "")
procedure_field = attribute_indexer(IProcedure, "field", "")
procedure_national_field = attribute_indexer(IProcedure, "national_field", "")
online_level = attribute_indexer(IProcedure, "online_level", "none")


@indexer(IProcedure)
def audience(obj) -> list[str]:
    return sorted(obj.audience or ())


@indexer(IProcedure)
def channels(obj) -> list[str]:
    return sorted(obj.channels or ())


processing_days = attribute_indexer(IProcedure, "processing_days", 0)
fee = attribute_indexer(IProcedure, "fee", 0)


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
