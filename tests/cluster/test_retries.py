"""Retries after a ConflictError: short sleeps, and none past the deadline.

Zope's own ``HTTPRequest.delay_retry`` sleeps ``uniform(0, 2 ** n)`` before
retry n: up to 1,023 s before the tenth retry (``max-conflict-retries 10`` on
RelStorage), the request of the cluster proof that hung past 600 s.
"""

from io import BytesIO
from luanthanh.policy.cluster import retries
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.HTTPResponse import HTTPResponse
from ZPublisher.pubevents import PubStart

import pytest
import time


class Request:
    """What the retry methods read of a request."""

    def __init__(self, retry_count=0, retry_max_count=10, started=None):
        self.retry_count = retry_count
        self.retry_max_count = retry_max_count
        self._orig_env = {} if started is None else {retries.STARTED: started}
        self.environ = {}


@pytest.fixture
def slept(portal, monkeypatch) -> list[float]:
    """The sleeps of ``HTTPRequest.delay_retry``, each its longest."""
    sleeps = []
    monkeypatch.setattr(time, "sleep", sleeps.append)
    monkeypatch.setattr(retries.random, "uniform", lambda a, b: b)
    return sleeps


def test_ten_retries_sleep_seconds_not_minutes(slept):
    for count in range(10):
        HTTPRequest.delay_retry(Request(retry_count=count))
    assert len(slept) == 10
    assert sum(slept) <= retries.longest_wait(10) < 10
    assert max(slept) <= retries.MAX_DELAY


def test_first_retries_wait_little(slept):
    HTTPRequest.delay_retry(Request(retry_count=0))
    assert slept == [retries.BASE_DELAY]


def test_no_retry_past_the_deadline(portal):
    now = time.monotonic()
    old = Request(retry_count=1, started=now - retries.DEADLINE - 1)
    assert not HTTPRequest.supports_retry(old)
    # Positive control: a young request is retried, up to Zope's count.
    assert HTTPRequest.supports_retry(Request(retry_count=1, started=now))
    assert not HTTPRequest.supports_retry(Request(retry_count=10, started=now))
    assert HTTPRequest.supports_retry(Request(retry_count=0))  # start unknown


def _request(environ=None):
    environ = {
        "REQUEST_METHOD": "POST",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8080",
        "PATH_INFO": "/Plone/nop-ho-so",
        **(environ or {}),
    }
    request = HTTPRequest(BytesIO(b""), environ, HTTPResponse())
    request.retry_max_count = 10
    return request


def test_every_retry_counts_from_the_first_attempt(portal):
    first = _request()
    retries.mark_first_attempt(PubStart(first))
    started = first._orig_env[retries.STARTED]
    first._orig_env[retries.STARTED] = started - retries.DEADLINE  # an old one
    second = first.retry()
    retries.mark_first_attempt(PubStart(second))  # keeps the first's time
    assert retries.elapsed(second) >= retries.DEADLINE
    assert not second.supports_retry()


def test_a_new_request_is_retried(portal):
    request = _request()
    retries.mark_first_attempt(PubStart(request))
    assert 0 <= retries.elapsed(request) < 1
    assert request.supports_retry()


def test_the_answer_holds_for_the_request(portal, monkeypatch):
    """The publisher asks twice per failure: the deadline passing between the
    two must not turn "retry" into "re-raise" (a bare 500 from waitress)."""
    request = _request()
    retries.mark_first_attempt(PubStart(request))
    assert request.supports_retry()  # transaction_pubevents: retry
    later = time.monotonic() + retries.DEADLINE + 1
    monkeypatch.setattr(retries.time, "monotonic", lambda: later)
    assert request.supports_retry()  # publish_module: retry, as decided
    # Positive control: the next attempt, past the deadline, is not retried.
    assert not request.retry().supports_retry()
