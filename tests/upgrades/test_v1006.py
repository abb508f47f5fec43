"""Upgrade 1005 → 1006: closed_at, the statistics permission and settings."""

from datetime import date
from luanthanh.policy.deadlines import local_date
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone import api


PROFILE = "luanthanh.policy:default"
RECORD = "luanthanh.policy.statistics.public_board"


def test_upgrade_fills_closed_at(portal, setup_tool):
    create_officials()
    procedure = make_procedure(portal)
    approved = make_dossier(portal, procedure)
    fire(approved, "accept", "motcua")
    fire(approved, "submit_for_approval", approved.assigned_to)
    fire(approved, "approve", "lanhdao")
    stopped = make_dossier(portal, procedure)
    fire(stopped, "accept", "motcua")
    fire(stopped, "stop", stopped.assigned_to, comment="Dừng")
    pending = make_dossier(portal, procedure)
    fire(pending, "accept", "motcua")
    stop_time = stopped.closed_at
    # The state of a 1005 site: no closed_at anywhere, no index, no record.
    for dossier in (approved, stopped, pending):
        dossier.__dict__.pop("closed_at", None)
        dossier._p_changed = True
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("closed_at")
    catalog.delColumn("closed_at")
    dossier_catalog().delIndex("closed_at")
    dossier_catalog().delColumn("closed_at")
    api.portal.get_tool("portal_registry").records.__delitem__(RECORD)
    portal.manage_permission("luanthanh.policy: View statistics", [], acquire=True)

    setup_tool.setLastVersionForProfile(PROFILE, "1005")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1006",)
    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    assert "closed_at" in catalog.indexes()
    assert "closed_at" in catalog.schema()
    assert approved.closed_at == approved.resolved_at
    assert stopped.closed_at == stop_time
    assert pending.closed_at is None
    assert api.portal.get_registry_record(RECORD) is False
    roles = {
        r["name"]
        for r in portal.rolesOfPermission("luanthanh.policy: View statistics")
        if r["selected"]
    }
    assert {"DossierReceiver", "DossierProcessor", "DossierApprover"} <= roles
    today = local_date(approved.closed_at)
    total = compute_statistics(today, today)["total"]
    assert (total["resolved"], total["stopped"], total["pending"]) == (1, 1, 1)
    # Since 1009 dossiers are indexed in the dossier catalog (1009 gives it
    # back the index it lacked, and fills it).
    assert "closed_at" in dossier_catalog().indexes()
    closed = find_unrestricted(closed_at={"query": date(2000, 1, 1), "range": "min"})
    assert len(closed) == 2
