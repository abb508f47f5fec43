"""The messages come out in the site's language, from the gettext catalogues."""

from luanthanh.policy.dossiers.mail_texts import TEXTS
from luanthanh.policy.i18n import translated
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.mails import plain
from plone import api
from plone.i18n.utility import setLanguageBinding
from zope.globalrequest import getRequest

import pytest


APPLICANT = "an@example.org"


def receipt(dossier, sent):
    fire(dossier, "accept", "motcua")
    [message] = [m for m in sent() if m["To"] == APPLICANT]
    return message


def test_vietnamese_site_sends_vietnamese(dossier, sent):
    """Positive control: the site's language is Vietnamese (the default)."""
    assert api.portal.get_default_language() == "vi"
    message = receipt(dossier, sent)
    assert message["Subject"] == f"Hồ sơ {dossier.code} đã được tiếp nhận"
    body = plain(message)
    assert "Kính gửi ông/bà Nguyễn Văn An," in body
    assert f"- Mã hồ sơ: {dossier.code}" in body
    assert "Trân trọng," in body
    assert "Dear" not in body


def test_english_site_sends_english(dossier, sent):
    api.portal.set_registry_record("plone.default_language", "en")
    message = receipt(dossier, sent)
    assert message["Subject"] == f"Dossier {dossier.code} has been received"
    body = plain(message)
    assert "Dear Nguyễn Văn An," in body
    assert f"- Dossier code: {dossier.code}" in body
    assert "- Procedure: Cấp Giấy xác nhận tình trạng hôn nhân" in body
    assert "Address: Trụ sở UBND xã Luận Thành, tỉnh Thanh Hóa" in body
    assert "Hotline:" not in body  # no hotline configured: the line is left out
    assert "Yours faithfully," in body
    assert "Kính gửi" not in body


@pytest.fixture
def english_browser(portal):
    """The official chose English (the language cookie the site negotiates)."""
    request = getRequest()
    request.cookies["I18N_LANGUAGE"] = "en"
    setLanguageBinding(request)
    yield request
    del request.cookies["I18N_LANGUAGE"]
    setLanguageBinding(request)


def test_the_request_language_does_not_change_the_mail(dossier, sent, english_browser):
    """The applicant gets the site's language, not the official's browser's."""
    subject = TEXTS["applicant_accept"].subject
    assert translated(subject) == "Dossier ${code} has been received"  # control
    message = receipt(dossier, sent)
    assert message["Subject"] == f"Hồ sơ {dossier.code} đã được tiếp nhận"
