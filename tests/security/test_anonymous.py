"""Anonymous against a dossier: every view and service of the add-on, and
Plone's own doors (``++api++``, ``@@`` views, ``++widget++``, RSS, sitemap,
search).  Each answers a redirect to the login, 401, 403 or 404; nothing is
changed and nothing of the applicant leaks.

The add-on's views and services are found by introspecting the component
registry (every adapter whose factory comes from ``luanthanh.policy``), so a
new view is attacked without touching this test.
"""

from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.scenarios import leaks
from luanthanh.policy.testing.scenarios import secret_site
from plone import api
from zope.component import getGlobalSiteManager
from zope.interface import Interface

import gzip
import pytest
import transaction


REFUSED = {401, 403, 404}


def _from_us(factory) -> bool:
    for cls in getattr(factory, "__mro__", (type(factory),)):
        if (getattr(cls, "__module__", "") or "").startswith("luanthanh.policy"):
            return True
    return False


def registered_names() -> dict[str, set[str]]:
    """{"views": {...}, "services": {...}} of the add-on, from the registry."""
    views, services = set(), set()
    for reg in getGlobalSiteManager().registeredAdapters():
        if len(reg.required) != 2 or not reg.name:
            continue
        if reg.provided is not Interface and not reg.provided.extends(Interface):
            continue
        if not _from_us(reg.factory):
            continue
        name = reg.name
        if name.startswith("@") or "_application_json_" in name:
            services.add(name.rsplit("_", 1)[-1] if "_" in name else name)
        else:
            views.add(name)
    return {"views": views, "services": services}


# Plone's own doors, on the dossier (d) and its folder (f).
DOORS = [
    "{d}",
    "{d}/view",
    "{d}/@@view",
    "{d}/base_view",
    "{d}/@@edit",
    "{d}/@@edit/++widget++form.widgets.applicant_name",
    "{d}/@@edit/++widget++form.widgets.procedure/@@autocomplete-search?term=a",
    "{d}/@@edit/++widget++form.widgets.history",
    "{d}/@@sharing",
    "{d}/@@historyview",
    "{d}/@@contenthistory",
    "{d}/@@folder_contents",
    "{d}/cccd.pdf",
    "{d}/cccd.pdf/@@download/file",
    "{d}/cccd.pdf/@@display-file/file",
    "{d}/cccd.pdf/view",
    "{d}/@@download/result_file",
    "{d}/@@display-file/result_file",
    "{d}/@@images/result_file",
    "{d}/RSS",
    "{d}/@@rss.xml",
    "{d}/@@search?SearchableText=Bí+Mật",
    "{d}/@@getVocabulary?name=plone.app.vocabularies.Catalog",
    "{d}/@@nhat-ky-truy-cap",
    "{d}/++api++",
    "{d}/++api++/@workflow",
    "{d}/++api++/@history",
    "{d}/++api++/@sharing",
    "{d}/++api++/@lock",
    "{d}/++api++/@breadcrumbs",
    "{d}/++api++/cccd.pdf",
    "{d}/++api++/@search?portal_type=Dossier",
    "{d}/++api++/@querystring-search",
    "{f}",
    "{f}/++api++",
    "{f}/@@ban-lam-viec",
    "{f}/@@so-theo-doi?format=xlsx",
    "{f}/@@tiep-nhan-truc-tiep",
    "{f}/@@tiep-nhan-truc-tiep/++widget++form.widgets.procedure",
    "{f}/RSS",
    "{f}/@@folder_contents",
    "{p}/@@ban-lam-viec",
]
# Public addresses: 200 is right here, but nothing of a dossier may show.
PUBLIC = [
    "{p}/RSS",
    "{p}/@@rss.xml",
    "{p}/sitemap.xml.gz",
    "{p}/@@search?SearchableText=Bí+Mật",
    "{p}/@@search?portal_type=Dossier",
    "{p}/++api++/@search?portal_type=Dossier",
    "{p}/++api++/@search?SearchableText=0987654321",
    "{p}/@@tra-cuu-ho-so",
    "{p}/++api++/@navigation",
]


def _text(response) -> str:
    if response.content[:2] == b"\x1f\x8b":
        return gzip.decompress(response.content).decode("utf-8", "replace")
    return response.text


class TestAnonymous:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        portal.portal_registry["plone.enable_sitemap"] = True
        _procedure, dossiers = secret_site(portal, "intake", "processing", "returned")
        return {"portal": portal, "dossiers": dossiers}

    def _snapshot(self, site) -> dict:
        transaction.begin()
        catalog = dossier_catalog()
        return {
            "counter": catalog.getCounter(),
            **{
                state: (
                    # Loaded first: the cache may have made it a ghost (serial 0).
                    d._p_activate() or d._p_serial,
                    d.modified(),
                    api.content.get_state(d),
                    len(d.history or ()),
                )
                for state, d in site["dossiers"].items()
            },
        }

    def test_introspection_finds_the_addon(self):
        found = registered_names()
        assert {
            "ban-lam-viec",
            "chuyen-trang-thai",
            "giay-tiep-nhan",
            "tiep-nhan-truc-tiep",
            "nhat-ky-truy-cap",
            "so-theo-doi",
        } <= found["views"]
        assert {"@workflow", "@dossier-lookup", "@dossier-rating"} <= found["services"]

    def test_every_view_and_service_refuses(self, site):
        found = registered_names()
        anonymous = session_for(None)
        before = self._snapshot(site)
        bad = []
        for dossier in site["dossiers"].values():
            d = dossier.absolute_url()
            f = dossier.__parent__.absolute_url()
            p = site["portal"].absolute_url()
            urls = [door.format(d=d, f=f, p=p) for door in DOORS]
            urls += [f"{d}/@@{name}" for name in sorted(found["views"])]
            urls += [f"{d}/++api++/{name}" for name in sorted(found["services"])]
            for url in urls:
                for method in ("GET", "POST"):
                    response = anonymous.request(
                        method,
                        url,
                        data={"transition": "accept", "comment": "x"},
                        allow_redirects=False,
                    )
                    status = response.status_code
                    location = response.headers.get("Location", "")
                    if status == 302:
                        ok = "login" in location or "require_login" in location
                    else:
                        ok = status in REFUSED
                    # The lookup and rating services are public and answer
                    # their own 400 (missing code) on any context.
                    if not ok and status == 400 and "@dossier-" in url:
                        ok = True
                    if not ok or leaks(_text(response)):
                        bad.append((method, url, status, location))
            for method in ("PATCH", "DELETE", "PUT"):
                response = anonymous.request(
                    method,
                    f"{p}/++api++/ho-so/{dossier.getId()}",
                    json={"applicant_name": "Kẻ gian"},
                    headers={"Accept": "application/json"},
                )
                if response.status_code not in REFUSED:
                    bad.append((method, dossier.getId(), response.status_code))
        assert bad == []
        assert self._snapshot(site) == before

    def test_public_pages_reveal_nothing(self, site):
        anonymous = session_for(None)
        p = site["portal"].absolute_url()
        codes = [d.code for d in site["dossiers"].values()]
        before = self._snapshot(site)
        for public in PUBLIC:
            response = anonymous.get(public.format(p=p), allow_redirects=False)
            text = _text(response)
            # A search page repeats what was searched for: that is no leak.
            for echoed in ("Bí Mật", "0987654321"):
                text = text.replace(echoed, "")
            assert leaks(text) == [], public
            for code in codes:
                assert code not in text, (public, code)
                assert code.lower() not in text, (public, code)
        assert self._snapshot(site) == before
