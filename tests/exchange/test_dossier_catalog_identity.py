"""An imported dossier's catalog entry is the one Plone's own indexing gives it.

The import catalogs each batch with the values its dossiers share computed
once (dossiers/shared_values.py, dossiers/indexable.py); nothing may differ
from a dossier cataloged one by one through Plone's wrapper: every index,
every metadata column.
"""

from collections import Counter
from luanthanh.policy.dossiers import indexable
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.dossiers.shared_values import sharing
from luanthanh.policy.exchange.dossiers import import_dossiers
from luanthanh.policy.exchange.dossiers import rows_from_dicts
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.exchange import dossier_row
from plone import api
from plone.indexer.wrapper import IndexableObjectWrapper
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.WorkflowTool import WorkflowTool
from Products.CMFPlone import CatalogTool as plone_catalog_tool
from z3c.relationfield import relation as relation_module

import pytest


OUTCOMES = ("result", "rejected", "withdrawn", "stopped", "")


@pytest.fixture
def procedures(portal):
    create_officials()
    return [
        make_procedure(portal),
        make_procedure(portal, code="1.001193", title="Khai sinh", processing_days=0),
        make_procedure(portal, code="1.001612", title="Hộ kinh doanh", field="kinh-te"),
    ]


def rows(procedures, count: int) -> list[dict]:
    return [
        dossier_row(
            code=f"ID-{n:03d}",
            procedure_code=procedures[n % len(procedures)].code,
            applicant_phone=f"09000{n:05d}",
            channel=("online", "postal", "direct")[n % 3],
            received_at=f"2025-07-{1 + n % 28:02d}T08:30:00",
            resolved_at="" if n % 5 == 4 else f"2025-07-{1 + n % 28:02d}T15:00:00",
            outcome=OUTCOMES[n % 5],
        )
        for n in range(count)
    ]


def entry(tool, path: str) -> tuple[dict, dict]:
    rid = tool.getrid(path)
    return tool.getIndexDataForRID(rid), tool.getMetadataForRID(rid)


def test_imported_entries_equal_plone_indexing(portal, procedures):
    import_dossiers(portal["ho-so"], rows_from_dicts(rows(procedures, 15)))
    tool = dossier_catalog()
    dossiers = [portal["ho-so"][f"id-{n:03d}"] for n in range(15)]
    # A dossier with a local role of its own, reindexed with the others in
    # one shared batch: it shares nothing with them.
    dossiers[0].manage_setLocalRoles("tiepnhan", ["DossierAssignee"])
    with sharing():
        for dossier in dossiers:
            dossier.reindexObject()
        processQueue()
    states = {api.content.get_state(d) for d in dossiers}
    assert len(states) >= 4
    imported = {}
    for dossier in dossiers:
        path = "/".join(dossier.getPhysicalPath())
        imported[path] = entry(tool, path)
    # Plone's own wrapper, one dossier at a time, nothing shared.
    for dossier in dossiers:
        path = "/".join(dossier.getPhysicalPath())
        tool.catalog_object(IndexableObjectWrapper(dossier, tool), path)
        assert entry(tool, path) == imported[path], dossier.code
    indexes, columns = imported["/".join(dossiers[0].getPhysicalPath())]
    assert "user:tiepnhan" in indexes["allowedRolesAndUsers"]
    assert columns["getObjSize"] == "0 KB"


def test_shared_values_computed_once_per_batch(portal, procedures, monkeypatch):
    """The security of a state and each procedure: once per batch, not once
    per dossier (main: once per dossier, and the procedure four times)."""
    roles = Counter()
    original_roles = plone_catalog_tool.rolesForPermissionOn

    def counting_roles(permission, obj):
        roles[obj.getId()] += 1
        return original_roles(permission, obj)

    resolved = Counter()
    original_object = relation_module._object

    def counting_object(to_id):
        resolved[to_id] += 1
        return original_object(to_id)

    same = [
        dossier_row(code=f"S-{n}", applicant_phone=f"090100{n:04d}") for n in range(10)
    ]
    processQueue()  # the procedures
    monkeypatch.setattr(plone_catalog_tool, "rolesForPermissionOn", counting_roles)
    monkeypatch.setattr(relation_module, "_object", counting_object)
    import_dossiers(portal["ho-so"], rows_from_dicts(same))
    # Ten dossiers of one procedure, one state, one official.
    assert sum(n for name, n in roles.items() if name.startswith("s-")) == 1
    # The relation catalog asks each relation's target once as it indexes
    # it; the catalog's four procedure names, once for the batch.
    assert sum(resolved.values()) <= 10 + 1


def test_workflows_found_once_per_batch(portal, procedures, monkeypatch):
    """Plone's wrapper asks the workflow tool for each dossier's chain; in a
    batch the chain of a type at one place is found once (main: once per
    dossier), and the review state indexed is each dossier's own."""
    found = Counter()
    original = WorkflowTool.getWorkflowsFor

    def counting(self, ob):
        found[getattr(ob, "portal_type", None)] += 1
        return original(self, ob)

    processQueue()  # the procedures
    monkeypatch.setattr(WorkflowTool, "getWorkflowsFor", counting)
    import_dossiers(portal["ho-so"], rows_from_dicts(rows(procedures, 10)))
    assert found["Dossier"] == 1
    tool = dossier_catalog()
    states = {
        brain.review_state
        for brain in tool.unrestrictedSearchResults(portal_type="Dossier")
    }
    assert len(states) >= 4
    for brain in tool.unrestrictedSearchResults(portal_type="Dossier"):
        assert brain.review_state == api.content.get_state(
            brain._unrestrictedGetObject()
        )


def test_indexers_looked_up_once_per_batch(portal, procedures, monkeypatch):
    """Each name's indexer is looked up once per batch (main: once per name
    and dossier); the values are each dossier's own."""
    looked_up = Counter()
    original = indexable._indexer

    def counting(specs, name):
        looked_up[name] += 1
        return original(specs, name)

    processQueue()  # the procedures
    monkeypatch.setattr(indexable, "_indexer", counting)
    import_dossiers(portal["ho-so"], rows_from_dicts(rows(procedures, 10)))
    assert looked_up["dossier_code"] == 1
    assert looked_up["SearchableText"] == 1
    codes = {
        brain.dossier_code: brain._unrestrictedGetObject().code
        for brain in dossier_catalog().unrestrictedSearchResults(portal_type="Dossier")
    }
    assert len(codes) == 10
    assert all(indexed == stored for indexed, stored in codes.items())
