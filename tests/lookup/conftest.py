"""Dossiers in every state that matters to the public lookup, and helpers.

Also imported by ``tests/services/dossier_lookup`` and
``tests/services/dossier_rating``.
"""

from luanthanh.policy import throttle
from plone import api
from plone.namedfile.file import NamedBlobFile
from Products.MailHost.MailHost import MailBase
from tests.dossiers.conftest import create_officials
from tests.dossiers.conftest import fire
from tests.dossiers.conftest import make_dossier
from tests.dossiers.conftest import make_procedure

import pytest
import re
import transaction


PHONE = "0912345678"
ID_NUMBER = "038090001234"
NAME = "Nguyễn Văn An"
EMAIL = "an.nguyen@example.org"
ADDRESS = "Thôn Đông Hải, xã Luận Thành"
NOTES = "Ghi chú nội bộ: đã gọi điện xác minh"
ATTACHMENT = "ban-sao-so-ho-khau-bi-mat.pdf"
REQUEST = "Bổ sung bản sao Giấy khai sinh có chứng thực"

#: What must never leave the server in a public answer.
PERSONAL = (
    NAME,
    PHONE,
    "0912 345 678",
    ID_NUMBER,
    EMAIL,
    ADDRESS,
    "Thôn Đông Hải",
    NOTES,
    ATTACHMENT,
    "Bản sao sổ hộ khẩu",
    "chuyenvien",
)

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n"
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n"
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>\nendobj\nxref\n0 4\n"
    b"0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
    b"0000000115 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n184\n"
    b"%%EOF\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe"
    b"\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(1)</script></svg>"
)

PATHS = {
    "intake": [],
    "processing": [("accept", "motcua", "")],
    "supplement": [
        ("accept", "motcua", ""),
        ("request_supplement", "chuyenvien", REQUEST),
    ],
    "result": [
        ("accept", "motcua", ""),
        ("submit_for_approval", "chuyenvien", ""),
        ("approve", "lanhdao", ""),
    ],
    "returned": [
        ("accept", "motcua", ""),
        ("submit_for_approval", "chuyenvien", ""),
        ("approve", "lanhdao", ""),
        ("deliver", "motcua", ""),
    ],
    "rejected": [("refuse", "motcua", "Không thuộc thẩm quyền giải quyết")],
}


@pytest.fixture(autouse=True)
def _reset_limiter():
    throttle.limiter.reset()
    yield
    throttle.limiter.reset()


def dossier_in(portal, procedure, state: str):
    dossier = make_dossier(
        portal,
        procedure,
        applicant_name=NAME,
        applicant_phone="0912 345 678",
        applicant_id_number=ID_NUMBER,
        applicant_email=EMAIL,
        applicant_address=ADDRESS,
        notes=NOTES,
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=dossier,
            type="File",
            id=ATTACHMENT,
            title="Bản sao sổ hộ khẩu",
            file=NamedBlobFile(PDF, "application/pdf", ATTACHMENT),
        )
    for transition, actor, comment in PATHS[state]:
        fire(dossier, transition, actor, comment)
    assert api.content.get_state(dossier) == state
    return dossier


def build(portal) -> dict:
    """Officials, a procedure and one dossier per state; returns state → dossier."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        api.portal.set_registry_record(
            "plone.email_from_address", "pvhcc@luanthanh.example.org"
        )
        api.portal.set_registry_record("plone.email_from_name", "Trung tâm PVHCC")
        procedure = make_procedure(portal)
        return {state: dossier_in(portal, procedure, state) for state in PATHS}


@pytest.fixture
def dossiers(portal, mails) -> dict:
    """Integration: state → dossier."""
    return build(portal)


@pytest.fixture
def http_dossiers(functional_portal, mails) -> dict:
    """Functional (over HTTP): state → code, committed."""
    built = build(functional_portal)
    transaction.commit()
    return {state: dossier.code for state, dossier in built.items()}


@pytest.fixture
def mails(monkeypatch) -> list:
    """Every message handed to a MailHost, in this process, as text."""
    sent = []

    def _send(self, mfrom, mto, message, immediate=False):
        sent.append(message if isinstance(message, str) else message.decode())

    monkeypatch.setattr(MailBase, "_send", _send)
    return sent


def supplement_mails(mails: list) -> list:
    from email import message_from_string
    from email.header import decode_header
    from email.header import make_header

    found = []
    for text in mails:
        message = message_from_string(text)
        subject = str(make_header(decode_header(message["Subject"] or "")))
        if "nộp bổ sung" in subject:
            [plain] = [
                part
                for part in message.walk()
                if part.get_content_type() == "text/plain"
            ]
            body = plain.get_payload(decode=True).decode("utf-8")
            found.append({"to": message["To"], "subject": subject, "body": body})
    return found


def assert_no_personal_data(text: str) -> None:
    for value in PERSONAL:
        assert value not in text, value


def page_result(html: str) -> str:
    """The part of the page that answers a try (not the lookup form)."""
    start = html.index('id="lookup-result"')
    return html[start : html.index('class="lookup-form', start)]


def page_token(html: str) -> str:
    return re.search(r'name="token"\s+type="hidden"\s+value="([^"]+)"', html).group(1)
