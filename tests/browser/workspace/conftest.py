"""Officials, two procedures and dossiers in every open state, for the workspace.

Deadlines are set on the dossiers directly (and reindexed), relative to
today's local date, so that "due today", "due soon" and "overdue" do not
depend on when the suite runs.
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from luanthanh.policy import deadlines
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import local_today
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import set_due
from luanthanh.policy.testing.paths import dossier_in_state
from plone import api

import pytest
import transaction


# fmt: off
# name: (procedure, applicant, phone, CCCD, channel, priority, state)
DOSSIERS = {
    "i1": ("A", "Trần Thị Bình", "0912 000 001", "001090000001", "online", False, "intake"),
    "i2": ("A", "Lê Văn Cường", "0912 000 002", "001090000002", "direct", True, "intake"),
    "p1": ("A", "Phạm Thị Dung", "0912 000 003", "001090000003", "online", False, "processing"),
    "p2": ("A", "Hoàng Văn Em", "0912 000 004", "001090000004", "direct", True, "processing"),
    "p3": ("B", "Vũ Thị Giang", "0987 654 321", "001090000005", "postal", False, "processing"),
    "s1": ("A", "Đỗ Văn Hải", "0912 000 006", "001090000006", "online", False, "supplement"),
    "a1": ("A", "Bùi Thị Khánh", "0912 000 007", "001090000007", "online", False, "approval"),
    "r1": ("A", "Ngô Văn Long", "0912 000 008", "001090000008", "online", False, "result"),
    "ret": ("A", "Đinh Thị Mai", "0912 000 009", "001090000009", "online", False, "returned"),
    "rej": ("A", "Lý Văn Nam", "0912 000 010", "001090000010", "online", False, "rejected"),
}
# fmt: on
COMMENTS = {
    "refuse": "Không thuộc thẩm quyền",
    "request_supplement": "Bổ sung bản sao giấy khai sinh",
}


def build_workspace(portal) -> dict:
    """Create everything; return {name: dossier}."""
    create_officials()
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
    ) in DOSSIERS.items():
        dossiers[name] = dossier_in_state(
            portal,
            state,
            procedures[proc],
            comments=COMMENTS,
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


@pytest.fixture(scope="class")
def workspace(functional_portal_class):
    with api.env.adopt_roles(["Manager"]):
        dossiers = build_workspace(functional_portal_class)
    transaction.commit()
    return {
        "portal_url": functional_portal_class.absolute_url(),
        "url": f"{functional_portal_class.absolute_url()}/ho-so",
        "codes": {name: d.code for name, d in dossiers.items()},
        "urls": {name: d.absolute_url() for name, d in dossiers.items()},
    }


@pytest.fixture
def fresh(functional_portal):
    """The same data in a per-test sandbox, for tests that change it."""
    with api.env.adopt_roles(["Manager"]):
        dossiers = build_workspace(functional_portal)
    transaction.commit()
    return dossiers
