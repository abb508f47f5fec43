"""plone.app.caching over HTTP: public pages cached, private ones never.

Anonymous public pages (home, catalogue, a procedure, the documents, the
online procedures) get a proxy lifetime and an ETag, and a 304 when the
browser revalidates; an edit changes the ETag (and, with a caching proxy
set, purges the page and the listings that show it).  The online form, the
lookup, the tracking book ``ho-so``, a dossier and every authenticated
answer are never publicly cacheable: ``no-store`` where the page is private,
no ETag, no 304 (issue #15, "cheap pages").
"""

from luanthanh.policy.testing.builders import PASSWORD
from luanthanh.policy.testing.forms import KHAI_SINH
from plone import api
from plone.cachepurging.utils import getPathsToPurge

import pytest
import requests
import transaction


NO_STORE = {"no-store, private", "private, no-store"}
PUBLIC = ["", "thu-tuc-hanh-chinh", "van-ban", "nop-ho-so"]


def _get(url, user=None, **headers):
    auth = (user, PASSWORD) if user else None
    return requests.get(url, auth=auth, headers=headers, allow_redirects=False)


def _publicly_cacheable(response) -> bool:
    cache_control = response.headers.get("Cache-Control", "")
    return "s-maxage" in cache_control or "public" in cache_control


@pytest.fixture
def site(online, http_dossiers, functional_portal):
    """Forms, procedures, officials and dossiers in every state, committed."""
    return functional_portal


@pytest.fixture
def procedure_url(site) -> str:
    brain = api.content.find(portal_type="Procedure", review_state="published")[0]
    return brain.getURL()


def _public_urls(site, procedure_url) -> list[str]:
    base = site.absolute_url()
    return [f"{base}/{path}".rstrip("/") for path in PUBLIC] + [procedure_url]


def test_anonymous_public_pages_are_cached(site, procedure_url):
    for url in _public_urls(site, procedure_url):
        response = _get(url)
        assert response.status_code == 200, url
        assert _publicly_cacheable(response), (url, response.headers)
        assert "private" not in response.headers["Cache-Control"], url
        etag = response.headers["ETag"]
        # The browser revalidates: nothing changed, 304 without a body.
        again = _get(url, **{"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.content == b""


def test_an_edit_changes_the_etag(site, procedure_url):
    catalogue = f"{site.absolute_url()}/thu-tuc-hanh-chinh"
    before = {url: _get(url).headers["ETag"] for url in (procedure_url, catalogue)}
    procedure = api.content.get(path=procedure_url[len(site.absolute_url()) :])
    with api.env.adopt_roles(["Manager"]):
        procedure.title = "Thủ tục đã sửa"
        procedure.reindexObject()
    transaction.commit()
    for url, etag in before.items():
        response = _get(url, **{"If-None-Match": etag})
        assert response.status_code == 200, url
        assert response.headers["ETag"] != etag, url
    assert "Thủ tục đã sửa" in _get(procedure_url).text


def test_a_change_purges_the_page_and_its_listings(portal, procedure):
    """With a caching proxy set, an edited procedure purges its page, the
    catalogue and the home page."""
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies",
        ("http://127.0.0.1:6081",),
    )
    paths = set(getPathsToPurge(procedure, portal.REQUEST))
    site = "/" + portal.virtual_url_path()
    assert "/" + procedure.virtual_url_path() + "/" in paths
    assert f"{site}/thu-tuc-hanh-chinh" in paths
    assert site in paths and f"{site}/" in paths


def _private_answers(site, codes) -> dict:
    base = site.absolute_url()
    lookup = f"{base}/tra-cuu-ho-so/@@tra-cuu-ho-so"
    book = f"{base}/ho-so"
    dossier = api.content.find(portal_type="Dossier")
    return {
        "form": _get(f"{base}/{KHAI_SINH}"),
        "lookup page": _get(lookup),
        "lookup section": _get(f"{base}/tra-cuu-ho-so"),
        "lookup answer": requests.post(
            lookup,
            data={
                "action": "lookup",
                "code": codes["processing"],
                "phone": "0912345678",
            },
        ),
        "book, anonymous": _get(book),
        "book, official": _get(book, "motcua"),
        "dossier, official": _get(f"{base}/ho-so/{dossier[0].getId}", "motcua")
        if dossier
        else _get(book, "motcua"),
        "REST lookup": requests.post(
            f"{base}/++api++/@dossier-lookup",
            json={"code": codes["processing"], "phone": "0912345678"},
            headers={"Accept": "application/json"},
        ),
    }


def test_private_pages_are_never_cacheable(site, http_dossiers, fresh_limits):
    answers = _private_answers(site, http_dossiers)
    assert answers["form"].status_code == 200
    assert answers["book, official"].status_code == 200
    assert http_dossiers["processing"] in answers["lookup answer"].text
    for name, response in answers.items():
        assert response.headers.get("Cache-Control") in NO_STORE, name
        assert "ETag" not in response.headers, name
        assert not _publicly_cacheable(response), name


def test_private_pages_never_answer_304(site, http_dossiers):
    base = site.absolute_url()
    for url in (f"{base}/{KHAI_SINH}", f"{base}/tra-cuu-ho-so"):
        response = _get(url, **{"If-None-Match": '"|||||"', "If-Modified-Since": "x"})
        assert response.status_code == 200, url


def test_authenticated_answers_are_private(site, procedure_url):
    """An official sees the same public pages with the toolbar: private."""
    for url in _public_urls(site, procedure_url):
        response = _get(url, "motcua")
        assert response.status_code == 200, url
        assert not _publicly_cacheable(response), url
        assert "private" in response.headers["Cache-Control"], url
