"""The ``uninstall`` profile removes what ``default`` registered, not content."""

from luanthanh.policy.interfaces import IBrowserLayer
from luanthanh.policy.interfaces import IDossierCatalogTool
from plone import api
from Products.CMFCore.indexing import PortalCatalogProcessor
from Products.CMFCore.interfaces import IIndexQueueProcessor
from zope.component import getSiteManager
from zope.component import queryUtility

import pytest


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, uninstalled):
        pass

    def test_product_uninstalled(self, installer, package_name):
        assert installer.is_product_installed(package_name) is False

    def test_browserlayer_removed(self, browser_layers):
        assert IBrowserLayer not in browser_layers

    def test_controlpanel_removed(self, controlpanel_actions):
        assert "luanthanh-settings" not in controlpanel_actions

    def test_registry_records_removed(self):
        record = api.portal.get_registry_record(
            "luanthanh.policy.site.center_name", default=None
        )
        assert record is None

    def test_content_kept(self, portal):
        assert "thu-tuc-hanh-chinh" in portal.objectIds()
        assert "ho-so" in portal.objectIds()

    def test_fields_record_removed(self):
        assert (
            api.portal.get_registry_record("luanthanh.policy.fields", default=None)
            is None
        )

    def test_procedure_configlets_removed(self, controlpanel_actions):
        assert "luanthanh-fields" not in controlpanel_actions
        assert "procedure-import" not in controlpanel_actions

    def test_plone_lexicon_restored(self):
        from luanthanh.policy.indexers.textfolding import VietnameseNormalizer

        lexicon = api.portal.get_tool("portal_catalog")["plone_lexicon"]
        assert not any(isinstance(e, VietnameseNormalizer) for e in lexicon._pipeline)
        names = [e.__class__.__name__ for e in lexicon._pipeline]
        assert "I18NNormalizer" in names

    def test_dossier_catalog_processor_removed(self):
        """Plone's own queue processor is back; the tool (and its data) stay."""
        processors = dict(getSiteManager().getUtilitiesFor(IIndexQueueProcessor))
        assert type(processors["portal-catalog"]) is PortalCatalogProcessor
        assert queryUtility(IDossierCatalogTool) is None

    def test_plone_logo_and_favicon_restored(self):
        """The registry's file records are empty: Plone's own are served."""
        assert api.portal.get_registry_record("plone.site_logo") is None
        assert api.portal.get_registry_record("plone.site_favicon") is None
        assert api.portal.get_registry_record("plone.site_favicon_mimetype") == (
            "image/vnd.microsoft.icon"
        )
