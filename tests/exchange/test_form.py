"""The control-panel page @@procedure-import, through zope.testbrowser."""

from luanthanh.policy.exchange.procedures import COLUMNS
from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.exchange import BIRTH
from luanthanh.policy.testing.exchange import csv_bytes
from luanthanh.policy.testing.exchange import procedures
from luanthanh.policy.testing.http import browser_for
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import pytest
import transaction


MARRIAGE = {**BIRTH, "code": "1.000894", "title": "Đăng ký kết hôn"}


@pytest.fixture
def page_url(functional_portal) -> str:
    return functional_portal.absolute_url() + "/@@procedure-import"


@pytest.fixture
def browser(functional_app) -> Browser:
    return browser_for(
        functional_app, SITE_OWNER_NAME, SITE_OWNER_PASSWORD, raising=True
    )


def upload(
    browser: Browser,
    data: bytes,
    filename: str,
    publish: bool = False,
    content_type: str = "text/csv",
):
    browser.getControl(name="file").add_file(data, content_type, filename)
    browser.getControl("Công bố ngay các thủ tục mới được nhập").selected = publish
    browser.getControl("Nhập thủ tục").click()


def test_page(browser, page_url):
    browser.open(page_url)
    html = browser.contents
    assert "Nhập, xuất thủ tục hành chính" in html
    assert 'name="_authenticator"' in html
    for fmt in ("csv", "xlsx", "json"):
        assert f"@@procedure-export?format={fmt}" in html


def test_upload_creates_then_leaves_unchanged(browser, page_url):
    browser.open(page_url)
    upload(browser, csv_bytes(BIRTH, MARRIAGE), "thu-tuc.csv", publish=True)
    assert (
        "Đã nhập xong: 2 thủ tục mới, 0 thủ tục được cập nhật, 0 thủ tục không "
        "thay đổi." in browser.contents
    )
    assert procedures() == {"1.001193": "published", "1.000894": "published"}
    browser.open(page_url)
    upload(browser, csv_bytes(BIRTH, {**MARRIAGE, "fee": "5000"}), "thu-tuc.csv")
    assert (
        "Đã nhập xong: 0 thủ tục mới, 1 thủ tục được cập nhật, 1 thủ tục không "
        "thay đổi." in browser.contents
    )


def test_upload_with_errors_writes_nothing(browser, page_url):
    browser.open(page_url)
    upload(
        browser,
        csv_bytes(BIRTH, {**MARRIAGE, "code": "1.00x"}, {**MARRIAGE, "field": "y"}),
        "thu-tuc.csv",
    )
    html = browser.contents
    assert "Không nhập được: có 2 lỗi. Chưa có thay đổi nào được ghi." in html
    assert "Dòng 4: mã thủ tục “1.00x” không hợp lệ." in html
    assert "Dòng 6: lĩnh vực “y” không có trong danh sách lĩnh vực" in html
    assert "Đã nhập xong" not in html
    assert procedures() == {}


def test_unknown_file_type(browser, page_url):
    browser.open(page_url)
    upload(browser, b"code\n", "thu-tuc.txt", content_type="text/plain")
    assert "Không nhận dạng được định dạng tệp" in browser.contents
    assert procedures() == {}


def test_export_link(browser, page_url):
    browser.open(page_url)
    upload(browser, csv_bytes(BIRTH), "thu-tuc.csv")
    browser.open(page_url)
    browser.getLink("CSV").click()
    assert browser.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "Đăng ký khai sinh" in browser.contents


def test_post_without_authenticator_is_refused(request_factory):
    session = request_factory(role="Manager", api=False)
    session.headers.pop("Accept")
    response = session.post(
        "/@@procedure-import",
        files={"file": ("thu-tuc.csv", csv_bytes(BIRTH), "text/csv")},
        data={"form.buttons.import": "import"},
    )
    assert response.status_code == 403
    assert procedures() == {}


def test_anonymous_is_sent_to_login(functional_app, page_url):
    browser = Browser(functional_app)
    browser.open(page_url)
    assert "login" in browser.url
    assert "Nhập thủ tục" not in browser.contents


def test_site_administrator_may_use_it(functional_app, functional_portal, page_url):
    add_user("quantri", ["Site Administrator"], "Mat-khau-rat-dai-2026")
    transaction.commit()
    browser = browser_for(
        functional_app, "quantri", "Mat-khau-rat-dai-2026", raising=True
    )
    browser.open(page_url)
    upload(browser, csv_bytes(BIRTH), "thu-tuc.csv")
    assert "Đã nhập xong: 1 thủ tục mới" in browser.contents


def test_unknown_national_field_is_named_in_vietnamese(browser, page_url):
    columns = (*COLUMNS, "national_field")
    browser.open(page_url)
    upload(
        browser,
        csv_bytes({**BIRTH, "national_field": "khong-co"}, columns=columns),
        "thu-tuc.csv",
    )
    html = browser.contents
    assert "Không nhập được: có 1 lỗi. Chưa có thay đổi nào được ghi." in html
    assert (
        "Dòng 2: lĩnh vực “khong-co” không có trong danh mục lĩnh vực quốc gia" in html
    )
    assert procedures() == {}
