"""A dossier's procedure and its title."""

from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


def procedure_of(dossier):
    """The Procedure a dossier is for, or None (none set, or deleted)."""
    relation = getattr(dossier, "procedure", None)
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def relation_to(procedure, intids=None) -> RelationValue:
    """A RelationValue pointing at ``procedure``."""
    intids = intids if intids is not None else getUtility(IIntIds)
    return RelationValue(intids.getId(procedure))


def set_title(dossier) -> None:
    """``<code> · <procedure title>``: how lists and breadcrumbs name a dossier."""
    procedure = procedure_of(dossier)
    suffix = f" · {procedure.title}" if procedure is not None else ""
    dossier.title = f"{dossier.code}{suffix}"
