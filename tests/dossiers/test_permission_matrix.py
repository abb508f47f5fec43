"""Every role × every state × View, Modify, each transition and file download.

The expected outcome is written down once, by hand, in
``luanthanh.policy.testing.matrix`` (the table the HTTP matrix of
``tests/security`` reads too), for every role of the site and a member given
the sharing page's local roles, and checked twice: with ``checkPermission`` in-process, and through real HTTP requests
(WSGI) for the page, the REST API and an attachment download.
"""

from AccessControl.users import nobody
from luanthanh.policy.testing import matrix
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import PASSWORD
from luanthanh.policy.testing.paths import PATHS
from luanthanh.policy.testing.paths import walk
from plone import api

import pytest
import requests
import transaction


STATES = list(PATHS)  # the one table: luanthanh.policy.testing.paths
USERS = list(matrix.USERS)  # every role, and local roles through sharing


def can_view(user, state) -> bool:
    return matrix.can_view(user, state)


def can_modify(user, state) -> bool:
    return matrix.can_edit(user, state) and can_view(user, state)


def transitions(user, state) -> set:
    return matrix.may_fire(user, state)


def _build(portal) -> dict:
    create_officials()
    matrix.create_role_users()
    procedure = make_procedure(portal)
    matrix.share(portal["ho-so"])
    dossiers = {}
    for state, path in PATHS.items():
        dossier = make_dossier(portal, procedure)
        attach_file(dossier, "cccd.pdf", "Bản chụp CCCD", b"%PDF-1.4 test")
        matrix.share(dossier)
        walk(dossier, path)
        assert api.content.get_state(dossier) == state
        dossiers[state] = dossier
    return dossiers


class TestCheckPermission:
    @pytest.fixture
    def dossiers(self, portal):
        return _build(portal)

    def test_matrix(self, dossiers):
        wftool = api.portal.get_tool("portal_workflow")
        failures = []
        for state, dossier in dossiers.items():
            attachment = dossier["cccd.pdf"]
            for user in USERS:
                if user is None:
                    view = bool(nobody.has_permission("View", dossier))
                    modify = bool(
                        nobody.has_permission("Modify portal content", dossier)
                    )
                    download = bool(nobody.has_permission("View", attachment))
                    fired = set()
                else:
                    view = api.user.has_permission("View", username=user, obj=dossier)
                    modify = api.user.has_permission(
                        "Modify portal content", username=user, obj=dossier
                    )
                    download = api.user.has_permission(
                        "View", username=user, obj=attachment
                    )
                    with api.env.adopt_user(username=user):
                        fired = {t["id"] for t in wftool.getTransitionsFor(dossier)}
                got = (view, modify, download, fired)
                expected = (
                    can_view(user, state),
                    can_modify(user, state),
                    can_view(user, state),
                    transitions(user, state),
                )
                if got != expected:
                    failures.append((state, user, got, expected))
        assert failures == []


class TestHTTP:
    """The same table through the WSGI server: page, REST, download, @search."""

    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        with api.env.adopt_roles(["Manager"]):
            dossiers = _build(functional_portal_class)
        transaction.commit()
        return {
            state: (dossier.absolute_url(), dossier.code)
            for state, dossier in dossiers.items()
        }

    @pytest.mark.parametrize("user", USERS)
    def test_http(self, site, user):
        session = requests.Session()
        if user:
            session.auth = (user, PASSWORD)
        failures = []
        for state, (url, code) in site.items():
            expected = can_view(user, state)
            page = session.get(url, allow_redirects=False)
            rest = session.get(url, headers={"Accept": "application/json"})
            download = session.get(
                f"{url}/cccd.pdf/@@download/file", allow_redirects=False
            )
            got = (
                page.status_code == 200,
                rest.status_code == 200,
                download.status_code == 200,
            )
            if got != (expected, expected, expected):
                failures.append(
                    (
                        state,
                        user,
                        page.status_code,
                        rest.status_code,
                        download.status_code,
                    )
                )
            if not expected:
                assert code not in page.text
                assert code not in rest.text
                assert b"%PDF" not in download.content
        # No listing or search reveals a dossier one may not see.
        base = next(iter(site.values()))[0].rsplit("/ho-so/", 1)[0]
        found = session.get(
            f"{base}/++api++/@search",
            params={"portal_type": "Dossier", "b_size": 100},
            headers={"Accept": "application/json"},
        ).json()
        codes = {item["@id"].rsplit("/", 1)[-1] for item in found.get("items", [])}
        visible = {
            code for state, (_url, code) in site.items() if can_view(user, state)
        }
        # Dossiers are only in the dossier catalog: @search finds none, for
        # anyone; the dashboard (the control) lists what the user may see.
        assert not codes & {
            code.lower().replace(".", "-") for _u, code in site.values()
        }
        if visible:
            base_url = next(iter(site.values()))[0].rsplit("/", 1)[0]
            board = session.get(f"{base_url}/@@ban-lam-viec", params={"scope": "all"})
            assert all(code in board.text for code in visible), user
        assert failures == []

    @pytest.mark.parametrize("user", USERS)
    def test_http_modify(self, site, user):
        """PATCH over REST succeeds exactly where the table allows Modify."""
        session = requests.Session()
        if user:
            session.auth = (user, PASSWORD)
        failures = []
        for state, (url, _code) in site.items():
            response = session.patch(
                url,
                json={"notes": f"ghi chú của {user}"},
                headers={"Accept": "application/json"},
            )
            if (response.status_code == 204) != can_modify(user, state):
                failures.append((state, user, response.status_code))
        assert failures == []
