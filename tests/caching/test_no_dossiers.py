"""Nothing on a public page wakes a dossier or searches the dossier catalog.

The anonymous pages (home, the procedure catalogue, a procedure, the lookup
page before a try, an online form) are rendered with dossiers in the site,
after the ZODB cache is emptied: no ``Dossier`` is loaded (``__setstate__``)
and ``portal_dossier_catalog`` is never searched (issue #15, "cheap pages").
The control: opening the tracking book as an official does both.
"""

from luanthanh.policy.content.dossier import Dossier
from luanthanh.policy.dossiers.catalog_tool import DossierCatalogTool
from luanthanh.policy.testing.builders import PASSWORD
from luanthanh.policy.testing.forms import KHAI_SINH
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.scenarios import PHONE
from plone import api
from Products.CMFPlone.CatalogTool import CatalogTool

import pytest
import requests


@pytest.fixture
def spies(monkeypatch) -> dict:
    """Dossiers loaded and dossier catalog searches, from now on."""
    seen = {"loaded": [], "searched": []}
    setstate = Dossier.__setstate__

    def _setstate(self, state):
        seen["loaded"].append(state.get("code") if isinstance(state, dict) else "?")
        return setstate(self, state)

    def _spy(name):
        original = getattr(CatalogTool, name)

        def spy(self, *args, **kw):
            seen["searched"].append((name, kw or args))
            return original(self, *args, **kw)

        return spy

    monkeypatch.setattr(Dossier, "__setstate__", _setstate)
    for name in ("searchResults", "unrestrictedSearchResults"):
        monkeypatch.setattr(DossierCatalogTool, name, _spy(name))
    return seen


def _pages(portal) -> list[str]:
    procedure = api.content.find(portal_type="Procedure", review_state="published")
    base = portal.absolute_url()
    return [
        base,
        f"{base}/thu-tuc-hanh-chinh",
        procedure[0].getURL(),
        f"{base}/tra-cuu-ho-so",
        f"{base}/{KHAI_SINH}",
        f"{base}/nop-ho-so",
    ]


def test_public_pages_never_touch_dossiers(
    online, http_dossiers, functional_app, functional_portal, spies
):
    for url in _pages(functional_portal):
        functional_portal._p_jar.db().cacheMinimize()
        browser = browser_for(functional_app, raising=True)
        browser.open(url)
        assert spies["loaded"] == [], url
        assert spies["searched"] == [], url


def test_control_the_book_and_a_lookup_touch_dossiers(
    http_dossiers, functional_app, functional_portal, spies, fresh_limits
):
    functional_portal._p_jar.db().cacheMinimize()
    base = functional_portal.absolute_url()
    code = http_dossiers["processing"]
    browser = browser_for(functional_app, "motcua", PASSWORD, raising=True)
    browser.open(f"{base}/ho-so?scope=all&q={code}")
    assert spies["searched"]
    answer = requests.post(
        f"{base}/tra-cuu-ho-so/@@tra-cuu-ho-so",
        data={"action": "lookup", "code": code, "phone": PHONE},
    )
    assert code in answer.text
    assert code in spies["loaded"]
