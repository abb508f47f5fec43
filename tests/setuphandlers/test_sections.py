"""The sections the site policy creates, and who may see them."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import nobody
from plone import api

import pytest


PUBLIC_SECTIONS = [
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính"),
    ("nop-ho-so", "Nộp hồ sơ trực tuyến"),
    ("tra-cuu-ho-so", "Tra cứu hồ sơ"),
    ("thong-bao", "Thông báo"),
    ("van-ban", "Văn bản chỉ đạo"),
    ("gioi-thieu", "Giới thiệu Trung tâm"),
]


def _anonymous_can_view(obj) -> bool:
    old = getSecurityManager()
    try:
        newSecurityManager(None, nobody)
        return bool(getSecurityManager().checkPermission("View", obj))
    finally:
        setSecurityManager(old)


@pytest.mark.parametrize("section_id,title", PUBLIC_SECTIONS)
def test_public_section(portal, section_id, title):
    section = portal[section_id]
    assert section.title == title
    assert section.Language() == "vi"
    assert api.content.get_state(section) == "published"
    assert _anonymous_can_view(section) is True


def test_sections_in_order(portal):
    ids = [i for i in portal.objectIds() if i in dict(PUBLIC_SECTIONS) or i == "ho-so"]
    assert ids == [s for s, _ in PUBLIC_SECTIONS] + ["ho-so"]


def test_dossier_section_is_hidden_from_anonymous(portal):
    section = portal["ho-so"]
    assert section.title == "Hồ sơ"
    assert section.portal_type == "DossierFolder"
    assert api.content.get_state(section) == "internal"
    assert _anonymous_can_view(section) is False


def test_dossier_section_is_hidden_from_members(portal):
    api.user.create(email="dan@example.org", username="citizen", password="secret12345")
    assert not api.user.has_permission("View", username="citizen", obj=portal["ho-so"])


def test_dossier_section_not_in_anonymous_catalog(portal):
    old = getSecurityManager()
    try:
        newSecurityManager(None, nobody)
        found = [
            b.getId for b in api.content.find(portal_type=["Folder", "ProcedureFolder"])
        ]
    finally:
        setSecurityManager(old)
    assert "ho-so" not in found
    assert "thu-tuc-hanh-chinh" in found
