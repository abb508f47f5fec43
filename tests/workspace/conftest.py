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
from plone import api
from plone.testing.zope import Browser
from tests.dossiers.conftest import create_officials
from tests.dossiers.conftest import fire
from tests.dossiers.conftest import make_dossier
from tests.dossiers.conftest import make_procedure
from tests.dossiers.conftest import PASSWORD

import pytest
import re
import transaction


def local_today() -> date:
    return datetime.now(deadlines.TZ).date()


def due_on(day: date) -> datetime:
    """A due datetime as the workflow stores it: 17:00 local, in UTC."""
    return deadlines.due_datetime(day, deadlines.WorkCalendar()).astimezone(
        deadlines.TZ
    )


def set_due(dossier, day: date) -> None:
    dossier.due_date = due_on(day).astimezone(UTC)
    dossier.reindexObject()


# fmt: off
# name: (procedure, applicant, phone, CCCD, channel, priority, path)
DOSSIERS = {
    "i1": ("A", "Trần Thị Bình", "0912 000 001", "001090000001", "online", False, []),
    "i2": ("A", "Lê Văn Cường", "0912 000 002", "001090000002", "direct", True, []),
    "p1": ("A", "Phạm Thị Dung", "0912 000 003", "001090000003", "online", False, ["accept"]),
    "p2": ("A", "Hoàng Văn Em", "0912 000 004", "001090000004", "direct", True, ["accept"]),
    "p3": ("B", "Vũ Thị Giang", "0987 654 321", "001090000005", "postal", False, ["accept"]),
    "s1": ("A", "Đỗ Văn Hải", "0912 000 006", "001090000006", "online", False, ["accept", "request_supplement"]),
    "a1": ("A", "Bùi Thị Khánh", "0912 000 007", "001090000007", "online", False, ["accept", "submit_for_approval"]),
    "r1": ("A", "Ngô Văn Long", "0912 000 008", "001090000008", "online", False, ["accept", "submit_for_approval", "approve"]),
    "ret": ("A", "Đinh Thị Mai", "0912 000 009", "001090000009", "online", False, ["accept", "submit_for_approval", "approve", "deliver"]),
    "rej": ("A", "Lý Văn Nam", "0912 000 010", "001090000010", "online", False, ["refuse"]),
}
# fmt: on
ACTORS = {
    "accept": ("motcua", ""),
    "refuse": ("motcua", "Không thuộc thẩm quyền"),
    "request_supplement": (None, "Bổ sung bản sao giấy khai sinh"),
    "submit_for_approval": (None, ""),
    "approve": ("lanhdao", ""),
    "deliver": ("motcua", ""),
}
PROCESSOR = {"A": "chuyenvien", "B": "chuyenvien2"}


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
        path,
    ) in DOSSIERS.items():
        dossier = make_dossier(
            portal,
            procedures[proc],
            applicant_name=applicant,
            applicant_phone=phone,
            applicant_id_number=cccd,
            channel=channel,
            priority=priority,
        )
        for transition in path:
            actor, comment = ACTORS[transition]
            fire(dossier, transition, actor or PROCESSOR[proc], comment)
        dossiers[name] = dossier
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


def browser_for(app, user: str | None) -> Browser:
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    if user:
        browser.addHeader("Authorization", f"Basic {user}:{PASSWORD}")
    return browser


def codes_in(html: str) -> list[str]:
    """Dossier codes of the main table, in order."""
    table = html.split('class="table table-sm align-middle dossier-table"', 1)
    if len(table) < 2:
        return []
    return re.findall(r'class="dossier-code"[^>]*>([^<]+)</a>', table[1])


def count_in(html: str) -> int:
    match = re.search(r'dossier-count"[^>]*>.*?<strong>(\d+)</strong>', html, re.S)
    return int(match.group(1))


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
