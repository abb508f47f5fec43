"""The per-process cache of statistics results (a small LRU).

A result is kept under the catalog's change counter, the serial of that
counter, the query and the configured fields: any reindexing anywhere makes
a new key.  Nothing is cached while the current transaction has changed the
catalog (what it sees may still be rolled back).
"""

from collections import OrderedDict
from luanthanh.policy.vocabularies import field_pairs

import threading


SIZE = 64
_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()
#: Switched off by the benchmark to measure the computation itself.
enabled = True


def clear_cache() -> None:
    """Forget every cached result."""
    with _cache_lock:
        _cache.clear()


def cache_key(catalog, start, end, field, procedure):
    """The key of a query, or None when it must not be cached."""
    if not enabled:
        return None
    counter = getattr(catalog, "_counter", None)
    if counter is None or counter._p_changed:
        # Changed in this transaction: what we see may still be rolled back.
        return None
    return (
        "/".join(catalog.getPhysicalPath()),
        counter(),
        counter._p_serial,
        start,
        end,
        field,
        procedure,
        tuple(field_pairs()),
    )


def cached(key) -> dict | None:
    """A copy of the result kept under ``key``, or None."""
    with _cache_lock:
        if key not in _cache:
            return None
        _cache.move_to_end(key)
        return _copy(_cache[key])


def store(key, result: dict) -> dict:
    """Keep ``result`` under ``key``; a copy of it for the caller."""
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > SIZE:
            _cache.popitem(last=False)
    return _copy(result)


def _copy(result: dict) -> dict:
    """A copy deep enough that a caller cannot change the cached result."""

    def group(item):
        return {**item, "satisfaction": dict(item["satisfaction"])}

    return {
        "start": result["start"],
        "end": result["end"],
        "total": group(result["total"]),
        "by_field": [group(item) for item in result["by_field"]],
        "by_national_field": [
            group(item) for item in result.get("by_national_field", ())
        ],
        "by_procedure": [group(item) for item in result["by_procedure"]],
    }
