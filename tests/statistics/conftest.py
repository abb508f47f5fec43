"""Two procedures for the statistics tests, and a clean statistics cache.

The dossiers are built with ``luanthanh.policy.testing.builders.dated_dossier``
(the real workflow, then the dates of a past period); ``committed`` (a July
2025 of dossiers over HTTP) comes from ``luanthanh.policy.testing.fixtures``.
"""

from luanthanh.policy.testing.builders import make_procedure
from plone import api

import pytest


@pytest.fixture
def marriage(portal, officials):
    """Tư pháp – Hộ tịch, 3 working days."""
    return make_procedure(portal)


@pytest.fixture
def business(portal, officials):
    """Kinh tế."""
    return make_procedure(
        portal,
        title="Đăng ký thành lập hộ kinh doanh",
        code="2.000720",
        field="kinh-te",
    )


@pytest.fixture(autouse=True)
def _fresh_cache(fresh_cache):
    yield


@pytest.fixture
def as_manager(portal):
    with api.env.adopt_roles(["Manager"]):
        yield
