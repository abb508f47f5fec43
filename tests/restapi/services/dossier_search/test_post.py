"""POST @dossier-search: the same search with the filters in a JSON body,
so that phone, CCCD and names stay out of URLs."""

from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.scenarios import build_workspace
from plone import api

import pytest
import transaction


class TestDossierSearchPost:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        with api.env.adopt_roles(["Manager"]):
            dossiers = build_workspace(portal)
            add_user("quanly", ["Manager"])
        transaction.commit()
        codes = {name: d.code for name, d in dossiers.items()}
        return {
            "url": portal.absolute_url(),
            "names": {code: name for name, code in codes.items()},
        }

    def post(self, site, body, user="motcua", where="", query=""):
        session = session_for(user)
        session.headers["Accept"] = "application/json"
        url = f"{site['url']}{where}/++api++/@dossier-search{query}"
        return session.post(url, json=body)

    def names(self, site, response) -> list[str]:
        assert response.status_code == 200, response.text
        return [site["names"][i["code"]] for i in response.json()["items"]]

    @pytest.mark.parametrize(
        "body,expected",
        [
            ({"phone": "+84 987 654 321"}, ["p3"]),
            ({"id_number": "001 090 000 007"}, ["a1"]),
            ({"q": "Vũ Thị Giang"}, ["p3"]),
            ({"state": ["intake", "result"], "channel": "direct"}, ["i2"]),
            ({"state": "processing"}, ["p2", "p1", "p3"]),
            ({"due": "overdue", "b_size": 100}, ["p2"]),
        ],
    )
    def test_officials_search_by_body(self, site, body, expected):
        for user in ("motcua", "lanhdao", "quanly"):
            response = self.post(site, body, user)
            assert self.names(site, response) == expected, user
            assert response.headers["Cache-Control"] == "private, no-store"
        # Nothing of the search in the URL.
        assert "0987" not in response.url
        assert "?" not in response.url

    def test_on_the_tracking_book(self, site):
        response = self.post(site, {"phone": "0987654321"}, where="/ho-so")
        assert self.names(site, response) == ["p3"]

    def test_pages_by_body_without_links(self, site):
        first = self.post(site, {"b_size": 3}).json()
        assert first["items_total"] == 10
        assert "batching" not in first  # a GET of a link would drop the filters
        second = self.post(site, {"b_size": 3, "b_start": 3}).json()
        assert len(second["items"]) == 3
        assert not {i["code"] for i in first["items"]} & {
            i["code"] for i in second["items"]
        }

    @pytest.mark.parametrize("user", [None, "congdan", "bientap", "quantri"])
    def test_others_are_refused(self, site, user):
        control = self.post(site, {"phone": "0987654321"})
        assert self.names(site, control) == ["p3"]
        response = self.post(site, {"phone": "0987654321"}, user)
        assert response.status_code in (401, 403)
        assert "Vũ Thị Giang" not in response.text

    @pytest.mark.parametrize(
        "body,query,field",
        [
            ({"b_size": 101}, "", "b_size"),
            ({"b_size": -1}, "", "b_size"),
            ({"state": ["intake", 3.5]}, "", "state"),
            ({"state": "bogus"}, "", "state"),
            ({"phone": "123"}, "", "phone"),
            ({"from": "2025-02-30"}, "", "from"),
            ({"priority": True}, "", "priority"),
            ({}, "?phone=0987654321", "phone"),
        ],
    )
    def test_bad_bodies(self, site, body, query, field):
        response = self.post(site, body, query=query)
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["type"] == "InvalidInput"
        assert error["field"] == field
        assert not error["message"].startswith("search_")

    @pytest.mark.parametrize("body", [[], "phone=0987654321", 3])
    def test_a_body_that_is_no_object(self, site, body):
        response = self.post(site, body)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["message"] == "Nội dung yêu cầu phải là một đối tượng JSON."
