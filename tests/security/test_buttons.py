"""A GET never submits a form: the add form of one of our types.

z3c.form reads the query string too.  A GET to ``++add++Procedure`` with
the fields, ``form.buttons.save`` and the user's own valid token created the
procedure; its buttons are now ignored.  The control: the same values
POSTed create it."""

from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.forms import z3c_form
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import token_for
from plone import api

import pytest
import transaction


CODE = "9.000001"


@pytest.fixture
def add_form(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
    transaction.commit()
    url = f"{functional_portal['thu-tuc-hanh-chinh'].absolute_url()}/++add++Procedure"
    session = session_for("quantri")
    form, values = z3c_form(session, url)
    names = {name for name, _value in values} | set(form.fields.keys())
    title = next(n for n in names if n.endswith(".title") and "widgets" in n)
    code = next(n for n in names if n.endswith("widgets.code"))
    values = [(n, v) for n, v in values if n not in (title, code)]
    values += [
        (title, "Thủ tục tạo bằng GET"),
        (code, CODE),
        ("form.buttons.save", "Lưu"),
        ("_authenticator", token_for("quantri")),
    ]
    return functional_portal, session, url, values


def _procedures(portal) -> list:
    transaction.begin()
    return [
        obj
        for obj in portal["thu-tuc-hanh-chinh"].objectValues()
        if getattr(obj, "code", None) == CODE
    ]


def test_get_with_token_and_button_creates_nothing(add_form):
    portal, session, url, values = add_form
    response = session.get(url, params=values, allow_redirects=False)
    assert response.status_code == 200, response.status_code
    assert _procedures(portal) == []


def test_post_with_token_creates(add_form):
    portal, session, url, values = add_form
    response = session.post(url, data=values, allow_redirects=False)
    assert response.status_code in (302, 303), response.status_code
    [procedure] = _procedures(portal)
    assert api.content.get_state(procedure) in ("private", "draft", "published")
