"""The PostgreSQL under a RelStorage: one place for its DSN and connections.

What must be shared by every instance but must not be written to the ZODB
(the dossier code sequences of :mod:`luanthanh.policy.dossiers.codes`, the
throttle counts of :mod:`luanthanh.policy.cluster.hits`) goes to the same
database as the RelStorage, as the same (non-superuser) role: the DSN is
``RELSTORAGE_DSN`` when set, else the one the storage was opened with.
"""

from zope.component.hooks import getSite

import os
import threading


try:
    import psycopg2
    import psycopg2.errors
except ImportError:  # optional: the ``cluster`` extra
    psycopg2 = None

_local = threading.local()


def dsn(obj=None) -> str | None:
    """The DSN of the RelStorage holding ``obj`` (default: the current site),
    or ``RELSTORAGE_DSN``; None without RelStorage on PostgreSQL."""
    value = os.environ.get("RELSTORAGE_DSN")
    if value:
        return value
    if obj is None:
        obj = getSite()
    jar = getattr(obj, "_p_jar", None)
    storage = jar.db().storage if jar is not None else None
    adapter = getattr(storage, "_adapter", None)
    return getattr(adapter, "_dsn", None)


def connection(dsn: str):
    """This thread's autocommit connection to ``dsn`` (opened on first use,
    and again when the server dropped it)."""
    if psycopg2 is None:
        raise RuntimeError("psycopg2 is missing: install the cluster extra")
    connections = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    conn = connections.get(dsn)
    if conn is None or conn.closed:
        conn = psycopg2.connect(dsn)
        conn.autocommit = True
        connections[dsn] = conn
    return conn
