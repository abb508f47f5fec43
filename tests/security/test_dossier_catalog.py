"""The dossier catalog is closed to everyone but officials and Managers.

Restricted code (a TALES ``python:`` expression, as an Editor may write in a
form, a rule or a template) cannot read its indexes, its metadata or its
search results; the web cannot call it either.  ``portal_catalog`` (search
page, ``@search``) holds no dossier at all.  Every check has its positive
control: an official (or a Manager) gets the data.
"""

from AccessControl import Unauthorized
from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import PASSWORD
from luanthanh.policy.testing.scenarios import leaks
from luanthanh.policy.testing.scenarios import secret_site
from plone import api
from Products.CMFCore.indexing import processQueue
from Products.PageTemplates.Expressions import getEngine

import pytest
import requests
import transaction


#: Who must be refused, and the officials (and Manager) who must get the data.
REFUSED = ("bientap", "quantri", "congdan", None)
ALLOWED = ("motcua", "lanhdao", "chuyenvien")

EXPRESSIONS = {
    "index data": "python: portal.portal_dossier_catalog.getIndexDataForRID(rid)",
    "metadata": "python: portal.portal_dossier_catalog.getMetadataForRID(rid)",
    "search": "python: len(portal.portal_dossier_catalog.searchResults())",
    "call": "python: len(portal.portal_dossier_catalog(portal_type='Dossier'))",
    "unique values": (
        "python: portal.portal_dossier_catalog.uniqueValuesFor('dossier_code')"
    ),
    "path expression": "portal/portal_dossier_catalog/searchResults",
}


def evaluate(portal, expression: str, rid: int):
    engine = getEngine()
    context = engine.getContext({"portal": portal, "here": portal, "rid": rid})
    return engine.compile(expression)(context)


@pytest.fixture
def rid(portal, dossier):
    processQueue()
    tool = dossier_catalog.catalog()
    return tool.getrid("/".join(dossier.getPhysicalPath()))


@contextmanager
def anonymous():
    saved = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(saved)


def as_user(userid):
    return anonymous() if userid is None else api.env.adopt_user(username=userid)


class TestRestrictedCode:
    @pytest.mark.parametrize("name", list(EXPRESSIONS))
    @pytest.mark.parametrize("userid", REFUSED)
    def test_refused(self, portal, rid, userid, name):
        with as_user(userid), pytest.raises(Unauthorized):
            evaluate(portal, EXPRESSIONS[name], rid)

    @pytest.mark.parametrize("userid", ALLOWED)
    def test_officials_read_it(self, portal, rid, dossier, userid):
        """The positive control."""
        with api.env.adopt_user(username=userid):
            data = evaluate(portal, EXPRESSIONS["index data"], rid)
            assert data["dossier_code"] == dossier.code
            meta = evaluate(portal, EXPRESSIONS["metadata"], rid)
            assert meta["applicant_name"] == dossier.applicant_name

    def test_manager_reads_it(self, portal, rid, dossier):
        add_user("admin2", ["Manager"])
        with api.env.adopt_user(username="admin2"):
            assert evaluate(portal, EXPRESSIONS["search"], rid) == 1

    def test_the_secret_is_out_of_reach(self, portal, rid):
        expression = (
            "python: getattr(portal.portal_dossier_catalog, '_applicant_key_secret')"
        )
        for userid in ("bientap", "motcua"):
            with api.env.adopt_user(username=userid), pytest.raises(Unauthorized):
                evaluate(portal, expression, rid)
        registry = repr(dict(api.portal.get_tool("portal_registry").records.items()))
        secret = dossier_catalog.catalog()._applicant_key_secret
        assert secret.hex() not in registry


class TestPortalCatalog:
    @pytest.mark.parametrize("userid", REFUSED)
    def test_no_dossier_in_portal_catalog(self, portal, dossier, userid):
        processQueue()
        with as_user(userid):
            assert len(api.content.find(portal_type="Dossier")) == 0
            assert len(api.content.find(SearchableText="Nguyễn Văn An")) == 0

    def test_official_finds_dossiers_via_the_dossier_catalog(self, portal, dossier):
        """The positive control: the dashboard's catalog answers officials."""
        processQueue()
        with api.env.adopt_user(username="motcua"):
            assert len(api.content.find(portal_type="Dossier")) == 0
            [brain] = dossier_catalog.find(SearchableText="Nguyễn Văn An")
            assert brain.getPath() == "/".join(dossier.getPhysicalPath())
            [brain] = dossier_catalog.find(SearchableText="0912 345 678")
            assert brain.dossier_code == dossier.code


class TestOverTheWeb:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        _procedure, dossiers = secret_site(portal, "intake")
        transaction.commit()
        return {"url": portal.absolute_url(), "dossiers": dossiers}

    @pytest.mark.parametrize("userid", REFUSED)
    def test_tool_refused(self, site, userid):
        session = requests.Session()
        if userid:
            session.auth = (userid, PASSWORD)
        for method in (
            "searchResults?portal_type=Dossier",
            "getIndexDataForRID?rid:int=1",
            "getMetadataForRID?rid:int=1",
            "manage_catalogView",
        ):
            response = session.get(
                f"{site['url']}/portal_dossier_catalog/{method}",
                allow_redirects=False,
            )
            # Refused (or not publishable at all): never a 200.
            assert response.status_code in (302, 401, 403, 404), (userid, method)
            assert leaks(response.text) == []
        for params in ({"portal_type": "Dossier"}, {"SearchableText": "Trần"}):
            found = session.get(
                f"{site['url']}/++api++/@search",
                params={**params, "metadata_fields": "_all"},
            )
            assert found.status_code == 200
            assert leaks(found.text) == []
            page = session.get(f"{site['url']}/@@search", params=params)
            assert leaks(page.text) == []

    def test_official_dashboard_lists_them(self, site):
        """The positive control: the official's dashboard shows the dossier."""
        session = requests.Session()
        session.auth = ("motcua", PASSWORD)
        board = session.get(f"{site['url']}/ho-so/@@ban-lam-viec")
        assert board.status_code == 200
        for dossier in site["dossiers"].values():
            assert dossier.code in board.text
