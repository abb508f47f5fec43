"""Upgrade 1024 → 1025: fees and payments (issue #18)."""

from luanthanh.policy import api as lt_api
from luanthanh.policy.payments.interfaces import FEE_REASONS_RECORD
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.upgrades.v1025 import upgrade
from plone import api

import pytest


PROFILE = "luanthanh.policy:default"
PERMISSION = "luanthanh.policy: Collect fees"
RECORDS = ("bank_bin", "account_number", "account_name", "purpose_template")


def roles_of(portal) -> set:
    return {r["name"] for r in portal.rolesOfPermission(PERMISSION) if r["selected"]}


@pytest.fixture
def as_1024(portal, setup_tool):
    """A site as 1024 left it: no payment records, no configlet, default roles."""
    registry = api.portal.get_tool("portal_registry")
    for name in (*RECORDS, "fee_reasons"):
        del registry.records[f"luanthanh.policy.payment.{name}"]
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet("luanthanh-payment")
    portal.manage_permission(PERMISSION, ["Manager"], acquire=False)
    setup_tool.setLastVersionForProfile(PROFILE, "1024")
    return portal


def test_a_new_site_lets_the_desk_collect(portal):
    """Positive control: a fresh install has it all."""
    assert roles_of(portal) == {"Manager", "DossierReceiver"}
    assert api.portal.get_registry_record("luanthanh.policy.payment.bank_bin")


def test_upgrade(as_1024, setup_tool, officials):
    procedure = make_procedure(as_1024, fee=15000)
    dossier = make_dossier(as_1024, procedure)
    # A dossier of before: no fee recorded.
    for name in ("fee_due", "fee_standard", "fee_status", "fee_settled_at"):
        setattr(dossier, name, None)
    dossier.payment_history = ()

    setup_tool.upgradeProfile(PROFILE, dest="1025")

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1025",)
    assert roles_of(as_1024) == {"Manager", "DossierReceiver"}
    assert "ho-ngheo" in "".join(api.portal.get_registry_record(FEE_REASONS_RECORD))
    configlets = api.portal.get_tool("portal_controlpanel").listActions()
    assert "luanthanh-payment" in {c.id for c in configlets}
    # The dossier of before is delivered as before ...
    assert lt_api.payment.get(dossier)["fee_status"] is None
    fire(dossier, "accept", "motcua")  # ... and accepting it assesses its fee.
    assert dossier.fee_status == "unpaid"


def test_settings_already_made_are_kept(portal, setup_tool):
    api.portal.set_registry_record("luanthanh.policy.payment.account_number", "123")
    api.portal.set_registry_record(FEE_REASONS_RECORD, ["a|Lý do A"])
    upgrade(setup_tool)
    upgrade(setup_tool)
    assert (
        api.portal.get_registry_record("luanthanh.policy.payment.account_number")
        == "123"
    )
    assert api.portal.get_registry_record(FEE_REASONS_RECORD) == ["a|Lý do A"]
