"""The lookup's rate limiter, empty around every test."""

import pytest


@pytest.fixture(autouse=True)
def _reset_limiter(reset_limiter):
    yield
