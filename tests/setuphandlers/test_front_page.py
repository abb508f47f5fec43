"""The front page as an anonymous visitor sees it, through the WSGI stack."""

from plone.testing.zope import Browser
from urllib.error import HTTPError

import pytest
import re


@pytest.fixture
def browser(functional_app) -> Browser:
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.raiseHttpErrors = True
    return browser


@pytest.fixture
def portal_url(functional_portal) -> str:
    return functional_portal.absolute_url()


def test_front_page_is_vietnamese(browser, portal_url):
    browser.open(portal_url)
    html = browser.contents
    assert re.search(r'<html[^>]*\blang="vi"', html)
    assert "<title>Trung tâm Phục vụ hành chính công xã Luận Thành" in html
    assert "không khoảng cách, không giấy tờ thừa, không dùng tiền mặt" in html
    # Plone's own interface speaks Vietnamese too (plone.app.locales).
    assert "Tìm kiếm" in html
    assert "Search Site" not in html


def test_front_page_navigation(browser, portal_url):
    browser.open(portal_url)
    html = browser.contents
    for title in (
        "Thủ tục hành chính",
        "Nộp hồ sơ trực tuyến",
        "Tra cứu hồ sơ",
        "Thông báo",
        "Văn bản chỉ đạo",
        "Giới thiệu Trung tâm",
    ):
        assert title in html
    assert f'href="{portal_url}/ho-so"' not in html


def test_front_page_link_opens_section(browser, portal_url):
    browser.open(portal_url)
    browser.getLink("Tra cứu thủ tục hành chính").click()
    assert browser.url.rstrip("/") == f"{portal_url}/thu-tuc-hanh-chinh"
    assert "Thủ tục hành chính" in browser.contents


def test_dossier_section_refused_to_anonymous(browser, portal_url):
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(f"{portal_url}/ho-so")
    # The book's address tells Anonymous nothing (issue #14, finding 3).
    assert browser.headers["status"].startswith("404")
    assert "Sổ theo dõi" not in browser.contents


def test_rest_api_open_to_anonymous(anon_request):
    response = anon_request.get("/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Trung tâm Phục vụ hành chính công xã Luận Thành"
    ids = [item["@id"].rsplit("/", 1)[-1] for item in data["items"]]
    assert "thu-tuc-hanh-chinh" in ids
    assert "ho-so" not in ids


def test_rest_api_refuses_dossier_section(anon_request):
    response = anon_request.get("/ho-so", headers={"Accept": "application/json"})
    assert response.status_code == 404  # the book's one 404 (issue #14)
    assert response.json()["type"] == "NotFound"


def test_english_is_available(browser, portal_url):
    """The language cookie switches Plone's interface to English."""
    browser.addHeader("Cookie", "I18N_LANGUAGE=en")
    try:
        browser.open(portal_url)
    except HTTPError as error:  # pragma: no cover - shows the page on failure
        raise AssertionError(error.read()) from error
    assert re.search(r'<html[^>]*\blang="en"', browser.contents)
