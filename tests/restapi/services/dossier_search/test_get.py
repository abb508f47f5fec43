"""GET @dossier-search over HTTP: who may search, the filters, batching, 400s.

The data set is the dashboard's (``scenarios.build_workspace``): ten dossiers
in every open state and some closed ones, with deadlines relative to today.
Every refusal is paired with a positive control (an official, the same
request, succeeds).
"""

from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.http import codes_in
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.matrix import create_role_users
from luanthanh.policy.testing.matrix import share
from luanthanh.policy.testing.scenarios import build_workspace
from luanthanh.policy.testing.scenarios import WORKSPACE_DOSSIERS
from plone import api
from urllib.parse import parse_qs
from urllib.parse import urlparse

import pytest
import transaction


ALL = set(WORKSPACE_DOSSIERS)
#: The assigned processor of civil status (procedure A) sees what they were
#: given from "accept" on; a refused dossier never reached them.
CIVIL_PROCESSOR = {"p1", "p2", "s1", "a1", "r1", "ret"}
#: What a refused search answers: 401 on the site; under the tracking book
#: the same 404 as a missing path (``security/hidden_book.py``).
REFUSAL = {"": 401, "/ho-so": 404}
#: A member given the desk's role on ``ho-so`` only (a local role).
LOCAL_DESK = "tiepnhanlocal"
#: A Site Administrator who is also an approver.
ADMIN_APPROVER = "qtlanhdao"
#: Whoever holds no official role, Site Administrator included.
REFUSED = [
    None,
    "congdan",
    "bientap",
    "quantri",
    "docgia",
    "donggop",
    "kiemduyet",
    "chiase",
]


class TestDossierSearch:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        with api.env.adopt_roles(["Manager"]):
            dossiers = build_workspace(portal)
            create_role_users()
            add_user(LOCAL_DESK, [])
            add_user(ADMIN_APPROVER, ["Site Administrator", "DossierApprover"])
            api.user.grant_roles(
                username=LOCAL_DESK, obj=portal["ho-so"], roles=["DossierReceiver"]
            )
        share(portal["ho-so"])
        for dossier in dossiers.values():
            share(dossier)
        transaction.commit()
        codes = {name: d.code for name, d in dossiers.items()}
        return {
            "url": portal.absolute_url(),
            "codes": codes,
            "names": {code: name for name, code in codes.items()},
            "urls": {name: d.absolute_url() for name, d in dossiers.items()},
        }

    def get(self, site, user="motcua", params=None, where=""):
        """GET the search; filters by phone or CCCD go in a POST body."""
        session = session_for(user)
        session.headers["Accept"] = "application/json"
        url = f"{site['url']}{where}/++api++/@dossier-search"
        if {"phone", "id_number"} & set(params or {}):
            return session.post(url, json=params)
        return session.get(url, params=params or {})

    @pytest.mark.parametrize("name", ["phone", "id_number"])
    def test_personal_data_stays_out_of_urls(self, site, name):
        session = session_for("motcua")
        session.headers["Accept"] = "application/json"
        url = f"{site['url']}/++api++/@dossier-search"
        value = {"phone": "0987654321", "id_number": "001090000005"}[name]
        response = session.get(url, params={name: value})
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert (error["type"], error["field"]) == ("InvalidInput", name)
        assert "POST" in error["message"] and value not in response.text
        # Positive control: the same filter in a POST body finds the dossier.
        response = session.post(url, json={name: value})
        assert response.status_code == 200
        assert [i["code"] for i in response.json()["items"]] == [site["codes"]["p3"]]

    def names(self, site, response) -> list[str]:
        assert response.status_code == 200, response.text
        return [site["names"][item["code"]] for item in response.json()["items"]]

    def found(self, site, params, user="motcua") -> set[str]:
        params = {"b_size": 100, **params}
        return set(self.names(site, self.get(site, user, params)))

    # Who may search ------------------------------------------------------------

    @pytest.mark.parametrize(
        "user,expected",
        [
            ("motcua", ALL),
            ("lanhdao", ALL),
            ("quanly", ALL),
            (ADMIN_APPROVER, ALL),
            ("chuyenvien", CIVIL_PROCESSOR),
            ("chuyenvien2", {"p3"}),
        ],
    )
    def test_officials_find_what_they_may_view(self, site, user, expected):
        response = self.get(site, user, {"b_size": 100})
        assert response.status_code == 200, response.text
        assert response.headers["Cache-Control"] == "private, no-store"
        data = response.json()
        assert set(self.names(site, response)) == expected
        assert data["items_total"] == len(expected)

    @pytest.mark.parametrize("where", ["", "/ho-so"])
    @pytest.mark.parametrize("user", REFUSED)
    def test_others_are_refused(self, site, user, where):
        # Positive control: the same request by the desk succeeds.
        control = self.get(site, "motcua", {"q": "Vũ Thị Giang"}, where)
        assert self.names(site, control) == ["p3"]

        response = self.get(site, user, {"q": "Vũ Thị Giang"}, where)
        assert response.status_code == REFUSAL[where], (user, response.status_code)
        assert response.headers["Content-Type"].startswith("application/json")
        # plone.restapi's own error body: {"type": "Unauthorized", "message"};
        # under the tracking book every refusal is its one "not found".
        body = response.json()
        assert body["type"] in ("Unauthorized", "Forbidden", "NotFound")
        assert body["message"]
        for code in site["codes"].values():
            assert code not in response.text
        assert "Vũ Thị Giang" not in response.text
        assert "items" not in body

    def test_a_local_role_on_the_tracking_book(self, site):
        """A desk role granted on ``ho-so`` only: the search of ``ho-so``,
        not the site's."""
        response = self.get(site, LOCAL_DESK, {"b_size": 100}, "/ho-so")
        assert set(self.names(site, response)) == ALL
        assert self.get(site, LOCAL_DESK).status_code in (401, 403)

    def test_sharing_roles_on_every_dossier_give_no_search(self, site):
        """Reader, Editor, Contributor and Reviewer through the sharing page,
        on ``ho-so`` and on every dossier, are no official role."""
        for where in ("", "/ho-so"):
            response = self.get(site, "chiase", {}, where)
            assert response.status_code == REFUSAL[where]

    # The filters -------------------------------------------------------------

    @pytest.mark.parametrize(
        "params,expected",
        [
            ({"state": "processing"}, {"p1", "p2", "p3"}),
            ({"state": "intake,result"}, {"i1", "i2", "r1"}),
            ({"state": ["intake", "result"]}, {"i1", "i2", "r1"}),
            ({"state": "unresolved"}, {"i1", "i2", "p1", "p2", "p3", "s1", "a1"}),
            ({"state": "open"}, {"i1", "i2", "p1", "p2", "p3", "s1", "a1", "r1"}),
            ({"state": "closed"}, {"ret", "rej"}),
            ({"field": "kinh-te"}, {"p3"}),
            ({"procedure": "2.000001"}, {"p3"}),
            ({"procedure": "9.999999"}, set()),
            ({"channel": "direct"}, {"i2", "p2"}),
            ({"channel": "postal", "state": "processing"}, {"p3"}),
            ({"due": "overdue"}, {"p2"}),
            ({"due": "today"}, {"p1"}),
            ({"due": "soon"}, {"p3"}),
            ({"due": "overdue", "state": "returned"}, set()),
            ({"from": "2025-03-01", "to": "2025-03-31"}, {"p3"}),
            ({"to": "2025-03-10"}, {"p3"}),
            ({"q": "Vũ Thị Giang"}, {"p3"}),
            ({"q": "Khánh"}, {"a1"}),
            ({"q": "Giang, Vũ"}, {"p3"}),  # a comma is no list in the text
            ({"q": "0987 654 321"}, {"p3"}),
            ({"phone": "0987.654.321"}, {"p3"}),
            ({"phone": "+84 987 654 321"}, {"p3"}),
            ({"phone": "0912 000 002"}, {"i2"}),
            ({"id_number": "001 090 000 005"}, {"p3"}),
            ({"id_number": "001090000007", "state": "approval"}, {"a1"}),
            ({"id_number": "001090000007", "state": "intake"}, set()),
            ({"phone": "0987654321", "q": "Bình"}, set()),
            ({"assigned_to": "chuyenvien2"}, {"p3"}),
            ({"scope": "mine"}, {"i1", "i2", "r1"}),
            ({"scope": "all", "state": "supplement"}, {"s1"}),
        ],
    )
    def test_filters(self, site, params, expected):
        assert self.found(site, params) == expected

    @pytest.mark.parametrize(
        "params",
        [
            {},
            {"state": "processing"},
            {"state": "result"},
            {"field": "kinh-te"},
            {"procedure": "1.004873"},
            {"channel": "direct"},
            {"due": "overdue"},
            {"due": "today"},
            {"due": "soon"},
            {"from": "2025-03-01", "to": "2025-03-31"},
            {"q": "Khánh"},
            {"q": "0987 654 321"},
            {"scope": "mine"},
        ],
    )
    def test_the_dashboard_lists_the_same(self, site, params):
        """The same filters give the same dossiers in the same order on
        ``@@ban-lam-viec`` (scope "all" unless asked) and here."""
        html = session_for("motcua").get(
            f"{site['url']}/ho-so", params={"scope": "all", **params}
        )
        assert html.status_code == 200
        dashboard = codes_in(html.text)
        response = self.get(site, params={"b_size": 50, **params})
        assert [i["code"] for i in response.json()["items"]] == dashboard

    def test_mine_follows_the_role(self, site):
        assert self.found(site, {"scope": "mine"}, "lanhdao") == {"a1"}
        assert self.found(site, {"scope": "mine"}, "chuyenvien2") == {"p3"}

    def test_dashboard_order_and_the_received_orders(self, site):
        # Priority first (p2, overdue too), then by due date: today, soon.
        response = self.get(site, params={"state": "processing"})
        assert self.names(site, response) == ["p2", "p1", "p3"]
        # p3 was received in March 2025, the others today.
        response = self.get(site, params={"state": "processing", "sort": "received"})
        assert self.names(site, response)[0] == "p3"
        response = self.get(site, params={"state": "processing", "sort": "-received"})
        assert self.names(site, response)[-1] == "p3"

    @pytest.mark.parametrize("sort", ["received", "-received"])
    def test_dossiers_not_yet_received_come_last(self, site, sort):
        response = self.get(site, params={"sort": sort, "b_size": 100})
        names = self.names(site, response)
        assert len(names) == 10
        # Waiting for intake, or refused at intake: never received.
        assert set(names[-3:]) == {"i1", "i2", "rej"}
        intake = [i for i in response.json()["items"] if i["review_state"] == "intake"]
        assert [(i["received_at"], i["due_date"], i["overdue"]) for i in intake] == [
            (None, None, False),
            (None, None, False),
        ]

    def test_the_summary_of_a_dossier(self, site):
        response = self.get(site, params={"phone": "0987654321"})
        (item,) = response.json()["items"]
        assert item["@id"] == site["urls"]["p3"]
        assert item["@type"] == "Dossier"
        assert item["code"] == site["codes"]["p3"]
        assert item["review_state"] == "processing"
        assert item["review_state_title"] == "Đang giải quyết"
        assert item["procedure"] == {
            "code": "2.000001",
            "title": "Đăng ký thành lập hộ kinh doanh",
        }
        assert item["field"] == "kinh-te"
        assert item["applicant_name"] == "Vũ Thị Giang"
        assert item["channel"] == "postal"
        assert item["priority"] is False
        assert item["received_at"] == "2025-03-10T09:30:00+07:00"
        assert item["due_date"].endswith("T17:00:00+07:00")
        assert item["returned_at"] is None
        assert item["overdue"] is False
        assert item["assigned_to"] == {
            "id": "chuyenvien2",
            "fullname": "Chuyên viên kinh tế",
        }
        # A summary, not the dossier: no phone, CCCD, e-mail or address.
        assert "0987654321" not in response.text.replace("phone=0987654321", "")
        assert "001090000005" not in response.text

    def test_overdue_flag(self, site):
        response = self.get(site, params={"state": "processing"})
        flags = {
            site["names"][i["code"]]: i["overdue"] for i in response.json()["items"]
        }
        assert flags == {"p1": False, "p2": True, "p3": False}
        returned = self.get(site, params={"state": "returned"}).json()["items"]
        assert returned[0]["overdue"] is False  # closed: never overdue
        assert returned[0]["returned_at"] is None or returned[0]["returned_at"]

    # Batching ------------------------------------------------------------------

    def test_batching_links(self, site):
        data = self.get(site, params={"b_size": 3}).json()
        assert data["items_total"] == 10
        assert len(data["items"]) == 3
        links = data["batching"]
        assert set(links) == {"@id", "first", "last", "next"}
        assert parse_qs(urlparse(links["next"]).query)["b_start"] == ["3"]
        assert parse_qs(urlparse(links["last"]).query)["b_start"] == ["9"]
        assert "++api++/@dossier-search" in links["next"]

    def test_pages_cover_every_dossier_once(self, site):
        seen = []
        session = session_for("motcua")
        session.headers["Accept"] = "application/json"
        url = f"{site['url']}/++api++/@dossier-search?b_size=3&state=unresolved"
        while url:
            data = session.get(url).json()
            assert data["items_total"] == 7
            seen.extend(site["names"][i["code"]] for i in data["items"])
            url = data["batching"].get("next")
            # The filters stay in the links.
            assert url is None or "state=unresolved" in url
        assert sorted(seen) == sorted({"i1", "i2", "p1", "p2", "p3", "s1", "a1"})
        assert len(seen) == 7

    def test_one_page_has_no_links(self, site):
        data = self.get(site, params={"b_size": 100}).json()
        assert data["items_total"] == 10
        assert "batching" not in data
        data = self.get(site, params={"b_start": 50}).json()
        assert data["items_total"] == 10
        assert data["items"] == []

    # Bad requests -----------------------------------------------------------------

    @pytest.mark.parametrize(
        "params,field",
        [
            ({"state": "dang-xu-ly"}, "state"),
            ({"state": "processing,bogus"}, "state"),
            ({"from": "2025-13-01"}, "from"),
            ({"from": "10/03/2025"}, "from"),
            ({"to": "2025-3-1"}, "to"),
            ({"from": "2025-04-01", "to": "2025-03-01"}, "to"),
            ({"b_size": "101"}, "b_size"),
            ({"b_size": "0"}, "b_size"),
            ({"b_size": "abc"}, "b_size"),
            ({"b_start": "-1"}, "b_start"),
            ({"field": "khong-co"}, "field"),
            ({"channel": "fax"}, "channel"),
            ({"due": "tomorrow"}, "due"),
            ({"sort": "title"}, "sort"),
            ({"scope": "everyone"}, "scope"),
            ({"phone": "12345"}, "phone"),
            ({"id_number": "0380900012"}, "id_number"),
            ({"procedure": "a b"}, "procedure"),
            ({"assigned_to": "x y"}, "assigned_to"),
            ({"channel": ["direct", "online"]}, "channel"),
            ({"q": "x" * 201}, "q"),
            ({"sort_on": "due_date"}, "sort_on"),
        ],
    )
    def test_bad_parameters(self, site, params, field):
        response = self.get(site, params=params)
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["type"] == "InvalidInput"
        assert error["field"] == field
        assert error["message"]
        assert not error["message"].startswith("search_")
        assert "items" not in response.json()

    def test_a_bad_page_size_in_vietnamese(self, site):
        response = self.get(site, params={"b_size": "500"})
        message = response.json()["error"]["message"]
        assert message == "Số hồ sơ mỗi trang phải từ 1 đến 100."

    def test_bad_parameters_need_permission_first(self, site):
        """Anonymous gets no 400 that would tell it about the filters."""
        response = self.get(site, None, {"state": "bogus"})
        assert response.status_code == 401
