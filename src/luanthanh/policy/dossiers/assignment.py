"""Who handles a dossier: the official responsible for its procedure's field.

The official gets the local role DossierAssignee on the dossier; the mapping
field → official is a control-panel setting (IDossierSettings.assignees).
"""

from luanthanh.policy import settings
from luanthanh.policy.config import ASSIGNEE_ROLE
from luanthanh.policy.config import logger
from luanthanh.policy.dossiers.relations import procedure_of
from plone import api


class Assignees:
    """The field → official mapping, with existing users only (cached per use)."""

    def __init__(self):
        self.mapping = dict(settings.dossiers().assignees or {})
        self._valid: dict[str, bool] = {}

    def for_field(self, field: str | None) -> str:
        """The official of ``field``, or "" when none (or no such user)."""
        userid = self.mapping.get(field or "", "")
        if not userid:
            return ""
        if userid not in self._valid:
            self._valid[userid] = api.user.get(userid=userid) is not None
        return userid if self._valid[userid] else ""

    def for_procedure(self, procedure) -> str:
        return self.for_field(procedure.field if procedure is not None else None)


def set_assignee(dossier, userid: str, reindex: bool = True) -> None:
    """Make ``userid`` the dossier's official ("" removes the assignment)."""
    previous = dossier.assigned_to
    if previous and previous != userid:
        kept = [
            r
            for r in dossier.get_local_roles_for_userid(previous)
            if r != ASSIGNEE_ROLE
        ]
        if kept:
            dossier.manage_setLocalRoles(previous, kept)
        else:
            dossier.manage_delLocalRoles([previous])
    if userid:
        roles = set(dossier.get_local_roles_for_userid(userid)) | {ASSIGNEE_ROLE}
        dossier.manage_setLocalRoles(userid, sorted(roles))
    dossier.assigned_to = userid
    if reindex:
        dossier.reindexObjectSecurity()


def assign(dossier, assignees: Assignees | None = None) -> str:
    """Give the dossier to the official responsible for its field.

    Without one configured for the field, the dossier stays unassigned and
    the dashboard flags it.  Returns the user id, or "".
    """
    procedure = procedure_of(dossier)
    userid = (assignees or Assignees()).for_procedure(procedure)
    if not userid:
        field = procedure.field if procedure is not None else None
        logger.warning("No official to assign %s (field %s)", dossier.code, field)
        return ""
    set_assignee(dossier, userid)
    return userid
