"""Every figure of issue #6 on hand-built dossiers, against the definitions."""

from datetime import date
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.statistics import KEYS
from luanthanh.policy.statistics import PAYMENT_KEYS
from luanthanh.policy.statistics import StatisticsError
from luanthanh.policy.testing.builders import dated_dossier
from tests.statistics.reference import naive_statistics

import pytest


JULY = (date(2025, 7, 1), date(2025, 7, 31))
AUGUST = (date(2025, 8, 1), date(2025, 8, 31))


d = date

# fmt: off
SCENARIO = {
    # key: (procedure, received, options of ``dated_dossier``)
    # Closed before July: never counted in July.
    "A": ("marriage", d(2025, 6, 20), {"outcome": "approve", "closed": d(2025, 6, 25), "timeliness": "early"}),
    # Carried over into July, resolved early in July.
    "B": ("marriage", d(2025, 6, 25), {"outcome": "approve", "closed": d(2025, 7, 3), "timeliness": "early"}),
    # Carried over, still pending, due before the end of July.
    "C": ("marriage", d(2025, 6, 28), {"due": d(2025, 7, 2)}),
    # Received at the counter, resolved on time, returned and rated.
    "D": ("marriage", d(2025, 7, 5), {"channel": "direct", "outcome": "approve", "closed": d(2025, 7, 10), "timeliness": "on_time", "returned": d(2025, 7, 11), "rating": "very_satisfied"}),
    "E": ("marriage", d(2025, 7, 6), {"outcome": "withdraw", "closed": d(2025, 7, 8)}),
    "F": ("marriage", d(2025, 7, 7), {"channel": "postal", "outcome": "stop", "closed": d(2025, 7, 20)}),
    "G": ("marriage", d(2025, 7, 30), {"due": d(2025, 8, 4)}),
    "H": ("marriage", d(2025, 7, 31), {"due": d(2025, 7, 31)}),
    "I": ("marriage", d(2025, 8, 1), {"due": d(2025, 8, 6)}),
    "J": ("marriage", None, {}),  # refused at intake
    # Received in July, denied (late) only in August: pending in July.
    "K": ("marriage", d(2025, 7, 10), {"due": d(2025, 7, 15), "outcome": "deny", "closed": d(2025, 8, 2), "timeliness": "late"}),
    "L": ("business", d(2025, 7, 2), {"due": d(2025, 7, 7), "outcome": "deny", "closed": d(2025, 7, 25), "timeliness": "late"}),
    "M": ("business", d(2025, 5, 1), {"outcome": "stop", "closed": d(2025, 6, 30)}),
    "N": ("business", d(2025, 6, 30), {"channel": "direct", "outcome": "withdraw", "closed": d(2025, 7, 1)}),
}
# fmt: on


@pytest.fixture
def scenario(portal, marriage, business):
    procedures = {"marriage": marriage, "business": business}
    return {
        key: dated_dossier(portal, procedures[procedure], received, **options)
        for key, (procedure, received, options) in SCENARIO.items()
    }


def figures(**values):
    result = dict.fromkeys(KEYS, 0)
    result["satisfaction"] = {
        "very_satisfied": 0,
        "satisfied": 0,
        "neutral": 0,
        "dissatisfied": 0,
        "very_dissatisfied": 0,
    }
    result["online_rate"] = result["on_time_rate"] = None
    # The procedures have no fee: nothing collected nor waived.
    result.update(dict.fromkeys(PAYMENT_KEYS, 0), non_cash_rate=None)
    result.update(values)
    return result


def test_every_key_in_july(scenario):
    stats = compute_statistics(*JULY)
    assert stats["start"] == "2025-07-01"
    assert stats["end"] == "2025-07-31"
    assert list(stats["total"]) == [*KEYS, *PAYMENT_KEYS]
    assert stats["total"] == figures(
        carried_over=3,
        received=7,
        received_online=5,
        received_direct=1,
        received_postal=1,
        resolved=3,
        resolved_early=1,
        resolved_on_time=1,
        resolved_late=1,
        withdrawn=2,
        stopped=1,
        pending=4,
        pending_within_deadline=2,
        pending_overdue=2,
        online_rate=0.7143,
        on_time_rate=0.6667,
        satisfaction={
            "very_satisfied": 1,
            "satisfied": 0,
            "neutral": 0,
            "dissatisfied": 0,
            "very_dissatisfied": 0,
        },
    )


def test_by_field_and_by_procedure(scenario):
    stats = compute_statistics(*JULY)
    fields = {row["field"]: row for row in stats["by_field"]}
    assert [row["field"] for row in stats["by_field"]] == [
        "kinh-te",
        "van-hoa-xa-hoi",
        "tu-phap-ho-tich",
    ]
    assert fields["tu-phap-ho-tich"]["title"] == "Tư pháp – Hộ tịch"
    justice = fields["tu-phap-ho-tich"]
    assert (justice["carried_over"], justice["received"]) == (2, 6)
    assert (justice["received_online"], justice["resolved"]) == (4, 2)
    assert (justice["withdrawn"], justice["stopped"]) == (1, 1)
    assert (justice["pending_within_deadline"], justice["pending_overdue"]) == (2, 2)
    economy = fields["kinh-te"]
    assert (economy["carried_over"], economy["received"]) == (1, 1)
    assert (economy["resolved_late"], economy["withdrawn"]) == (1, 1)
    assert economy["on_time_rate"] == 0.0
    assert economy["pending"] == 0
    assert fields["van-hoa-xa-hoi"] == {
        "field": "van-hoa-xa-hoi",
        "title": "Văn hóa – Xã hội",
        **figures(),
    }
    codes = {row["code"]: row for row in stats["by_procedure"]}
    assert codes["1.004873"]["title"] == "Cấp Giấy xác nhận tình trạng hôn nhân"
    for key in KEYS[:14]:
        assert codes["1.004873"][key] == justice[key]
        assert codes["2.000720"][key] == economy[key]
        assert stats["total"][key] == justice[key] + economy[key]


def test_carried_over_across_the_boundary(scenario):
    stats = compute_statistics(*AUGUST)
    total = stats["total"]
    # C, G, H pending since July; K closed only on 2 August.
    assert total["carried_over"] == 4
    assert total["received"] == 1
    assert total["resolved"] == total["resolved_late"] == 1
    assert total["pending"] == 4
    # A single day: the last day of July.
    day = compute_statistics(date(2025, 7, 31), date(2025, 7, 31))["total"]
    assert day["received"] == 1  # H
    assert day["carried_over"] == 3  # C, G, K


def test_withdrawn_and_stopped_before_the_period_are_not_carried(scenario):
    total = compute_statistics(date(2025, 6, 1), date(2025, 6, 30))["total"]
    # June: A, B, C, M, N received (A, M before or in June); M stopped 30/6.
    assert total["stopped"] == 1
    assert total["carried_over"] == 1  # M, received in May
    july = compute_statistics(*JULY)["total"]
    assert july["stopped"] == 1  # F only, not M


def test_filters(scenario):
    justice = compute_statistics(*JULY, field="tu-phap-ho-tich")
    assert justice["total"]["received"] == 6
    assert [row["field"] for row in justice["by_field"]] == ["tu-phap-ho-tich"]
    assert [row["code"] for row in justice["by_procedure"]] == ["1.004873"]
    economy = compute_statistics(*JULY, procedure="2.000720")
    assert economy["total"]["carried_over"] == 1
    assert economy["total"]["resolved_late"] == 1
    assert [row["code"] for row in economy["by_procedure"]] == ["2.000720"]
    assert [row["field"] for row in economy["by_field"]] == ["kinh-te"]
    both = compute_statistics(*JULY, field="tu-phap-ho-tich", procedure="2.000720")
    assert both["total"]["received"] == 0


@pytest.mark.parametrize(
    "period",
    [
        JULY,
        AUGUST,
        (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2025, 7, 10), date(2025, 7, 10)),
        (date(2025, 6, 30), date(2025, 7, 1)),
    ],
)
def test_same_as_the_naive_reference(scenario, period):
    assert compute_statistics(*period) == naive_statistics(*period)
    assert compute_statistics(*period, field="kinh-te") == naive_statistics(
        *period, field="kinh-te"
    )


def test_live_transitions_set_closed_at(portal, marriage):
    from luanthanh.policy.testing.builders import fire
    from luanthanh.policy.testing.builders import make_dossier

    dossier = make_dossier(portal, marriage)
    fire(dossier, "accept", "motcua")
    assert dossier.closed_at is None
    fire(dossier, "stop", dossier.assigned_to, comment="Dừng")
    assert dossier.closed_at is not None
    assert dossier.history[-1]["time"] == dossier.closed_at
    from luanthanh.policy.deadlines import local_date

    today = local_date(dossier.closed_at)
    total = compute_statistics(today, today)["total"]
    assert total["stopped"] == 1


@pytest.mark.parametrize(
    "start,end,field,procedure,kind",
    [
        ("2025-13-01", "2025-12-31", None, None, "InvalidDate"),
        ("hôm nay", "2025-12-31", None, None, "InvalidDate"),
        ("", "2025-12-31", None, None, "MissingDate"),
        ("2025-07-31", "2025-07-01", None, None, "InvalidPeriod"),
        ("2025-07-01", "2025-07-31", "khong-co", None, "UnknownField"),
        ("2025-07-01", "2025-07-31", None, "9.999999", "UnknownProcedure"),
    ],
)
def test_bad_queries(portal, marriage, start, end, field, procedure, kind):
    with pytest.raises(StatisticsError) as raised:
        compute_statistics(start, end, field=field, procedure=procedure)
    assert raised.value.type == kind
