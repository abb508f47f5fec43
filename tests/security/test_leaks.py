"""Personal data stays in: not in catalog metadata Anonymous can reach, not in
error pages, not in the logs at INFO during a dossier's whole life, not in the
lookup.  And the access log records who viewed a dossier and who downloaded
its files, for officials with "luanthanh.policy: View audit log"."""

from luanthanh.policy.security import audit
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.scenarios import leaks
from luanthanh.policy.testing.scenarios import secret_dossier
from luanthanh.policy.testing.scenarios import secret_site
from luanthanh.policy.throttle import limiter
from plone import api

import logging
import pytest
import threading
import transaction
import ZODB
import ZODB.FileStorage


class TestLeaks:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        _procedure, dossiers = secret_site(portal, "intake", "returned")
        return {"portal": portal, "url": portal.absolute_url(), "dossiers": dossiers}

    def test_anonymous_catalog_metadata(self, site):
        anonymous = session_for(None)
        for params in (
            {"metadata_fields": "_all", "b_size": 1000},
            {"metadata_fields": "_all", "portal_type": "Dossier"},
            {"metadata_fields": "_all", "SearchableText": "Trần"},
            {"fullobjects": "1", "b_size": 100},
        ):
            response = anonymous.get(f"{site['url']}/++api++/@search", params=params)
            assert response.status_code == 200
            assert leaks(response.text) == [], params
            for dossier in site["dossiers"].values():
                assert dossier.code not in response.text

    def test_error_pages(self, site):
        dossier = site["dossiers"]["intake"]
        url = dossier.absolute_url()
        for user in (None, "congdan", "bientap"):
            s = session_for(user)
            for response in (
                s.get(f"{url}/khong-co-trang-nay", allow_redirects=False),
                s.get(f"{url}/@@khong-co", allow_redirects=False),
                s.get(
                    f"{site['url']}/++api++/ho-so/{dossier.getId()}/@khong-co",
                    allow_redirects=False,
                ),
                s.post(
                    f"{site['url']}/++api++/ho-so/{dossier.getId()}",
                    data="{",
                    allow_redirects=False,
                ),
                s.get(
                    f"{url}/@@giay-tiep-nhan",
                    params={"x": "\x00"},
                    allow_redirects=False,
                ),
                s.get(
                    f"{site['url']}/ho-so/@@so-theo-doi",
                    params={"start": "x"},
                    allow_redirects=False,
                ),
            ):
                assert response.status_code >= 300
                assert leaks(response.text) == [], (user, response.url)
                assert "Traceback" not in response.text

    def test_lookup_answers_no_personal_data(self, site):
        limiter.reset()
        dossier = site["dossiers"]["returned"]
        anonymous = session_for(None)
        response = anonymous.post(
            f"{site['url']}/++api++/@dossier-lookup",
            json={"code": dossier.code, "phone": "0987654321"},
            headers={"Accept": "application/json"},
        )
        assert response.status_code == 200
        assert response.json()["state"]
        page = anonymous.post(
            f"{site['url']}/@@tra-cuu-ho-so",
            data={"code": dossier.code, "id_number": "001199012345", "action": "find"},
        )
        # The page repeats what the citizen typed into the form; nothing else.
        text = page.text.replace("001199012345", "")
        for answer in (response.text, text):
            assert leaks(answer) == []
        limiter.reset()

    def test_logs_at_info_during_a_whole_life(self, site, caplog):
        """A dossier's whole life over HTTP; the log at INFO says nothing of
        the applicant (the server threads log into the same logging)."""
        portal = site["portal"]
        with api.env.adopt_roles(["Manager"]):
            procedure = portal["thu-tuc-hanh-chinh"].objectValues()[0]
        caplog.set_level(logging.INFO)
        dossier = secret_dossier(portal, procedure, "intake")
        transaction.commit()
        api_url = f"{site['url']}/++api++/ho-so/{dossier.getId()}"
        steps = [
            ("motcua", "accept", ""),
            ("chuyenvien", "request_supplement", "Thiếu giấy khai sinh"),
            ("chuyenvien", "resume", ""),
            ("chuyenvien", "submit_for_approval", ""),
            ("lanhdao", "approve", ""),
            ("motcua", "deliver", ""),
        ]
        for user, transition, comment in steps:
            s = session_for(user)
            s.get(dossier.absolute_url())
            s.get(f"{dossier.absolute_url()}/cccd.pdf/@@download/file")
            response = s.post(
                f"{api_url}/@workflow/{transition}",
                json={"comment": comment},
                headers={"Accept": "application/json"},
            )
            assert response.status_code == 200, (transition, response.text)
        limiter.reset()
        session_for(None).post(
            f"{site['url']}/++api++/@dossier-lookup",
            json={"code": dossier.code, "phone": "0987654321"},
        )
        session_for(None).post(
            f"{site['url']}/++api++/@dossier-lookup",
            json={"code": dossier.code, "phone": "0900000000"},
        )
        transaction.begin()
        assert api.content.get_state(portal["ho-so"][dossier.getId()]) == "returned"
        records = [r for r in caplog.records if r.levelno >= logging.INFO]
        assert records  # the capture works
        text = "\n".join(r.getMessage() for r in records)
        assert leaks(text) == []


class TestAccessLog:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        _procedure, dossiers = secret_site(portal, "processing")
        dossier = dossiers["processing"]
        return {"portal": portal, "url": portal.absolute_url(), "dossier": dossier}

    def _log(self, site):
        transaction.begin()
        dossier = site["portal"]["ho-so"][site["dossier"].getId()]
        log = audit.access_log(dossier)
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
            ("chuyenvien", "view", entries[0][2]),
        ]
        # Reading does not touch the dossier's modification date or catalog.
        assert all(e["address"] == "127.0.0.1" for e in self._log(site))

    def test_reading_the_log_needs_the_permission(self, site):
        url = f"{site['dossier'].absolute_url()}/@@nhat-ky-truy-cap"
        session_for("motcua").get(site["dossier"].absolute_url())
        for user in ("lanhdao", "quantri"):
            page = session_for(user).get(url, allow_redirects=False)
            assert page.status_code == 200, user
            assert "Nhật ký truy cập hồ sơ" in page.text
            assert "motcua" in page.text
        for user in (None, "congdan", "motcua", "chuyenvien", "chuyenvien2", "bientap"):
            page = session_for(user).get(url, allow_redirects=False)
            assert page.status_code in (302, 401, 403, 404), user
            assert "Nhật ký truy cập hồ sơ" not in page.text

    def test_viewing_changes_nothing_else(self, site):
        transaction.begin()
        dossier = site["portal"]["ho-so"][site["dossier"].getId()]
        catalog = api.portal.get_tool("portal_catalog")
        before = (catalog.getCounter(), dossier.modified())
        session_for("lanhdao").get(dossier.absolute_url())
        transaction.begin()
        assert (catalog.getCounter(), dossier.modified()) == before


def test_log_is_bounded():
    log = audit.AccessLog()
    for i in range(audit.MAX_ENTRIES + audit.TRIM + 1):
        log.add("u", "view", "view", "127.0.0.1", now=1_700_000_000 + i)
    assert len(log) == len(log.entries) == audit.MAX_ENTRIES + 1
    assert log.items(1)[0]["time"].timestamp() == pytest.approx(
        1_700_000_000 + audit.MAX_ENTRIES + audit.TRIM
    )


def test_concurrent_views_do_not_conflict(tmp_path):
    """Two officials view the same dossier at once: both entries are kept
    (BTrees and Length resolve the conflict), nobody gets a ConflictError."""
    storage = ZODB.FileStorage.FileStorage(str(tmp_path / "Data.fs"))
    db = ZODB.DB(storage)
    try:
        tm0 = transaction.TransactionManager()
        conn0 = db.open(transaction_manager=tm0)
        conn0.root()["log"] = audit.AccessLog()
        for i in range(10):
            conn0.root()["log"].add("seed", "view", "view", "", now=1000 + i)
        tm0.commit()
        conn0.close()
        barrier = threading.Barrier(2)
        errors = []

        def view(userid, now):
            tm = transaction.TransactionManager()
            conn = db.open(transaction_manager=tm)
            try:
                conn.root()["log"].add(userid, "view", "view", "", now=now)
                barrier.wait()
                tm.commit()
            except Exception as error:  # pragma: no cover - the failure we test
                errors.append(error)
            finally:
                conn.close()

        threads = [
            threading.Thread(target=view, args=("motcua", 2000.0)),
            threading.Thread(target=view, args=("lanhdao", 2000.5)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        conn = db.open()
        log = conn.root()["log"]
        assert len(log) == 12
        assert {e["userid"] for e in log.items(2)} == {"motcua", "lanhdao"}
        conn.close()
    finally:
        db.close()
