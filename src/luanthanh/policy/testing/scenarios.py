"""Data sets that several test folders build on.

* the public lookup's dossiers (``tests/dossiers/lookup``,
  ``tests/restapi/services``): an applicant whose personal data must never
  leave the server;
* the security tests' dossiers and users;
* the printed slips' situations (``tests/browser/slips``);
* the officials' workspace: dossiers in every open state, with deadlines
  relative to today (``tests/browser/workspace``, ``@dossier-search``).

Every dossier is brought to its state through ``paths.dossier_in_state``.
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from luanthanh.policy import deadlines
from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import local_today
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import set_due
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
    {
        # Optional and only shown at the counter: the rule's flags.
        "name": "Giấy tờ chứng minh nơi cư trú",
        "originals": 0,
        "copies": 0,
        "note": "Nếu có",
        "template_url": "",
    },
]
# What the applicant of the received dossier handed in (the receipt's item 1):
# the optional paper of DOCUMENTS was not.
RECEIVED_PAPERS = [
    {"name": DOCUMENTS[0]["name"], "form": "original", "count": 1},
    {"name": DOCUMENTS[1]["name"], "form": "copy", "count": 2, "note": "Có chứng thực"},
    {"name": "Thẻ căn cước", "form": "shown", "count": 1},
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


# The officials' workspace (tests/browser/workspace, @dossier-search) -----------

# name: (procedure, applicant, phone, CCCD, channel, priority, state)
WORKSPACE_DOSSIERS = {
    "i1": (
        "A",
        "Trần Thị Bình",
        "0912 000 001",
        "001090000001",
        "online",
        False,
        "intake",
    ),
    "i2": (
        "A",
        "Lê Văn Cường",
        "0912 000 002",
        "001090000002",
        "direct",
        True,
        "intake",
    ),
    "p1": (
        "A",
        "Phạm Thị Dung",
        "0912 000 003",
        "001090000003",
        "online",
        False,
        "processing",
    ),
    "p2": (
        "A",
        "Hoàng Văn Em",
        "0912 000 004",
        "001090000004",
        "direct",
        True,
        "processing",
    ),
    "p3": (
        "B",
        "Vũ Thị Giang",
        "0987 654 321",
        "001090000005",
        "postal",
        False,
        "processing",
    ),
    "s1": (
        "A",
        "Đỗ Văn Hải",
        "0912 000 006",
        "001090000006",
        "online",
        False,
        "supplement",
    ),
    "a1": (
        "A",
        "Bùi Thị Khánh",
        "0912 000 007",
        "001090000007",
        "online",
        False,
        "approval",
    ),
    "r1": (
        "A",
        "Ngô Văn Long",
        "0912 000 008",
        "001090000008",
        "online",
        False,
        "result",
    ),
    "ret": (
        "A",
        "Đinh Thị Mai",
        "0912 000 009",
        "001090000009",
        "online",
        False,
        "returned",
    ),
    "rej": (
        "A",
        "Lý Văn Nam",
        "0912 000 010",
        "001090000010",
        "online",
        False,
        "rejected",
    ),
}
WORKSPACE_COMMENTS = {
    "refuse": "Không thuộc thẩm quyền",
    "request_supplement": "Bổ sung bản sao giấy khai sinh",
}


def build_workspace(portal) -> dict:
    """Officials, a Manager (``quanly``, who sees every dossier), two
    procedures and the dossiers of :data:`WORKSPACE_DOSSIERS`; returns
    {name: dossier}.

    Deadlines are set relative to today's local date, so that "due today",
    "due soon" and "overdue" do not depend on when the suite runs.
    """
    create_officials()
    add_user("quanly", ["Manager"])
    procedures = {
        "A": make_procedure(portal),
        "B": make_procedure(
            portal,
            title="Đăng ký thành lập hộ kinh doanh",
            code="2.000001",
            field="kinh-te",
        ),
    }
    dossiers = {}
    for name, (
        proc,
        applicant,
        phone,
        cccd,
        channel,
        priority,
        state,
    ) in WORKSPACE_DOSSIERS.items():
        dossiers[name] = dossier_in_state(
            portal,
            state,
            procedures[proc],
            comments=WORKSPACE_COMMENTS,
            applicant_name=applicant,
            applicant_phone=phone,
            applicant_id_number=cccd,
            channel=channel,
            priority=priority,
        )
    today = local_today()
    calendar = deadlines.WorkCalendar.from_registry()
    set_due(dossiers["p1"], today)
    set_due(dossiers["p2"], today - timedelta(days=5))
    set_due(dossiers["p3"], calendar.add_working_days(today, 1))
    set_due(dossiers["ret"], today - timedelta(days=30))  # closed: never overdue
    # A known reception date for the date range filter.
    p3 = dossiers["p3"]
    p3.received_at = datetime.combine(
        date(2025, 3, 10), time(9, 30), tzinfo=deadlines.TZ
    ).astimezone(UTC)
    p3.reindexObject()
    return dossiers


#: A birth registration's checklist (thành phần hồ sơ): a declaration taken as
#: an original, a copy, an identity card only shown at the counter, and a
#: conditional paper ("Nếu có") the counter form proposes not to take.
BIRTH_CHECKLIST = [
    {"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0, "note": ""},
    {"name": "Bản sao Giấy chứng sinh", "originals": 0, "copies": 1, "note": ""},
    {
        "name": "Thẻ căn cước của người đi đăng ký",
        "originals": 0,
        "copies": 0,
        "note": "",
    },
    {
        "name": "Biên bản xác nhận việc trẻ bị bỏ rơi",
        "originals": 1,
        "copies": 0,
        "note": "Nếu có",
    },
]


def birth_procedure(portal):
    """The birth registration (1.001193) with :data:`BIRTH_CHECKLIST`."""
    return make_procedure(
        portal,
        title="Đăng ký khai sinh",
        code="1.001193",
        required_documents=BIRTH_CHECKLIST,
    )
