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


def test_count_record_clear():
    """What the login throttle uses: count without recording, record whatever
    the limit, forget a key."""
    limiter = RateLimiter()
    key = ("login", "motcua", "203.0.113.5")
    assert limiter.count(key, 60, now=0) == 0
    assert [limiter.record(key, 60, now=t) for t in (0, 1, 2)] == [1, 2, 3]
    assert limiter.count(key, 60, now=2) == 3
    assert limiter.count(key, 60, now=60.5) == 2  # the first has slid out
    limiter.clear(key)
    assert limiter.count(key, 60, now=3) == 0
