"""Every message has its Vietnamese text and its English translation."""

from luanthanh.policy.testing.http import browser_for
from pathlib import Path
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import re


LOCALES = Path(__file__).resolve().parent.parent / "src/luanthanh/policy/locales"
ENTRY = re.compile(r'^msgid "(.+)"\nmsgstr "(.*)"$', re.MULTILINE)
VIETNAMESE = re.compile(
    r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I
)


def _entries(path: Path) -> dict[str, str]:
    return dict(ENTRY.findall(path.read_text(encoding="utf-8")))


def _msgids() -> set[str]:
    return set(_entries(LOCALES / "luanthanh.policy.pot"))


def test_template_is_not_empty():
    assert len(_msgids()) > 20


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalogue_complete(language):
    entries = _entries(LOCALES / language / "LC_MESSAGES" / "luanthanh.policy.po")
    missing = sorted(m for m in _msgids() if not entries.get(m))
    assert missing == [], f"untranslated in {language}: {missing}"


def test_vietnamese_has_diacritics():
    entries = _entries(LOCALES / "vi" / "LC_MESSAGES" / "luanthanh.policy.po")
    texts = [t for t in entries.values() if len(t) > 12]
    with_marks = [t for t in texts if VIETNAMESE.search(t)]
    assert len(with_marks) == len(texts), set(texts) - set(with_marks)


def test_english_is_not_vietnamese():
    vi = _entries(LOCALES / "vi" / "LC_MESSAGES" / "luanthanh.policy.po")
    en = _entries(LOCALES / "en" / "LC_MESSAGES" / "luanthanh.policy.po")
    same = sorted(
        m for m in en if en[m] and en[m] == vi.get(m) and VIETNAMESE.search(en[m])
    )
    assert same == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalogue_compiles(language):
    """Zope compiles the .po files with python-gettext when it starts."""
    from pythongettext.msgfmt import Msgfmt

    path = LOCALES / language / "LC_MESSAGES" / "luanthanh.policy.po"
    text = path.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text  # fuzzy entries are left out of the .mo
    assert Msgfmt(str(path), name=str(path)).get()


def test_plone_override_compiles():
    """Our ``plone`` domain catalogue: only what plone.app.locales lacks."""
    from pythongettext.msgfmt import Msgfmt

    path = LOCALES / "vi" / "LC_MESSAGES" / "plone.po"
    assert Msgfmt(str(path), name=str(path)).get()
    assert set(_entries(path)) <= {
        "statusmessage_mtype_info",
        "statusmessage_mtype_warning",
        "statusmessage_mtype_error",
        "statusmessage_mtype_danger",
        "Changes saved",
        "Edit cancelled",
        "Item created",
        "Add New Item operation cancelled",
        "You are now logged out.",
        # plone.formwidget.namedfile's file widget (online forms, issue #17)
        "file_already_uploaded",
        "file_keep",
        "file_remove",
        "file_replace",
        "namedfile_accepted_types",
    }


@pytest.mark.parametrize(
    "msgid,default,text",
    [
        ("file_already_uploaded", "File already uploaded:", "Tệp đã tải lên:"),
        ("file_keep", "Keep existing file", "Giữ tệp đã tải lên"),
        ("file_remove", "Remove existing file", "Xóa tệp đã tải lên"),
        ("file_replace", "Replace with new file", "Thay bằng tệp khác"),
        (
            "namedfile_accepted_types",
            "Allowed types: ${accepted_types}.",
            "Loại tệp được nhận: .pdf, .jpg.",
        ),
    ],
)
def test_file_widget_in_vietnamese(functional_portal, msgid, default, text):
    """The online forms' file widget (plone.formwidget.namedfile, domain
    ``plone``) speaks Vietnamese: plone.app.locales leaves these empty."""
    from zope.i18n import translate
    from zope.i18nmessageid import Message

    message = Message(
        msgid, domain="plone", default=default, mapping={"accepted_types": ".pdf, .jpg"}
    )
    assert translate(message, target_language="vi") == text
    # The control: English stays English.
    assert translate(message, target_language="en") != text


def test_status_message_prefix_in_vietnamese(functional_app, functional_portal):
    """Plone's status messages start "Lỗi:", not "Error:" (plone.app.layout's
    msgid, untranslated in plone.app.locales' vi catalogue)."""
    from luanthanh.policy.testing.http import browser_for

    import lxml.html

    browser = browser_for(functional_app)
    browser.addHeader("Accept-Language", "vi")
    browser.open(f"{functional_portal.absolute_url()}/login")
    browser.getControl(name="__ac_name").value = "khong-co-ai"
    browser.getControl(name="__ac_password").value = "sai-mat-khau"
    browser.getControl(name="buttons.login").click()
    page = lxml.html.fromstring(browser.contents)
    prefixes = [
        " ".join(e.text_content().split())
        for e in page.cssselect(".portalMessage strong")
    ]
    assert prefixes == ["Lỗi:"], prefixes


def test_status_message_prefix_translated():
    """Every prefix of plone.app.layout has its Vietnamese text."""
    from plone.app.layout.viewlets.globalstatusmessage import MTYPES_DISPLAY

    entries = _entries(LOCALES / "vi" / "LC_MESSAGES" / "plone.po")
    assert {entries[info["msg"]] for info in MTYPES_DISPLAY.values()} == {
        "Thông tin:",
        "Cảnh báo:",
        "Lỗi:",
        "Nguy hiểm:",
    }


def test_plone_messages_of_officials_and_editors_in_vietnamese(
    functional_app, functional_portal
):
    """Saving an edit form says "Đã lưu thay đổi", not "Changes saved"
    (plone.dexterity's msgid, empty in plone.app.locales' vi catalogue)."""
    browser = browser_for(functional_app)
    browser.addHeader("Accept-Language", "vi")
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(f"{functional_portal.absolute_url()}/thong-bao/edit")
    browser.getControl(name="form.buttons.save").click()
    assert "Đã lưu thay đổi" in browser.contents
    assert "Changes saved" not in browser.contents
    browser.open(f"{functional_portal.absolute_url()}/thong-bao/edit")
    browser.getControl(name="form.buttons.cancel").click()
    assert "Đã hủy, không lưu thay đổi" in browser.contents
