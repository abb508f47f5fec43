"""A generated form is visible to Anonymous only while its procedure is
published and accepts online dossiers."""

from luanthanh.policy import api as lt_api
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import browser_for
from plone import api
from zope.lifecycleevent import modified

import pytest
import transaction


@pytest.fixture
def generated(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        procedure = make_procedure(functional_portal, id="thu-tuc-cong-khai")
        form = lt_api.procedure.generate_form(procedure).form
    transaction.commit()
    return procedure, form


def status(app, url) -> int:
    browser = browser_for(app)
    browser.open(url)
    # Plone answers an anonymous visitor of a private item with the login form.
    if "require_login" in browser.url or "login" in browser.url:
        return 401
    return int(browser.headers["status"].split()[0])


def test_private_procedure_hides_its_form(generated, functional_app):
    procedure, form = generated
    assert status(functional_app, form.absolute_url()) == 200  # positive control
    assert api.content.get_state(form) == "published"

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(procedure, to_state="private")
    transaction.commit()
    assert api.content.get_state(form) == "private"
    assert status(functional_app, form.absolute_url()) == 401

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(procedure, to_state="published")
    transaction.commit()
    assert api.content.get_state(form) == "published"
    assert status(functional_app, form.absolute_url()) == 200


def test_online_level_none_hides_its_form(generated, functional_app):
    procedure, form = generated
    procedure.online_level = "none"
    modified(procedure)
    transaction.commit()
    assert api.content.get_state(form) == "private"
    assert status(functional_app, form.absolute_url()) == 401

    procedure.online_level = "partial"
    modified(procedure)
    transaction.commit()
    assert status(functional_app, form.absolute_url()) == 200


def test_a_form_generated_for_a_private_procedure_stays_private(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        procedure = make_procedure(functional_portal, id="nhap")
        api.content.transition(procedure, to_state="private")
        form = lt_api.procedure.generate_form(procedure).form
    assert api.content.get_state(form) == "private"


def test_a_deleted_procedure_takes_its_form_off_the_site(generated, functional_app):
    procedure, form = generated
    url = form.absolute_url()
    assert status(functional_app, url) == 200  # positive control
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(procedure, check_linkintegrity=False)
    transaction.commit()
    assert api.content.get_state(form) == "private"
    assert status(functional_app, url) == 401
