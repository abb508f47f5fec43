"""How long the proofs' requests take, and how busy the machine was.

:func:`timed_request` keeps the time of every request in :data:`LATENCIES`,
answered or not; :func:`summary` gives the figures the cluster proof reports
(and checks: no request over ``limit`` seconds) beside the load average.
"""

import math
import os
import time


#: Seconds a client waits for an answer (the CI machine may be busy).
TIMEOUT = 600
#: Every request of :func:`timed_request`: (method, seconds, status code or
#: the exception's name).
LATENCIES: list[tuple[str, float, str]] = []


def timed_request(session, method: str, url: str, **kwargs):
    """``session.request(method, url, ...)``, its time kept in :data:`LATENCIES`."""
    kwargs.setdefault("timeout", TIMEOUT)
    started = time.monotonic()
    outcome = "?"
    try:
        response = session.request(method, url, **kwargs)
        outcome = str(response.status_code)
        return response
    except Exception as exc:
        outcome = type(exc).__name__
        raise
    finally:
        LATENCIES.append((method, time.monotonic() - started, outcome))


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` (0..1) percentile of ``values`` by nearest rank; 0 if none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def load_average() -> list[float]:
    """The machine's load average over 1, 5 and 15 minutes (``uptime``)."""
    return [round(value, 2) for value in os.getloadavg()]


def summary(latencies: list[tuple[str, float, str]], limit: float) -> dict:
    """Count, p50/p95/max seconds per method and in all; the requests over ``limit``."""
    figures = {}
    for method in ("GET", "POST", None):
        times = [s for m, s, _o in latencies if method is None or m == method]
        figures[method or "all"] = {
            "n": len(times),
            "p50": round(percentile(times, 0.5), 2),
            "p95": round(percentile(times, 0.95), 2),
            "max": round(max(times, default=0.0), 2),
        }
    figures["over_limit"] = [(m, round(s, 1), o) for m, s, o in latencies if s > limit]
    figures["answers"] = {}
    for _m, _s, outcome in latencies:
        figures["answers"][outcome] = figures["answers"].get(outcome, 0) + 1
    return figures
