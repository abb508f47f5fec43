"""Data sets that several test folders build on.

* the public lookup's dossiers (``tests/dossiers/lookup``,
  ``tests/restapi/services``): an applicant whose personal data must never
  leave the server;
* the security tests' dossiers and users;
* the printed slips' situations (``tests/browser/slips``).

Every dossier is brought to its state through ``paths.dossier_in_state``.
"""

from datetime import datetime
from datetime import UTC
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.paths import dossier_in_state
from luanthanh.policy.testing.paths import PATHS
from luanthanh.policy.testing.paths import walk
from plone import api
from plone.namedfile.file import NamedBlobFile

import transaction


# The public lookup --------------------------------------------------------------

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
#: The states the lookup tests look at, one dossier each.
LOOKUP_STATES = ("intake", "processing", "supplement", "result", "returned", "rejected")
LOOKUP_COMMENTS = {
    "request_supplement": REQUEST,
    "refuse": "Không thuộc thẩm quyền giải quyết",
}


def lookup_dossier(portal, procedure, state: str):
    """A dossier of the lookup's applicant, with an attachment, in ``state``."""
    dossier = dossier_in_state(
        portal,
        "intake",
        procedure,
        applicant_name=NAME,
        applicant_phone="0912 345 678",
        applicant_id_number=ID_NUMBER,
        applicant_email=EMAIL,
        applicant_address=ADDRESS,
        notes=NOTES,
    )
    attach_file(dossier, ATTACHMENT, "Bản sao sổ hộ khẩu", PDF, "application/pdf")
    return walk_to(dossier, state, LOOKUP_COMMENTS)


def walk_to(dossier, state: str, comments: dict | None = None):
    """Bring an ``intake`` dossier along ``PATHS[state]``."""
    walk(dossier, PATHS[state], comments)
    assert api.content.get_state(dossier) == state
    return dossier


def lookup_dossiers(portal) -> dict:
    """Officials, a procedure and one dossier per state; returns state → dossier."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        api.portal.set_registry_record(
            "plone.email_from_address", "pvhcc@luanthanh.example.org"
        )
        api.portal.set_registry_record("plone.email_from_name", "Trung tâm PVHCC")
        procedure = make_procedure(portal)
        return {
            state: lookup_dossier(portal, procedure, state) for state in LOOKUP_STATES
        }


def assert_no_personal_data(text: str) -> None:
    """Fail if ``text`` holds any of the lookup applicant's ``PERSONAL`` data."""
    for value in PERSONAL:
        assert value not in text, value


# Security -----------------------------------------------------------------------

#: What the applicant's personal data looks like in the security tests'
#: dossiers; no answer to someone who may not see the dossier may hold it.
APPLICANT = {
    "applicant_name": "Trần Thị Bí Mật",
    "applicant_phone": "0987 654 321",
    "applicant_id_number": "001199012345",
    "applicant_email": "bimat@example.org",
    "applicant_address": "Số 7 ngõ Kín, thôn Đông",
}
SECRETS = (
    "Trần Thị Bí Mật",
    "Bí Mật",
    "0987654321",
    "0987 654 321",
    "001199012345",
    "bimat@example.org",
    "ngõ Kín",
)


def secret_dossier(portal, procedure, state: str, **data):
    """A dossier of ``APPLICANT`` with an attachment and a result file, in ``state``."""
    values = dict(APPLICANT)
    values.update(data)
    dossier = dossier_in_state(portal, "intake", procedure, **values)
    attach_file(dossier, "cccd.pdf", "Bản chụp CCCD", b"%PDF-1.4 cccd")
    dossier.result_file = NamedBlobFile(b"%PDF-1.4 ket qua", filename="kq.pdf")
    return walk_to(dossier, state, {"stop": "Công dân rút"})


def secret_site(portal, *states: str):
    """Officials, one procedure and one ``secret_dossier`` per state, committed.

    Returns ``(procedure, {state: dossier})``, the dossiers made in the order
    of ``states``."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(portal)
    dossiers = {state: secret_dossier(portal, procedure, state) for state in states}
    transaction.commit()
    return procedure, dossiers


def leaks(text: str) -> list[str]:
    """The ``SECRETS`` found in ``text``."""
    return [secret for secret in SECRETS if secret in text]


# Printed slips ------------------------------------------------------------------

DOCUMENTS = [
    {
        "name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        "originals": 1,
        "copies": 0,
        "note": "",
        "template_url": "",
    },
    {
        "name": "Bản sao Giấy khai sinh",
        "originals": 0,
        "copies": 1,
        "note": "Xuất trình bản chính để đối chiếu",
        "template_url": "",
    },
]
# 18:30 UTC on 2 March is 01:30 on 3 March in Asia/Ho_Chi_Minh.
RECEIVED = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)
DUE = datetime(2026, 3, 6, 10, 0, tzinfo=UTC)  # 17:00 local
REASONS = {
    "supplement": "Bổ sung bản sao Giấy khai sinh có chứng thực.",
    "refused": "Hồ sơ không thuộc thẩm quyền giải quyết của xã.",
    "denied": "Người yêu cầu chưa đủ tuổi kết hôn theo quy định.",
    "stopped": "Công dân có đơn đề nghị dừng giải quyết.",
    "send_back": "Kiểm tra lại họ tên trên tờ khai.",
}
SLIP_COMMENTS = {
    "request_supplement": REASONS["supplement"],
    "refuse": REASONS["refused"],
    "deny": REASONS["denied"],
    "stop": REASONS["stopped"],
    "send_back": REASONS["send_back"],
}
NAMES = {
    "received": "Nguyễn Văn An",
    "supplement": "Trần Thị Bình",
    "refused": "Lê Văn Cường",
    "denied": "Phạm Thị Dung",
    "stopped": "Hoàng Văn Đức",
    "resolved": "Vũ Thị Giang",
}
#: situation → (state, DETOURS route or None)
SITUATIONS = {
    "received": ("processing", None),
    "supplement": ("supplement", None),
    "refused": ("rejected", None),
    "denied": ("rejected", "denied"),
    "stopped": ("stopped", None),
    "resolved": ("result", "sent_back"),
}
