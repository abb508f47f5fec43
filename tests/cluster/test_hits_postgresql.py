"""Throttle counts shared by the instances, in a real PostgreSQL.

The server is started on loopback on a free port in a temporary directory by
``scripts/postgres.py`` (as the proofs and the cluster do), and stopped after
the module; the application connects as its own role.  Skipped only when
PostgreSQL is missing and cannot be installed (not root).
"""

from luanthanh.policy.cluster.hits import KEEP
from luanthanh.policy.cluster.hits import PostgreSQLHitCounter
from luanthanh.policy.cluster.hits import TABLE
from luanthanh.policy.testing.processes import free_port
from luanthanh.policy.throttle import Limiter
from pathlib import Path
from scripts import postgres

import glob
import json
import os
import psycopg2
import pytest
import shutil
import stat
import subprocess
import sys
import tempfile
import threading


pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
KEY = ("lookup", "203.0.113.9")

#: Another process: its own interpreter, its own connection, its own Limiter.
OTHER_PROCESS = """
import json, sys
from luanthanh.policy.cluster.hits import PostgreSQLHitCounter
from luanthanh.policy.throttle import Limiter
limiter = Limiter(shared=PostgreSQLHitCounter(sys.argv[1]))
print(json.dumps([limiter.hit(("lookup", "203.0.113.9"), 10, 600) for _ in range(5)]))
"""


@pytest.fixture(scope="module")
def server():
    """A PostgreSQL of its own: installed if needed, started, stopped after."""
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb") and os.geteuid() != 0:
        pytest.skip("PostgreSQL is not installed and cannot be installed (not root)")
    base = tempfile.mkdtemp(prefix="luanthanh-pg-hits-")
    os.chmod(base, 0o755)
    data = Path(base) / "postgresql"
    try:
        dsn = postgres.start(data, free_port(), "luanthanh_hits")
        yield {"dsn": dsn, "data": data}
    finally:
        postgres.stop(data)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def dsn(server):
    with psycopg2.connect(server["dsn"]) as connection, connection.cursor() as c:
        c.execute(f"DROP TABLE IF EXISTS {TABLE}")
    return server["dsn"]


def test_two_processes_share_one_count(dsn):
    """Five lookups here, five in another process: the eleventh, in either,
    is refused; the count is one for both.  Another client is not."""
    here = Limiter(shared=PostgreSQLHitCounter(dsn))
    assert [here.hit(KEY, 10, 600) for _ in range(5)] == [True] * 5
    result = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, dsn],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [True] * 5
    assert here.hit(KEY, 10, 600) is False
    assert here.local.count(KEY, 600) == 0  # nothing was counted in the process
    # Positive control: another client, the same limit, is let through.
    assert here.hit(("lookup", "198.51.100.7"), 10, 600) is True


def test_no_more_than_the_limit_under_concurrency(dsn):
    """Eight threads (eight connections) hit one key at once: exactly
    ``limit`` hits are let through."""
    counter = PostgreSQLHitCounter(dsn)
    results, lock = [], threading.Lock()
    barrier = threading.Barrier(8)

    def worker():
        limiter = Limiter(shared=counter)
        barrier.wait()
        for _ in range(10):
            allowed = limiter.hit(("submit", "203.0.113.10"), 25, 3600)
            with lock:
                results.append(allowed)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 80
    assert results.count(True) == 25


def test_login_counts_record_and_clear(dsn):
    """What the login throttle uses, shared: two limiters, one count."""
    one = Limiter("login", shared=PostgreSQLHitCounter(dsn))
    two = Limiter("login", shared=PostgreSQLHitCounter(dsn))
    key = ("motcua", "203.0.113.11")
    assert one.count(key, 900) == 0
    assert [one.record(key, 900), two.record(key, 900), one.record(key, 900)] == [
        1,
        2,
        3,
    ]
    assert two.count(key, 900) == 3
    # Namespaces are apart: the lookup limiter does not see login failures.
    assert Limiter(shared=PostgreSQLHitCounter(dsn)).count(key, 900) == 0
    two.clear(key)
    assert one.count(key, 900) == 0


def test_keys_are_hashed_and_old_hits_purged(dsn):
    counter = PostgreSQLHitCounter(dsn)
    Limiter(shared=counter).hit(KEY, 10, 600)
    with psycopg2.connect(dsn) as connection, connection.cursor() as c:
        c.execute(f"SELECT key FROM {TABLE}")
        [(key,)] = c.fetchall()
        assert "203.0.113.9" not in key and len(key) == 64
        c.execute(
            f"INSERT INTO {TABLE} SELECT 'old', extract(epoch FROM now()) - %s",
            (KEEP + 60,),
        )
    # A new process purges hits older than KEEP on its first hit.
    Limiter(shared=PostgreSQLHitCounter(dsn)).hit(("other",), 10, 600)
    with psycopg2.connect(dsn) as connection, connection.cursor() as c:
        c.execute(f"SELECT count(*) FROM {TABLE} WHERE key = 'old'")
        assert c.fetchone()[0] == 0


def test_without_postgresql_the_process_counts():
    """A database that cannot be reached: the limit still holds, per process."""
    dead = PostgreSQLHitCounter(
        f"host=127.0.0.1 port={free_port()} dbname=x user=x password=x"
        " connect_timeout=2"
    )
    assert dead.hit("k", 1, 60) is None
    limiter = Limiter(shared=dead)
    assert limiter.hit(KEY, 2, 600) is True
    assert limiter.hit(KEY, 2, 600) is True
    assert limiter.hit(KEY, 2, 600) is False


def test_the_application_role_is_not_superuser(server):
    """Finding 14: the DSN the instances get is the application's own role,
    owner of its database, neither superuser nor able to create roles or
    databases; both passwords are in files of mode 0600."""
    with (
        psycopg2.connect(server["dsn"]) as connection,
        connection.cursor() as c,
    ):
        c.execute(
            "SELECT current_user, rolsuper, rolcreaterole, rolcreatedb,"
            " pg_get_userbyid(d.datdba) = current_user"
            " FROM pg_roles r, pg_database d"
            " WHERE r.rolname = current_user AND d.datname = current_database()"
        )
        assert c.fetchone() == (postgres.APP_ROLE, False, False, False, True)
        # Positive control: the superuser of the cluster is another role.
        c.execute("SELECT rolname FROM pg_roles WHERE rolsuper AND rolcanlogin")
        assert [row[0] for row in c.fetchall()] == [postgres.ROLE]
    for name in ("password", "app-password"):
        mode = stat.S_IMODE((server["data"] / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))


def test_an_old_database_is_handed_over(server):
    """A database made by the previous version (owned by the superuser, with
    RelStorage's tables in it) is given to the application role on start."""
    data = server["data"]
    port = int(server["dsn"].split("port=")[1].split()[0])
    postgres.psql(data, port, f'CREATE DATABASE "legacy" OWNER {postgres.ROLE}')
    postgres.psql(data, port, "CREATE TABLE object_state (zoid bigint)", db="legacy")
    postgres.psql(data, port, "CREATE SEQUENCE zoid_seq", db="legacy")
    legacy = postgres.start(data, port, "legacy")
    with psycopg2.connect(legacy) as connection, connection.cursor() as c:
        c.execute(
            "SELECT relname, pg_get_userbyid(relowner) FROM pg_class"
            " WHERE relname IN ('object_state', 'zoid_seq') ORDER BY 1"
        )
        assert c.fetchall() == [
            ("object_state", postgres.APP_ROLE),
            ("zoid_seq", postgres.APP_ROLE),
        ]
        c.execute("INSERT INTO object_state VALUES (nextval('zoid_seq'))")
