"""Running several Zope instances over one database (ZEO or RelStorage).

Zope retries a request that ends in a ``ConflictError`` (up to three times)
but says nothing about it.  :func:`log_retry` writes one line per retry to the
event log, ``ConflictError retry: <method> <path> (<class>) oid <oid>
retry <n>``, so that operators (and ``bench/bench_load.py``) can count them
and find the objects that conflict, and keeps a count per process in
:data:`RETRIES`.
"""

from ZODB.POSException import ConflictError
from ZODB.utils import oid_repr

import collections
import logging
import threading


logger = logging.getLogger("luanthanh.policy.conflicts")
RETRIES: collections.Counter = collections.Counter()
_lock = threading.Lock()


def log_retry(event) -> None:
    """``IPubBeforeAbort`` subscriber: log the conflicts Zope is retrying."""
    if not getattr(event, "retry", False):
        return
    exc = event.exc_info[1] if event.exc_info else None
    if not isinstance(exc, ConflictError):
        return
    request = event.request
    path = request.get("PATH_INFO", "")
    with _lock:
        RETRIES[path] += 1
    oid = getattr(exc, "oid", None)
    logger.info(
        "ConflictError retry: %s %s (%s) oid %s retry %d",
        request.get("REQUEST_METHOD", ""),
        path,
        getattr(exc, "class_name", None) or type(exc).__name__,
        oid_repr(oid) if isinstance(oid, bytes) else "-",
        getattr(request, "retry_count", 0) + 1,
    )
