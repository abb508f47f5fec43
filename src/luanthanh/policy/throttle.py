"""Sliding-window rate limits for the lookup, online submissions and logins.

Counts are keyed by the real client address (:func:`client_ip`:
``request.getClientAddr()``, which believes ``X-Forwarded-For`` only from a
``trusted-proxy`` of zope.conf) and never live in the ZODB: a lookup or a
failed login must not write to the database, nor conflict.

:class:`Limiter` (``limiter``, the login's ``failures``) counts in a store
shared by every Zope instance when one is registered and reachable (the
:class:`IHitCounter` utility; :mod:`luanthanh.policy.cluster.hits` keeps the
counts in the RelStorage's PostgreSQL), and in the process otherwise
(:class:`RateLimiter`, in memory: FileStorage, tests, or the database down).
"""

from collections import deque
from threading import Lock
from zope.component import queryUtility
from zope.interface import Interface

import hashlib
import time


class RateLimiter:
    """At most ``limit`` hits per ``window`` seconds for each key."""

    def __init__(self) -> None:
        self._hits: dict[tuple, deque] = {}
        self._lock = Lock()

    def hit(
        self, key: tuple, limit: int, window: float, now: float | None = None
    ) -> bool:
        """Record a hit for ``key``; False when the key is over its limit."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= limit:
                return False
            hits.append(now)
            if len(self._hits) > 100_000:  # forget idle keys, bounded memory
                self._forget(now, window)
            return True

    def count(self, key: tuple, window: float, now: float | None = None) -> int:
        """How many hits ``key`` has within the last ``window`` seconds."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(key)
            if not hits:
                return 0
            return sum(1 for t in hits if t > now - window)

    def record(self, key: tuple, window: float, now: float | None = None) -> int:
        """Record a hit whatever the limit; the number of hits in the window."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - window:
                hits.popleft()
            hits.append(now)
            if len(self._hits) > 100_000:
                self._forget(now, window)
            return len(hits)

    def clear(self, key: tuple) -> None:
        with self._lock:
            self._hits.pop(key, None)

    def _forget(self, now: float, window: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - window]:
            del self._hits[key]

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


class IHitCounter(Interface):
    """Counts shared by every process (e.g. in PostgreSQL), keyed by text.

    Times are the store's own clock.  Each method answers None when the
    store is not there (no RelStorage) or cannot be reached; the
    :class:`Limiter` then counts in the process.
    """

    def hit(key: str, limit: int, window: float) -> bool | None:
        """Record a hit unless ``key`` has ``limit`` hits in ``window``
        seconds; False when over the limit."""

    def count(key: str, window: float) -> int | None:
        """The hits of ``key`` within the last ``window`` seconds."""

    def record(key: str, window: float) -> int | None:
        """Record a hit whatever the limit; the hits within the window."""

    def clear(key: str) -> bool | None:
        """Forget ``key``."""


class Limiter:
    """The shared counts when there are any, else this process's.

    ``namespace`` keeps limiters apart in the shared store; keys are stored
    as a SHA-256 of namespace and key (no address or login in clear).  An
    explicit ``now`` (tests of the window) always counts in the process.
    """

    def __init__(self, namespace: str = "", shared: IHitCounter | None = None):
        self.namespace = namespace
        self.local = RateLimiter()
        self._shared = shared

    def shared(self) -> IHitCounter | None:
        return self._shared if self._shared is not None else queryUtility(IHitCounter)

    def _name(self, key: tuple) -> str:
        text = "\x1f".join((self.namespace, *(str(part) for part in key)))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _ask(self, method: str, key: tuple, *args, now: float | None = None):
        store = self.shared() if now is None else None
        if store is None:
            return None
        return getattr(store, method)(self._name(key), *args)

    def hit(
        self, key: tuple, limit: int, window: float, now: float | None = None
    ) -> bool:
        """Record a hit for ``key``; False when the key is over its limit."""
        result = self._ask("hit", key, limit, window, now=now)
        return self.local.hit(key, limit, window, now) if result is None else result

    def count(self, key: tuple, window: float, now: float | None = None) -> int:
        result = self._ask("count", key, window, now=now)
        return self.local.count(key, window, now) if result is None else result

    def record(self, key: tuple, window: float, now: float | None = None) -> int:
        result = self._ask("record", key, window, now=now)
        return self.local.record(key, window, now) if result is None else result

    def clear(self, key: tuple) -> None:
        self._ask("clear", key)
        self.local.clear(key)

    def reset(self) -> None:
        """Forget this process's counts (tests)."""
        self.local.reset()


limiter = Limiter()


def client_ip(request) -> str:
    """The client's address as Zope sees it (``getClientAddr`` honours
    trusted proxies configured in zope.conf)."""
    return request.getClientAddr() or "unknown"
