"""Catalog indexers for dossiers: the dashboard and statistics read only these."""

from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.dossiers.catalog import applicant_keys as keys_of
from luanthanh.policy.dossiers.catalog import applicant_secret
from luanthanh.policy.dossiers.day_keys import day_keys
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.dossiers.shared_values import remember
from luanthanh.policy.indexers.attribute import attribute_indexer
from luanthanh.policy.interfaces import IDossierCatalogTool
from luanthanh.policy.payments import amounts
from plone.indexer import indexer
from plone.uuid.interfaces import ATTRIBUTE_NAME


dossier_code = attribute_indexer(IDossier, "code", "")


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


channel = attribute_indexer(IDossier, "channel", "")


@indexer(IDossier)
def priority(obj) -> bool:
    return bool(obj.priority)


received_at = attribute_indexer(IDossier, "received_at")
due_date = attribute_indexer(IDossier, "due_date")
resolved_at = attribute_indexer(IDossier, "resolved_at")
closed_at = attribute_indexer(IDossier, "closed_at")
returned_at = attribute_indexer(IDossier, "returned_at")
timeliness = attribute_indexer(IDossier, "timeliness", "")


@indexer(IDossier)
def statistics_days(obj) -> list[int] | None:
    """The local days of the dossier's moments (:mod:`..dossiers.day_keys`)."""
    return day_keys(obj) or None


fee_status = attribute_indexer(IDossier, "fee_status")
payment_method = attribute_indexer(IDossier, "payment_method")


@indexer(IDossier)
def fee_collected(obj) -> int | None:
    """The đồng collected (a paid fee): :mod:`..payments.amounts`."""
    return amounts.collected(obj)


@indexer(IDossier)
def fee_waived(obj) -> int | None:
    """The đồng waived (exempted, or reduced then paid)."""
    return amounts.waived(obj)


assigned_to = attribute_indexer(IDossier, "assigned_to", "")
applicant_name = attribute_indexer(IDossier, "applicant_name", "")


@indexer(IDossier)
def searchable_text(obj) -> str:
    """Code, procedure and name: what the desk searches by in full text.

    Phone and CCCD are never here in clear: they are in ``applicant_keys``,
    as keyed hashes, and a search by phone or CCCD is turned into a search on
    that index (:func:`luanthanh.policy.dossiers.catalog.rewrite_query`).
    """
    code = obj.code or ""
    parts = [
        code,
        code.replace(".", " ").replace("-", " "),
        _procedure_title(obj),
        obj.applicant_name or "",
    ]
    return " ".join(p for p in parts if p)


@indexer(IDossier)
def uid(obj) -> str | None:
    """``UID``: what plone.app.uuid's indexer answers, ``IUUID(obj, None)``,
    read where plone.uuid's adapter for Dexterity content reads it (the
    adapter lookup computes Dexterity's ``providedBy`` each time)."""
    return getattr(obj, ATTRIBUTE_NAME, None)


submission_token = attribute_indexer(IDossier, "submission_token", "")
rating = attribute_indexer(IDossier, "rating", "")


@indexer(IDossier, IDossierCatalogTool)
def applicant_keys(obj) -> list[str] | None:
    """HMAC-SHA256 keys of the applicant's phone and CCCD (dossier catalog only)."""
    # Inside a batch (dossiers.shared_values), the secret is found once.
    secret = remember(("applicant key secret",), applicant_secret)
    return keys_of(obj.applicant_phone, obj.applicant_id_number, secret=secret) or None
