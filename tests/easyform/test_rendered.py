"""The empty online form: rendered once per form version, a new stamp each time."""

from collective.easyform.browser.view import EasyFormForm
from luanthanh.policy.easyform import rendered
from luanthanh.policy.easyform.guard import GUARD
from luanthanh.policy.testing.forms import dossiers
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import KHAI_SINH
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from luanthanh.policy.testing.http import browser_for
from plone import api
from z3c.form.form import Form

import pytest
import re
import transaction


STAMP = re.compile(rf'name="form\.widgets\.{GUARD}" value="([^"]+)"')
#: plone.protect's token: drawn for each rendering from a ring of keys, so
#: two pages may or may not carry the same one.
CSRF = re.compile(r'(name="_authenticator" value=")[0-9a-f]+"')


def without_tokens(page: str, stamp: str) -> str:
    return CSRF.sub(r'\1"', page.replace(stamp, ""))


@pytest.fixture
def renders(monkeypatch):
    """How many times the form's markup was made from its widgets."""
    count = []

    def counting(self):
        count.append(self.request.getURL())
        return Form.render(self)

    rendered.forget()
    monkeypatch.setattr(EasyFormForm, "render", counting, raising=False)
    yield count
    rendered.forget()


def stamp(browser) -> str:
    return STAMP.search(browser.contents).group(1)


def test_made_once_with_a_new_stamp_each_time(
    online, browser, functional_portal, renders
):
    open_form(browser, functional_portal)
    first, first_page = stamp(browser), browser.contents
    open_form(browser, functional_portal)
    second, second_page = stamp(browser), browser.contents
    assert len(renders) == 1
    assert first != second
    assert without_tokens(first_page, first) == without_tokens(second_page, second)
    assert 'name="form.widgets.ho_ten"' in second_page


def test_a_reused_form_makes_its_dossier(online, browser, functional_portal, renders):
    open_form(browser, functional_portal)
    open_form(browser, functional_portal)
    assert len(renders) == 1
    token = stamp(browser).split(".")[1]
    fill(browser)
    submit(browser)
    [dossier] = dossiers()
    assert dossier.submission_token == token
    assert dossier.code in browser.contents


def test_an_edit_of_the_form_is_shown_at_once(
    online, browser, functional_portal, renders
):
    open_form(browser, functional_portal)
    form = functional_portal.unrestrictedTraverse(KHAI_SINH)
    form.submitLabel = "Nộp ngay hồ sơ"
    transaction.commit()
    open_form(browser, functional_portal)
    assert len(renders) == 2
    assert "Nộp ngay hồ sơ" in browser.contents


def test_never_for_a_query_string(online, browser, functional_portal, renders):
    url = f"{functional_portal.absolute_url()}/{KHAI_SINH}"
    browser.open(f"{url}?form.widgets.ho_ten=Nguy%E1%BB%85n")
    browser.open(f"{url}?form.widgets.ho_ten=Nguy%E1%BB%85n")
    assert len(renders) == 2


def test_never_for_a_logged_in_user(online, functional_app, functional_portal, renders):
    api.user.create(
        email="dan@example.org", username="congdan", password="Matkhau-1234!"
    )
    transaction.commit()
    member = browser_for(functional_app, "congdan", "Matkhau-1234!", raising=True)
    open_form(member, functional_portal)
    open_form(member, functional_portal)
    assert len(renders) == 2


def test_never_with_errors(online, browser, functional_portal, renders):
    open_form(browser, functional_portal)
    fill(browser, ho_ten="")
    browser.getControl(name="form.widgets.ho_ten").value = ""
    submit(browser)
    assert len(renders) == 2
    assert "online-receipt-code" not in browser.contents
