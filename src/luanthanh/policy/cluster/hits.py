"""Throttle counts shared by every instance, in the RelStorage's PostgreSQL.

The :class:`~luanthanh.policy.throttle.IHitCounter` utility.  One row per hit
in ``luanthanh_throttle_hits`` (created when missing): the key is a SHA-256
(:class:`~luanthanh.policy.throttle.Limiter` hashes it, so no address or
login is stored in clear) and the time is the database's clock, the same for
every instance.  A hit is counted and added in one short transaction under a
transaction-scoped advisory lock on its key, so two instances never let
``limit + 1`` hits through; a key's hits older than its window are deleted on
the way, and every few minutes every hit older than :data:`KEEP` seconds.

Nothing is written to the ZODB.  Without a RelStorage on PostgreSQL, or when
the database cannot be reached, each method answers None and the process
counts on its own (logged once a minute).
"""

from luanthanh.policy.cluster import postgresql
from luanthanh.policy.throttle import IHitCounter
from zope.interface import implementer

import contextlib
import logging
import threading
import time


logger = logging.getLogger("luanthanh.policy.throttle")

TABLE = "luanthanh_throttle_hits"
#: The table and its index, made by one process at a time: concurrent
#: ``CREATE ... IF NOT EXISTS`` of a table and an index can deadlock or
#: collide, and a hit that failed on it was counted in its process only (one
#: hit more than the limit, tests/cluster/test_hits_postgresql.py).
CREATE = (
    "BEGIN;"
    f" SELECT pg_advisory_xact_lock(hashtextextended('{TABLE}', 0));"
    f" CREATE TABLE IF NOT EXISTS {TABLE} ("
    " key text NOT NULL, at double precision NOT NULL);"
    f" CREATE INDEX IF NOT EXISTS {TABLE}_key_at ON {TABLE} (key, at);"
    " COMMIT"
)
#: Hits older than this (seconds) are purged whatever their window.
KEEP = 7 * 24 * 3600
#: How often (seconds) a process purges old hits of every key.
PURGE_EVERY = 300
NOW = "SELECT extract(epoch FROM clock_timestamp())::double precision"


@implementer(IHitCounter)
class PostgreSQLHitCounter:
    """Counts in PostgreSQL; ``dsn`` fixed (tests) or found per call."""

    def __init__(self, dsn: str | None = None):
        self._dsn = dsn
        self._ready: set[str] = set()
        self._purged = 0.0
        self._warned = 0.0
        self._lock = threading.Lock()

    # -- the store -------------------------------------------------------

    def hit(self, key: str, limit: int, window: float) -> bool | None:
        def run(cursor, now):
            self._forget_old(cursor, key, now - window)
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE key = %s", (key,))
            if cursor.fetchone()[0] >= limit:
                return False
            cursor.execute(f"INSERT INTO {TABLE} VALUES (%s, %s)", (key, now))
            return True

        return self._transaction(key, run)

    def count(self, key: str, window: float) -> int | None:
        def run(cursor, now):
            cursor.execute(
                f"SELECT count(*) FROM {TABLE} WHERE key = %s AND at > %s",
                (key, now - window),
            )
            return cursor.fetchone()[0]

        return self._transaction(None, run)

    def record(self, key: str, window: float) -> int | None:
        def run(cursor, now):
            self._forget_old(cursor, key, now - window)
            cursor.execute(f"INSERT INTO {TABLE} VALUES (%s, %s)", (key, now))
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE key = %s", (key,))
            return cursor.fetchone()[0]

        return self._transaction(key, run)

    def clear(self, key: str) -> bool | None:
        def run(cursor, now):
            cursor.execute(f"DELETE FROM {TABLE} WHERE key = %s", (key,))
            return True

        return self._transaction(key, run)

    # -- plumbing ----------------------------------------------------------

    def dsn(self) -> str | None:
        return self._dsn or postgresql.dsn()

    @staticmethod
    def _forget_old(cursor, key: str, before: float) -> None:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE key = %s AND at <= %s", (key, before)
        )

    def _transaction(self, lock_key: str | None, run):
        """``run(cursor, now)`` in one transaction (under the key's advisory
        lock); None when there is no PostgreSQL or it failed."""
        dsn = self.dsn()
        pg = postgresql.psycopg2
        if not dsn or pg is None:
            return None
        for attempt in range(2):
            connection = None
            try:
                connection = postgresql.connection(dsn)
                with connection.cursor() as cursor:
                    self._prepare(cursor, dsn)
                    cursor.execute("BEGIN")
                    try:
                        if lock_key is not None:
                            cursor.execute(
                                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                                (lock_key,),
                            )
                        cursor.execute(NOW)
                        now = cursor.fetchone()[0]
                        result = run(cursor, now)
                        self._purge(cursor, now)
                        cursor.execute("COMMIT")
                        return result
                    except BaseException:
                        if not connection.closed:
                            with contextlib.suppress(pg.Error):
                                cursor.execute("ROLLBACK")
                        raise
            except pg.OperationalError as error:
                # A dropped connection (server restart): once more on a new one.
                if connection is not None and not connection.closed:
                    connection.close()
                if attempt:
                    return self._fallback(error)
            except pg.Error as error:
                return self._fallback(error)
        return None

    def _prepare(self, cursor, dsn: str) -> None:
        if dsn in self._ready:
            return
        pg = postgresql.psycopg2
        # UniqueViolation: created at the same moment by a process that does
        # not take the lock (an older version).
        try:
            cursor.execute(CREATE)
        except (pg.errors.UniqueViolation, pg.errors.DuplicateTable):
            cursor.execute("ROLLBACK")
        self._ready.add(dsn)

    def _purge(self, cursor, now: float) -> None:
        with self._lock:
            if self._purged and time.monotonic() - self._purged < PURGE_EVERY:
                return
            self._purged = time.monotonic()
        cursor.execute(f"DELETE FROM {TABLE} WHERE at < %s", (now - KEEP,))

    def _fallback(self, error) -> None:
        if time.monotonic() - self._warned > 60:
            self._warned = time.monotonic()
            logger.warning("Throttle counts in this process only: %s", error)
        return None
