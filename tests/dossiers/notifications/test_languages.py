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


def assert_receipt(dossier, sent, subject: str, present: list, absent: list) -> None:
    """The receipt of ``dossier`` has ``subject``; its body every line of
    ``present`` and none of ``absent``."""
    message = receipt(dossier, sent)
    assert message["Subject"] == subject
    body = plain(message)
    for line in present:
        assert line in body
    for line in absent:
        assert line not in body


def test_vietnamese_site_sends_vietnamese(dossier, sent):
    """Positive control: the site's language is Vietnamese (the default)."""
    assert api.portal.get_default_language() == "vi"
    assert_receipt(
        dossier,
        sent,
        f"Hồ sơ {dossier.code} đã được tiếp nhận",
        present=[
            "Kính gửi ông/bà Nguyễn Văn An,",
            f"- Mã hồ sơ: {dossier.code}",
            "Trân trọng,",
        ],
        absent=["Dear"],
    )


def test_english_site_sends_english(dossier, sent):
    api.portal.set_registry_record("plone.default_language", "en")
    assert_receipt(
        dossier,
        sent,
        f"Dossier {dossier.code} has been received",
        present=[
            "Dear Nguyễn Văn An,",
            f"- Dossier code: {dossier.code}",
            "- Procedure: Cấp Giấy xác nhận tình trạng hôn nhân",
            "Address: Trụ sở UBND xã Luận Thành, tỉnh Thanh Hóa",
            "Yours faithfully,",
        ],
        # No hotline configured: the line is left out.
        absent=["Hotline:", "Kính gửi"],
    )


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
