"""The demo profile, as ``make start`` applies it."""

from plone import api
from plone.testing.zope import Browser


def test_demo_notice_published(demo):
    portal = demo["portal"]
    notice = portal["thong-bao"]["trung-tam-di-vao-hoat-dong"]
    assert api.content.get_state(notice) == "published"
    assert "Dữ liệu mẫu" in notice.description


def test_demo_profile_is_idempotent(demo):
    portal = demo["portal"]
    before = len(portal["thong-bao"].objectIds())
    portal.portal_setup.runAllImportStepsFromProfile("profile-luanthanh.policy:demo")
    assert len(portal["thong-bao"].objectIds()) == before


def test_demo_notice_visible_to_anonymous(demo):
    import transaction

    transaction.commit()
    browser = Browser(demo["app"])
    browser.open(demo["portal"].absolute_url() + "/thong-bao")
    assert "Trung tâm Phục vụ hành chính công xã Luận Thành đi vào hoạt động" in (
        browser.contents
    )
