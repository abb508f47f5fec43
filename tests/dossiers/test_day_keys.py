"""The local-day keys of the ``statistics_days`` index."""

from datetime import date
from datetime import datetime
from datetime import UTC
from luanthanh.policy.config import local_date
from luanthanh.policy.dossiers import catalog as dossier_catalog
from luanthanh.policy.dossiers.day_keys import day_key
from luanthanh.policy.dossiers.day_keys import day_keys
from luanthanh.policy.dossiers.day_keys import day_range
from luanthanh.policy.dossiers.day_keys import INDEX
from luanthanh.policy.dossiers.day_keys import KINDS
from luanthanh.policy.testing.builders import dated_dossier
from Products.CMFCore.indexing import processQueue
from types import SimpleNamespace


def test_key_is_kind_then_local_day():
    assert day_key(1, date(2025, 7, 1)) == 120250701
    # 18:30 UTC on 2 March is 3 March in Asia/Ho_Chi_Minh.
    moment = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)
    dossier = SimpleNamespace(received_at=moment, due_date=date(2026, 3, 9))
    assert day_keys(dossier) == [120260303, 520260309]


def test_ranges_follow_the_days_and_stay_within_their_kind():
    low, high = day_range(3, date(2025, 12, 31), date(2026, 1, 1))
    assert (low, high) == (320251231, 320260101)
    assert day_range(2, None, None) == (200000000, 300000000)
    assert day_range(2, None, date(2025, 1, 1))[0] == 200000000
    days = [day_key(2, date(2025, 1, d)) for d in range(1, 32)]
    assert days == sorted(days)


def test_a_dossier_is_indexed_under_its_days(portal, procedure):
    dossier = dated_dossier(
        portal,
        procedure,
        date(2025, 7, 5),
        outcome="approve",
        closed=date(2025, 7, 10),
        timeliness="on_time",
        returned=date(2025, 7, 11),
        due=date(2025, 7, 18),
    )
    processQueue()
    catalog = dossier_catalog.catalog()
    assert INDEX in catalog.indexes()
    rid = catalog.getrid("/".join(dossier.getPhysicalPath()))
    keys = set(catalog._catalog.getIndex(INDEX).getEntryForObject(rid))
    assert keys == {
        day_key(KINDS["received_at"], date(2025, 7, 5)),
        day_key(KINDS["closed_at"], date(2025, 7, 10)),
        day_key(KINDS["resolved_at"], date(2025, 7, 10)),
        day_key(KINDS["returned_at"], date(2025, 7, 11)),
        day_key(KINDS["due_date"], date(2025, 7, 18)),
        # A procedure without fee: exempt ("Không thu phí") when created.
        day_key(KINDS["fee_settled_at"], local_date(dossier.fee_settled_at)),
    }
    found = dossier_catalog.find_unrestricted(
        **{INDEX: day_key(KINDS["received_at"], date(2025, 7, 5))}
    )
    assert [b.getPath() for b in found] == ["/".join(dossier.getPhysicalPath())]
