"""How the access logs are stored: trimmed by age and never by count, both
entry formats read, no conflict between concurrent officials."""

from luanthanh.policy.security import audit
from luanthanh.policy.security import bulk
from plone import api

import pytest
import threading
import transaction
import ZODB
import ZODB.FileStorage


YEAR = 365 * audit.DAY
FIVE_YEARS = audit.DEFAULT_RETENTION_DAYS * audit.DAY
T0 = 1_700_000_000


def test_six_thousand_views_leave_the_first_entry(dossier):
    """An official cannot flush other people's entries by viewing a dossier
    a few thousand times: there is no count cap (main dropped the oldest past
    5,000)."""
    audit.record(dossier, "lanhdao", audit.VIEW, "view")
    first = audit.access_log(dossier).items(1)[0]
    for _i in range(6000):
        audit.record(dossier, "motcua", audit.VIEW, "view")
    log = audit.access_log(dossier)
    assert len(log) == len(log.entries) == 6001
    oldest = audit.as_dict(log.entries.minKey(), log.entries[log.entries.minKey()])
    assert oldest == first
    assert oldest["userid"] == "lanhdao"


def test_entries_go_by_age():
    log = audit.AccessLog()
    log.add("old", "view", "view", "", now=T0, retention=FIVE_YEARS)
    log.add("kept", "view", "view", "", now=T0 + 2 * YEAR, retention=FIVE_YEARS)
    # Past the retention but within the slack: no trim yet (not per request).
    just_past = T0 + FIVE_YEARS + audit.DAY
    log.add("u", "view", "view", "", now=just_past, retention=FIVE_YEARS)
    assert len(log) == 3
    # Past the retention and the slack: the old entry goes, the others stay.
    later = T0 + FIVE_YEARS + audit.TRIM_SLACK + audit.DAY
    log.add("u", "view", "view", "", now=later, retention=FIVE_YEARS)
    assert len(log) == len(log.entries) == 3
    assert [e["userid"] for e in log.items()][-1] == "kept"
    # The next request finds nothing old enough: no trim, no write.
    log.add("u", "view", "view", "", now=later + 1, retention=FIVE_YEARS)
    assert len(log) == 4


def test_retention_setting_and_its_floor(portal):
    record = "luanthanh.policy.dossier.access_log_retention_days"
    assert api.portal.get_registry_record(record) == 1826
    assert audit.retention_seconds() == 1826 * audit.DAY
    api.portal.set_registry_record(record, 3650)
    assert audit.retention_seconds() == 3650 * audit.DAY
    # The registry field refuses less than a year; the log enforces it too.
    registry = portal.portal_registry
    registry.records[record].field.min = None
    registry.records[record].value = 1
    assert audit.retention_seconds() == audit.MIN_RETENTION_DAYS * audit.DAY


def test_bulk_log_goes_by_age_and_reads_newest_first():
    log = bulk.BulkReadLog()
    for i in range(200):
        log.add("motcua", "ban-lam-viec", i, (), "", now=T0 + i, retention=FIVE_YEARS)
    assert len(log) == 200
    newest = log.items(limit=3)
    assert [e["count"] for e in newest] == [199, 198, 197]
    assert [e["count"] for e in log.items(since=T0 + 195)] == [199, 198, 197, 196, 195]
    later = T0 + FIVE_YEARS + audit.TRIM_SLACK + 1000
    for shard in range(bulk.SHARDS):  # one add per shard trims it
        log.shards[shard][later * 1_000_000 + shard] = ("u", "x", 0, (), "")
        audit.trim_tree(log.shards[shard], later, FIVE_YEARS)
    assert len(log) == bulk.SHARDS


def test_query_values_are_hashed_unless_plain():
    log = bulk.BulkReadLog()
    query = bulk.clean_query(
        log,
        {
            "q": "0912345678",
            "review_state": ["processing", "intake"],
            "_authenticator": "x",
            "phone": "0912345678",
            "empty": "",
        },
    )
    pairs = dict(query)
    assert pairs["review_state"] == "intake,processing"
    assert pairs["q"] == pairs["phone"] == log.digest("0912345678")
    assert "0912345678" not in repr(query)
    assert "_authenticator" not in pairs and "empty" not in pairs
    assert bulk.BulkReadLog().digest("0912345678") != log.digest("0912345678")


def _concurrently(db, name, write):
    """Two transactions write at once; the errors they got."""
    barrier = threading.Barrier(2)
    errors = []

    def run(userid, now):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            write(conn.root()[name], userid, now)
            barrier.wait()
            tm.commit()
        except Exception as error:  # pragma: no cover - the failure we test
            errors.append(error)
        finally:
            conn.close()

    threads = [
        threading.Thread(target=run, args=("motcua", T0 + 2000.0)),
        threading.Thread(target=run, args=("lanhdao", T0 + 2000.5)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.fixture
def db(tmp_path):
    storage = ZODB.FileStorage.FileStorage(str(tmp_path / "Data.fs"))
    db = ZODB.DB(storage)
    yield db
    db.close()


def test_concurrent_views_do_not_conflict(db):
    """Two officials view the same dossier at once: both entries are kept
    (BTrees and Length resolve the conflict), nobody gets a ConflictError."""
    tm0 = transaction.TransactionManager()
    conn0 = db.open(transaction_manager=tm0)
    conn0.root()["log"] = audit.AccessLog()
    for i in range(10):
        conn0.root()["log"].add("seed", "view", "view", "", now=T0 + i)
    tm0.commit()
    conn0.close()

    def view(log, userid, now):
        log.add(userid, "view", "view", "", now=now, retention=FIVE_YEARS)

    assert _concurrently(db, "log", view) == []
    conn = db.open()
    log = conn.root()["log"]
    assert len(log) == 12
    assert {e["userid"] for e in log.items(2)} == {"motcua", "lanhdao"}
    conn.close()


def test_concurrent_bulk_reads_do_not_conflict(db, monkeypatch):
    """Two officials search at once, and (the worst case) both entries go to
    the same shard: BTrees merge them, nobody gets a ConflictError."""
    tm0 = transaction.TransactionManager()
    conn0 = db.open(transaction_manager=tm0)
    conn0.root()["bulk"] = bulk.BulkReadLog()
    for i in range(10):
        conn0.root()["bulk"].add("seed", "search", 1, (), "", now=T0 + i)
    tm0.commit()
    conn0.close()
    monkeypatch.setattr(bulk.random, "randrange", lambda n: 0)

    def search(log, userid, now):
        log.add(userid, "search", 3, (), "", now=now, retention=FIVE_YEARS)

    assert _concurrently(db, "bulk", search) == []
    conn = db.open()
    log = conn.root()["bulk"]
    assert len(log) == 12
    assert {e["userid"] for e in log.items(limit=2)} == {"motcua", "lanhdao"}
    conn.close()


def test_a_deleted_dossier_leaves_its_trace(portal, dossier):
    """A dossier's own log goes with it: its deletion is logged site-wide."""
    code = dossier.code
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(obj=dossier)
    entry = bulk.bulk_log(portal).items(limit=1)[0]
    assert (entry["what"], entry["count"]) == ("xoa-ho-so", 1)
    assert dict(entry["query"]) == {"dossier": code}
