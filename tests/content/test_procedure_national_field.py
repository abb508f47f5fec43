"""The procedure's ``national_field`` in the edit form and the catalog."""

from luanthanh.policy.testing.builders import add_user
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import browser_for
from plone import api

import pytest
import transaction


CONTROL = "form.widgets.national_field:list"


@pytest.fixture
def procedure(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        add_user("bientap", ["Editor"])
        procedure = make_procedure(functional_portal)
    transaction.commit()
    return procedure


def test_edit_form_offers_the_national_list(functional_app, procedure):
    browser = browser_for(functional_app, "bientap", raising=True)
    browser.open(procedure.absolute_url() + "/@@edit")
    assert "Lĩnh vực (danh mục quốc gia)" in browser.contents
    control = browser.getControl(name=CONTROL)
    assert "ho-tich" in control.options
    assert "kinh-te" not in control.options  # the center's groups are apart
    control.value = ["chung-thuc"]
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert procedure.national_field == "chung-thuc"
    assert procedure.field == "tu-phap-ho-tich"  # the group is unchanged
    brain = api.content.find(UID=procedure.UID(), unrestricted=True)[0]
    assert brain.procedure_national_field == "chung-thuc"


def test_a_procedure_without_it_still_saves(functional_app, procedure):
    browser = browser_for(functional_app, "bientap", raising=True)
    browser.open(procedure.absolute_url() + "/@@edit")
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert procedure.national_field is None
