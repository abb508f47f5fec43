"""Dossiers in every situation a slip is printed for, over the WSGI server."""

from datetime import datetime
from datetime import UTC
from plone import api
from tests.dossiers.conftest import create_officials
from tests.dossiers.conftest import fire
from tests.dossiers.conftest import make_dossier
from tests.dossiers.conftest import make_procedure
from tests.dossiers.conftest import PASSWORD

import pytest
import requests
import transaction


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
NAMES = {
    "received": "Nguyễn Văn An",
    "supplement": "Trần Thị Bình",
    "refused": "Lê Văn Cường",
    "denied": "Phạm Thị Dung",
    "stopped": "Hoàng Văn Đức",
    "resolved": "Vũ Thị Giang",
}
PATHS = {
    "received": [("accept", "motcua", "")],
    "supplement": [
        ("accept", "motcua", ""),
        ("request_supplement", "chuyenvien", REASONS["supplement"]),
    ],
    "refused": [("refuse", "motcua", REASONS["refused"])],
    "denied": [
        ("accept", "motcua", ""),
        ("submit_for_approval", "chuyenvien", ""),
        ("deny", "lanhdao", REASONS["denied"]),
    ],
    "stopped": [
        ("accept", "motcua", ""),
        ("stop", "chuyenvien", REASONS["stopped"]),
    ],
    "resolved": [
        ("accept", "motcua", ""),
        ("submit_for_approval", "chuyenvien", ""),
        ("send_back", "lanhdao", REASONS["send_back"]),
        ("submit_for_approval", "chuyenvien", ""),
        ("approve", "lanhdao", ""),
    ],
}


def build(portal) -> dict:
    """One dossier per situation; the received one has fixed dates."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(portal, required_documents=DOCUMENTS)
        dossiers = {}
        for key, path in PATHS.items():
            dossier = make_dossier(
                portal,
                procedure,
                applicant_name=NAMES[key],
                applicant_address="Thôn Đông, xã Luận Thành",
                notes="GHI CHÚ NỘI BỘ KHÔNG IN",
            )
            for transition, actor, comment in path:
                fire(dossier, transition, actor, comment)
            dossiers[key] = dossier
        received = dossiers["received"]
        received.received_at = RECEIVED
        received.due_date = DUE
        received.history[0]["time"] = RECEIVED
        received.history._p_changed = True
        received.reindexObject()
    return dossiers


def session(user: str | None) -> requests.Session:
    http = requests.Session()
    if user:
        http.auth = (user, PASSWORD)
    return http


def describe(portal, dossiers: dict) -> dict:
    return {
        "portal": portal,
        "portal_url": portal.absolute_url(),
        "folder_url": portal["ho-so"].absolute_url(),
        "dossiers": dossiers,
        "urls": {key: d.absolute_url() for key, d in dossiers.items()},
        "codes": {key: d.code for key, d in dossiers.items()},
    }


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """Read-only tests share one site per class."""
    dossiers = build(functional_portal_class)
    transaction.commit()
    return describe(functional_portal_class, dossiers)


@pytest.fixture
def fresh_site(functional_portal):
    """For tests that change the dossiers."""
    dossiers = build(functional_portal)
    transaction.commit()
    return describe(functional_portal, dossiers)


@pytest.fixture
def desk():
    return session("motcua")
