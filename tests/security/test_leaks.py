"""Personal data stays in: not in catalog metadata Anonymous can reach, not in
error pages, not in the logs at INFO during a dossier's whole life, not in the
lookup.  The access log has its own tests: ``test_access_log.py``."""

from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.scenarios import leaks
from luanthanh.policy.testing.scenarios import secret_dossier
from luanthanh.policy.testing.scenarios import secret_site
from luanthanh.policy.throttle import limiter
from plone import api

import logging
import pytest
import transaction


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
