"""The procedure catalogue, for the procedure tests."""

import pytest


@pytest.fixture
def catalogue(portal):
    return portal["thu-tuc-hanh-chinh"]
