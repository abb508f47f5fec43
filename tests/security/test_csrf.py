"""CSRF, with plone.protect's automatic protection on (as on a real site).

* Every state-changing browser view of the add-on refuses a POST without a
  valid token, and a GET never writes.
* A logged-in browser (cookie) session cannot be made to fire a transition or
  edit a dossier from a foreign origin through ``++api++``: a ``text/plain``
  or form POST without ``Accept: application/json`` and without a token fails.
"""

from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.testing.builders import PASSWORD
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import token_for
from luanthanh.policy.testing.scenarios import secret_site
from plone import api

import os
import plone.protect.auto
import pytest
import requests
import transaction


EVIL = "https://evil.example"


def test_auto_csrf_protection_is_on():
    assert os.environ.get("PLONE_CSRF_DISABLED", "false").lower() not in (
        "true",
        "1",
        "yes",
        "on",
    )
    assert plone.protect.auto.CSRF_DISABLED is False


def browser_login(base: str, user: str) -> requests.Session:
    """A real browser-style session: the @@login form, then the __ac cookie."""
    session = requests.Session()
    page = session.get(f"{base}/login")
    assert page.status_code == 200
    response = session.post(
        f"{base}/login",
        data={
            "__ac_name": user,
            "__ac_password": PASSWORD,
            "came_from": "",
            "buttons.login": "Đăng nhập",
            "form.widgets.login": user,
            "form.widgets.password": PASSWORD,
            "form.buttons.login": "Đăng nhập",
        },
    )
    assert response.status_code == 200
    assert "__ac" in session.cookies
    return session


class TestCSRF:
    @pytest.fixture(scope="class")
    def site(self, functional_portal_class):
        portal = functional_portal_class
        procedure, dossiers = secret_site(portal, "intake", "result", "processing")
        return {
            "portal": portal,
            "url": portal.absolute_url(),
            "dossiers": {s: d.getId() for s, d in dossiers.items()},
            "procedure": procedure.UID(),
        }

    def _state(self, site):
        transaction.begin()
        folder = site["portal"]["ho-so"]
        catalog = api.portal.get_tool("portal_catalog")
        return {
            "counter": catalog.getCounter(),
            "dossiers": len(folder.objectIds()),
            **{
                state: (
                    api.content.get_state(folder[i]),
                    folder[i].modified(),
                    folder[i].notes,
                    folder[i].applicant_name,
                    len(folder[i].history or ()),
                    len(getattr(folder[i], "apologies", None) or ()),
                )
                for state, i in site["dossiers"].items()
            },
            "procedures": len(site["portal"]["thu-tuc-hanh-chinh"].objectIds()),
        }

    def _posts(self, site, token: str | None):
        """Every state-changing browser view of the add-on, as a POST."""
        base = site["url"]
        intake = f"{base}/ho-so/{site['dossiers']['intake']}"
        result = f"{base}/ho-so/{site['dossiers']['result']}"
        extra = {"_authenticator": token} if token else {}
        yield (
            "transition",
            f"{intake}/@@chuyen-trang-thai",
            {"transition": "accept", "comment": "", **extra},
        )
        yield (
            "edit",
            f"{intake}/@@edit",
            {
                "form.widgets.notes": "sửa trái phép",
                "form.widgets.applicant_name": "Kẻ gian",
                "form.buttons.save": "Lưu",
                **extra,
            },
        )
        yield (
            "apology",
            f"{result}/@@phieu-xin-loi",
            {
                "new_date": "2030-01-15",
                "reason": "Chậm do kiểm thử",
                "form.buttons.issue": "Lập phiếu",
                **extra,
            },
        )
        yield (
            "counter intake",
            f"{base}/ho-so/@@tiep-nhan-truc-tiep",
            {
                "form.widgets.procedure": site["procedure"],
                "form.widgets.applicant_name": "Lê Văn Tiếp",
                "form.widgets.applicant_id_number": "001199099999",
                "form.widgets.applicant_phone": "0912000111",
                "form.buttons.receive": "Tiếp nhận hồ sơ",
                **extra,
            },
        )
        yield (
            "procedure import",
            f"{base}/@@procedure-import",
            {"form.buttons.import": "Nhập", **extra},
        )

    def test_posts_without_token_are_refused(self, site):
        before = self._state(site)
        for user in ("motcua", "quantri"):
            session = session_for(user)
            for name, url, data in self._posts(site, token=None):
                response = session.post(url, data=data, allow_redirects=False)
                # 200: the form again with its error; 302: plone.protect's
                # confirmation page; 403: refused.  What counts is below.
                assert response.status_code in (200, 302, 403), (user, name)
                if response.status_code == 302:  # plone.protect's confirm page
                    location = response.headers["Location"]
                    assert "confirm-action" in location or "@@" not in location
            assert self._state(site) == before, user

    def test_posts_with_forged_token_are_refused(self, site):
        before = self._state(site)
        session = session_for("motcua")
        forged = token_for("quantri")  # someone else's token
        for _name, url, data in self._posts(site, token=forged):
            session.post(url, data=data, allow_redirects=False)
        assert self._state(site) == before

    def test_the_token_is_what_makes_it_work(self, site):
        """The control: the same transition with the user's own token fires."""
        session = session_for("motcua")
        intake = f"{site['url']}/ho-so/{site['dossiers']['processing']}"
        response = session.post(
            f"{intake}/@@chuyen-trang-thai",
            data={"transition": "withdraw", "_authenticator": token_for("motcua")},
            allow_redirects=False,
        )
        assert response.status_code == 302
        transaction.begin()
        dossier = site["portal"]["ho-so"][site["dossiers"]["processing"]]
        assert api.content.get_state(dossier) == "withdrawn"

    def test_get_never_writes(self, site):
        before = self._state(site)
        session = session_for("quantri")
        for _name, url, data in self._posts(site, token=token_for("quantri")):
            session.get(url, params=data, allow_redirects=False)
        assert self._state(site) == before

    def test_foreign_origin_cannot_use_the_api_with_a_cookie(self, site):
        before = self._state(site)
        base = site["url"]
        intake_id = site["dossiers"]["intake"]
        session = browser_login(base, "motcua")
        attempts = [
            # text/plain: a "simple" cross-site request, no CORS preflight.
            (
                "POST",
                f"{base}/ho-so/{intake_id}/++api++/@workflow/accept",
                {"Content-Type": "text/plain", "Origin": EVIL},
                '{"comment": "giả mạo"}',
            ),
            (
                "POST",
                f"{base}/++api++/ho-so/{intake_id}/@workflow/refuse",
                {"Content-Type": "text/plain", "Origin": EVIL},
                '{"comment": "giả mạo"}',
            ),
            # An HTML form POST.
            (
                "POST",
                f"{base}/++api++/ho-so/{intake_id}/@workflow/accept",
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": EVIL,
                },
                "comment=gia+mao",
            ),
            (
                "POST",
                f"{base}/ho-so/{intake_id}/@workflow/accept",
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": EVIL,
                },
                "comment=gia+mao",
            ),
            # A form cannot PATCH, but a text/plain POST with an override can try.
            (
                "POST",
                f"{base}/++api++/ho-so/{intake_id}",
                {
                    "Content-Type": "text/plain",
                    "Origin": EVIL,
                    "X-HTTP-Method-Override": "PATCH",
                },
                '{"notes": "giả mạo", "applicant_name": "Kẻ gian"}',
            ),
            (
                "PATCH",
                f"{base}/++api++/ho-so/{intake_id}",
                {"Content-Type": "text/plain", "Origin": EVIL},
                '{"notes": "giả mạo", "applicant_name": "Kẻ gian"}',
            ),
        ]
        for method, url, headers, body in attempts:
            response = session.request(
                method, url, headers=headers, data=body.encode(), allow_redirects=False
            )
            assert response.status_code >= 400, (method, url, response.status_code)
        assert self._state(site) == before
        # The same session with a JSON request (which needs a CORS preflight
        # cross-site) works: the refusal above is about the forgery only.
        response = session.post(
            f"{base}/++api++/ho-so/{intake_id}/@workflow/accept",
            json={"comment": ""},
            headers={"Accept": "application/json"},
        )
        assert response.status_code == 200, response.text
        transaction.begin()
        assert IDossier.providedBy(site["portal"]["ho-so"][intake_id])
        assert api.content.get_state(site["portal"]["ho-so"][intake_id]) == (
            "processing"
        )
