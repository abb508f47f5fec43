"""Filling in the online (EasyForm) forms of the demo with a test browser."""

from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.dossiers import followup
from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.http import browser_for
from unittest import mock

import lxml.html
import transaction


KHAI_SINH = "nop-ho-so/dang-ky-khai-sinh"

#: A complete, valid birth registration.
ANSWERS = {
    "ho_ten": "Nguyễn Văn An",
    "so_cccd": "038090001234",
    "so_dien_thoai": "0912 345 678",
    "email": "an@example.org",
    "dia_chi": "Thôn Trung Thành, xã Luận Thành, tỉnh Thanh Hóa",
    "quan_he": ["Cha"],
    "ho_ten_tre": "Nguyễn Minh Khôi",
    "ngay_sinh": "2025-11-20",
    "gioi_tinh": ["Nam"],
    "noi_sinh": "Trạm Y tế xã Luận Thành, tỉnh Thanh Hóa",
    "ho_ten_me": "Lê Thị Hoa",
    "ho_ten_cha": "Nguyễn Văn An",
    "cam_doan:list": ["selected"],
    "dong_y:list": ["selected"],
}
FILES = {"giay_chung_sinh": (PDF, "application/pdf", "Giấy chứng sinh.pdf")}


def open_form(browser, portal, path=KHAI_SINH):
    """Open the form at ``path`` (the birth registration by default)."""
    browser.open(f"{portal.absolute_url()}/{path}")


def fill(browser, answers=None, files=None, **overrides):
    """Fill in the open form; ``overrides`` replace answers (None: left empty)."""
    values = dict(ANSWERS if answers is None else answers)
    values.update(overrides)
    for name, value in values.items():
        if value is None:
            continue
        browser.getControl(name=f"form.widgets.{name}").value = value
    for name, (data, content_type, filename) in (
        FILES if files is None else files
    ).items():
        browser.getControl(name=f"form.widgets.{name}").add_file(
            data, content_type, filename
        )


def submit(browser):
    """Send the open form."""
    browser.getControl(name="form.buttons.submit").click()


def submit_unindexed(app, portal):
    """Submit the birth registration as a citizen while the indexing that
    follows a submission fails: the dossier is stored but waits off the
    dashboard (:mod:`luanthanh.policy.dossiers.followup`).  Returns it."""
    citizen = browser_for(app, raising=True)
    open_form(citizen, portal)
    fill(citizen)
    with mock.patch.object(followup, "index_pending", side_effect=RuntimeError("x")):
        submit(citizen)
    transaction.begin()
    [(path, _when)] = dossier_api.waiting_for_index()
    return portal.unrestrictedTraverse(path)


def dossiers() -> list:
    """Every dossier in the site, as the browser's requests committed them."""
    transaction.begin()  # see what the browser's requests committed
    return [
        b._unrestrictedGetObject() for b in find_unrestricted(portal_type="Dossier")
    ]


def z3c_form(session, url: str):
    """The z3c.form (``id="form"``) of the page at ``url`` and what a browser
    would send when saving it unchanged: every field, without the CSRF token
    and without the buttons.  ``(form, values)``."""
    page = session.get(url)
    assert page.status_code == 200, page.status_code
    form = next(
        f for f in lxml.html.fromstring(page.text).forms if f.get("id") == "form"
    )
    values = [
        (name, value)
        for name, value in form.form_values()
        if name != "_authenticator" and not name.startswith("form.buttons.")
    ]
    return form, values


def submit_online(browser, portal, path=KHAI_SINH, files=None, **overrides):
    """Send the form at ``path`` filled in (``fill``) as the browser's user;
    the dossier it made, as committed."""
    before = {d.code for d in dossiers()}
    open_form(browser, portal, path)
    fill(browser, files=files, **overrides)
    submit(browser)
    [dossier] = [d for d in dossiers() if d.code not in before]
    return dossier
