"""Upgrade 1017 → 1018: the queue of new online dossiers and the token registry."""

from Acquisition import aq_base
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.upgrades.v1018 import upgrade


PROFILE = "luanthanh.policy:default"


def test_upgrade_gives_the_catalog_its_queue_and_registry(portal, setup_tool):
    tool = catalog()
    # The tool of 1017.
    delattr(aq_base(tool), pending.QUEUE_ATTRIBUTE)
    delattr(aq_base(tool), pending.TOKENS_ATTRIBUTE)
    assert pending.queue(tool) is None
    assert pending.tokens(tool) is None
    setup_tool.setLastVersionForProfile(PROFILE, "1017")
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1018",)

    setup_tool.upgradeProfile(PROFILE)

    assert len(pending.queue(tool)) == 0
    assert len(pending.tokens(tool)) == 0
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1018",)
    # Idempotent: the structures (and what they hold) are kept.
    pending.tokens(tool)["x" * 32] = "/plone/ho-so/x"
    queue = pending.queue(tool)
    upgrade(setup_tool)
    assert pending.queue(tool) is queue
    assert pending.tokens(tool)["x" * 32] == "/plone/ho-so/x"


def test_a_new_site_has_them(portal):
    """Positive control: the profile's install creates them."""
    tool = catalog()
    assert pending.queue(tool) is not None
    assert pending.tokens(tool) is not None
