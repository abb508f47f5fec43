"""The demo profile's public content, as ``make start`` applies it, seen by
Anonymous through the WSGI stack (applied once for the class)."""

from plone import api
from plone.testing.zope import Browser

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

    def test_demo_profile_twice_adds_nothing(self, demo_site):
        setup_tool = api.portal.get_tool("portal_setup")
        with api.env.adopt_roles(["Manager"]):
            setup_tool.runAllImportStepsFromProfile("profile-luanthanh.policy:demo")
        assert len(api.content.find(portal_type="LegalDocument")) == 15
        transaction.abort()

    def test_home_page(self, demo_site, anonymous):
        anonymous.open(demo_site.absolute_url())
        html = anonymous.contents
        print(html[html.find("<main") :][:6000])
        assert re.search(r'<html[^>]*\blang="vi"', html)
        assert "Thủ tục thường dùng" in html
        assert "Đăng ký khai sinh" in html
        assert "Văn bản mới" in html
        assert "52/BC-UBND" in html
        assert "Thông báo mới" in html

    def test_listing_and_document(self, demo_site, anonymous):
        anonymous.open(f"{demo_site.absolute_url()}/van-ban?q=quyet+dinh")
        html = anonymous.contents
        print(html[html.find("<main") :][:4000])
        anonymous.getLink("15/QĐ-UBND").click()
        print(anonymous.contents[anonymous.contents.find("<main") :][:4000])

    def test_about_and_notices(self, demo_site, anonymous):
        anonymous.open(f"{demo_site.absolute_url()}/gioi-thieu")
        html = anonymous.contents
        print(html[html.find("<main") :][:3000])
        print(html[html.find("<footer") :][:3000])
        anonymous.open(f"{demo_site.absolute_url()}/thong-bao")
        html = anonymous.contents
        print(html[html.find("<main") :][:3000])
        anonymous.open(f"{demo_site.absolute_url()}/thong-bao/rss.xml")
        print(anonymous.contents[:2000])
