"""The demo officials of ``make start`` (DEMO=true): only their random
password opens their dashboard; Anonymous sees none of the demo dossiers.

Positive control: each official, with the password printed at creation,
opens the dashboard and finds the dossiers due today.
"""

from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.setuphandlers.demo import demo_procedures
from luanthanh.policy.setuphandlers.demo_current import demo_current
from luanthanh.policy.setuphandlers.demo_officials import create_demo_officials
from luanthanh.policy.setuphandlers.demo_officials import DEMO_OFFICIALS
from luanthanh.policy.setuphandlers.demo_officials import map_demo_fields
from plone import api

import pytest
import requests
import transaction


REFUSED = {302, 401, 403, 404}


class TestDemoOfficials:
    @pytest.fixture(scope="class")
    def demo(self, functional_portal_class):
        portal = functional_portal_class
        with api.env.adopt_roles(["Manager"]):
            demo_procedures(portal)
            passwords = create_demo_officials()
            map_demo_fields()
            demo_current(portal)
        transaction.commit()
        brains = find_unrestricted(portal_type="Dossier")
        dossiers = {
            b.dossier_code: (b.getURL(), b._unrestrictedGetObject().applicant_name)
            for b in brains
        }
        return {
            "base": portal.absolute_url(),
            "passwords": passwords,
            "dossiers": dossiers,
        }

    def get(self, url: str, auth=None) -> requests.Response:
        return requests.get(url, auth=auth, allow_redirects=False, timeout=60)

    def test_each_official_opens_the_dashboard(self, demo):
        dashboard = f"{demo['base']}/ho-so/@@ban-lam-viec?due=today"
        for official in DEMO_OFFICIALS:
            auth = (official.userid, demo["passwords"][official.userid])
            response = self.get(dashboard, auth)
            assert response.status_code == 200, official.userid
            assert official.fullname in response.text
        desk = (DEMO_OFFICIALS[0].userid, demo["passwords"][DEMO_OFFICIALS[0].userid])
        text = self.get(dashboard, desk).text
        assert sum(code in text for code in demo["dossiers"]) >= 4  # due today
        url, name = next(iter(demo["dossiers"].values()))
        opened = self.get(url, desk)
        assert opened.status_code == 200
        assert name in opened.text

    def test_anonymous_sees_no_demo_dossier(self, demo):
        for path in (
            "/ho-so",
            "/ho-so/@@ban-lam-viec",
            "/ho-so/@@ban-lam-viec?due=today",
        ):
            response = self.get(demo["base"] + path)
            assert response.status_code in REFUSED, path
            assert not any(code in response.text for code in demo["dossiers"])
        for code, (url, name) in demo["dossiers"].items():
            response = self.get(url)
            assert response.status_code in REFUSED, code
            assert name not in response.text
            assert code not in response.text

    def test_guessable_passwords_do_not_log_in(self, demo):
        dashboard = f"{demo['base']}/ho-so/@@ban-lam-viec"
        for official in DEMO_OFFICIALS:
            for guess in (official.userid, "Matkhau-1234!", "admin", "12345678"):
                response = self.get(dashboard, (official.userid, guess))
                assert response.status_code in REFUSED, (official.userid, guess)
            real = (official.userid, demo["passwords"][official.userid])
            assert self.get(dashboard, real).status_code == 200
