"""Catalog indexers for dossiers: the dashboard and statistics read only these."""

from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.dossiers.relations import procedure_of
from plone.indexer import indexer


@indexer(IDossier)
def dossier_code(obj) -> str:
    return obj.code or ""


@indexer(IDossier)
def procedure_code(obj) -> str:
    procedure = procedure_of(obj)
    return procedure.code if procedure is not None else ""


@indexer(IDossier)
def procedure_field(obj) -> str:
    procedure = procedure_of(obj)
    return procedure.field if procedure is not None else ""


def _procedure_title(obj) -> str:
    procedure = procedure_of(obj)
    return procedure.title if procedure is not None else ""


@indexer(IDossier)
def procedure_title(obj) -> str:
    return _procedure_title(obj)


@indexer(IDossier)
def channel(obj) -> str:
    return obj.channel or ""


@indexer(IDossier)
def priority(obj) -> bool:
    return bool(obj.priority)


@indexer(IDossier)
def received_at(obj):
    return obj.received_at


@indexer(IDossier)
def due_date(obj):
    return obj.due_date


@indexer(IDossier)
def resolved_at(obj):
    return obj.resolved_at


@indexer(IDossier)
def closed_at(obj):
    return obj.closed_at


@indexer(IDossier)
def returned_at(obj):
    return obj.returned_at


@indexer(IDossier)
def timeliness(obj) -> str:
    return obj.timeliness or ""


@indexer(IDossier)
def assigned_to(obj) -> str:
    return obj.assigned_to or ""


@indexer(IDossier)
def applicant_name(obj) -> str:
    return obj.applicant_name or ""


@indexer(IDossier)
def searchable_text(obj) -> str:
    """Code, procedure, name, phone and CCCD: what the desk searches by.

    Dossiers are visible only to officials, so the catalog never returns this
    to anyone else.
    """
    code = obj.code or ""
    parts = [
        code,
        code.replace(".", " ").replace("-", " "),
        _procedure_title(obj),
        obj.applicant_name or "",
        obj.applicant_phone or "",
        obj.applicant_id_number or "",
    ]
    return " ".join(p for p in parts if p)


@indexer(IDossier)
def submission_token(obj) -> str:
    return obj.submission_token or ""


@indexer(IDossier)
def rating(obj) -> str:
    return obj.rating or ""
