"""Upgrade 1018 → 1019: the center's logo and favicon, a footer without
Plone's boilerplate, and the responsible agency in the center's settings."""

from luanthanh.policy.setuphandlers.brand import registry_file_name
from luanthanh.policy.upgrades.v1019 import upgrade
from plone import api
from plone.app.portlets.portlets import classic
from plone.app.portlets.utils import assignment_mapping_from_key
from plone.formwidget.namedfile.converter import b64encode_file
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "luanthanh.policy:default"
AGENCY = "luanthanh.policy.site.agency"


def footer_portlets(portal):
    return assignment_mapping_from_key(portal, "plone.footerportlets", "context", "/")


def site_of_1018(portal, setup_tool) -> None:
    """Plone's logo and favicon, its copyright and colophon in the footer, no
    agency record."""
    registry = getUtility(IRegistry)
    registry["plone.site_logo"] = None
    registry["plone.site_favicon"] = None
    registry["plone.site_favicon_mimetype"] = "image/vnd.microsoft.icon"
    mapping = footer_portlets(portal)
    mapping["footer"] = classic.Assignment(template="@@footer", macro="")
    mapping["colophon"] = classic.Assignment(template="colophon", macro="")
    del registry.records[AGENCY]
    setup_tool.setLastVersionForProfile(PROFILE, "1018")


def test_a_new_site_has_them(portal):
    """Positive control: the profile's install gives the same result."""
    assert registry_file_name("plone.site_logo") == "logo.svg"
    assert registry_file_name("plone.site_favicon") == "favicon.png"
    assert api.portal.get_registry_record("plone.site_favicon_mimetype") == (
        "image/png"
    )
    assert {"footer", "colophon"}.isdisjoint(footer_portlets(portal).keys())
    assert api.portal.get_registry_record(AGENCY) == "Ủy ban nhân dân xã Luận Thành"


def test_upgrade(portal, setup_tool):
    site_of_1018(portal, setup_tool)
    assert {"footer", "colophon"} <= set(footer_portlets(portal).keys())
    assert api.portal.get_registry_record(AGENCY, default=None) is None
    assert setup_tool.listUpgrades(PROFILE)[0]["dest"] == ("1019",)

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == (
        setup_tool.getVersionForProfile(PROFILE),
    )
    assert registry_file_name("plone.site_logo") == "logo.svg"
    assert registry_file_name("plone.site_favicon") == "favicon.png"
    assert api.portal.get_registry_record("plone.site_favicon_mimetype") == (
        "image/png"
    )
    mapping = footer_portlets(portal)
    assert {"footer", "colophon"}.isdisjoint(mapping.keys())
    assert "actions" in mapping  # the site actions stay
    assert api.portal.get_registry_record(AGENCY) == "Ủy ban nhân dân xã Luận Thành"
    # Idempotent; an agency an administrator changed is kept.
    api.portal.set_registry_record(AGENCY, "UBND xã Luận Thành")
    logo = api.portal.get_registry_record("plone.site_logo")
    upgrade(setup_tool)
    assert api.portal.get_registry_record(AGENCY) == "UBND xã Luận Thành"
    assert api.portal.get_registry_record("plone.site_logo") == logo
    assert "actions" in footer_portlets(portal)


def test_upgrade_keeps_an_uploaded_logo_and_favicon(portal, setup_tool):
    site_of_1018(portal, setup_tool)
    ours_logo = b64encode_file("xa.png", b"\x89PNG logo")
    ours_icon = b64encode_file("xa.ico", b"icon")
    api.portal.set_registry_record("plone.site_logo", ours_logo)
    api.portal.set_registry_record("plone.site_favicon", ours_icon)

    setup_tool.upgradeProfile(PROFILE)

    assert api.portal.get_registry_record("plone.site_logo") == ours_logo
    assert api.portal.get_registry_record("plone.site_favicon") == ours_icon
    assert api.portal.get_registry_record("plone.site_favicon_mimetype") == (
        "image/vnd.microsoft.icon"
    )
