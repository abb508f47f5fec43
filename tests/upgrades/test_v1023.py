"""Upgrade 1022 → 1023: the dossier workflow's states read as states."""

from luanthanh.policy.testing.paths import dossier_in_state
from luanthanh.policy.upgrades.v1023 import upgrade
from plone import api


PROFILE = "luanthanh.policy:default"
WORKFLOW = "luanthanh_dossier_workflow"
OLD = {
    "result": "Có kết quả, chờ trả",
    "rejected": "Từ chối",
    "stopped": "Dừng giải quyết",
    "withdrawn": "Công dân rút hồ sơ",
}
NEW = {
    "result": "Đã có kết quả, chờ trả",
    "rejected": "Đã từ chối",
    "stopped": "Đã dừng giải quyết",
    "withdrawn": "Đã rút hồ sơ",
}


def titles() -> dict:
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW]
    return {state: workflow.states[state].title for state in OLD}


def test_a_new_site_has_the_new_titles(portal):
    """Positive control: a fresh install already has them."""
    assert titles() == NEW
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW]
    assert workflow.transitions["withdraw"].title == "Rút hồ sơ"
    assert workflow.transitions["stop"].title == "Dừng giải quyết"


def test_upgrade_renames_states_and_keeps_dossiers(portal, setup_tool, officials):
    stopped = dossier_in_state(portal, "stopped")
    wftool = api.portal.get_tool("portal_workflow")
    workflow = wftool[WORKFLOW]
    for state, title in OLD.items():
        workflow.states[state].title = title
    # A role mapping of the stored dossier that the workflow would not give:
    # the upgrade must not recompute the dossiers' mappings.
    stopped.manage_permission("View", roles=["Manager", "Reviewer"], acquire=False)
    history = list(stopped.workflow_history[WORKFLOW])
    setup_tool.setLastVersionForProfile(PROFILE, "1022")
    assert titles() == OLD
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1023",)

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    assert titles() == NEW
    assert api.content.get_state(stopped) == "stopped"
    assert wftool.getTitleForStateOnType("stopped", "Dossier") == "Đã dừng giải quyết"
    assert list(stopped.workflow_history[WORKFLOW]) == history
    roles = {r["name"] for r in stopped.rolesOfPermission("View") if r["selected"]}
    assert roles == {"Manager", "Reviewer"}
    # Idempotent.
    upgrade(setup_tool)
    assert titles() == NEW
