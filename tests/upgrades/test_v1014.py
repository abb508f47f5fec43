"""Upgrade 1013 → 1014: the Site Administrator neither handles nor sees
dossiers any longer."""

from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.upgrades.v1014 import upgrade
from plone import api
from Products.CMFCore.indexing import processQueue


PROFILE = "luanthanh.policy:default"
WORKSPACE = "luanthanh.policy: Use the officials' workspace"
DOSSIER_PERMISSIONS = (
    "luanthanh.policy: Add Dossier",
    "luanthanh.policy: Receive dossiers",
    "luanthanh.policy: Process dossiers",
    "luanthanh.policy: Approve dossiers",
    WORKSPACE,
)
SITE_ADMIN = "Site Administrator"


def _roles(portal, permission) -> set:
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def as_in_1013(portal) -> None:
    """The Site Administrator back in the rolemap and in every state of the
    dossier workflow, with the old mappings on the stored dossiers."""
    for permission in DOSSIER_PERMISSIONS:
        roles = _roles(portal, permission) | {SITE_ADMIN}
        portal.manage_permission(permission, roles=sorted(roles), acquire=False)
    workflow = api.portal.get_tool("portal_workflow")["luanthanh_dossier_workflow"]
    for state in workflow.states.values():
        for permission in ("View", "Access contents information"):
            roles = (*state.permission_roles[permission], SITE_ADMIN)
            state.setPermission(permission, False, roles)
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    processQueue()


def codes_for(username: str) -> set:
    with api.env.adopt_user(username=username):
        return {b.getId for b in dossier_catalog.find(portal_type="Dossier")}


def sees(username: str, obj) -> bool:
    with api.env.adopt_user(username=username):
        return api.user.has_permission("View", username=username, obj=obj)


def test_upgrade_takes_dossiers_from_the_site_administrator(
    portal, setup_tool, dossier
):
    attached = attach_file(dossier, "don.pdf", "Đơn", b"%PDF-1.4 x", "application/pdf")
    as_in_1013(portal)
    # The state before: the Site Administrator sees the dossier and its file,
    # and finds it in the dossier catalog.
    assert sees("quantri", dossier) and sees("quantri", attached)
    assert dossier.getId() in codes_for("quantri")
    assert SITE_ADMIN in _roles(portal, WORKSPACE)
    setup_tool.setLastVersionForProfile(PROFILE, "1013")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1014",)

    setup_tool.upgradeProfile(PROFILE)
    processQueue()

    assert not sees("quantri", dossier)
    assert not sees("quantri", attached)
    assert codes_for("quantri") == set()
    for permission in DOSSIER_PERMISSIONS:
        assert SITE_ADMIN not in _roles(portal, permission), permission
    # The control: the desk still sees it, through the same catalog.
    assert sees("motcua", dossier) and sees("motcua", attached)
    assert codes_for("motcua") == {dossier.getId()}
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    # Idempotent.
    upgrade(setup_tool)
    assert not sees("quantri", dossier)
    assert codes_for("motcua") == {dossier.getId()}
