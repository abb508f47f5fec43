"""An online dossier whose indexing did not follow its submission: the
dashboard says so and its button puts it in the list (issue #15)."""

from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.browser.workspace import dashboard
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.forms import submit_unindexed
from luanthanh.policy.testing.http import browser_for
from plone import api

import pytest
import transaction


NOTICE = "hồ sơ trực tuyến mới đã nộp nhưng chưa có trong danh sách"


@pytest.fixture
def waiting(online, functional_portal, functional_app, fresh_limits):
    """One online dossier submitted through the form, its follow-up failed."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
    transaction.commit()
    dossier = submit_unindexed(functional_app, functional_portal)
    return {"code": dossier.code, "url": f"{functional_portal.absolute_url()}/ho-so"}


def _button(browser):
    return browser.getControl("Đưa vào danh sách ngay")


def test_the_desk_sees_the_waiting_dossier_and_puts_it_in_the_list(
    waiting, functional_app, monkeypatch
):
    monkeypatch.setattr(dashboard, "WAITING_AFTER", 0)
    desk = browser_for(functional_app, "motcua", raising=True)
    desk.open(waiting["url"])
    assert NOTICE in desk.contents
    assert waiting["code"] not in desk.contents

    _button(desk).click()

    assert "Đã đưa 1 hồ sơ trực tuyến mới vào danh sách." in desk.contents
    assert NOTICE not in desk.contents
    assert waiting["code"] in desk.contents
    transaction.begin()
    assert dossier_api.waiting_for_index() == []


def test_no_notice_while_the_follow_up_may_still_run(waiting, functional_app):
    """Within WAITING_AFTER seconds of its submission the dossier is not
    announced: its follow-up normally runs in that request."""
    desk = browser_for(functional_app, "motcua", raising=True)
    desk.open(waiting["url"])
    assert NOTICE not in desk.contents
    assert dossier_api.waiting_for_index(older_than=dashboard.WAITING_AFTER) == []
    assert len(dossier_api.waiting_for_index()) == 1


def test_a_get_indexes_nothing(waiting, functional_app):
    desk = browser_for(functional_app, "motcua", raising=True)
    desk.open(f"{waiting['url']}/@@cap-nhat-ho-so-moi")
    assert desk.url.rstrip("/").endswith("/ho-so")
    transaction.begin()
    assert len(dossier_api.waiting_for_index()) == 1


def test_a_post_without_the_csrf_token_is_refused(waiting, functional_app):
    desk = browser_for(functional_app, "motcua")
    desk.post(f"{waiting['url']}/@@cap-nhat-ho-so-moi", "")
    assert desk.headers["status"].startswith("403")
    transaction.begin()
    assert len(dossier_api.waiting_for_index()) == 1


@pytest.mark.parametrize("user", [None, "congdan", "bientap"])
def test_refused_to_anyone_without_the_workspace(waiting, functional_app, user):
    browser = browser_for(functional_app, user)
    browser.post(f"{waiting['url']}/@@cap-nhat-ho-so-moi", "")
    assert not browser.headers["status"].startswith(("2", "3"))
    transaction.begin()
    assert len(dossier_api.waiting_for_index()) == 1
