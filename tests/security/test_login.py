"""Brute-force login: after N failures per login and address within M minutes,
every login for that pair is refused (HTTP 429), the right password included,
through the ``@@login`` form, ``++api++/@login`` and HTTP basic auth."""

from luanthanh.policy.security import login
from luanthanh.policy.security.login import PLUGIN_ID
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import PASSWORD
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin

import pytest
import requests
import transaction


def form_login(base: str, user: str, password: str) -> requests.Response:
    session = requests.Session()
    response = session.post(
        f"{base}/login",
        data={
            "__ac_name": user,
            "__ac_password": password,
            "form.widgets.login": user,
            "form.widgets.password": password,
            "form.buttons.login": "Đăng nhập",
            "buttons.login": "Đăng nhập",
        },
        allow_redirects=False,
    )
    response.logged_in = "__ac" in session.cookies
    return response


def api_login(base: str, user: str, password: str) -> requests.Response:
    return requests.post(
        f"{base}/++api++/@login",
        json={"login": user, "password": password},
        headers={"Accept": "application/json"},
    )


def test_plugin_is_first_authenticator(portal):
    plugins = portal.acl_users.plugins
    assert plugins.listPluginIds(IAuthenticationPlugin)[0] == PLUGIN_ID


class TestBruteForce:
    @pytest.fixture(scope="class")
    def base(self, functional_portal_class):
        with api.env.adopt_roles(["Manager"]):
            create_officials()
            api.portal.set_registry_record("luanthanh.policy.login.max_failures", 5)
            api.portal.set_registry_record("luanthanh.policy.login.window_minutes", 15)
        transaction.commit()
        return functional_portal_class.absolute_url()

    def test_form_login_locks_after_five_failures(self, base):
        assert form_login(base, "motcua", PASSWORD).logged_in
        for _i in range(5):
            response = form_login(base, "motcua", "sai-mat-khau")
            assert not response.logged_in
            assert response.status_code == 200
        locked = form_login(base, "motcua", PASSWORD)
        assert locked.status_code == 429
        assert not locked.logged_in
        assert "Đăng nhập sai quá nhiều lần" in locked.text
        # Another official from the same address is not locked out.
        assert form_login(base, "lanhdao", PASSWORD).logged_in
        # After the window, the right password works again.
        login.failures.reset()
        assert form_login(base, "motcua", PASSWORD).logged_in

    def test_rest_login_locks_after_five_failures(self, base):
        assert api_login(base, "lanhdao", PASSWORD).status_code == 200
        for _i in range(5):
            assert api_login(base, "lanhdao", "sai").status_code == 401
        locked = api_login(base, "lanhdao", PASSWORD)
        assert locked.status_code == 429
        assert "token" not in locked.text
        # Basic auth with the right password is refused too while locked.
        basic = requests.get(f"{base}/ho-so", auth=("lanhdao", PASSWORD))
        assert basic.status_code == 429

    def test_success_clears_the_count(self, base):
        for _round in range(3):
            for _i in range(4):
                api_login(base, "chuyenvien", "sai")
            assert api_login(base, "chuyenvien", PASSWORD).status_code == 200

    def test_unknown_and_wrong_logins_look_the_same(self, base):
        for _i in range(5):
            api_login(base, "khong-ton-tai", "sai")
            api_login(base, "chuyenvien2", "sai")
        unknown = api_login(base, "khong-ton-tai", "sai")
        known = api_login(base, "chuyenvien2", PASSWORD)
        assert unknown.status_code == known.status_code == 429

    def test_setting_is_read_from_the_registry(self, base):
        with api.env.adopt_roles(["Manager"]):
            api.portal.set_registry_record("luanthanh.policy.login.max_failures", 2)
        transaction.commit()
        try:
            for _i in range(2):
                api_login(base, "quantri", "sai")
            assert api_login(base, "quantri", PASSWORD).status_code == 429
        finally:
            with api.env.adopt_roles(["Manager"]):
                api.portal.set_registry_record("luanthanh.policy.login.max_failures", 5)
            transaction.commit()
