"""A dossier's procedure and its title."""

from luanthanh.policy.dossiers.shared_values import remember
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


_UNKNOWN = object()


def procedure_of(dossier):
    """The Procedure a dossier is for, or None (none set, or deleted)."""
    relation = getattr(dossier, "procedure", None)
    if relation is None or relation.isBroken():
        return None
    # Inside a batch (dossiers.shared_values), once per procedure.
    return remember(("procedure", relation.to_id), lambda: relation.to_object)


def procedure_fee(dossier) -> int | None:
    """The fee (đồng) of the dossier's procedure; None without procedure."""
    procedure = procedure_of(dossier)
    return getattr(procedure, "fee", None) if procedure is not None else None


def relation_to(procedure, intids=None) -> RelationValue:
    """A RelationValue pointing at ``procedure``."""
    intids = intids if intids is not None else getUtility(IIntIds)
    return RelationValue(intids.getId(procedure))


def set_title(dossier, procedure=_UNKNOWN) -> None:
    """``<code> · <procedure title>``: how lists and breadcrumbs name a dossier.

    ``procedure``: the dossier's procedure when the caller has it in hand."""
    if procedure is _UNKNOWN:
        procedure = procedure_of(dossier)
    suffix = f" · {procedure.title}" if procedure is not None else ""
    dossier.title = f"{dossier.code}{suffix}"
