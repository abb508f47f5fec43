"""Helpers shared by the procedure tests."""

from plone import api

import pytest


def make_procedure(container, **data):
    """Create a procedure with sensible defaults, as a Manager."""
    values = {
        "type": "Procedure",
        "title": "Đăng ký kết hôn",
        "code": "1.000894",
        "field": "tu-phap-ho-tich",
        "processing_days": 0,
        "online_level": "full",
        "fee": 0,
    }
    values.update(data)
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=container, **values)


@pytest.fixture
def catalogue(portal):
    return portal["thu-tuc-hanh-chinh"]
