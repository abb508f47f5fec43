"""The in-memory rate limiter used by the anonymous endpoints."""

from luanthanh.policy.throttle import RateLimiter


def test_limit_within_window():
    limiter = RateLimiter()
    key = ("lookup", "203.0.113.5")
    assert all(limiter.hit(key, 3, 60, now=t) for t in (0, 1, 2))
    assert limiter.hit(key, 3, 60, now=3) is False
    assert limiter.hit(("lookup", "198.51.100.7"), 3, 60, now=3) is True


def test_window_slides():
    limiter = RateLimiter()
    key = ("submit", "203.0.113.5")
    for t in (0, 10, 20):
        assert limiter.hit(key, 3, 60, now=t)
    assert limiter.hit(key, 3, 60, now=59) is False
    assert limiter.hit(key, 3, 60, now=60.5) is True


def test_reset():
    limiter = RateLimiter()
    limiter.hit(("a",), 1, 60, now=0)
    assert limiter.hit(("a",), 1, 60, now=1) is False
    limiter.reset()
    assert limiter.hit(("a",), 1, 60, now=1) is True
