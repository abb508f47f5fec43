"""Writing one historic dossier: the cheap path, each object written once.

A live dossier is added through ``api.content.create``: Dexterity's factory,
then ``IObjectAddedEvent`` with a dozen subscribers (IntId, the relation
catalog twice, the initial workflow state and its role mappings, the
container's modification, link integrity, our own ``dossier_added``, the
access log).  For a historic dossier most of that work is thrown away at
once (the workflow status and the role mappings are rewritten from the
file) and the rest is done twice.  :class:`Writer` does each step once:

* the object comes from Dexterity's ``createContent`` (the schema fields set
  as the form would), and is added with ``_setObject(...,
  suppress_events=True)`` (the owner's local role as usual, no event, no
  write to the folder);
* the dossier gets its IntId, and its ``procedure`` relation is registered in
  the relation catalog (what z3c.relationfield's subscribers do, once);
* the title, the DCWorkflow status (one tuple, not one ``setStatusOf`` per
  step), the dossier's history, the official's local role;
* the role mappings of the final state, computed once per state by DCWorkflow
  and copied to the next dossiers in that state (they depend on the state
  only: same class, same workflow);
* :class:`~luanthanh.policy.interfaces.IDossierImportedEvent`, for what must
  happen to a dossier however it arrives (no empty access log: the first
  logged request creates it, see :mod:`luanthanh.policy.security.audit`);
* one ``indexObject()``: the dossier is cataloged once, when the queue is
  processed (at the commit of the batch), with its final values.

:func:`luanthanh.policy.exchange.dossiers.importing.import_dossiers` checks
(``tests/exchange/test_dossier_import.py``) that an imported dossier has the
same catalog values, roles and relations as a live one that went through the
same transitions.
"""

from AccessControl.Permission import pname
from AccessControl.SecurityManagement import getSecurityManager
from Acquisition import aq_base
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from luanthanh.policy.dossiers import history
from luanthanh.policy.dossiers.assignment import Assignees
from luanthanh.policy.dossiers.assignment import set_assignee
from luanthanh.policy.dossiers.codes import dossier_id
from luanthanh.policy.dossiers.relations import relation_to
from luanthanh.policy.dossiers.relations import set_title
from luanthanh.policy.exchange.dossiers.keys import IntIdRegistry
from luanthanh.policy.exchange.dossiers.rows import ATTRIBUTES
from luanthanh.policy.exchange.dossiers.rows import IMPORTED_COMMENT
from luanthanh.policy.exchange.dossiers.rows import PATHS
from luanthanh.policy.exchange.dossiers.rows import text
from luanthanh.policy.exchange.dossiers.rows import WORKFLOW_ID
from luanthanh.policy.interfaces import DossierImportedEvent
from persistent.mapping import PersistentMapping
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import createContent
from Products.CMFCore.CatalogTool import CATALOG_OPTIMIZATION_DISABLED
from Products.CMFCore.indexing import getQueue
from z3c.relationfield import RelationValue
from z3c.relationfield.interfaces import IRelationValue
from zc.relation.interfaces import ICatalog as IRelationCatalog
from zope.component import createObject
from zope.component import getUtility
from zope.component import queryUtility
from zope.event import notify
from zope.interface import Declaration
from zope.interface import implementer
from zope.interface import providedBy
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectCreatedEvent
from zope.lifecycleevent import ObjectModifiedEvent
from zope.schema import getFieldNames

import copy


_MISSING = object()
#: The values every new dossier is created with (besides ``ATTRIBUTES``).
_CREATED_WITH = ("code", "procedure")
#: DateTime instances kept for reuse; forgotten beyond this many.
_DATES_KEPT = 20000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def as_datetime(value) -> DateTime:
    """``DateTime(value)``.

    A whole second in UTC (what the import's rows are) is made as the ZODB
    makes a stored DateTime when it loads it, from its state (microseconds
    since the epoch, not naive, ``GMT+0``): the same object, attribute for
    attribute (``tests/exchange/test_dossier_writing.py``), without
    DateTime parsing the ISO text of the datetime.
    """
    if isinstance(value, datetime) and value.tzinfo is UTC and not value.microsecond:
        made = DateTime.__new__(DateTime)
        made.__setstate__(((value - _EPOCH) // _MICROSECOND, False, "GMT+0"))
        return made
    return DateTime(value)


@implementer(IRelationValue)
class _InHand:
    """A new relation as the relation catalog reads it: its source's IntId
    and its target given, everything else read from the relation itself."""

    def __init__(self, relation, from_id: int, target):
        self._relation = relation
        self.from_id = from_id
        self.to_object = target

    @property
    def to_interfaces(self):
        return providedBy(self.to_object)

    @property
    def to_interfaces_flattened(self):
        return Declaration(*self.to_interfaces).flattened()

    def __getattr__(self, name):
        return getattr(self._relation, name)


class Writer:
    """What every written dossier shares: tools, the actor, the comment, and
    the role mappings of each workflow state met so far."""

    def __init__(self):
        self.wftool = api.portal.get_tool("portal_workflow")
        self.wf = self.wftool.getWorkflowById(WORKFLOW_ID)
        self.intids = getUtility(IIntIds)
        self.registry = IntIdRegistry(self.intids)
        self.relations = queryUtility(IRelationCatalog)
        self.assignees = Assignees()
        self.actor = api.user.get_current().getId() or ""
        self.comment = text(IMPORTED_COMMENT)
        self._mappings: dict[str, dict[str, object]] = {}
        self._procedure_ids: dict[object, int] = {}
        self._attributes = [pname(p) for p in self.wf.permissions or ()]
        self._dates: dict[tuple, DateTime] = {}
        self._owners: dict[tuple, object] = {}
        # plone.app.relationfield stores the source's IntId as ``_from_id``.
        self._from_id_stored = isinstance(
            getattr(RelationValue, "from_object", None), property
        )
        self._fti = getUtility(IDexterityFTI, name="Dossier")
        # Dexterity's createContent looks for each value's schema among the
        # type's schemata (behaviors adapted); when all are fields of the
        # type's own schema it sets them on the object, as done here.
        self._own_fields = set(_CREATED_WITH + ATTRIBUTES) <= set(
            getFieldNames(self._fti.lookupSchema())
        )
        # Group → role maps live in local roles; copy nothing then.
        self._copyable = not (self.wf.getGroups() and self.wf.getRoles())

    # -- the steps ------------------------------------------------------------

    def create(self, container, values: dict):
        """Add a new historic dossier to ``container``; returns it (wrapped)."""
        code = values["code"]
        new_id = dossier_id(code)
        procedure = values["procedure"]
        relation = RelationValue(self._procedure_id(procedure))
        fields = {name: values[name] for name in ATTRIBUTES}
        obj = self._content(code=code, procedure=relation, **fields)
        obj.id = new_id
        obj = self._add(container, new_id, obj)
        jar = container._p_jar
        dossier_intid = self.registry.register(obj, jar)
        self._index_relation(
            obj, "procedure", obj.procedure, dossier_intid, procedure, jar
        )
        set_title(obj, procedure)
        self._write(obj, values)
        notify(DossierImportedEvent(obj))
        if CATALOG_OPTIMIZATION_DISABLED:
            obj.indexObject()
        else:
            # What obj.indexObject() queues (CMFPlone's indexObject is a
            # reindexObject with no index named), without finding the
            # catalog through acquisition for each dossier.
            getQueue().reindex(obj, [])
        return obj

    def _add(self, container, new_id: str, obj):
        """``container._setObject(new_id, obj, suppress_events=True)``; returns
        the dossier in its container.

        The ownership ``manage_fixupOwnershipAfterAdd`` gives depends on the
        user and the container's owner only: it is computed for the first
        dossier added to a container and copied to the next ones (it walks
        the new dossier's children and acquires the owner each time).
        """
        key = container.getPhysicalPath()
        owner = self._owners.get(key)
        if owner is None:
            container._setObject(new_id, obj, suppress_events=True)
            obj = container._getOb(new_id)
            self._owners[key] = aq_base(obj).__dict__.get("_owner", _MISSING)
            return obj
        container._setObject(new_id, obj, set_owner=0, suppress_events=True)
        obj = container._getOb(new_id)
        if owner is not _MISSING:
            aq_base(obj)._owner = copy.deepcopy(owner)
        # What _setObject does after the ownership: the user's Owner role.
        if getattr(obj, "__ac_local_roles__", _MISSING) is None:
            user = getSecurityManager().getUser()
            userid = user.getId() if user is not None else None
            if userid is not None:
                obj.manage_setLocalRoles(userid, ["Owner"])
        return obj

    def _content(self, **fields):
        """``createContent("Dossier", **fields)``."""
        if not self._own_fields:
            return createContent("Dossier", **fields)
        content = createObject(self._fti.factory)
        content.portal_type = self._fti.getId()
        for name, value in fields.items():
            setattr(content, name, value)
        notify(ObjectCreatedEvent(content))
        return content

    def _date(self, value) -> DateTime:
        """``DateTime(value)``, one instance per moment (DateTime is immutable;
        the import parses the same moments several times per dossier)."""
        # Equal aware datetimes of two zones are one moment but two DateTimes.
        key = (value, getattr(value, "tzinfo", None))
        found = self._dates.get(key)
        if found is None:
            if len(self._dates) >= _DATES_KEPT:
                self._dates.clear()
            found = self._dates[key] = as_datetime(value)
        return found

    def update(self, obj, values: dict, current: dict) -> None:
        """Bring an imported dossier to the row's values (a corrected file)."""
        if current["procedure_code"] != values["procedure_code"]:
            obj.procedure = relation_to(values["procedure"], self.intids)
        for name in ATTRIBUTES:
            setattr(obj, name, values[name])
        self._write(obj, values)
        # Relations, title and the attachments' security follow the change.
        notify(ObjectModifiedEvent(obj))
        set_title(obj)
        if obj.objectIds():
            obj.reindexObjectSecurity()
        obj.reindexObject()

    def _procedure_id(self, procedure) -> int:
        """The procedure's IntId, looked up once per procedure and import
        (five.intid builds a key reference from the root on every lookup)."""
        key = getattr(procedure, "_p_oid", None) or id(procedure)
        found = self._procedure_ids.get(key)
        if found is None:
            found = self._procedure_ids[key] = self.intids.getId(procedure)
        return found

    def _write(self, obj, values: dict) -> None:
        obj.creation_date = self._date(values["submitted_at"])
        statuses, entries = self._history(values)
        base = aq_base(obj)
        base._p_activate()
        if base.__dict__.get("workflow_history") is None:
            obj.workflow_history = PersistentMapping()
        obj.workflow_history[WORKFLOW_ID] = statuses
        self._role_mappings(obj, statuses[-1]["review_state"])
        history.replace(obj, entries)
        set_assignee(
            obj, self.assignees.for_procedure(values["procedure"]), reindex=False
        )

    def _index_relation(
        self, obj, name: str, value, from_id=None, target=None, jar=None
    ) -> None:
        """Register ``obj.<name>`` as z3c.relationfield's subscribers would.

        With the dossier's IntId and the target in hand (a new dossier), the
        relation catalog reads them from :class:`_InHand` instead of building
        a key reference for each again (the same values:
        ``tests/exchange/test_dossier_writing.py``).
        """
        if value is None or self.relations is None:
            return
        value.__parent__ = obj
        if from_id is None or not self._from_id_stored:
            value.from_object = obj
        else:
            # What plone.app.relationfield's from_object setter stores: the
            # source's IntId, here in hand.
            value._from_id = from_id
        value.from_attribute = name
        if from_id is None or jar is None:
            token = self.intids.register(value)
            indexed = value
        else:
            token = self.registry.register(value, jar)
            indexed = _InHand(value, from_id, target)
        self.relations.index_doc(token, indexed)

    def _history(self, values: dict) -> tuple[tuple[dict, ...], list[dict]]:
        """The DCWorkflow statuses and the dossier's history, as imported."""
        actor, comment = self.actor, self.comment
        due = values["due_date"]
        steps = [("accept", "intake", "processing", values["received_at"])]
        when = values["_resolved_column"]
        steps += [(t, s, target, when) for t, s, target in PATHS[values["outcome"]]]
        statuses = [
            {
                "action": None,
                "actor": actor,
                "comments": "",
                "review_state": "intake",
                "time": self._date(values["submitted_at"]),
                "imported": True,
            }
        ]
        entries = []
        for transition, source, target, moment in steps:
            entries.append(
                history.make_entry(
                    transition,
                    from_state=source,
                    to_state=target,
                    actor=actor,
                    time=moment,
                    comment=comment,
                    due_date_before=None if transition == "accept" else due,
                    due_date_after=due,
                    imported=True,
                )
            )
            statuses.append(
                {
                    "action": transition,
                    "actor": actor,
                    "comments": comment,
                    "review_state": target,
                    "time": self._date(moment),
                    "imported": True,
                }
            )
        return tuple(statuses), entries

    def _role_mappings(self, obj, state: str) -> None:
        """DCWorkflow's role mappings of ``state``, computed once per state."""
        mapping = self._mappings.get(state)
        if mapping is None or not self._copyable:
            self.wf.updateRoleMappingsFor(obj)
            base = aq_base(obj)
            self._mappings[state] = {
                name: getattr(base, name, _MISSING)
                if name in base.__dict__
                else _MISSING
                for name in self._attributes
            }
            return
        base = aq_base(obj)
        for name, roles in mapping.items():
            if roles is _MISSING:
                if name in base.__dict__:
                    delattr(base, name)
            else:
                setattr(base, name, roles if isinstance(roles, tuple) else list(roles))
