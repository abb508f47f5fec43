"""The online forms are filled in faster than a person could: no minimum time.

``online``, ``mailhost`` and ``browser`` are shared fixtures
(``luanthanh.policy.testing.fixtures``); the form helpers are in
``luanthanh.policy.testing.forms``.
"""

import pytest


@pytest.fixture(autouse=True)
def _fresh_limits(fresh_limits):
    yield
