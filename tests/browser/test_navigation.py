"""Plone's navigation portlet beside the online forms (``browser/navigation.py``):
kept for Anonymous, the same markup as Plone's, new forms shown at once."""

from luanthanh.policy.browser import navigation
from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import make_content
from luanthanh.policy.testing.forms import KHAI_SINH
from luanthanh.policy.testing.http import browser_for

import lxml.html
import pytest
import transaction


PASSWORD = "Matkhau-1234!"


def portlet(html: str) -> str:
    [found] = lxml.html.fromstring(html).cssselect(".portletNavigationTree")
    return lxml.html.tostring(found, encoding="unicode")


@pytest.fixture
def form_url(online, functional_portal):
    navigation.forget()
    yield f"{functional_portal.absolute_url()}/{KHAI_SINH}"
    navigation.forget()


def test_anonymous_gets_the_same_portlet_kept(functional_app, form_url):
    first = browser_for(functional_app, None)
    first.open(form_url)
    assert "dang-ky-khai-sinh" in portlet(first.contents)
    assert navigation._kept  # kept after the first visitor
    second = browser_for(functional_app, None)
    second.open(form_url)
    assert portlet(second.contents) == portlet(first.contents)


def test_new_published_form_shows_at_once(functional_app, functional_portal, form_url):
    browser = browser_for(functional_app, None)
    browser.open(form_url)
    assert "Biểu mẫu mới thêm" not in portlet(browser.contents)
    make_content(
        functional_portal["nop-ho-so"],
        "Document",
        state="published",
        id="bieu-mau-moi",
        title="Biểu mẫu mới thêm",
    )
    transaction.commit()
    browser.open(form_url)
    assert "Biểu mẫu mới thêm" in portlet(browser.contents)


def test_private_item_not_shown_to_anonymous_after_an_editor(
    functional_app, functional_portal, form_url
):
    make_content(
        functional_portal["nop-ho-so"],
        "Document",
        id="nhap",
        title="Bản nháp riêng",
    )
    add_user("quantri", ["Manager"], PASSWORD)
    transaction.commit()
    manager = browser_for(functional_app, "quantri")
    manager.open(form_url)
    assert "Bản nháp riêng" in portlet(manager.contents)  # positive control
    anonymous = browser_for(functional_app, None)
    anonymous.open(form_url)
    assert "Bản nháp riêng" not in portlet(anonymous.contents)
