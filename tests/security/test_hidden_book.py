"""Existing and missing dossiers answer alike (issue #14, finding 3).

Under the tracking book (``ho-so``), whoever may not see a dossier gets the
same status, the same body (byte for byte) and the same headers (all but the
date) for an existing code and a missing one: Classic pages, attachment
downloads, ``@@images``, ``++api++``, writes.  Officials with access get
their pages (the positive controls); for them a missing code is the same
404 too.  On today's main an existing dossier answered 302 (Classic) or 401
(``++api++``) and a missing one 404.
"""

from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.scenarios import leaks
from luanthanh.policy.testing.scenarios import secret_site

import pytest


VOLATILE = {"date", "x-timing", "server-timing", "set-cookie", "content-length"}

CLASSIC = [
    "",
    "/view",
    "/@@view",
    "/edit",
    "/@@edit",
    "/cccd.pdf",
    "/cccd.pdf/@@download/file",
    "/cccd.pdf/@@display-file/file",
    "/cccd.pdf/view",
    "/@@download/result_file",
    "/@@display-file/result_file",
    "/@@nhat-ky-truy-cap",
]
#: ``@@images`` publishes a scale open to Anonymous, whose call checks the
#: field: refused like every other path.
IMAGES = ["/@@images/result_file", "/@@images/result_file/thumb"]
API = [
    "",
    "/cccd.pdf",
    "/@workflow",
    "/@history",
    "/cccd.pdf/@@download/file",
]
#: Anonymous, a citizen's account, an editor, a processor the dossier is not
#: assigned to (he may open the book, not this dossier).
OUTSIDERS = [None, "congdan", "bientap", "chuyenvien2"]


def _headers(response) -> dict:
    return {
        k.lower(): v for k, v in response.headers.items() if k.lower() not in VOLATILE
    }


def assert_same(a, b) -> None:
    assert a.status_code == b.status_code, (a.url, b.url)
    assert a.content == b.content, (a.url, b.url)
    assert _headers(a) == _headers(b), (a.url, b.url)


class TestHiddenBook:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        _procedure, dossiers = secret_site(portal, "processing")
        dossier = dossiers["processing"]
        existing = dossier.getId()
        missing = existing[:-4] + ("9999" if existing[-4:] != "9999" else "9998")
        assert missing not in portal["ho-so"]
        return {"url": portal.absolute_url(), "existing": existing, "missing": missing}

    def _pair(self, session, site, prefix, tail, method="GET", **kw):
        answers = []
        for id_ in (site["existing"], site["missing"]):
            url = f"{site['url']}{prefix}/ho-so/{id_}{tail}"
            answers.append(
                session.request(method, url, allow_redirects=False, timeout=60, **kw)
            )
        return answers

    @pytest.mark.parametrize("user", OUTSIDERS)
    def test_classic(self, site, user):
        session = session_for(user)
        first = None
        for tail in CLASSIC + IMAGES:
            existing, missing = self._pair(session, site, "", tail)
            assert existing.status_code == 404, (tail, existing.status_code)
            assert_same(existing, missing)
            assert "location" not in existing.headers
            assert existing.headers["cache-control"] == "no-store, private"
            assert leaks(existing.text) == []
            # One page for every path: it names no path at all.
            first = first or existing
            assert existing.content == first.content
        assert "Không tìm thấy trang" in first.text
        assert site["existing"] not in first.text

    @pytest.mark.parametrize("user", OUTSIDERS)
    def test_api(self, site, user):
        session = session_for(user)
        session.headers["Accept"] = "application/json"
        for tail in API + (IMAGES if user is None else []):
            existing, missing = self._pair(session, site, "/++api++", tail)
            assert existing.status_code == 404, (tail, existing.status_code)
            assert_same(existing, missing)
            assert "www-authenticate" not in existing.headers
            assert existing.json()["type"] == "NotFound"
            assert leaks(existing.text) == []

    @pytest.mark.parametrize("user", [None, "bientap"])
    def test_writes(self, site, user):
        session = session_for(user)
        session.headers["Accept"] = "application/json"
        for method, kw in (
            ("PATCH", {"json": {"title": "x"}}),
            ("DELETE", {}),
            ("POST", {"json": {"@type": "File"}}),
        ):
            existing, missing = self._pair(session, site, "/++api++", "", method, **kw)
            assert existing.status_code == 404, method
            assert_same(existing, missing)

    def test_the_book_itself(self, site):
        anonymous = session_for(None)
        for prefix in ("", "/++api++"):
            book = anonymous.get(
                f"{site['url']}{prefix}/ho-so", allow_redirects=False, timeout=60
            )
            missing = anonymous.get(
                f"{site['url']}{prefix}/ho-so/{site['missing']}",
                allow_redirects=False,
                timeout=60,
            )
            assert book.status_code == 404
            assert book.content == missing.content

    def test_officials_get_their_pages(self, site):
        """Positive control: the receiver sees the dossier, its files, its JSON."""
        official = session_for("motcua")
        base = f"{site['url']}/ho-so/{site['existing']}"
        for url in (
            base,
            f"{base}/@@view",
            f"{base}/cccd.pdf/@@download/file",
            f"{base}/@@download/result_file",
            f"{site['url']}/ho-so/@@ban-lam-viec",
        ):
            response = official.get(url, allow_redirects=False, timeout=60)
            assert response.status_code == 200, url
        response = official.get(
            f"{site['url']}/++api++/ho-so/{site['existing']}",
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert response.status_code == 200
        assert response.json()["applicant_name"]
        download = official.get(f"{base}/cccd.pdf/@@download/file", timeout=60)
        assert download.content == b"%PDF-1.4 cccd"
        # A missing code is the same 404 for an official too.
        existing, missing = self._pair(official, site, "", "")
        assert (existing.status_code, missing.status_code) == (200, 404)
        anonymous, _missing = self._pair(session_for(None), site, "", "")
        assert missing.content == anonymous.content
