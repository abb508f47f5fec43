"""Upgrade 1007 → 1008: easyform's code permissions, our easyform layer."""

from luanthanh.policy.easyform.interfaces import IEasyFormPolicyLayer
from luanthanh.policy.upgrades.v1008 import upgrade
from plone.browserlayer.utils import registered_layers
from plone.browserlayer.utils import unregister_layer


PROFILE = "luanthanh.policy:default"
ADD_MAILERS = "collective.easyform: Add Mailers"


def _roles(portal, permission) -> set:
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def test_upgrade_restricts_mailers_and_adds_the_layer(portal, setup_tool):
    # Back to the 1007 state: easyform's roles, no layer of ours for easyform.
    portal.manage_permission(
        ADD_MAILERS, roles=["Manager", "Owner", "Site Administrator"], acquire=True
    )
    unregister_layer("luanthanh.policy.easyform")
    assert IEasyFormPolicyLayer not in registered_layers()
    setup_tool.setLastVersionForProfile(PROFILE, "1007")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1008",)

    setup_tool.upgradeProfile(PROFILE)

    assert _roles(portal, ADD_MAILERS) == {"Manager"}
    for permission in (
        "collective.easyform: Add Custom Scripts",
        "collective.easyform: Edit TALES Fields",
        "collective.easyform: Edit Python Fields",
    ):
        assert _roles(portal, permission) == {"Manager"}
    assert IEasyFormPolicyLayer in registered_layers()
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent.
    upgrade(setup_tool)
    assert _roles(portal, ADD_MAILERS) == {"Manager"}
    assert registered_layers().count(IEasyFormPolicyLayer) == 1
