"""Uninstalling gives the site root Plone's own view back."""


def test_home_page_view_restored(portal, uninstalled):
    assert portal.getLayout() == "document_view"
