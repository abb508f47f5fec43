"""pytest-plone fixtures for luanthanh.policy.

``integration`` and ``functional`` give a Plone site with the add-on;
pytest-plone adds ``portal``, ``http_request``, ``installer``, ``setup_tool``,
``browser_layers``, ``controlpanel_actions`` and friends on top of them.
"""

from luanthanh.policy.testing import FUNCTIONAL_TESTING
from luanthanh.policy.testing import INTEGRATION_TESTING
from pytest_plone import fixtures_factory

import pytest


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


PACKAGE_NAME = "luanthanh.policy"


def pytest_addoption(parser):
    group = parser.getgroup("e2e", "browser journeys (tests/e2e, make test-e2e)")
    group.addoption(
        "--e2e",
        action="store_true",
        help="run the Playwright journeys of tests/e2e against a real instance",
    )
    group.addoption(
        "--e2e-pending",
        action="store_true",
        help="with --e2e, also run the journeys marked e2e_pending (pages that "
        "other branches build: @@thong-ke, van-ban)",
    )


@pytest.fixture
def package_name() -> str:
    return PACKAGE_NAME
