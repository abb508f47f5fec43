"""The ``postgresql`` dossier code strategy against a real PostgreSQL.

The server is Debian's PostgreSQL, installed when missing (as root, with
``apt-get``), initialised and started on loopback on a free port in a
temporary directory by ``scripts/postgres.py``, the same functions the proofs
use, and stopped after the module.  The test is skipped only when PostgreSQL
is missing and cannot be installed (not root); CI runs as root and so always
runs it.
"""

from luanthanh.policy.content.codes import DailyCounter
from luanthanh.policy.dossiers import codes
from luanthanh.policy.testing.processes import free_port
from pathlib import Path
from persistent import Persistent
from scripts import postgres
from ZODB.DemoStorage import DemoStorage
from zope.annotation.attribute import AttributeAnnotations
from zope.annotation.interfaces import IAttributeAnnotatable
from zope.component import getGlobalSiteManager
from zope.interface import implementer

import glob
import os
import psycopg2
import pytest
import shutil
import tempfile
import threading
import ZODB


pytestmark = pytest.mark.slow

THREADS = 8
PER_THREAD = 25


@implementer(IAttributeAnnotatable)
class Box(Persistent):
    """Stands for the dossier folder: anything with attribute annotations."""


@pytest.fixture(scope="module")
def dsn():
    """A PostgreSQL of its own: installed if needed, started, stopped after."""
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb") and os.geteuid() != 0:
        pytest.skip(
            "PostgreSQL is not installed and cannot be installed without root"
            " (apt-get install postgresql, or run as root as CI does)"
        )
    # As root the server runs as another user, who must reach the directory:
    # not below pytest's private (0700) temporary folder.
    base = tempfile.mkdtemp(prefix="luanthanh-pg-test-")
    os.chmod(base, 0o755)
    data = Path(base) / "postgresql"
    try:
        yield postgres.start(data, free_port(), "luanthanh_codes")
    finally:
        postgres.stop(data)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def folder():
    """A folder whose ZODB counter of 5 December 2025 stands at 5."""
    gsm = getGlobalSiteManager()
    gsm.registerAdapter(AttributeAnnotations)
    database = ZODB.DB(DemoStorage())
    with database.transaction() as conn:
        box = conn.root()["folder"] = Box()
        counter = codes._counters(box)["251205"] = DailyCounter()
        counter.value = 5
    conn = database.open()
    yield conn.root()["folder"]
    conn.close()
    database.close()
    gsm.unregisterAdapter(AttributeAnnotations)


def test_the_sequence_starts_above_the_zodb_counter(dsn, folder):
    """First use of a day creates its sequence above that day's ZODB counter
    (switching strategy mid-day gives no duplicate); then it counts on."""
    taken = [codes.take_from_postgresql(folder, "251205", dsn) for _ in range(3)]
    assert taken == [6, 7, 8]
    # Another day: its own sequence, from 1 (no ZODB counter that day).
    assert codes.take_from_postgresql(folder, "251206", dsn) == 1
    with psycopg2.connect(dsn) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences"
            " WHERE sequencename LIKE 'luanthanh_code_%' ORDER BY 1"
        )
        assert cursor.fetchall() == [
            ("luanthanh_code_251205", 8),
            ("luanthanh_code_251206", 1),
        ]


def test_the_strategy_reads_relstorage_dsn(dsn, folder, monkeypatch):
    """``DOSSIER_CODE_SEQUENCE=postgresql`` takes ``nextval`` through
    ``RELSTORAGE_DSN``; ``next_code`` makes the code of it."""
    monkeypatch.setenv(codes.STRATEGY_ENV, "postgresql")
    monkeypatch.setenv("RELSTORAGE_DSN", dsn)
    assert codes.strategy() == "postgresql"
    assert codes.take_number(folder, "251207") == 1
    assert codes.take_number(folder, "251207") == 2
    # The ZODB counter is not touched.
    assert codes.current_value(folder, "251207") == 0


def test_every_number_once_under_concurrency(dsn, folder):
    """Threads (each with its own connection) take numbers at the same time."""
    taken, errors = [], []
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)
    # The threads share one ZODB connection, for reading only: load it now.
    assert codes.current_value(folder, "251208") == 0

    def worker():
        try:
            barrier.wait()
            for _ in range(PER_THREAD):
                number = codes.take_from_postgresql(folder, "251208", dsn)
                with lock:
                    taken.append(number)
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(taken) == list(range(1, THREADS * PER_THREAD + 1))


def test_a_dropped_connection_is_reopened(dsn, folder):
    """A server that drops the connection (a restart): the next number comes
    on a new connection, and the sequence goes on."""
    assert codes.take_from_postgresql(folder, "251209", dsn) == 1
    with psycopg2.connect(dsn) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    assert codes.take_from_postgresql(folder, "251209", dsn) == 2
