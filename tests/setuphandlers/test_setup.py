"""The ``luanthanh.policy:default`` profile: what it installs and configures."""

from luanthanh.policy.interfaces import IBrowserLayer
from luanthanh.policy.interfaces import ISiteSettings
from plone import api

import pytest


SITE_TITLE = "Trung tâm Phục vụ hành chính công xã Luận Thành"


class TestInstall:
    def test_product_installed(self, installer, package_name):
        assert installer.is_product_installed(package_name) is True

    def test_browserlayer(self, browser_layers):
        assert IBrowserLayer in browser_layers

    def test_latest_version(self, profile_last_version):
        assert profile_last_version("luanthanh.policy:default") == "1026"

    @pytest.mark.parametrize(
        "package",
        [
            "plone.app.contenttypes",
            "plone.restapi",
            "collective.easyform",
            "plone.app.caching",
        ],
    )
    def test_dependency_installed(self, installer, package):
        assert installer.is_product_installed(package) is True

    def test_classic_ui(self, installer):
        """The site is a Classic UI site with Barceloneta, not a Volto one."""
        assert (
            api.portal.get_registry_record(
                "plone.app.theming.interfaces.IThemeSettings.currentTheme"
            )
            == "barceloneta"
        )
        assert installer.is_product_installed("plone.volto") is False

    def test_controlpanel(self, controlpanel_actions):
        assert "luanthanh-settings" in controlpanel_actions


class TestSitePolicy:
    def test_site_title(self, portal):
        assert portal.title == SITE_TITLE
        assert api.portal.get_registry_record("plone.site_title") == SITE_TITLE

    def test_site_description_is_vietnamese(self, portal):
        assert "thủ tục hành chính" in portal.description

    def test_default_language(self, portal):
        assert api.portal.get_registry_record("plone.default_language") == "vi"

    def test_available_languages(self, portal):
        assert api.portal.get_registry_record("plone.available_languages") == [
            "vi",
            "en",
        ]

    def test_timezone(self, portal):
        assert api.portal.get_registry_record("plone.portal_timezone") == (
            "Asia/Ho_Chi_Minh"
        )
        assert api.portal.get_registry_record("plone.available_timezones") == [
            "Asia/Ho_Chi_Minh"
        ]

    def test_week_starts_on_monday(self, portal):
        assert api.portal.get_registry_record("plone.first_weekday") == 0

    def test_site_settings_defaults(self, portal):
        prefix = "luanthanh.policy.site"
        for name, field in ISiteSettings.namesAndDescriptions():
            value = api.portal.get_registry_record(f"{prefix}.{name}")
            assert value == field.default
        assert api.portal.get_registry_record(f"{prefix}.center_name") == SITE_TITLE

    def test_anonymous_may_use_rest_api(self, portal):
        roles = [
            r["name"]
            for r in portal.rolesOfPermission("plone.restapi: Use REST API")
            if r["selected"]
        ]
        assert "Anonymous" in roles

    def test_front_page_text(self, portal):
        html = portal.text.raw
        assert "không khoảng cách" in html
        # Relative links, so that the text survives a change of domain.
        assert 'href="thu-tuc-hanh-chinh"' in html

    def test_reapplying_keeps_editor_changes(self, portal, setup_tool):
        portal["thong-bao"].setTitle("Tin tức")
        setup_tool.runAllImportStepsFromProfile("profile-luanthanh.policy:default")
        assert portal["thong-bao"].title == "Tin tức"


class TestCatalogueSetup:
    def test_lexicon_folds_vietnamese(self, portal):
        from luanthanh.policy.indexers.textfolding import VietnameseNormalizer

        lexicon = api.portal.get_tool("portal_catalog")["plone_lexicon"]
        assert any(isinstance(e, VietnameseNormalizer) for e in lexicon._pipeline)

    @pytest.mark.parametrize(
        "index",
        ["procedure_code", "procedure_field", "online_level", "audience", "channels"],
    )
    def test_indexes(self, portal, index):
        assert index in api.portal.get_tool("portal_catalog").indexes()

    def test_controlpanels(self, controlpanel_actions):
        assert "luanthanh-fields" in controlpanel_actions
        assert "procedure-import" in controlpanel_actions

    def test_catalogue_in_navigation(self, portal):
        assert "ProcedureFolder" in api.portal.get_registry_record(
            "plone.displayed_types"
        )
