"""The permission matrix of dossiers, over real HTTP (the WSGI server).

The matrix is generated from the workflow definition: the states and the
transitions are read from ``luanthanh_dossier_workflow``'s definition.xml, and
every role is tried on every state with every transition of the workflow, both
through the dossier page's ``@@chuyen-trang-thai`` (POST with a valid CSRF
token) and through ``++api++/@workflow/<id>``; plus the page, the edit form,
each file download, REST GET and PATCH, and the listings that could reveal a
dossier (``@search``, ``@@search``, the REST folder listing, the dashboard).

The users are every role of the site (Anonymous, Member, the officials,
Editor, Site Administrator, Manager, Reader, Contributor, Reviewer) and a
member given the sharing page's local roles on the dossier folder and on each
dossier.  The expected outcome is written down once, in
``luanthanh.policy.testing.matrix.EXPECTED``, by hand: it is not computed
from the workflow it checks (``tests/dossiers/test_permission_matrix.py``
reads the same table).  ``test_table_covers_workflow``
fails when a state or transition is added to the workflow and not to the table.
"""

from luanthanh.policy.dossiers import codes as dossier_codes
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import token_for
from luanthanh.policy.testing.matrix import create_role_users
from luanthanh.policy.testing.matrix import EXPECTED
from luanthanh.policy.testing.matrix import share
from luanthanh.policy.testing.matrix import TARGET
from luanthanh.policy.testing.matrix import USERS
from luanthanh.policy.testing.paths import PATHS
from luanthanh.policy.testing.scenarios import leaks
from luanthanh.policy.testing.scenarios import secret_dossier
from lxml import etree
from pathlib import Path
from plone import api
from plone.locking.interfaces import ILockable

import gzip
import luanthanh.policy
import pytest
import transaction


DEFINITION = (
    Path(luanthanh.policy.__file__).parent
    / "profiles/default/workflows/luanthanh_dossier_workflow/definition.xml"
)
_tree = etree.parse(str(DEFINITION))
WF_STATES = [s.get("state_id") for s in _tree.iter("state")]
WF_TRANSITIONS = [t.get("transition_id") for t in _tree.iter("transition")]

CHANNELS = ("browser", "rest")
COMMENT = "Lý do kiểm thử quyền"
REFUSED = {302, 401, 403, 404}


def test_table_covers_workflow():
    """The table has a row for every state and knows every transition."""
    assert set(EXPECTED) == set(WF_STATES)
    assert set(PATHS) == set(WF_STATES)
    assert set(TARGET) == set(WF_TRANSITIONS)
    for transition in _tree.iter("transition"):
        assert TARGET[transition.get("transition_id")] == transition.get("new_state")
    exits = {
        s.get("state_id"): {e.get("transition_id") for e in s.iter("exit-transition")}
        for s in _tree.iter("state")
    }
    for state, row in EXPECTED.items():
        for user, fired in row["fire"].items():
            assert fired <= exits[state], (state, user)
            assert user in row["view"] and user in USERS
        assert row["edit"] <= row["view"]


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """One dossier per state (shared, only refused attempts touch it) and one
    fresh dossier per allowed (state, user, transition, channel)."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        create_role_users()
        procedure = make_procedure(portal)
        # Off by default (a 404); on, it is one more listing that must not leak.
        api.portal.set_registry_record("plone.enable_sitemap", True)
    share(portal["ho-so"])
    shared = {}
    fresh = {}
    for state in WF_STATES:
        shared[state] = secret_dossier(portal, procedure, state)
        share(shared[state])
        for user, fired in EXPECTED[state]["fire"].items():
            for transition in fired:
                for channel in CHANNELS:
                    dossier = secret_dossier(portal, procedure, state)
                    share(dossier)
                    fresh[(state, user, transition, channel)] = dossier.getId()
    transaction.commit()
    return {
        "portal": portal,
        "url": portal.absolute_url(),
        "folder": portal["ho-so"],
        "shared": {s: (d.getId(), d.code) for s, d in shared.items()},
        "fresh": fresh,
    }


SESSIONS = {}


def session(user):
    if user not in SESSIONS:
        SESSIONS[user] = session_for(user)
    return SESSIONS[user]


def state_of(site, dossier_id: str) -> str:
    transaction.begin()  # see what the server committed
    return api.content.get_state(site["folder"][dossier_id])


def fire_over_http(site, user, dossier_id, transition, channel):
    url = f"{site['folder'].absolute_url()}/{dossier_id}"
    s = session(user)
    if channel == "browser":
        return s.post(
            f"{url}/@@chuyen-trang-thai",
            data={
                "transition": transition,
                "comment": COMMENT,
                "_authenticator": token_for(user),
            },
            allow_redirects=False,
        )
    return s.post(
        f"{site['url']}/ho-so/{dossier_id}/++api++/@workflow/{transition}",
        json={"comment": COMMENT},
        headers={"Accept": "application/json"},
        allow_redirects=False,
    )


class TestMatrix:
    """All requests of one role on one state in one test; sessions reused."""

    @pytest.mark.parametrize("user", list(USERS))
    @pytest.mark.parametrize("state", WF_STATES)
    def test_read_and_edit(self, site, state, user):
        """Page, edit form, downloads, REST GET and PATCH, exactly as in the table."""
        dossier_id, code = site["shared"][state]
        url = f"{site['url']}/ho-so/{dossier_id}"
        row = EXPECTED[state]
        view, edit = user in row["view"], user in row["edit"]
        s = session(user)
        got = {}
        page = s.get(url, allow_redirects=False)
        got["page"] = page.status_code == 200
        got["attachment"] = (
            s.get(f"{url}/cccd.pdf/@@download/file", allow_redirects=False).status_code
            == 200
        )
        got["result file"] = (
            s.get(f"{url}/@@download/result_file", allow_redirects=False).status_code
            == 200
        )
        rest = s.get(f"{site['url']}/++api++/ho-so/{dossier_id}", allow_redirects=False)
        got["REST GET"] = rest.status_code == 200
        patch = s.patch(
            f"{site['url']}/++api++/ho-so/{dossier_id}",
            json={"notes": f"ghi chú của {user}"},
            headers={"Accept": "application/json"},
            allow_redirects=False,
        )
        got["REST PATCH"] = patch.status_code == 204
        # The edit form locks the dossier (plone.locking): open it last, and
        # clear the lock so that the next user's PATCH is not refused.
        got["edit form"] = (
            s.get(f"{url}/@@edit", allow_redirects=False).status_code == 200
        )
        transaction.begin()
        ILockable(site["folder"][dossier_id]).clear_locks()
        transaction.commit()
        expected = {
            "page": view,
            "edit form": edit,
            "attachment": view,
            "result file": view,
            "REST GET": view,
            "REST PATCH": edit,
        }
        assert got == expected
        if not view:
            for response in (page, rest, patch):
                assert response.status_code in REFUSED | {400}
                assert code not in response.text
                assert leaks(response.text) == []

    @pytest.mark.parametrize("channel", CHANNELS)
    @pytest.mark.parametrize("user", list(USERS))
    @pytest.mark.parametrize("state", WF_STATES)
    def test_transitions(self, site, state, user, channel):
        """Every transition of the workflow, by every user, in every state."""
        allowed = EXPECTED[state]["fire"].get(user, set())
        shared_id = site["shared"][state][0]
        failures = []
        for transition in WF_TRANSITIONS:
            if transition in allowed:
                dossier_id = site["fresh"][(state, user, transition, channel)]
                response = fire_over_http(site, user, dossier_id, transition, channel)
                after = state_of(site, dossier_id)
                if after != TARGET[transition]:
                    failures.append((transition, "not fired", response.status_code))
            else:
                response = fire_over_http(site, user, shared_id, transition, channel)
                after = state_of(site, shared_id)
                if after != state:
                    failures.append((transition, "fired!", response.status_code))
                elif channel == "rest" and response.status_code < 400:
                    failures.append((transition, "REST said yes", response.status_code))
        assert failures == []

    @pytest.mark.parametrize("user", list(USERS))
    def test_listings(self, site, user):
        """No search or listing reveals a dossier the user may not see."""
        s = session(user)
        codes = {state: code for state, (_id, code) in site["shared"].items()}
        visible = {codes[s_] for s_ in WF_STATES if user in EXPECTED[s_]["view"]}
        hidden = set(codes.values()) - visible
        found = s.get(
            f"{site['url']}/++api++/@search",
            params={"portal_type": "Dossier", "b_size": 500, "fullobjects": 0},
            allow_redirects=False,
        ).json()
        ids = {item["@id"].rsplit("/", 1)[-1] for item in found.get("items", [])}
        shared_ids = dict(site["shared"].values())
        # Dossiers are not in portal_catalog: @search finds none, for anyone.
        assert {shared_ids[i] for i in ids if i in shared_ids} == set()
        pages = [
            # Part of the name, not one of SECRETS: the page repeats the query.
            s.get(f"{site['url']}/@@search", params={"SearchableText": "Trần Thị"}),
            s.get(f"{site['url']}/@@search", params={"portal_type": "Dossier"}),
            s.get(f"{site['url']}/++api++/ho-so", params={"b_size": 500}),
            s.get(f"{site['url']}/ho-so/@@ban-lam-viec", params={"scope": "all"}),
            s.get(f"{site['url']}/ho-so/folder_contents"),
            s.get(f"{site['url']}/RSS"),
            s.get(f"{site['url']}/sitemap.xml.gz"),
        ]
        # The control: the dashboard (dossier catalog) shows what the user may
        # see; every other listing (portal_catalog) shows no dossier at all.
        dashboard = pages[3]
        for code in visible:  # searched by code: the dashboard pages by 50
            found = s.get(
                f"{site['url']}/ho-so/@@ban-lam-viec",
                params={"scope": "all", "q": code},
            )
            assert code in found.text, code
        assert pages[0].status_code == 200
        # The book's REST listing (from the dossier catalog): what the user
        # may see, or the book's one 404 for whoever may not open it.
        assert pages[2].status_code in (200, 404)
        if pages[2].status_code == 200:
            listed = {i["@id"].rsplit("/", 1)[-1] for i in pages[2].json()["items"]}
            assert {shared_ids[i] for i in listed if i in shared_ids} == visible
        # The sitemap is on (``site``): it must answer, or it checks nothing.
        assert pages[-1].status_code == 200, pages[-1].status_code
        assert pages[-1].content[:2] == b"\x1f\x8b"
        for response in pages:
            text = response.text
            if response.content[:2] == b"\x1f\x8b":
                text = gzip.decompress(response.content).decode("utf-8", "replace")
            official_listing = response is dashboard or response is pages[2]
            for code in hidden if official_listing else codes.values():
                # The code, and the id a URL would carry.
                assert code not in text, (response.url, code)
                assert dossier_codes.dossier_id(code) not in text, (response.url, code)
            if not visible:
                assert leaks(text) == [], response.url
