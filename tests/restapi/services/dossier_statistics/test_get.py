"""GET @dossier-statistics over HTTP: the JSON, the 400s and who may ask."""

from luanthanh.policy.statistics import KEYS
from luanthanh.policy.statistics import PAYMENT_KEYS
from luanthanh.policy.testing.builders import PASSWORD

import pytest


JULY = "/@dossier-statistics?start=2025-07-01&end=2025-07-31"


def test_officials_get_the_figures(request_factory, committed):
    for user in ("motcua", "chuyenvien", "lanhdao", "quantri"):
        session = request_factory(basic_auth=(user, PASSWORD))
        session.headers["Accept"] = "application/json"
        response = session.get(JULY)
        assert response.status_code == 200, (user, response.text)
        data = response.json()
        assert set(data) == {
            "start",
            "end",
            "total",
            "by_field",
            "by_national_field",
            "by_procedure",
        }
        assert set(data["total"]) == {*KEYS, *PAYMENT_KEYS}
        total = data["total"]
        assert (total["carried_over"], total["received"]) == (1, 3)
        assert (total["received_direct"], total["received_postal"]) == (1, 1)
        assert (total["resolved_early"], total["resolved_on_time"]) == (1, 1)
        assert (total["stopped"], total["pending_overdue"]) == (1, 1)
        assert total["satisfaction"]["satisfied"] == 1
        assert {f["field"] for f in data["by_field"]} >= {"kinh-te", "tu-phap-ho-tich"}
        codes = [p["code"] for p in data["by_procedure"]]
        assert codes == ["2.000720", "1.004873"]
        national = data["by_national_field"]
        assert national[0] == national[0] | {"national_field": "ho-tich"}
        assert sum(n["received"] for n in national) == total["received"]


def test_filters_over_http(manager_request, committed):
    manager_request.headers["Accept"] = "application/json"
    data = manager_request.get(JULY + "&field=kinh-te").json()
    assert data["total"]["received"] == 1
    data = manager_request.get(JULY + "&procedure=1.004873").json()
    assert data["total"]["received"] == 2


@pytest.mark.parametrize(
    "query,kind",
    [
        ("start=2025-07-01&end=31/07/2025", "InvalidDate"),
        ("end=2025-07-31", "MissingDate"),
        ("start=2025-08-01&end=2025-07-31", "InvalidPeriod"),
        ("start=2025-07-01&end=2025-07-31&field=khong-co", "UnknownField"),
        ("start=2025-07-01&end=2025-07-31&procedure=0.000", "UnknownProcedure"),
        ("start=1900-01-01&end=3999-12-31", "PeriodTooLong"),
    ],
)
def test_bad_requests(manager_request, committed, query, kind):
    manager_request.headers["Accept"] = "application/json"
    response = manager_request.get(f"/@dossier-statistics?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == kind
    assert error["message"]
    assert error["message"] != kind


def test_period_too_long(manager_request, committed):
    """Finding 10 of issue #14: more than ten years is a 400 in Vietnamese."""
    manager_request.headers["Accept"] = "application/json"
    ok = manager_request.get("/@dossier-statistics?start=2016-01-01&end=2025-12-31")
    assert ok.status_code == 200  # positive control: exactly ten years
    response = manager_request.get(
        "/@dossier-statistics?start=2016-01-01&end=2026-01-01"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "PeriodTooLong"
    assert error["max_years"] == 10
    assert "dài quá 10 năm" in error["message"]


@pytest.mark.parametrize("user", [None, "congdan", "bientap"])
def test_others_are_refused(request_factory, committed, user):
    session = (
        request_factory(basic_auth=(user, PASSWORD)) if user else (request_factory())
    )
    session.headers["Accept"] = "application/json"
    response = session.get(JULY)
    assert response.status_code in (401, 403)
    assert "carried_over" not in response.text
