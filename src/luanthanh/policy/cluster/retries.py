"""How long Zope waits before it retries a request after a ConflictError.

Zope retries a request that ends in a ``ConflictError`` up to
``max-conflict-retries`` times (zope.conf; 10 on ZEO and RelStorage, see
``scripts/make_instance.py``), and before retry *n* its
``HTTPRequest.delay_retry`` sleeps ``random.uniform(0, 2 ** n)`` seconds:
up to 1, 2, 4, ... 512 seconds, 1,023 seconds in all before the tenth retry.
That was the request of the cluster proof that hung past the client's 600 s
(issue #15): under 16 clients one unlucky submission conflicted eight or nine
times and slept minutes, holding one of its instance's four waitress threads
while it slept (``py-spy`` showed three of four threads in ``delay_retry``).

Here, instead (``configure.zcml`` puts these two methods on
``ZPublisher.HTTPRequest.HTTPRequest`` with collective.monkeypatcher):

* :func:`delay_retry` sleeps a short random time with a low cap:
  ``uniform(0, min(MAX_DELAY, BASE_DELAY * 2 ** n))``.  Conflicts between
  two commits are over in milliseconds; the jitter spreads the takers.  All
  the sleeps of ten retries together stay under :func:`longest_wait`.
* :func:`supports_retry` also refuses a retry when the request's first
  attempt started more than :data:`DEADLINE` seconds ago (the time of the
  first attempt is kept in the WSGI environment, which every retry shares).
  The ``ConflictError`` then reaches its exception view
  (:mod:`luanthanh.policy.browser.busy`): HTTP 503 with ``Retry-After``,
  and nothing was written (the transaction was aborted).  A submission
  sent again carries the same form token, so it never makes a second
  dossier.
"""

import random
import time


#: Seconds of the first retry's delay at most; doubled on each retry...
BASE_DELAY = 0.05
#: ... up to this many seconds.
MAX_DELAY = 1.0
#: No retry once the first attempt started this many seconds ago.
DEADLINE = 10.0
#: The key of the first attempt's start (``time.monotonic()``) in the WSGI
#: environment that the retries of one request share.
STARTED = "luanthanh.policy.first_attempt"


def delay(retry_count: int) -> float:
    """The random sleep before retry ``retry_count + 1``, in seconds."""
    return random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2**retry_count))


def longest_wait(retries: int) -> float:
    """The most that the sleeps before ``retries`` retries add up to."""
    return sum(min(MAX_DELAY, BASE_DELAY * 2**n) for n in range(retries))


def _shared_environ(request) -> dict:
    # HTTPRequest.retry() builds the next request from ``_orig_env``, the
    # WSGI server's environ: the one dict every attempt of a request shares.
    environ = getattr(request, "_orig_env", None)
    return environ if isinstance(environ, dict) else request.environ


def mark_first_attempt(event) -> None:
    """``IPubStart`` subscriber: remember when the request's first attempt began."""
    _shared_environ(event.request).setdefault(STARTED, time.monotonic())


def elapsed(request) -> float:
    """Seconds since the request's first attempt began (0 if unknown)."""
    started = _shared_environ(request).get(STARTED)
    return time.monotonic() - started if started is not None else 0.0


#: Where a request keeps its answer: the publisher asks twice per failure.
DECIDED = "_luanthanh_retry_decided"


def supports_retry(self) -> bool:
    """``HTTPRequest.supports_retry``: Zope's count, and not past the deadline.

    The answer is kept on the request: ZPublisher asks once in
    ``transaction_pubevents`` (retry, or render the exception view) and
    again in ``publish_module`` (retry, or re-raise).  Two different answers
    at the deadline let the ConflictError out to waitress: a bare 500
    (seen in the cluster proof)."""
    decided = self.__dict__.get(DECIDED)
    if decided is None:
        decided = self.retry_count < self.retry_max_count and elapsed(self) < DEADLINE
        self.__dict__[DECIDED] = decided
    return decided


def delay_retry(self) -> None:
    """``HTTPRequest.delay_retry``: a short jittered sleep (see the module)."""
    time.sleep(delay(self.retry_count))
