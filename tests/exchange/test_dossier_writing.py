"""Each imported dossier written once (exchange/dossiers/writing.py) and
indexed once per name (dossiers/indexable.py)."""

from AccessControl.owner import Owned as RoleManagerOwner
from Acquisition import aq_base
from collections import Counter
from DateTime import DateTime
from datetime import datetime
from datetime import UTC
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.exchange.dossiers import import_dossiers
from luanthanh.policy.exchange.dossiers import rows_from_dicts
from luanthanh.policy.exchange.dossiers import WORKFLOW_ID
from luanthanh.policy.exchange.dossiers import writing
from luanthanh.policy.indexers import dossier as dossier_indexers
from luanthanh.policy.security.audit import access_log
from luanthanh.policy.security.audit import record
from luanthanh.policy.security.audit import VIEW
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.exchange import dossier_row
from plone import api
from plone.dexterity.utils import createContent
from plone.indexer.wrapper import IndexableObjectWrapper
from plone.uuid.interfaces import IUUID
from Products.CMFCore.indexing import processQueue
from Products.DCWorkflow.DCWorkflow import DCWorkflowDefinition
from zc.relation.interfaces import ICatalog
from zoneinfo import ZoneInfo
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest


@pytest.fixture
def procedure(portal):
    create_officials()
    return make_procedure(portal)


def load(portal, count: int, **values) -> list:
    rows = [
        dossier_row(code=f"W-{n}", applicant_phone=f"090000{n:04d}", **values)
        for n in range(count)
    ]
    import_dossiers(portal["ho-so"], rows_from_dicts(rows))
    return [portal["ho-so"][f"w-{n}"] for n in range(count)]


def test_role_mappings_computed_once_per_state(portal, procedure, monkeypatch):
    calls = Counter()
    original = DCWorkflowDefinition.updateRoleMappingsFor

    def counting(self, ob):
        calls[self.getId()] += 1
        return original(self, ob)

    monkeypatch.setattr(DCWorkflowDefinition, "updateRoleMappingsFor", counting)
    dossiers = load(portal, 4)
    assert calls[WORKFLOW_ID] == 1  # was 2 per dossier (creation, then import)
    monkeypatch.setattr(DCWorkflowDefinition, "updateRoleMappingsFor", original)
    wf = api.portal.get_tool("portal_workflow").getWorkflowById(WORKFLOW_ID)
    for dossier in dossiers:
        assert api.content.get_state(dossier) == "returned"
        # DCWorkflow would change nothing: the copied mappings are its own.
        assert wf.updateRoleMappingsFor(dossier) == 0


def test_intid_relation_access_log(portal, procedure):
    (dossier,) = load(portal, 1)
    intids = getUtility(IIntIds)
    assert intids.queryId(dossier) is not None
    relations = list(
        getUtility(ICatalog).findRelations({"to_id": intids.getId(procedure)})
    )
    assert [r.from_object.code for r in relations] == ["W-0"]
    assert dossier.title == f"W-0 · {procedure.title}"
    # No empty access log: the first logged request creates it.
    assert access_log(dossier) is None
    record(dossier, "admin", VIEW, "view")
    assert len(access_log(dossier)) == 1
    assert dossier.get_local_roles_for_userid("chuyenvien")


def test_each_name_computed_once_per_indexing(portal, procedure, monkeypatch):
    calls = []
    original = dossier_indexers.procedure_of

    def counting(obj):
        calls.append(obj.code)
        return original(obj)

    monkeypatch.setattr(dossier_indexers, "procedure_of", counting)
    (first, _second) = load(portal, 2)
    processQueue()
    # procedure_code, procedure_field, procedure_title, SearchableText: once.
    assert Counter(calls) == {"W-0": 4, "W-1": 4}
    # Plone's own wrapper, same catalog, same dossier: index and metadata ask
    # procedure_code and procedure_field twice.
    calls.clear()
    tool = dossier_catalog()
    path = "/".join(first.getPhysicalPath())
    ours = (tool.getIndexDataForUID(path), tool.getMetadataForUID(path))
    tool.catalog_object(IndexableObjectWrapper(first, tool), path)
    assert Counter(calls) == {"W-0": 6}
    # ... and the same values in every index and every column.
    assert (tool.getIndexDataForUID(path), tool.getMetadataForUID(path)) == ours
    assert ours[0]["procedure_code"] == procedure.code
    assert ours[1]["review_state"] == "returned"


def test_relation_indexed_as_z3c_would(portal, procedure):
    """The relation catalog holds the same tokens for an imported relation as
    when z3c.relationfield indexes the relation itself."""
    (dossier,) = load(portal, 1)
    relations = getUtility(ICatalog)
    token = getUtility(IIntIds).getId(dossier.procedure)
    names = [data["name"] for data in relations._attrs.values()]

    def entry():
        return {
            name: (
                None
                if (found := relations._reltoken_name_TO_objtokenset.get((token, name)))
                is None
                else list(found)
            )
            for name in names
        }

    imported = entry()
    assert all(imported.values())  # source, target, attribute, interfaces
    relations.unindex_doc(token)
    relations.index_doc(token, dossier.procedure)
    assert entry() == imported
    assert imported["to_id"] == [getUtility(IIntIds).getId(procedure)]


def test_each_moment_parsed_once(portal, procedure, monkeypatch):
    """The statuses and the creation date share one DateTime per moment
    (main: six DateTime parsed per dossier)."""
    parsed = Counter()
    original = writing.as_datetime

    def counting(*args):
        parsed[args] += 1
        return original(*args)

    monkeypatch.setattr(writing, "as_datetime", counting)
    dossiers = load(portal, 10)
    assert sum(parsed.values()) <= 3  # submitted, resolved (same for all)
    original = DateTime
    first, second = dossiers[0], dossiers[1]
    assert first.creation_date == original(first.submitted_at)
    statuses = first.workflow_history[WORKFLOW_ID]
    assert statuses[0]["time"] == original(first.submitted_at)
    assert second.workflow_history[WORKFLOW_ID][-1]["time"] == statuses[-1]["time"]


@pytest.mark.parametrize(
    "value",
    [
        datetime(2025, 7, 1, 1, 30, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(2021, 2, 28, 17, 0, 1, tzinfo=UTC),
        datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC),
        # Not made from the state: DateTime parses them as before.
        datetime(2025, 7, 1, 1, 30, 0, 123456, tzinfo=UTC),
        datetime(2025, 7, 1, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        datetime(2025, 7, 1, 8, 30),
    ],
)
def test_as_datetime_is_datetime(value):
    made, parsed = writing.as_datetime(value), DateTime(value)
    for name in DateTime.__slots__:
        assert getattr(made, name, None) == getattr(parsed, name, None), name
    assert made.__getstate__() == parsed.__getstate__()
    assert str(made) == str(parsed)


def test_content_as_dexterity_creates_it(portal, procedure):
    """The Writer's content equals Dexterity's createContent (fields set,
    created event: a UUID), the moments and the UUID aside."""
    fields = {"code": "C-1", "applicant_name": "Lê Văn C", "channel": "postal"}
    ours = writing.Writer()._content(**fields)
    plone = createContent("Dossier", **fields)
    skip = {"_plone.uuid", "creation_date", "modification_date"}

    def state(obj) -> dict:
        # The folder's own (empty) BTrees compare by identity: by type here.
        return {
            k: type(v) if k in ("_tree", "_mt_index", "_count") else v
            for k, v in obj.__dict__.items()
            if k not in skip and not k.startswith("_v_")
        }

    assert type(ours) is type(plone)
    assert list(state(ours)) == list(state(plone))
    assert state(ours) == state(plone)
    assert IUUID(ours) and IUUID(ours) != IUUID(plone)


def test_ownership_as_set_object_gives_it(portal, procedure, monkeypatch):
    """The owner and the Owner local role of every imported dossier are the
    ones ``_setObject`` gives; the ownership is worked out once per
    container (main: once per dossier)."""
    fixups = Counter()
    original = RoleManagerOwner.manage_fixupOwnershipAfterAdd

    def counting(self):
        fixups[self.getId()] += 1
        return original(self)

    monkeypatch.setattr(RoleManagerOwner, "manage_fixupOwnershipAfterAdd", counting)
    dossiers = load(portal, 4)
    assert sum(fixups.values()) == 1
    monkeypatch.setattr(RoleManagerOwner, "manage_fixupOwnershipAfterAdd", original)
    first = aq_base(dossiers[0])
    for dossier in dossiers[1:]:
        base = aq_base(dossier)
        assert base.__dict__.get("_owner") == first.__dict__.get("_owner")
        assert base.__ac_local_roles__ == first.__ac_local_roles__
        assert dossier.getOwnerTuple() == dossiers[0].getOwnerTuple()
    # What Zope gives a dossier added the ordinary way, by the same user.
    plain = createContent("Dossier", code="P-1")
    portal["ho-so"]._setObject("p-1", plain, suppress_events=True)
    added = aq_base(portal["ho-so"]["p-1"])
    assert added.__dict__.get("_owner") == first.__dict__.get("_owner")
    local = first.__ac_local_roles__
    owners = {user: roles for user, roles in local.items() if "Owner" in roles}
    assert added.__ac_local_roles__ == owners
    assert owners  # the importing user is Owner
