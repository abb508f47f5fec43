"""The dossier code sequence under concurrency, on real storages.

Threads, each with its own ZODB connection and transaction manager, take
numbers at the same time, exactly as Zope's worker threads (or instances on
ZEO / RelStorage) do.  Every strategy must hand out every number once.
"""

from BTrees.OOBTree import OOBTree
from luanthanh.policy.dossiers import codes
from persistent import Persistent
from ZODB.DemoStorage import DemoStorage
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError
from zope.annotation.attribute import AttributeAnnotations
from zope.annotation.interfaces import IAttributeAnnotatable
from zope.component import getGlobalSiteManager
from zope.interface import implementer

import pytest
import threading
import transaction
import ZODB


THREADS = 8
PER_THREAD = 25
DAY = "251205"


@implementer(IAttributeAnnotatable)
class Box(Persistent):
    """Stands for the dossier folder: anything with attribute annotations."""


@pytest.fixture
def annotations():
    gsm = getGlobalSiteManager()
    gsm.registerAdapter(AttributeAnnotations)
    yield
    gsm.unregisterAdapter(AttributeAnnotations)


@pytest.fixture(params=["filestorage", "demostorage"])
def db(request, tmp_path, annotations):
    if request.param == "filestorage":
        storage = FileStorage(str(tmp_path / "Data.fs"))
    else:
        storage = DemoStorage()
    database = ZODB.DB(storage)
    with database.transaction() as conn:
        folder = conn.root()["folder"] = Box()
        codes._counters(folder)  # as after the site's first dossier
    yield database
    database.close()


def _run_threads(db, take_one):
    """THREADS threads each take PER_THREAD numbers; return them all."""
    taken, errors = [], []
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def worker(index):
        manager = transaction.TransactionManager()
        conn = db.open(transaction_manager=manager)
        try:
            barrier.wait()
            for _ in range(PER_THREAD):
                number, _retries = take_one(conn, manager, index)
                with lock:
                    taken.append(number)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            manager.abort()
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return taken


def _submission(strategy):
    """A 'submission': take a number and commit, retried on ConflictError
    the way Zope retries a request."""

    def take_one(conn, manager, index):
        retries = 0
        while True:
            manager.begin()
            folder = conn.root()["folder"]
            number = codes.take_number(folder, DAY, strategy)
            folder.last = number  # the submission writes something of its own
            try:
                manager.commit()
                return number, retries
            except ConflictError:
                manager.abort()
                retries += 1

    return take_one


@pytest.mark.parametrize("strategy", ["inline", "transaction"])
def test_every_number_once(db, strategy):
    taken = _run_threads(db, _submission(strategy))
    assert len(taken) == THREADS * PER_THREAD
    assert len(set(taken)) == len(taken), "a number was handed out twice"
    with db.transaction() as conn:
        assert codes.current_value(conn.root()["folder"], DAY) == max(taken)


def test_own_transaction_does_not_conflict_the_submission(db):
    """With the separate transaction the submissions write distinct objects:
    they never conflict on the counter, so none is retried."""
    retries = []

    def take_one(conn, manager, index):
        manager.begin()
        number = codes.take_number(conn.root()["folder"], DAY, "transaction")
        conn.root()[f"thread-{index}"][number] = Box()  # the submission's own
        try:
            manager.commit()
        except ConflictError:
            retries.append(number)
            manager.abort()
        return number, 0

    with db.transaction() as conn:
        for index in range(THREADS):
            conn.root()[f"thread-{index}"] = OOBTree()
    taken = _run_threads(db, take_one)
    assert retries == []
    assert sorted(taken) == list(range(1, THREADS * PER_THREAD + 1)), (
        "no gap and no duplicate when every submission commits"
    )


def test_aborted_submission_skips_but_never_repeats(db):
    """A number taken by a submission that fails is not reused."""
    manager = transaction.TransactionManager()
    conn = db.open(transaction_manager=manager)
    try:
        manager.begin()
        first = codes.take_number(conn.root()["folder"], DAY, "transaction")
        manager.abort()  # the submission failed
        manager.begin()
        second = codes.take_number(conn.root()["folder"], DAY, "transaction")
        manager.commit()
    finally:
        conn.close()
    assert (first, second) == (1, 2)


def test_first_number_of_a_new_folder_is_inline(db):
    """The counters are created by the first dossier, in its transaction."""
    manager = transaction.TransactionManager()
    conn = db.open(transaction_manager=manager)
    try:
        manager.begin()
        conn.root()["fresh"] = Box()
        manager.commit()
        folder = conn.root()["fresh"]
        assert codes.take_number(folder, DAY, "transaction") == 1
        manager.commit()
        assert codes.take_number(folder, DAY, "transaction") == 2
        manager.abort()  # taken in its own transaction: not rolled back
        assert codes.current_value(conn.root()["fresh"], DAY) == 2
    finally:
        conn.close()


def test_uncommitted_folder_falls_back_to_inline(db):
    manager = transaction.TransactionManager()
    conn = db.open(transaction_manager=manager)
    try:
        manager.begin()
        folder = conn.root()["new"] = Box()
        assert codes.take_number(folder, DAY, "transaction") == 1
        assert codes.take_number(folder, DAY, "transaction") == 2
        manager.commit()
        assert codes.current_value(conn.root()["new"], DAY) == 2
    finally:
        conn.close()


def test_strategy_from_environment(monkeypatch):
    monkeypatch.delenv(codes.STRATEGY_ENV, raising=False)
    assert codes.strategy() == "inline"
    monkeypatch.setenv(codes.STRATEGY_ENV, "Transaction")
    assert codes.strategy() == "transaction"
    monkeypatch.setenv(codes.STRATEGY_ENV, "redis")
    with pytest.raises(ValueError):
        codes.strategy()
