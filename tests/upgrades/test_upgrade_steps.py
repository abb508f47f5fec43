"""Every profile change ships with an upgrade step."""

from plone import api


PROFILE = "luanthanh.policy:default"


def test_no_dangling_upgrade_steps(setup_tool):
    """A fresh install is at the latest version: no upgrade step is pending."""
    assert setup_tool.listUpgrades(PROFILE) == []


def test_installed_version_is_profile_version(setup_tool, profile_last_version):
    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        profile_last_version(PROFILE),
    )


def test_upgrade_steps_reach_profile_version(setup_tool):
    """The last upgrade step's destination is the profile's version."""
    version = setup_tool.getVersionForProfile(PROFILE)
    steps = setup_tool.listUpgrades(PROFILE, show_old=True)
    destinations = []
    for step in steps:
        for item in step if isinstance(step, list) else [step]:
            destinations.append(".".join(item["dest"]))
    assert destinations, "every version after 1000 comes with an upgrade step"
    assert max(destinations, key=int) == version


def test_demo_profile_hidden(portal):
    from plone.base.interfaces import INonInstallable
    from zope.component import getAllUtilitiesRegisteredFor

    hidden = set()
    for utility in getAllUtilitiesRegisteredFor(INonInstallable):
        hidden.update(utility.getNonInstallableProfiles())
    assert "luanthanh.policy:demo" in hidden
    assert "luanthanh.policy:uninstall" in hidden
    assert api.portal.get() is portal
