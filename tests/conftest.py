"""pytest-plone fixtures for luanthanh.policy.

``luanthanh.policy.testing.fixtures`` gives the layer fixtures
(``integration``, ``functional``; pytest-plone adds ``portal``,
``http_request``, ``installer``, ``setup_tool``, ``browser_layers``,
``controlpanel_actions`` and friends on top of them) and the fixtures that
several test folders share.  Builders and helpers are imported from the
other modules of ``luanthanh.policy.testing``, never from a conftest.
"""

import pytest


pytest_plugins = ["pytest_plone", "luanthanh.policy.testing.fixtures"]


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
