"""The access log cannot be bypassed (issue #14, finding 7).

Every method on a dossier is logged; searches, the dashboard and the tracking
book are logged site-wide with the number of dossiers they return; entries go
by age, never by count; only the administrator reads the logs, and nobody
reaches them by URL, REST or restricted code."""

from AccessControl import Unauthorized
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.ZopeGuards import guarded_getattr
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.security import audit
from luanthanh.policy.security import bulk
from luanthanh.policy.testing.http import json_session
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import token_for
from luanthanh.policy.testing.scenarios import APPLICANT
from luanthanh.policy.testing.scenarios import ID_NUMBER
from luanthanh.policy.testing.scenarios import PHONE
from luanthanh.policy.testing.scenarios import secret_site
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zExceptions import NotFound

import pytest
import requests
import transaction


OFFICIALS = ("lanhdao", "motcua", "chuyenvien", "chuyenvien2", "bientap")


def _admin() -> requests.Session:
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    return session


class TestAccessLog:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        _procedure, dossiers = secret_site(portal, "processing", "intake")
        return {
            "portal": portal,
            "url": portal.absolute_url(),
            "dossier": dossiers["processing"],
            "intake": dossiers["intake"],
        }

    def _log(self, site, which="dossier"):
        transaction.begin()
        dossier = site["portal"]["ho-so"][site[which].getId()]
        log = audit.access_log(dossier)
        return log.items() if log is not None else []

    def _bulk(self, site):
        transaction.begin()
        log = bulk.bulk_log(site["portal"])
        return log.items() if log is not None else []

    def test_views_and_downloads_are_recorded(self, site):
        url = site["dossier"].absolute_url()
        session_for(None).get(url)
        session_for(None).get(f"{url}/cccd.pdf/@@download/file")
        assert self._log(site) == []  # Anonymous was refused: nothing written
        motcua = session_for("motcua")
        assert motcua.get(url).status_code == 200
        assert motcua.get(f"{url}/cccd.pdf/@@download/file").status_code == 200
        assert motcua.get(f"{url}/@@download/result_file").status_code == 200
        chuyenvien = session_for("chuyenvien")
        assert (
            chuyenvien.get(
                f"{site['url']}/++api++/ho-so/{site['dossier'].getId()}"
            ).status_code
            == 200
        )
        entries = [(e["userid"], e["action"], e["target"]) for e in self._log(site)]
        assert entries[::-1] == [
            ("motcua", "view", "view"),
            ("motcua", "download", "cccd.pdf"),
            ("motcua", "download", "result_file"),
            ("chuyenvien", "view", "++api++"),
        ]
        assert all(e["address"] == "127.0.0.1" for e in self._log(site))
        assert {e["method"] for e in self._log(site)} == {"GET"}

    def test_writes_are_recorded_refusals_are_not(self, site):
        """A POST over ``++api++`` is logged with its method and status; the
        same POST refused (403, or Unauthorized) leaves no entry."""
        url = f"{site['url']}/++api++/ho-so/{site['intake'].getId()}"
        before = len(self._log(site, "intake"))
        refused = json_session("lanhdao").post(f"{url}/@workflow/approve", json={})
        assert refused.status_code == 403
        refused = json_session("bientap").post(f"{url}/@workflow/accept", json={})
        assert refused.status_code in (401, 403, 404)
        assert len(self._log(site, "intake")) == before  # refusals: nothing
        done = json_session("motcua").post(f"{url}/@workflow/accept", json={})
        assert done.status_code == 200, done.text  # the positive control
        newest = self._log(site, "intake")[0]
        assert newest["userid"] == "motcua"
        assert newest["action"] == audit.WRITE
        assert newest["method"] == "POST"
        assert newest["status"] == 200
        assert newest["target"] == "@workflow/accept"
        assert len(self._log(site, "intake")) == before + 1
        # A Classic form post: the transition page, with the user's token.
        page = f"{site['intake'].absolute_url()}/@@chuyen-trang-thai"
        forged = session_for("chuyenvien").post(
            page,
            data={"transition": "submit_for_approval"},
            allow_redirects=False,
        )
        assert forged.status_code >= 400  # no token: refused, nothing written
        assert len(self._log(site, "intake")) == before + 1
        posted = session_for("chuyenvien").post(
            page,
            data={
                "transition": "submit_for_approval",
                "_authenticator": token_for("chuyenvien"),
            },
            allow_redirects=False,
        )
        assert posted.status_code == 302
        newest = self._log(site, "intake")[0]
        assert (newest["userid"], newest["action"], newest["method"]) == (
            "chuyenvien",
            audit.WRITE,
            "POST",
        )
        assert (newest["target"], newest["status"]) == ("@@chuyen-trang-thai", 302)
        transaction.begin()
        state = api.content.get_state(site["portal"]["ho-so"][site["intake"].getId()])
        assert state == "approval"

    def test_dashboard_book_and_searches_are_logged(self, site):
        folder = f"{site['url']}/ho-so"
        code = site["dossier"].code
        motcua = session_for("motcua")
        for q in (code, PHONE, ID_NUMBER):
            dashboard = motcua.get(folder, params={"q": q, "scope": "all"})
            assert dashboard.status_code == 200
        assert motcua.get(f"{folder}/@@so-theo-doi").status_code == 200
        book = motcua.get(f"{folder}/@@so-theo-doi", params={"format": "xlsx"})
        assert book.status_code == 200
        # Plone's own searches return no dossier to anyone (the dossiers have
        # their own catalog); the officials' REST search is logged instead.
        page = motcua.get(f"{site['url']}/@@search", params={"SearchableText": code})
        assert page.status_code == 200
        rest = json_session("motcua").get(
            f"{site['url']}/++api++/@search", params={"SearchableText": code}
        )
        assert rest.status_code == 200 and rest.json()["items_total"] == 0
        rest = json_session("motcua").get(
            f"{site['url']}/++api++/@dossier-search", params={"q": code}
        )
        assert rest.status_code == 200 and rest.json()["items_total"] == 1
        rest = json_session("motcua").post(
            f"{site['url']}/++api++/@dossier-search",
            json={"phone": APPLICANT["applicant_phone"]},
        )
        assert rest.status_code == 200
        by_phone = rest.json()["items_total"]
        transaction.begin()
        assert by_phone == len(site["portal"]["ho-so"].objectIds()) == 2
        entries = self._bulk(site)[:7][::-1]
        assert [e["what"] for e in entries] == [
            "ban-lam-viec",
            "ban-lam-viec",
            "ban-lam-viec",
            "so-theo-doi",
            "so-theo-doi",
            "dossier-search",
            "dossier-search",
        ]
        assert {e["userid"] for e in entries} == {"motcua"}
        assert entries[0]["count"] >= 1  # the dossier found, and the panels
        received = len(self._received(site))
        assert [e["count"] for e in entries[3:5]] == [received, received]
        assert ("format", "xlsx") in entries[4]["query"]
        assert [e["count"] for e in entries[5:]] == [1, by_phone]
        # What was searched is kept as a keyed hash, never in clear.
        assert all(dict(e["query"]).get("q", "#").startswith("#") for e in entries)
        assert dict(entries[1]["query"])["q"] != dict(entries[2]["query"])["q"]
        text = repr(self._bulk(site))
        assert PHONE not in text and ID_NUMBER not in text and code not in text

    def _received(self, site):
        transaction.begin()
        return [
            d
            for d in site["portal"]["ho-so"].objectValues()
            if getattr(d, "received_at", None)
        ]

    def test_rest_listing_of_the_folder_is_logged(self, site):
        """``GET ++api++/ho-so`` lists the dossiers the user may see (from the
        dossier catalog): a bulk read."""
        listing = json_session("motcua").get(f"{site['url']}/++api++/ho-so")
        assert listing.status_code == 200
        listed = len(listing.json()["items"])
        assert listed == 2
        entry = self._bulk(site)[0]
        assert (entry["userid"], entry["what"], entry["count"]) == (
            "motcua",
            "ho-so/++api++",
            listed,
        )
        search = json_session("motcua").get(f"{site['url']}/++api++/@dossier-search")
        assert search.status_code == 200 and search.json()["items_total"] == 2
        entry = self._bulk(site)[0]
        assert (entry["userid"], entry["what"], entry["count"]) == (
            "motcua",
            "dossier-search",
            2,
        )
        # One dossier over REST is the dossier's own log, not a bulk read.
        before = len(self._bulk(site))
        one = json_session("motcua").get(
            f"{site['url']}/++api++/ho-so/{site['dossier'].getId()}"
        )
        assert one.status_code == 200
        assert len(self._bulk(site)) == before
        assert self._log(site)[0]["userid"] == "motcua"

    def test_refused_bulk_reads_write_nothing(self, site):
        before = len(self._bulk(site))
        for user in (None, "congdan"):
            page = session_for(user).get(
                f"{site['url']}/ho-so/@@so-theo-doi", allow_redirects=False
            )
            assert page.status_code in (302, 401, 403, 404), user
        assert len(self._bulk(site)) == before

    def test_only_the_administrator_reads_the_logs(self, site):
        session_for("motcua").get(site["dossier"].absolute_url())
        session_for("motcua").get(f"{site['url']}/ho-so")
        pages = {
            f"{site['dossier'].absolute_url()}/@@nhat-ky-truy-cap": (
                "Nhật ký truy cập hồ sơ"
            ),
            f"{site['url']}/@@nhat-ky-tra-cuu": "Nhật ký tra cứu và xuất hồ sơ",
        }
        for url, heading in pages.items():
            for session in (session_for("quantri"), _admin()):  # positive controls
                page = session.get(url, allow_redirects=False)
                assert page.status_code == 200, url
                assert heading in page.text
                assert "motcua" in page.text
            # The Site Administrator reads who read, never what was read.
            text = session_for("quantri").get(url).text
            dossier = site["dossier"]
            for value in (
                dossier.applicant_name,
                dossier.applicant_phone,
                dossier.applicant_id_number,
            ):
                assert value and value not in text, (url, value)
            for user in (None, "congdan", *OFFICIALS):
                page = session_for(user).get(url, allow_redirects=False)
                assert page.status_code in (302, 401, 403, 404), (url, user)
                assert heading not in page.text

    def test_the_log_page_escapes_what_it_shows(self, site):
        """A filter value is shown as text on the log page, not as markup."""
        script = "<script>alert(1)</script>"
        page = session_for("motcua").get(
            f"{site['url']}/ho-so", params={"state": script, "scope": "all"}
        )
        assert page.status_code == 200
        assert ("state", script) in self._bulk(site)[0]["query"]
        log = session_for("quantri").get(f"{site['url']}/@@nhat-ky-tra-cuu")
        assert log.status_code == 200
        assert script not in log.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in log.text

    def test_no_url_reaches_the_annotations(self, site):
        dossier_url = site["dossier"].absolute_url()
        urls = [
            f"{dossier_url}/__annotations__",
            f"{dossier_url}/__annotations__/{audit.KEY}",
            f"{site['url']}/__annotations__/{bulk.KEY}",
            f"{site['url']}/++api++/ho-so/{site['dossier'].getId()}/__annotations__",
        ]
        for user in ("motcua", "lanhdao", "quantri"):
            for url in urls:
                page = session_for(user).get(url, allow_redirects=False)
                assert page.status_code != 200, (user, url)
        # The dossier itself is served (positive control), without its log.
        data = json_session("motcua").get(
            f"{site['url']}/++api++/ho-so/{site['dossier'].getId()}"
        )
        assert data.status_code == 200
        assert audit.KEY not in data.text

    def test_restricted_code_cannot_reach_the_logs(self, site):
        transaction.begin()
        portal = site["portal"]
        dossier = portal["ho-so"][site["dossier"].getId()]
        log = audit.access_log(dossier)
        site_log = bulk.bulk_log(portal)
        assert log is not None and site_log is not None
        for user in OFFICIALS:
            newSecurityManager(None, portal.acl_users.getUser(user))
            try:
                # Positive control: restricted code reads the dossier's id.
                if user in ("motcua", "chuyenvien", "lanhdao"):
                    assert guarded_getattr(dossier, "getId")() == dossier.getId()
                with pytest.raises(Unauthorized):
                    guarded_getattr(dossier, "__annotations__")
                with pytest.raises(Unauthorized):
                    guarded_getattr(portal, "__annotations__")
                for obj, names in (
                    (log, ("add", "items", "entries", "length")),
                    (site_log, ("add", "items", "shards", "salt")),
                ):
                    for name in names:
                        with pytest.raises(Unauthorized):
                            guarded_getattr(obj, name)
                with pytest.raises((Unauthorized, KeyError, AttributeError, NotFound)):
                    dossier.restrictedTraverse(f"__annotations__/{audit.KEY}")
            finally:
                noSecurityManager()

    def test_viewing_changes_nothing_else(self, site):
        transaction.begin()
        dossier = site["portal"]["ho-so"][site["dossier"].getId()]
        catalog = dossier_catalog()
        before = (catalog.getCounter(), dossier.modified())
        session_for("motcua").get(dossier.absolute_url())
        transaction.begin()
        assert (catalog.getCounter(), dossier.modified()) == before
