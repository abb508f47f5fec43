"""Hand-built dossiers with chosen dates, for the statistics tests.

Each dossier goes through the real workflow (accept, approve, deny, stop,
withdraw, deliver) and then gets the dates of a past period set directly,
as the historic import does, before it is reindexed.
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import UTC
from luanthanh.policy import statistics
from luanthanh.policy.deadlines import TZ
from plone import api
from tests.dossiers.conftest import create_officials
from tests.dossiers.conftest import fire
from tests.dossiers.conftest import make_dossier
from tests.dossiers.conftest import make_procedure

import pytest


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A local (Asia/Ho_Chi_Minh) time on ``day``, stored as UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=TZ).astimezone(UTC)


def build(
    portal,
    procedure,
    received: date | None,
    *,
    channel: str = "online",
    due: date | None = None,
    outcome: str | None = None,
    closed: date | None = None,
    timeliness: str | None = None,
    returned: date | None = None,
    rating: str | None = None,
    **data,
):
    """A dossier received on ``received`` and, if ``outcome`` is given,
    ``approve``d / ``deny``d / ``stop``ped / ``withdraw``n on ``closed``.

    ``received=None`` makes a dossier refused at intake.
    """
    dossier = make_dossier(portal, procedure, channel=channel, **data)
    if received is None:
        fire(dossier, "refuse", "motcua", comment="Thiếu giấy tờ")
        return dossier
    fire(dossier, "accept", "motcua")
    assignee = dossier.assigned_to
    if outcome in ("approve", "deny"):
        fire(dossier, "submit_for_approval", assignee)
        fire(dossier, outcome, "lanhdao", comment="Không đủ điều kiện")
        if returned is not None:
            fire(dossier, "deliver", "motcua")
    elif outcome == "stop":
        fire(dossier, "stop", assignee, comment="Dừng theo đề nghị")
    elif outcome == "withdraw":
        fire(dossier, "withdraw", "motcua")
    dossier.received_at = at(received, 8, 30)
    dossier.due_date = at(due or received, 17, 0)
    if outcome is not None:
        dossier.closed_at = at(closed, 16, 0)
        if outcome in ("approve", "deny"):
            dossier.resolved_at = dossier.closed_at
            dossier.timeliness = timeliness
        if returned is not None:
            dossier.returned_at = at(returned, 10, 0)
            dossier.rating = rating
    dossier.reindexObject()
    return dossier


@pytest.fixture
def officials(portal):
    create_officials()


@pytest.fixture
def marriage(portal, officials):
    """Tư pháp – Hộ tịch, 3 working days."""
    return make_procedure(portal)


@pytest.fixture
def business(portal, officials):
    """Kinh tế."""
    return make_procedure(
        portal,
        title="Đăng ký thành lập hộ kinh doanh",
        code="2.000720",
        field="kinh-te",
    )


@pytest.fixture(autouse=True)
def fresh_cache():
    statistics.clear_cache()
    yield
    statistics.clear_cache()


@pytest.fixture
def as_manager(portal):
    with api.env.adopt_roles(["Manager"]):
        yield


@pytest.fixture
def committed(functional_portal):
    """Officials, two procedures and a July 2025 of dossiers, committed."""
    import transaction

    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        marriage = make_procedure(portal)
        business = make_procedure(
            portal,
            title="=Đăng ký hộ kinh doanh",  # a title a spreadsheet would run
            code="2.000720",
            field="kinh-te",
        )
    made = [
        build(portal, marriage, date(2025, 6, 25), outcome="approve",
              closed=date(2025, 7, 3), timeliness="early"),
        build(portal, marriage, date(2025, 7, 5), channel="direct",
              outcome="approve", closed=date(2025, 7, 10), timeliness="on_time",
              returned=date(2025, 7, 11), rating="satisfied"),
        build(portal, marriage, date(2025, 7, 6), due=date(2025, 7, 9)),
        build(portal, business, date(2025, 7, 7), channel="postal",
              outcome="stop", closed=date(2025, 7, 20)),
        build(portal, business, None),
    ]  # fmt: skip
    transaction.commit()
    return made
