"""An online form of the demo, anonymous visitors and a mock MailHost."""

from luanthanh.policy.easyform import guard
from luanthanh.policy.setuphandlers.demo_forms import demo_forms
from luanthanh.policy.throttle import limiter
from plone import api
from plone.testing.zope import Browser
from Products.CMFPlone.tests.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost

import pytest
import transaction


PROCEDURES = (
    # code, title, field, processing days
    ("1.001193", "Đăng ký khai sinh", "tu-phap-ho-tich", 0),
    ("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "tu-phap-ho-tich", 3),
    ("1.001731", "Giải quyết chế độ mai táng phí", "van-hoa-xa-hoi", 3),
)


def make_procedures(portal):
    procedures = {}
    with api.env.adopt_roles(["Manager"]):
        for code, title, field, days in PROCEDURES:
            procedure = api.content.create(
                container=portal["thu-tuc-hanh-chinh"],
                type="Procedure",
                id=f"thu-tuc-{code.replace('.', '-')}",
                title=title,
                code=code,
                field=field,
                processing_days=days,
                online_level="full",
                channels={"direct", "online"},
            )
            api.content.transition(procedure, to_state="published")
            procedures[code] = procedure
    return procedures


@pytest.fixture
def mailhost(functional_portal):
    """Messages handed to the MailHost, kept in ``mailhost.messages``."""
    portal = functional_portal
    original = portal.MailHost
    mock = MockMailHost("MailHost")
    mock.smtp_host = "localhost"
    portal._original_MailHost = original
    portal.MailHost = mock
    sm = portal.getSiteManager()
    sm.unregisterUtility(provided=IMailHost)
    sm.registerUtility(mock, provided=IMailHost)
    api.portal.set_registry_record(
        "plone.email_from_address", "pvhcc@luanthanh.example.org"
    )
    api.portal.set_registry_record(
        "plone.email_from_name", "Trung tâm PVHCC Luận Thành"
    )
    transaction.commit()
    yield mock
    portal.MailHost = original
    sm.unregisterUtility(provided=IMailHost)
    sm.registerUtility(original, provided=IMailHost)
    transaction.commit()


@pytest.fixture(autouse=True)
def fresh_limits(monkeypatch):
    """No minimum fill time (tests fill in forms in milliseconds), no hits."""
    monkeypatch.setattr(guard, "MIN_FILL_SECONDS", 0)
    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def online(functional_portal, mailhost):
    """The demo forms, linked to their procedures."""
    procedures = make_procedures(functional_portal)
    with api.env.adopt_roles(["Manager"]):
        demo_forms(functional_portal)
    transaction.commit()
    return procedures


@pytest.fixture
def browser(functional_app):
    browser = Browser(functional_app)
    browser.handleErrors = False
    return browser


# Files ------------------------------------------------------------------------

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n"
    b"0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def docx() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# The birth registration form ------------------------------------------------

KHAI_SINH = "nop-ho-so/dang-ky-khai-sinh"

ANSWERS = {
    "ho_ten": "Nguyễn Văn An",
    "so_cccd": "038090001234",
    "so_dien_thoai": "0912 345 678",
    "email": "an@example.org",
    "dia_chi": "Thôn Trung Thành, xã Luận Thành, tỉnh Thanh Hóa",
    "quan_he": ["Cha"],
    "ho_ten_tre": "Nguyễn Minh Khôi",
    "ngay_sinh": "2025-11-20",
    "gioi_tinh": ["Nam"],
    "noi_sinh": "Trạm Y tế xã Luận Thành, tỉnh Thanh Hóa",
    "ho_ten_me": "Lê Thị Hoa",
    "ho_ten_cha": "Nguyễn Văn An",
    "cam_doan:list": ["selected"],
    "dong_y:list": ["selected"],
}
FILES = {"giay_chung_sinh": (PDF, "application/pdf", "Giấy chứng sinh.pdf")}


def open_form(browser, portal, path=KHAI_SINH):
    browser.open(f"{portal.absolute_url()}/{path}")


def fill(browser, answers=None, files=None, **overrides):
    """Fill in the open form; ``overrides`` replace answers (None: left empty)."""
    values = dict(ANSWERS if answers is None else answers)
    values.update(overrides)
    for name, value in values.items():
        if value is None:
            continue
        browser.getControl(name=f"form.widgets.{name}").value = value
    for name, (data, content_type, filename) in (
        FILES if files is None else files
    ).items():
        browser.getControl(name=f"form.widgets.{name}").add_file(
            data, content_type, filename
        )


def submit(browser):
    browser.getControl(name="form.buttons.submit").click()


def dossiers() -> list:
    transaction.begin()  # see what the browser's requests committed
    return [
        b._unrestrictedGetObject()
        for b in api.content.find(portal_type="Dossier", unrestricted=True)
    ]


def messages(mailhost) -> list:
    transaction.begin()
    return list(api.portal.get().MailHost.messages)


def beside(html: str, name: str) -> str:
    """The markup of the field ``name``: its label, input and error."""
    start = html.index(f'id="formfield-form-widgets-{name}"')
    end = html.find('id="formfield-form-widgets-', start + 1)
    return html[start : end if end != -1 else len(html)]
