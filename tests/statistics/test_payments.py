"""The figures of fees (issue #18) on a hand-checked small dataset.

July 2025, two procedures with a fee:

* tư pháp (15.000 đ): A paid by VietQR on 3 July; C exempted on 6 July
  (15.000 waived); D reduced to 7.500 (7.500 waived) and paid by card on
  7 July; F paid by VietQR on 28 June (outside July);
* kinh tế (8.000 đ): B paid in cash on 5 July; E approved on 20 July, its
  result waiting at the desk, unpaid; G paid in cash on 8 July, refunded on
  9 July.

So July: collected 15.000 + 8.000 + 7.500 = 30.500 đ, of which not cash
15.000 + 7.500 = 22.500 (rate 22.500 / 30.500 = 0,7377), waived
15.000 + 7.500 = 22.500, one dossier unpaid.
"""

from datetime import date
from datetime import datetime
from luanthanh.policy import api as lt_api
from luanthanh.policy.config import local_date
from luanthanh.policy.config import TZ
from luanthanh.policy.statistics import clear_cache
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.statistics import PAYMENT_KEYS
from luanthanh.policy.statistics import payments
from luanthanh.policy.testing.builders import dated_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone import api
from Products.CMFCore.indexing import processQueue
from tests.statistics.reference import naive_statistics

import pytest


JULY = (date(2025, 7, 1), date(2025, 7, 31))
d = date


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def settle(dossier, day: date) -> None:
    """Move the settlement (and payment) to ``day``, as the historic import does."""
    if dossier.paid_at is not None:
        dossier.paid_at = at(day)
    dossier.fee_settled_at = at(day)
    dossier.reindexObject()


def paid(dossier, method: str, day: date) -> None:
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.record(dossier, method)
    settle(dossier, day)


@pytest.fixture
def justice(portal, officials):
    return make_procedure(portal, fee=15000)


@pytest.fixture
def economy(portal, officials):
    return make_procedure(
        portal,
        title="Đăng ký thành lập hộ kinh doanh",
        code="2.000720",
        field="kinh-te",
        fee=8000,
    )


@pytest.fixture
def dataset(portal, justice, economy):
    built = {}
    built["A"] = dated_dossier(portal, justice, d(2025, 7, 2))
    paid(built["A"], "vietqr", d(2025, 7, 3))
    built["B"] = dated_dossier(portal, economy, d(2025, 7, 4), channel="direct")
    paid(built["B"], "cash", d(2025, 7, 5))
    built["C"] = dated_dossier(portal, justice, d(2025, 7, 5))
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.exempt(built["C"], "nguoi-co-cong")
    settle(built["C"], d(2025, 7, 6))
    built["D"] = dated_dossier(portal, justice, d(2025, 7, 6))
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.correct(built["D"], 7500, "nop-truc-tuyen", "Giảm 50%")
    paid(built["D"], "card", d(2025, 7, 7))
    built["E"] = dated_dossier(
        portal,
        economy,
        d(2025, 7, 10),
        outcome="approve",
        closed=d(2025, 7, 20),
        timeliness="on_time",
    )
    built["F"] = dated_dossier(portal, justice, d(2025, 6, 27))
    paid(built["F"], "vietqr", d(2025, 6, 28))
    built["G"] = dated_dossier(portal, economy, d(2025, 7, 7))
    paid(built["G"], "cash", d(2025, 7, 8))
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.refund(built["G"], "Người nộp hồ sơ rút hồ sơ")
    settle(built["G"], d(2025, 7, 9))
    processQueue()
    assert api.content.get_state(built["E"]) == "result"
    assert built["E"].fee_status == "unpaid"
    return built


def fees(row: dict) -> dict:
    return {key: row[key] for key in PAYMENT_KEYS}


JUSTICE = {
    "fees_collected": 22500,
    "fees_collected_non_cash": 22500,
    "non_cash_rate": 1.0,
    "fees_exempted": 22500,
    "dossiers_unpaid": 0,
}
ECONOMY = {
    "fees_collected": 8000,
    "fees_collected_non_cash": 0,
    "non_cash_rate": 0.0,
    "fees_exempted": 0,
    "dossiers_unpaid": 1,
}


@pytest.mark.parametrize("few", [0, 100])
def test_july_in_total_by_field_and_by_procedure(dataset, justice, monkeypatch, few):
    """``few=0``: labels per procedure; ``few=100``: intersections."""
    monkeypatch.setattr(payments, "_FEW_VALUES", few)
    stats = compute_statistics(*JULY)
    assert fees(stats["total"]) == {
        "fees_collected": 30500,
        "fees_collected_non_cash": 22500,
        "non_cash_rate": 0.7377,
        "fees_exempted": 22500,
        "dossiers_unpaid": 1,
    }
    by_field = {row["field"]: fees(row) for row in stats["by_field"]}
    assert by_field[justice.field] == JUSTICE
    assert by_field["kinh-te"] == ECONOMY
    by_code = {row["code"]: fees(row) for row in stats["by_procedure"]}
    assert by_code == {justice.code: JUSTICE, "2.000720": ECONOMY}
    national = [fees(row) for row in stats["by_national_field"]]
    assert sum(row["fees_collected"] for row in national) == 30500
    assert stats == naive_statistics(*JULY)


def test_filters_narrow_the_fees(dataset, justice):
    assert fees(compute_statistics(*JULY, field="kinh-te")["total"]) == ECONOMY
    only = compute_statistics(*JULY, procedure=justice.code)
    assert fees(only["total"]) == JUSTICE


def test_other_periods(dataset):
    june = compute_statistics(date(2025, 6, 1), date(2025, 6, 30))["total"]
    # F paid in June; E's result was not ready by the end of June.
    assert fees(june) == {
        "fees_collected": 15000,
        "fees_collected_non_cash": 15000,
        "non_cash_rate": 1.0,
        "fees_exempted": 0,
        "dossiers_unpaid": 0,
    }
    clear_cache()
    august = compute_statistics(date(2025, 8, 1), date(2025, 8, 31))["total"]
    assert august["fees_collected"] == 0
    assert august["non_cash_rate"] is None
    # Still waiting now: it counts for any period ending after its result.
    assert august["dossiers_unpaid"] == 1


def test_a_payment_change_reindexes_the_figures(dataset):
    """``api.payment`` reindexes only ``api.payment.INDEXES``: enough."""
    before = compute_statistics(*JULY)["total"]
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.refund(dataset["A"], "Hồ sơ bị từ chối")
    processQueue()
    clear_cache()
    after = compute_statistics(*JULY)["total"]
    assert after["fees_collected"] == before["fees_collected"] - 15000
    assert after["fees_collected_non_cash"] == 7500
    # Settled again today (the refund): nothing collected today.
    today = local_date(dataset["A"].fee_settled_at)
    assert compute_statistics(today, today)["total"]["fees_collected"] == 0
    assert compute_statistics(today, today) == naive_statistics(today, today)
