"""Procedures: Editors write and submit, Site Administrators publish."""

from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_draft_procedure
from luanthanh.policy.testing.builders import transitions_for
from plone import api

import pytest


@pytest.fixture
def procedure(portal):
    item = make_draft_procedure(portal["thu-tuc-hanh-chinh"])
    api.user.create(email="bt@example.org", username="bientap", password="pw-123456")
    api.user.create(email="qt@example.org", username="quantri", password="pw-123456")
    api.user.grant_roles(username="bientap", roles=["Editor"], obj=item)
    api.user.grant_roles(username="quantri", roles=["Site Administrator"])
    return item


def test_workflow_bound(procedure):
    chain = api.portal.get_tool("portal_workflow").getChainFor(procedure)
    assert chain == ("simple_publication_workflow",)
    assert api.content.get_state(procedure) == "private"


def test_editor_submits_but_cannot_publish(procedure):
    assert transitions_for(procedure, "bientap") == {"submit"}
    fire(procedure, "submit", "bientap")
    assert api.content.get_state(procedure) == "pending"
    assert "publish" not in transitions_for(procedure, "bientap")


def test_site_administrator_publishes(procedure):
    fire(procedure, "submit", "bientap")
    assert "publish" in transitions_for(procedure, "quantri")
    fire(procedure, "publish", "quantri")
    assert api.content.get_state(procedure) == "published"


@pytest.mark.parametrize(
    "state,visible", [("private", False), ("pending", False), ("published", True)]
)
def test_anonymous_sees_only_published(procedure, state, visible):
    if state != "private":
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(procedure, to_state=state)
    from AccessControl.users import nobody

    assert bool(nobody.has_permission("View", procedure)) is visible
