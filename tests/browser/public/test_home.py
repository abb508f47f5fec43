"""The home page, the center's pages and the footer, as Anonymous through
the WSGI stack (zope.testbrowser)."""

from datetime import date
from luanthanh.policy.browser.public import HomeView
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import dated_dossier
from luanthanh.policy.testing.builders import make_content
from luanthanh.policy.testing.builders import make_document
from luanthanh.policy.testing.builders import make_notice
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import browser_for
from plone import api
from plone.testing.zope import Browser

import pytest
import re
import transaction


BOARD = "luanthanh.policy.statistics.public_board"


@pytest.fixture
def site(functional_portal):
    portal = functional_portal
    make_procedure(portal, title="Đăng ký khai sinh", code="1.001193")
    make_procedure(portal, title="Đăng ký kết hôn", code="1.000894")
    hidden = make_procedure(portal, title="Thủ tục chưa công bố", code="1.004873")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(hidden, to_state="private")
    make_document(portal)
    make_document(
        portal,
        title="Báo cáo sơ kết",
        document_number="52/BC-UBND",
        document_type="bao-cao",
        issued_date=date(2025, 12, 22),
        summary="Sơ kết 6 tháng hoạt động",
    )
    make_document(
        portal,
        state="private",
        title="Dự thảo",
        document_number="99/CT-UBND",
        document_type="chi-thi",
        issued_date=date(2026, 1, 1),
        summary="Dự thảo",
    )
    make_notice(portal["thong-bao"], "Nghỉ lễ Quốc khánh 2/9", days_ago=1)
    make_notice(portal["thong-bao"], "Thông báo nháp", state="private")
    api.portal.set_registry_record(
        "luanthanh.policy.site.hotline", "0237 3 123 456 (mẫu)"
    )
    transaction.commit()
    return portal


@pytest.fixture
def anonymous(functional_app):
    return browser_for(functional_app, raising=True)


def main(html: str) -> str:
    return html[html.index('id="main-container"') : html.index("</main>")]


def test_home_page_is_the_site_view(site):
    assert site.getLayout() == "trang-chu"


def test_home_page_in_vietnamese_with_landmarks(site, anonymous):
    anonymous.open(site.absolute_url())
    html = anonymous.contents
    assert re.search(r'<html[^>]*\blang="vi"', html)
    assert 'name="viewport"' in html
    assert re.search(r"<main\b", html)
    assert re.search(r'<form[^>]*id="home-search"[^>]*role="search"', html)
    assert '<label class="form-label fw-semibold" for="home-q">' in html
    assert 'aria-label="Dịch vụ chính"' in html
    # One h1, then h2 headings.
    content = main(html)
    assert content.count("<h1") == 1
    home = content[content.index('class="home-page"') :]
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", home)]
    assert levels[0] == 1 and set(levels[1:]) == {2}


def test_big_links(site, anonymous):
    anonymous.open(site.absolute_url())
    tiles = re.findall(
        r'<a class="home-tile" href="([^"]+)">.*?'
        r'<span class="home-tile-title">([^<]+)</span>',
        anonymous.contents,
        re.S,
    )
    assert tiles == [
        (f"{site.absolute_url()}/thu-tuc-hanh-chinh", "Thủ tục hành chính"),
        (f"{site.absolute_url()}/nop-ho-so", "Nộp hồ sơ trực tuyến"),
        (f"{site.absolute_url()}/tra-cuu-ho-so", "Tra cứu hồ sơ"),
    ]
    # Each icon is an inline SVG from Plone's icon registry: no emoji, which
    # a browser without an emoji font draws as an empty box (issue #16).
    icons = re.findall(
        r'<span class="home-tile-icon"[^>]*>(.*?)</span>', anonymous.contents, re.S
    )
    assert len(icons) == 3
    for icon in icons:
        assert icon.strip().startswith("<svg") and " home-tile-svg " in icon
        assert all(ord(ch) < 0x2000 for ch in icon)
    for url, _title in tiles:
        anonymous.open(url)
        assert anonymous.headers["status"].startswith("200")


def test_search_box_finds_procedures_without_accents(site, anonymous):
    anonymous.open(site.absolute_url())
    form = anonymous.getForm(id="home-search")
    form.getControl(name="q").value = "dang ky khai sinh"
    form.submit()
    assert anonymous.url.startswith(f"{site.absolute_url()}/thu-tuc-hanh-chinh")
    assert "q=dang+ky+khai+sinh" in anonymous.url
    content = main(anonymous.contents)
    assert "Đăng ký khai sinh" in content
    assert "Đăng ký kết hôn" not in content


@pytest.mark.parametrize("query", ["đăng ký khai sinh", "dang ky khai sinh"])
def test_placeholder_with_accents_and_search_without(site, anonymous, query):
    """The example is written with accents; typed with or without them, the
    search finds the same procedure."""
    anonymous.open(site.absolute_url())
    assert 'placeholder="Ví dụ: đăng ký khai sinh"' in anonymous.contents
    form = anonymous.getForm(id="home-search")
    form.getControl(name="q").value = query
    form.submit()
    content = main(anonymous.contents)
    assert "Đăng ký khai sinh" in content
    assert "Đăng ký kết hôn" not in content


def test_popular_procedures_from_the_control_panel(site, anonymous):
    anonymous.open(site.absolute_url())
    content = main(anonymous.contents)
    section = content[content.index("Thủ tục thường dùng") :]
    section = section[: section.index("</section>")]
    # In the registry's order; the unpublished one is left out.
    assert re.findall(r">([^<]+)</a>", section) == [
        "Đăng ký khai sinh",
        "Đăng ký kết hôn",
    ]
    api.portal.set_registry_record(
        "luanthanh.policy.site.popular_procedures", ["1.000894", "9.999999"]
    )
    transaction.commit()
    anonymous.open(site.absolute_url())
    content = main(anonymous.contents)
    section = content[content.index("Thủ tục thường dùng") :]
    section = section[: section.index("</section>")]
    assert re.findall(r">([^<]+)</a>", section) == ["Đăng ký kết hôn"]


def test_latest_notices_and_documents(site, anonymous):
    anonymous.open(site.absolute_url())
    content = main(anonymous.contents)
    assert "Thông báo mới" in content
    assert "Nghỉ lễ Quốc khánh 2/9" in content
    assert "Thông báo nháp" not in content
    assert "Văn bản mới" in content
    assert content.index("52/BC-UBND") < content.index("15/QĐ-UBND")
    assert "99/CT-UBND" not in content
    anonymous.getLink("Xem tất cả văn bản").click()
    assert anonymous.url.rstrip("/") == f"{site.absolute_url()}/van-ban"


def test_headline_figures_hidden_while_the_board_is_off(site, anonymous):
    view = HomeView(site, site.REQUEST)
    assert api.portal.get_registry_record(BOARD) is False
    assert view.headline_figures() is None
    anonymous.open(site.absolute_url())
    assert 'id="headline-figures"' not in anonymous.contents


def test_headline_figures_with_the_board_on(site, anonymous):
    """Received, of which online, resolved on (or before) time: aggregates
    since 1 July 2025, and no personal data."""
    create_officials()
    procedure = site["thu-tuc-hanh-chinh"]["dang-ky-khai-sinh"]
    july = date(2025, 7, 7)
    dated_dossier(site, procedure, july, outcome="approve", closed=july,
          due=date(2025, 7, 9), timeliness="early", applicant_name="Lê Thị Bí Mật")  # fmt: skip
    dated_dossier(site, procedure, july, outcome="approve", closed=date(2025, 7, 9),
          due=date(2025, 7, 9), timeliness="on_time")  # fmt: skip
    dated_dossier(site, procedure, july, outcome="approve", closed=date(2025, 7, 15),
          due=date(2025, 7, 9), timeliness="late")  # fmt: skip
    dated_dossier(site, procedure, july, channel="direct")
    dated_dossier(site, procedure, None)  # refused at intake: never counted
    api.portal.set_registry_record(BOARD, True)
    transaction.commit()
    anonymous.open(site.absolute_url())
    html = anonymous.contents
    section = html[html.index('id="headline-figures"') :]
    section = section[: section.index("</section>")]
    figures = re.findall(r"<dd>\s*([0-9.]+)", section)
    assert figures == ["4", "3", "2"]
    assert "(66,7%)" in section
    assert "Từ 01/07/2025" in re.sub(r"\s+", " ", section)
    assert "@@bang-cong-khai" in section
    assert "Bí Mật" not in html
    api.portal.set_registry_record(BOARD, False)
    transaction.commit()
    anonymous.open(site.absolute_url())
    assert 'id="headline-figures"' not in anonymous.contents


def test_footer_shows_center_details_on_every_page(site, anonymous):
    for path in ("", "/van-ban", "/thu-tuc-hanh-chinh", "/gioi-thieu"):
        anonymous.open(f"{site.absolute_url()}{path}")
        html = anonymous.contents
        footer = html[html.index('class="center-contact"') :]
        assert "Trung tâm Phục vụ hành chính công xã Luận Thành" in footer
        assert "Trụ sở UBND xã Luận Thành, tỉnh Thanh Hóa" in footer
        assert "Thứ Hai – Thứ Sáu: sáng 7:00 – 11:30, chiều 13:30 – 17:00" in footer
        assert 'href="tel:02373123456"' in footer


def test_footer_follows_the_control_panel(site, anonymous):
    api.portal.set_registry_record(
        "luanthanh.policy.site.opening_hours", "Thứ Hai – Thứ Bảy: 7:30 – 17:00"
    )
    transaction.commit()
    anonymous.open(site.absolute_url())
    assert "Thứ Hai – Thứ Bảy: 7:30 – 17:00" in anonymous.contents


def test_about_page(site, anonymous):
    make_content(
        site["gioi-thieu"],
        "Document",
        "published",
        id="nguyen-tac-3-khong",
        title="Nguyên tắc “3 không”",
    )
    transaction.commit()
    anonymous.open(f"{site.absolute_url()}/gioi-thieu")
    content = main(anonymous.contents)
    assert "Địa chỉ và giờ làm việc" in content
    assert "Trụ sở UBND xã Luận Thành, tỉnh Thanh Hóa" in content
    assert "0237 3 123 456 (mẫu)" in content
    anonymous.getLink("Nguyên tắc “3 không”").click()
    assert anonymous.url.endswith("/gioi-thieu/nguyen-tac-3-khong")


def test_control_panel_has_the_new_setting(site, functional_app):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    browser = Browser(functional_app)
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(f"{site.absolute_url()}/@@luanthanh-settings")
    assert "Thủ tục thường dùng" in browser.contents
    assert "Giờ làm việc" in browser.contents


def test_home_page_in_english(site, anonymous):
    """The texts are messages of the luanthanh.policy domain."""
    anonymous.addHeader("Cookie", "I18N_LANGUAGE=en")
    anonymous.open(site.absolute_url())
    html = anonymous.contents
    assert re.search(r'<html[^>]*\blang="en"', html)
    for text in ("Most used procedures", "Latest notices", "Latest documents"):
        assert text in html
    anonymous.open(f"{site.absolute_url()}/van-ban")
    assert "Search by number or summary" in anonymous.contents
    assert ">Decision<" in anonymous.contents
