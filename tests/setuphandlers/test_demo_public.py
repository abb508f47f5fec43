"""The demo profile's public content, as ``make start`` applies it, seen by
Anonymous through the WSGI stack (applied once for the class)."""

from plone import api
from plone.testing.zope import Browser
from xml.etree import ElementTree

import pytest
import re
import transaction


class TestDemoPublic:
    @pytest.fixture(scope="class", autouse=True)
    def demo_site(self, functional_portal_class):
        setup_tool = api.portal.get_tool("portal_setup")
        with api.env.adopt_roles(["Manager"]):
            setup_tool.runAllImportStepsFromProfile("profile-luanthanh.policy:demo")
        transaction.commit()
        return functional_portal_class

    @pytest.fixture
    def anonymous(self, functional_app_class):
        browser = Browser(functional_app_class)
        browser.handleErrors = False
        browser.raiseHttpErrors = True
        return browser

    def test_fifteen_published_documents_marked_as_sample(self, demo_site):
        brains = api.content.find(portal_type="LegalDocument", review_state="published")
        assert len(brains) == 15
        for brain in brains:
            doc = brain.getObject()
            assert "Dữ liệu mẫu" in doc.description
            assert doc.file.data.startswith(b"%PDF-1.4")
            assert doc.file.data.rstrip().endswith(b"%%EOF")
            assert brain.document_number and brain.issued_date

    def test_footer_gives_a_sample_hotline_and_email(self, demo_site, anonymous):
        anonymous.open(demo_site.absolute_url())
        footer = anonymous.contents.split('id="portal-footer-wrapper"', 1)[1]
        assert "0900 000 000 (số mẫu)" in footer
        assert 'href="mailto:motcua.luanthanh@example.org"' in footer

    def test_demo_keeps_a_hotline_set_by_hand(self, demo_site):
        record = "luanthanh.policy.site.hotline"
        api.portal.set_registry_record(record, "0237 3 123 456")
        setup_tool = api.portal.get_tool("portal_setup")
        with api.env.adopt_roles(["Manager"]):
            setup_tool.runAllImportStepsFromProfile("profile-luanthanh.policy:demo")
        assert api.portal.get_registry_record(record) == "0237 3 123 456"
        transaction.abort()

    def test_demo_profile_twice_adds_nothing(self, demo_site):
        setup_tool = api.portal.get_tool("portal_setup")
        with api.env.adopt_roles(["Manager"]):
            setup_tool.runAllImportStepsFromProfile("profile-luanthanh.policy:demo")
        assert len(api.content.find(portal_type="LegalDocument")) == 15
        transaction.abort()

    def test_home_page(self, demo_site, anonymous):
        anonymous.open(demo_site.absolute_url())
        html = anonymous.contents
        assert re.search(r'<html[^>]*\blang="vi"', html)
        assert "Thủ tục thường dùng" in html
        # The default list of most used procedures matches the demo codes.
        for title in ("Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử"):
            assert title in html
        assert "52/BC-UBND" in html  # the newest document
        assert "Mời người dân đánh giá mức độ hài lòng" in html

    def test_listing_search_and_document(self, demo_site, anonymous):
        anonymous.open(f"{demo_site.absolute_url()}/van-ban?q=quyet+dinh")
        assert "Tìm thấy <strong>6</strong> văn bản." in anonymous.contents
        anonymous.getLink("15/QĐ-UBND").click()
        html = anonymous.contents
        assert "Dữ liệu mẫu" in html
        assert "Về việc phê duyệt quy trình nội bộ" in html
        assert "Đăng ký khai sinh" in html  # a related procedure
        anonymous.open(
            f"{demo_site.absolute_url()}/thu-tuc-hanh-chinh/dang-ky-khai-sinh"
        )
        assert "15/QĐ-UBND" in anonymous.contents

    def test_about_pages(self, demo_site, anonymous):
        anonymous.open(f"{demo_site.absolute_url()}/gioi-thieu")
        html = anonymous.contents
        for title in (
            "Các lĩnh vực và cán bộ phụ trách",
            "Năm khu vực phục vụ",
            "Nguyên tắc “3 không”",
        ):
            assert title in html
        anonymous.getLink("Năm khu vực phục vụ").click()
        html = anonymous.contents
        for zone in (
            "Khu vực chờ",
            "Khu vực tiếp nhận và trả kết quả",
            "Khu vực hỗ trợ số hóa",
            "Khu vực tra cứu thủ tục",
            "Khu vực ưu tiên",
        ):
            assert zone in html
        anonymous.open(f"{demo_site.absolute_url()}/gioi-thieu/nguyen-tac-3-khong")
        for principle in (
            "Không khoảng cách",
            "Không giấy tờ thừa",
            "Không dùng tiền mặt",
        ):
            assert principle in anonymous.contents

    def test_notices_feed(self, demo_site, anonymous):
        anonymous.open(f"{demo_site.absolute_url()}/thong-bao/rss.xml")
        contents = anonymous.contents
        if isinstance(contents, str):
            contents = contents.encode("utf-8")
        items = ElementTree.fromstring(contents).find("channel").findall("item")
        assert len(items) == 5
