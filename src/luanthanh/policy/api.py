"""Small typed functions for working with dossiers, in the style of plone.api.

Counter intake, online forms and imports all create dossiers through
:func:`create_dossier`, so that every dossier gets its code the same way.
"""

from datetime import datetime
from datetime import UTC
from luanthanh.policy.content.codes import dossier_id
from luanthanh.policy.content.codes import next_code
from plone import api
from z3c.relationfield import RelationValue
from zoneinfo import ZoneInfo
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def dossier_folder():
    """The tracking book (``ho-so``)."""
    return api.portal.get()["ho-so"]


def create_dossier(
    procedure,
    container=None,
    submitted_at: datetime | None = None,
    unrestricted: bool = False,
    **data,
):
    """Create a dossier for ``procedure``, in state ``intake``, and return it.

    ``data`` holds the dossier's fields (applicant_name, applicant_phone,
    channel, priority, ...).  The code comes from the sequence of the local
    day of ``submitted_at`` (default: now) and gives the dossier's id
    (:func:`~luanthanh.policy.content.codes.dossier_id`).
    ``unrestricted`` skips the current user's add permission: the online
    forms, used anonymously, check their own rules before they call this.
    """
    container = container if container is not None else dossier_folder()
    submitted_at = (submitted_at or datetime.now(TZ)).astimezone(UTC)
    code = next_code(container, submitted_at)
    values = dict(
        data,
        code=code,
        submitted_at=submitted_at,
        procedure=RelationValue(getUtility(IIntIds).getId(procedure)),
    )
    if unrestricted:
        with api.env.adopt_roles(["Manager"]):
            return api.content.create(
                container=container, type="Dossier", id=dossier_id(code), **values
            )
    return api.content.create(
        container=container, type="Dossier", id=dossier_id(code), **values
    )


def receive_at_counter(procedure, container=None, **data):
    """A walk-in dossier: created with channel ``direct`` and accepted at once.

    Both happen in the current transaction, as the current user (the desk):
    either the dossier exists accepted, with its due date, or not at all.
    """
    data.setdefault("channel", "direct")
    dossier = create_dossier(procedure, container=container, **data)
    api.content.transition(dossier, transition="accept")
    return dossier
