"""The security tests start with clean login counts.

The security tests talk to the functional layer's WSGI server with
``requests``, as a browser or an API client would.  plone.protect's automatic
CSRF protection is on in that layer (``PLONE_CSRF_DISABLED`` must not be set;
``test_csrf.py`` checks it).  Users, sessions, tokens and dossiers come from
``luanthanh.policy.testing`` (``scenarios``, ``http``, ``paths``).
"""

import pytest


@pytest.fixture(autouse=True)
def _fresh_login_counts(fresh_login_counts):
    """The login throttle counts in memory per process: start clean."""
    yield
