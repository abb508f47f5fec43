"""The center's identity on every public page, as Anonymous through the WSGI
stack (zope.testbrowser): the logo and name in the header, the favicon, and a
footer with the center's details and no Plone boilerplate."""

from luanthanh.policy.setuphandlers.brand import STATIC
from luanthanh.policy.testing.http import browser_for
from plone import api

import lxml.html
import pytest
import transaction


NAME = "Trung tâm Phục vụ hành chính công xã Luận Thành"
BOILERPLATE = ("Plone Foundation", "Powered by Plone", "Plone® Open Source")


@pytest.fixture
def site(functional_portal):
    for key, value in (
        ("hotline", "0237 3 123 456 (mẫu)"),
        ("email", "motcua.luanthanh@example.vn"),
    ):
        api.portal.set_registry_record(f"luanthanh.policy.site.{key}", value)
    transaction.commit()
    return functional_portal


@pytest.fixture
def anonymous(functional_app):
    return browser_for(functional_app, raising=True)


def page(anonymous, url: str):
    anonymous.open(url)
    return lxml.html.fromstring(anonymous.contents)


def footer_text(tree) -> str:
    [footer] = tree.xpath('//footer[@id="portal-footer-wrapper"]')
    return " ".join(footer.text_content().split())


def test_header_has_the_logo_and_the_center_name(site, anonymous):
    tree = page(anonymous, site.absolute_url())
    [logo] = tree.xpath('//header//a[@id="portal-logo"]')
    assert " ".join(logo.text_content().split()) == NAME
    [img] = logo.xpath(".//img")
    assert img.get("alt") == ""  # the name beside it says it
    anonymous.open(img.get("src"))
    assert anonymous.headers["Status"].startswith("200")
    assert anonymous.headers["Content-Type"].startswith("image/svg+xml")
    assert anonymous.contents == (STATIC / "logo.svg").read_bytes()


def test_header_name_follows_the_control_panel(site, anonymous):
    api.portal.set_registry_record(
        "luanthanh.policy.site.center_name", "Trung tâm Phục vụ hành chính công xã Mẫu"
    )
    transaction.commit()
    tree = page(anonymous, site.absolute_url())
    [logo] = tree.xpath('//a[@id="portal-logo"]')
    assert logo.text_content().strip() == "Trung tâm Phục vụ hành chính công xã Mẫu"


def test_favicon(site, anonymous):
    tree = page(anonymous, site.absolute_url())
    [href] = tree.xpath('//head/link[@rel="icon"]/@href')
    assert tree.xpath('//head/link[@rel="icon"]/@type') == ["image/png"]
    anonymous.open(href)
    assert anonymous.headers["Status"].startswith("200")
    assert anonymous.headers["Content-Type"] == "image/png"
    data = (STATIC / "favicon.png").read_bytes()
    assert anonymous.contents == data
    anonymous.open(f"{site.absolute_url()}/favicon.ico")
    assert anonymous.headers["Content-Type"] == "image/png"


@pytest.mark.parametrize("path", ["", "/thu-tuc-hanh-chinh", "/gioi-thieu"])
def test_footer_has_the_center_details_and_no_plone_boilerplate(site, anonymous, path):
    tree = page(anonymous, site.absolute_url() + path)
    text = footer_text(tree)
    for expected in (
        NAME,
        "Cơ quan chủ quản: Ủy ban nhân dân xã Luận Thành",
        "Địa chỉ: Trụ sở UBND xã Luận Thành, tỉnh Thanh Hóa",
        "Đường dây nóng: 0237 3 123 456 (mẫu)",
        "Thư điện tử: motcua.luanthanh@example.vn",
        "Thứ Hai – Thứ Sáu: sáng 7:00 – 11:30, chiều 13:30 – 17:00",
    ):
        assert expected in text
    for boilerplate in BOILERPLATE:
        assert boilerplate not in anonymous.contents
    # Once, inside the footer (not repeated after it by the theme).
    assert anonymous.contents.count('id="footer-center-name"') == 1
    # The stylesheets of the header, the footer and the public pages: once
    # each, in the head.
    head = tree.xpath("//head")[0]
    for sheet in ("a11y.css", "brand.css", "public.css"):
        links = tree.xpath(f'//link[@rel="stylesheet"][contains(@href, "/{sheet}")]')
        assert len(links) == 1, sheet
        assert links[0].getparent() is head
    assert tree.xpath('//a[@href="mailto:motcua.luanthanh@example.vn"]')


def test_footer_follows_the_agency_setting(site, anonymous):
    api.portal.set_registry_record("luanthanh.policy.site.agency", "")
    transaction.commit()
    text = footer_text(page(anonymous, site.absolute_url()))
    assert "Cơ quan chủ quản" not in text
    assert "Địa chỉ:" in text


def test_footer_in_english(site, anonymous):
    anonymous.addHeader("Cookie", "I18N_LANGUAGE=en")
    tree = page(anonymous, site.absolute_url())
    assert tree.get("lang") == "en"
    text = footer_text(tree)
    for label in (
        "Responsible agency: Ủy ban nhân dân xã Luận Thành",
        "Address: Trụ sở UBND xã Luận Thành",
        "Hotline: 0237 3 123 456",
        "E-mail: motcua.luanthanh@example.vn",
        "Opening hours:",
        "About the center",
    ):
        assert label in text
    for vietnamese in ("Cơ quan chủ quản", "Đường dây nóng", "Giờ làm việc"):
        assert vietnamese not in text
    for boilerplate in BOILERPLATE:
        assert boilerplate not in anonymous.contents
