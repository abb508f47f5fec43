"""Dossier codes: ``<agency code>-<yymmdd>-<sequence of the day>``.

Example: ``000.00.99.H56-251205-0001``.  Where the sequence of the day comes
from is chosen by the environment variable ``DOSSIER_CODE_SEQUENCE`` (written
into ``zope.conf`` by ``scripts/make_instance.py``):

``inline`` (the default when nothing is set: test layers, scripts)
    a small persistent counter per day in an annotation of the dossier folder,
    incremented in the submission's own transaction.  It has no conflict
    resolution on purpose: two submissions that take a number at the same
    moment conflict and ZODB lets only one commit; Zope retries the other.
    Numbers never repeat and never skip, but every concurrent submission
    conflicts and is retried *as a whole* (uploads, catalog, mail...).

``transaction`` (written for FileStorage and ZEO instances)
    the same counter, but taken in a separate short transaction on a second
    connection of the same database, committed at once.  Two takers still
    conflict on the counter, but only that tiny transaction is retried (a few
    milliseconds), never the submission; the submission's transaction does
    not touch the counter and so never conflicts on it.  Works on every
    storage.  A number taken by a submission that then fails is not reused:
    the sequence may skip, it never repeats.

``postgresql`` (written for RelStorage instances)
    a PostgreSQL ``SEQUENCE`` per day (``luanthanh_code_<yymmdd>``), taken
    with ``nextval`` on a separate autocommit connection.  ``nextval`` never
    hands out a value twice and never waits for other transactions.  On
    first use of a day the sequence starts above that day's ZODB counter, so
    switching strategy in the middle of a day gives no duplicate.  It needs a
    RelStorage on PostgreSQL (the DSN is read from the storage) or
    ``RELSTORAGE_DSN``.

``bench/bench_codes.py`` measures the three under concurrency.

Historic imports (:mod:`luanthanh.policy.exchange.dossiers`) keep the old
system's codes and never take a number; :func:`next_code` skips a number
whose dossier already exists in the folder, so that it never hands out a code
that an import used.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from luanthanh.policy.cluster import postgresql
from luanthanh.policy.config import TZ
from luanthanh.policy.content.codes import DailyCounter
from plone import api
from ZODB.POSException import ConflictError
from ZODB.POSException import POSKeyError
from zope.annotation.interfaces import IAnnotations

import contextlib
import logging
import os
import random
import re
import time
import transaction


logger = logging.getLogger(__name__)

ANNOTATION_KEY = "luanthanh.policy.dossier_sequences"
AGENCY_RECORD = "luanthanh.policy.dossier.agency_code"
DEFAULT_AGENCY = "000.00.99.H56"
STRATEGY_ENV = "DOSSIER_CODE_SEQUENCE"
STRATEGIES = ("inline", "transaction", "postgresql")
#: Attempts of the separate short transaction before giving up.
MAX_ATTEMPTS = 50


def _counters(folder) -> OOBTree:
    annotations = IAnnotations(folder)
    counters = annotations.get(ANNOTATION_KEY)
    if counters is None:
        counters = annotations[ANNOTATION_KEY] = OOBTree()
    return counters


def _increment(folder, day: str) -> int:
    counters = _counters(folder)
    counter = counters.get(day)
    if counter is None:
        counter = counters[day] = DailyCounter()
    counter.value += 1
    return counter.value


def current_value(folder, day: str) -> int:
    """The last number of ``day`` in the ZODB counter (0 if none)."""
    counters = IAnnotations(folder).get(ANNOTATION_KEY)
    counter = counters.get(day) if counters is not None else None
    return counter.value if counter is not None else 0


def agency_code() -> str:
    return api.portal.get_registry_record(AGENCY_RECORD, default=None) or DEFAULT_AGENCY


def strategy() -> str:
    value = os.environ.get(STRATEGY_ENV, "").strip().lower() or "inline"
    if value not in STRATEGIES:
        raise ValueError(f"{STRATEGY_ENV}={value!r}: expected one of {STRATEGIES}")
    return value


# -- separate short transaction ------------------------------------------


def take_in_own_transaction(folder, day: str) -> int:
    """Increment the day's counter in a transaction of its own and commit.

    The side connection loads only the counters' BTree (by its oid), never
    the folder itself: a second copy of a Dexterity object in the same
    request would confuse plone.dexterity's per-request caches, which are
    keyed by oid.  While the folder has no committed counters yet (a new
    site, or a folder created in this transaction) the first number is taken
    inline, which creates them.
    """
    counters = IAnnotations(folder).get(ANNOTATION_KEY)
    jar = folder._p_jar
    if counters is None or jar is None or counters._p_oid is None:
        return _increment(folder, day)
    manager = transaction.TransactionManager()
    connection = jar.db().open(transaction_manager=manager)
    try:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            manager.begin()
            try:
                try:
                    own = connection.get(counters._p_oid)
                    own._p_activate()
                except POSKeyError:
                    # Not committed yet (created in this transaction).
                    return _increment(folder, day)
                counter = own.get(day)
                if counter is None:
                    counter = own[day] = DailyCounter()
                counter.value += 1
                value = counter.value
                manager.get().note(f"luanthanh.policy: dossier code {day}-{value}")
                manager.commit()
                return value
            except ConflictError:
                manager.abort()
                logger.debug("Dossier code %s: conflict, attempt %d", day, attempt)
                # Back off a little, randomly, so that takers spread out.
                time.sleep(random.uniform(0, 0.002 * attempt))
        raise ConflictError(f"dossier code sequence {day}: {MAX_ATTEMPTS} conflicts")
    finally:
        manager.abort()
        connection.close()


# -- PostgreSQL sequence --------------------------------------------------


def take_from_postgresql(folder, day: str, dsn: str | None = None) -> int:
    """``nextval`` of the day's PostgreSQL sequence (created on first use)."""
    dsn = dsn or postgresql.dsn(folder)
    pg = postgresql.psycopg2
    if not dsn:
        raise RuntimeError(
            f"{STRATEGY_ENV}=postgresql needs a RelStorage on PostgreSQL"
            " or RELSTORAGE_DSN"
        )
    name = f"luanthanh_code_{day}"  # day is six digits: a safe identifier
    for attempt in range(3):
        connection = postgresql.connection(dsn)
        try:
            with connection.cursor() as cursor:
                try:
                    cursor.execute("SELECT nextval(%s)", (name,))
                except pg.errors.UndefinedTable:
                    start = current_value(folder, day) + 1
                    # UniqueViolation: created by another instance just now.
                    with contextlib.suppress(pg.errors.UniqueViolation):
                        cursor.execute(
                            f"CREATE SEQUENCE IF NOT EXISTS {name} START WITH {start:d}"
                        )
                    cursor.execute("SELECT nextval(%s)", (name,))
                return cursor.fetchone()[0]
        except pg.OperationalError:
            # A dropped connection (server restart): open a new one.
            connection.close()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


# -- the code -------------------------------------------------------------


def take_number(folder, day: str, how: str | None = None) -> int:
    how = how or strategy()
    if how == "transaction":
        return take_in_own_transaction(folder, day)
    if how == "postgresql":
        return take_from_postgresql(folder, day)
    return _increment(folder, day)


def next_code(folder, when: datetime | None = None, how: str | None = None) -> str:
    """Take the next dossier code of the day of ``when`` (local date)."""
    when = (when or datetime.now(TZ)).astimezone(TZ)
    day = when.strftime("%y%m%d")
    agency = agency_code()
    while True:
        number = take_number(folder, day, how)
        code = f"{agency}-{day}-{number:04d}"
        # Taken by a dossier of the historic import: take the next number.
        if dossier_id(code) not in folder:
            return code


def dossier_id(code: str) -> str:
    """The id of the dossier with this code: lower case, dots as dashes.

    ``000.00.99.H56-251205-0001`` → ``000-00-99-h56-251205-0001``, the form
    Plone's own URL normalizer gives, whichever way the dossier is created.
    """
    return code.lower().replace(".", "-")


#: One whole dossier code, normalised: the agency's code (groups of letters
#: and digits joined by dots), the day ``yymmdd`` and the number of the day.
WHOLE_CODE = re.compile(r"^[0-9A-Z]+(?:\.[0-9A-Z]+)*-[0-9]{6}-[0-9]{4,}$")


def whole_code(text: str) -> str:
    """``text`` as a stored dossier code when it is one whole code, else "".

    As an official types, pastes or scans it: spaces dropped, upper case
    (``000.00.99.h56-251205-0001`` → ``000.00.99.H56-251205-0001``).
    """
    if not isinstance(text, str):
        return ""
    code = "".join(text.split()).upper()
    return code if len(code) <= 64 and WHOLE_CODE.match(code) else ""
