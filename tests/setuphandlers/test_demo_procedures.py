"""The demo profile, as ``make start`` applies it.

The profile is applied once for the class, in the functional layer's
per-class sandbox, so nothing leaks into other tests.
"""

from collections import Counter
from luanthanh.policy.easyform.forms import dossier_actions
from luanthanh.policy.onlineforms import is_generated
from plone import api
from plone.testing.zope import Browser

import pytest
import transaction


REQUIRED = [
    "Đăng ký khai sinh",
    "Đăng ký khai tử",
    "Đăng ký kết hôn",
    "Cấp Giấy xác nhận tình trạng hôn nhân",
    "Giải quyết chế độ mai táng phí",
    "Đăng ký thành lập hộ kinh doanh",
]


class TestDemoProfile:
    @pytest.fixture(scope="class", autouse=True)
    def demo_site(self, functional_portal_class):
        setup_tool = api.portal.get_tool("portal_setup")
        with api.env.adopt_roles(["Manager"]):  # profiles are applied by admins
            setup_tool.runAllImportStepsFromProfile("profile-luanthanh.policy:demo")
        transaction.commit()
        return functional_portal_class

    @pytest.fixture
    def as_manager(self):
        with api.env.adopt_roles(["Manager"]):
            yield

    @pytest.fixture
    def brains(self, demo_site):
        return api.content.find(portal_type="Procedure")

    def test_at_least_15_published(self, brains):
        assert len(brains) >= 15
        assert {b.review_state for b in brains} == {"published"}

    def test_three_fields(self, brains):
        counts = Counter(b.procedure_field for b in brains)
        assert set(counts) == {"kinh-te", "van-hoa-xa-hoi", "tu-phap-ho-tich"}
        assert min(counts.values()) >= 4

    @pytest.mark.parametrize("title", REQUIRED)
    def test_reported_procedures_present(self, brains, title):
        assert title in [b.Title for b in brains]

    def test_every_online_procedure_has_a_working_form(self, brains, as_manager):
        from_hand = {"1.001193", "1.004873", "1.001731"}
        online = [b for b in brains if b.online_level in ("full", "partial")]
        assert len(online) > len(from_hand)
        for brain in online:
            procedure = brain.getObject()
            form = procedure.form.to_object
            assert form is not None, brain.procedure_code
            assert api.content.get_state(form) == "published"
            assert [a.procedure_code for a in dossier_actions(form)] == [
                brain.procedure_code
            ]
            assert is_generated(form) == (brain.procedure_code not in from_hand)

    def test_codes_of_the_examples(self, brains):
        by_title = {b.Title: b.procedure_code for b in brains}
        assert by_title["Đăng ký khai sinh"] == "1.001193"
        assert by_title["Đăng ký kết hôn"] == "1.000894"

    def test_realistic_content(self, brains):
        for brain in brains:
            obj = brain.getObject()
            assert obj.required_documents, obj.title
            assert obj.implementing_agency, obj.title
            assert obj.steps and obj.steps.raw.strip(), obj.title

    def test_notice_published(self, demo_site):
        notice = demo_site["thong-bao"]["trung-tam-di-vao-hoat-dong"]
        assert api.content.get_state(notice) == "published"
        assert "Dữ liệu mẫu" in notice.description

    @pytest.mark.usefixtures("as_manager")
    def test_rerun_changes_nothing(self, demo_site):
        from luanthanh.policy.setuphandlers.demo import demo_procedures

        notices = len(demo_site["thong-bao"].objectIds())
        result = demo_procedures(demo_site)
        assert result["created"] == []
        assert result["updated"] == []
        assert len(result["unchanged"]) >= 15
        api.portal.get_tool("portal_setup").runAllImportStepsFromProfile(
            "profile-luanthanh.policy:demo"
        )
        assert len(demo_site["thong-bao"].objectIds()) == notices

    def test_visible_to_anonymous(self, demo_site, functional_app_class):
        browser = Browser(functional_app_class)
        browser.open(f"{demo_site.absolute_url()}/thu-tuc-hanh-chinh")
        assert "Đăng ký kết hôn" in browser.contents
        assert "Giải quyết chế độ mai táng phí" in browser.contents
        browser.open(f"{demo_site.absolute_url()}/thong-bao")
        assert "đi vào hoạt động" in browser.contents
