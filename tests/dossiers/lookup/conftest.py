"""Dossiers in every state that matters to the public lookup.

The data set is ``luanthanh.policy.testing.scenarios`` (shared with
``tests/restapi/services``); ``mails`` and ``http_dossiers`` are shared fixtures.
"""

from luanthanh.policy.testing.scenarios import lookup_dossiers

import pytest


@pytest.fixture(autouse=True)
def _reset_limiter(reset_limiter):
    yield


@pytest.fixture
def dossiers(portal, mails) -> dict:
    """Integration: state → dossier."""
    return lookup_dossiers(portal)
