"""A clean statistics cache around every test of the endpoint."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache(fresh_cache):
    yield
