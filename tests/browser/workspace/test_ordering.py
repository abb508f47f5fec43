"""The dashboard's order, computed from the indexes, against a plain sort."""

from datetime import timedelta
from luanthanh.policy.dossiers import queries as workspace
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import local_today
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import set_due
from plone import api
from unittest import mock

import pytest
import random


@pytest.fixture
def many(portal):
    create_officials()
    procedure = make_procedure(portal)
    rng = random.Random(42)
    today = local_today()
    made = []
    for i in range(40):
        dossier = make_dossier(portal, procedure, priority=rng.random() < 0.3)
        if i % 5:  # every fifth one without a due date (not received yet)
            set_due(dossier, today + timedelta(days=rng.randint(-10, 10)))
        made.append(dossier)
    # The officials' view: the approver sees dossiers in every state.
    with api.env.adopt_user(username="lanhdao"):
        yield made


def _expected(dossiers) -> list[str]:
    catalog = dossier_catalog()
    rids = {
        b.dossier_code: b.getRID()
        for b in catalog.unrestrictedSearchResults(portal_type="Dossier")
    }

    def key(d):
        # Equal due dates (DateIndex keeps minutes): by record id.
        return (not d.priority, d.due_date is None, d.due_date or 0, rids[d.code])

    return [d.code for d in sorted(dossiers, key=key)]


def _codes(ordered) -> list[str]:
    catalog = dossier_catalog()
    return [
        catalog.getMetadataForRID(ordered.rid_at(i))["dossier_code"]
        for i in range(len(ordered))
    ]


@pytest.mark.parametrize(
    ("threshold", "ratio"),
    [(workspace.WALK_THRESHOLD, 64), (0, 10**6), (0, 0)],
    ids=["sorted", "walk-merge", "walk-lookup"],
)
def test_order_matches_a_plain_sort(many, threshold, ratio):
    """Sorted in Python, or by walking the due dates, with each date's ids
    merged with the group or looked up in it: the same order."""
    with (
        mock.patch.object(workspace, "WALK_THRESHOLD", threshold),
        mock.patch.object(workspace, "LOOKUP_RATIO", ratio),
    ):
        finder = workspace.DossierCatalog()
        ordered = finder.ordered(finder.rids())
        assert len(ordered) == len(many)
        assert ordered.priority_count == sum(1 for d in many if d.priority)
        assert _codes(ordered) == _expected(many)


@pytest.mark.parametrize("threshold", [workspace.WALK_THRESHOLD, 0])
def test_first_page_without_walking_everything(many, threshold):
    with mock.patch.object(workspace, "WALK_THRESHOLD", threshold):
        finder = workspace.DossierCatalog()
        ordered = finder.ordered(finder.rids())
        first = [ordered.rid_at(i) for i in range(5)]
        if threshold == 0:
            assert len(ordered._order) < len(many)
        catalog = dossier_catalog()
        codes = [catalog.getMetadataForRID(r)["dossier_code"] for r in first]
        assert codes == _expected(many)[:5]


def test_result_rids_of_a_text_search(many):
    catalog = dossier_catalog().searchResults  # calling the tool needs the permission
    results = catalog(portal_type="Dossier", SearchableText="Nguyễn")
    assert len(results) == len(many)
    assert set(workspace.result_rids(results)) == {b.getRID() for b in results}
    results = catalog(portal_type="Dossier", review_state="intake")
    assert set(workspace.result_rids(results)) == {b.getRID() for b in results}
    assert list(workspace.result_rids(catalog(portal_type="Nothing"))) == []


def test_out_of_range(many):
    finder = workspace.DossierCatalog()
    ordered = finder.ordered(finder.rids())
    with pytest.raises(IndexError):
        ordered.rid_at(len(many))
    assert ordered.rid_at(-1) == ordered.rid_at(len(many) - 1)


@pytest.mark.parametrize(
    "q,expected",
    [
        ("0912 345 678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("038090001234", "038090001234"),
    ],
)
def test_search_words(q, expected):
    assert workspace.search_words(q) == expected


def test_due_ranges_count_working_days():
    from datetime import date
    from luanthanh.policy.deadlines import WorkCalendar

    # Thursday 5/3/2026: "soon" runs to Monday 9/3 (Friday, then Monday).
    ranges = workspace.due_ranges(date(2026, 3, 5), WorkCalendar())
    start, end = ranges["soon"]["query"]
    assert start.date() == date(2026, 3, 6)
    assert end.date() == date(2026, 3, 9)
    assert ranges["overdue"]["query"].date() == date(2026, 3, 4)
    assert ranges["today"]["query"][0].date() == date(2026, 3, 5)
