"""Upgrade 1010 → 1011: the access logs for the administrator only, their
retention, and logs written before it still read."""

from luanthanh.policy.security import audit
from luanthanh.policy.security import bulk
from luanthanh.policy.upgrades.v1011 import upgrade
from plone import api
from zope.annotation.interfaces import IAnnotations


PROFILE = "luanthanh.policy:default"
PERMISSION = "luanthanh.policy: View audit log"
RECORD = "luanthanh.policy.dossier.access_log_retention_days"


def _roles(portal) -> set:
    return {r["name"] for r in portal.rolesOfPermission(PERMISSION) if r["selected"]}


def test_upgrade_restricts_the_log_and_adds_the_retention(portal, setup_tool):
    # Back to the 1010 state: the approver reads logs, no retention record.
    portal.manage_permission(
        PERMISSION,
        roles=["Manager", "Site Administrator", "DossierApprover"],
        acquire=False,
    )
    registry = portal.portal_registry
    del registry.records[RECORD]
    IAnnotations(portal).pop(bulk.KEY, None)
    setup_tool.setLastVersionForProfile(PROFILE, "1010")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1011",)

    setup_tool.upgradeProfile(PROFILE)

    assert _roles(portal) == {"Manager", "Site Administrator"}
    assert api.portal.get_registry_record(RECORD) == 1826
    log = bulk.bulk_log(portal)
    assert log is not None and len(log) == 0
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent, and a changed retention survives a second run.
    api.portal.set_registry_record(RECORD, 3650)
    upgrade(setup_tool)
    assert _roles(portal) == {"Manager", "Site Administrator"}
    assert api.portal.get_registry_record(RECORD) == 3650
    assert bulk.bulk_log(portal) is log  # kept, not replaced


def test_old_entries_are_read_beside_new_ones():
    """A log of 1010 holds 4-tuples; the new code reads them and adds 6-tuples."""
    log = audit.AccessLog()
    log.entries[1_700_000_000_000_000] = ("motcua", "view", "view", "10.0.0.1")
    log.length.change(1)
    log.add(
        "chuyenvien",
        "write",
        "@@edit",
        "10.0.0.2",
        now=1_700_000_100.0,
        method="POST",
        status=302,
    )
    newest, oldest = log.items()
    assert oldest["userid"] == "motcua"
    assert (oldest["method"], oldest["status"]) == ("GET", None)
    assert (newest["action"], newest["method"], newest["status"]) == (
        "write",
        "POST",
        302,
    )
    assert len(log) == 2
