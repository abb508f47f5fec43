"""The control panel "Lĩnh vực theo danh mục quốc gia" through the test browser."""

from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.vocabularies import NATIONAL_FIELDS_RECORD
from plone import api

import pytest
import transaction


PANEL = "/@@luanthanh-national-fields"
CONTROL = "form.widgets.national_fields"


@pytest.fixture
def users(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        add_user("quanly", ["Manager"])
    transaction.commit()
    return functional_portal


def test_manager_edits_the_list(functional_app, users):
    browser = browser_for(functional_app, "quanly", raising=True)
    browser.open(users.absolute_url() + PANEL)
    assert "Lĩnh vực theo danh mục quốc gia" in browser.contents
    control = browser.getControl(name=CONTROL)
    assert "ho-tich|Hộ tịch" in control.value
    control.value = "ho-tich|Hộ tịch\ntre-em|Trẻ em"
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert api.portal.get_registry_record(NATIONAL_FIELDS_RECORD) == [
        "ho-tich|Hộ tịch",
        "tre-em|Trẻ em",
    ]


def test_a_bad_token_is_refused(functional_app, users):
    browser = browser_for(functional_app, "quanly", raising=True)
    browser.open(users.absolute_url() + PANEL)
    browser.getControl(name=CONTROL).value = "Hộ tịch|Hộ tịch"
    browser.getControl(name="form.buttons.save").click()
    assert "Mỗi dòng có dạng ma-linh-vuc|Tên lĩnh vực" in browser.contents
    transaction.begin()
    assert "ho-tich|Hộ tịch" in api.portal.get_registry_record(NATIONAL_FIELDS_RECORD)


@pytest.mark.parametrize("user", [None, "bientap", "motcua"])
def test_others_are_refused(functional_app, users, user):
    browser = browser_for(functional_app, user)
    browser.open(users.absolute_url() + PANEL)
    assert CONTROL not in browser.contents  # the login form, not the panel
