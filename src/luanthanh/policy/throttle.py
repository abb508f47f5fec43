"""A per-process sliding-window rate limiter for anonymous endpoints.

Used for the status lookup (no enumeration) and online submissions (no
floods).  The counters live in memory, not in the ZODB: a lookup must not
write to the database, and counters must not conflict.  Each Zope process
counts on its own, so behind a balancer with N instances a client gets at
most N times the limit; put the same limit in the balancer for a hard cap.
"""

from collections import deque
from threading import Lock

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


limiter = RateLimiter()


def client_ip(request) -> str:
    """The client's address as Zope sees it (``getClientAddr`` honours
    trusted proxies configured in zope.conf)."""
    return request.getClientAddr() or "unknown"
