"""Who sees and who may do what, over HTTP: Editors write and submit, Site
Administrators publish, Anonymous and Members see only what is published."""

from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import transitions_for
from luanthanh.policy.testing.http import browser_for
from plone import api

import pytest
import transaction


USERS = {
    "anonymous": None,
    "member": "congdan",
    "editor": "bientap",
    "site_admin": "quantri",
}

# state → users who may open the document
VISIBLE = {
    "published": {"anonymous", "member", "editor", "site_admin"},
    "pending": {"editor", "site_admin"},
    "private": {"editor", "site_admin"},
}


@pytest.mark.parametrize("state", sorted(VISIBLE))
@pytest.mark.parametrize("who", sorted(USERS))
def test_document_page_per_role(documents, functional_app, state, who):
    document = {"published": "qd15", "pending": "pending", "private": "draft"}[state]
    url = documents[document].absolute_url()
    browser = browser_for(functional_app, USERS[who])
    browser.open(url)
    title = documents[document].title
    if who in VISIBLE[state]:
        assert browser.headers["status"].startswith("200")
        assert title in browser.contents
    else:
        assert title not in browser.contents
        # Plone sends Anonymous to the login form, a member to
        # "insufficient privileges".
        assert "login" in browser.url or "insufficient-privileges" in browser.url


@pytest.mark.parametrize("who", sorted(USERS))
def test_listing_shows_only_what_each_role_may_see(documents, functional_app, who):
    browser = browser_for(functional_app, USERS[who])
    browser.open(f"{documents['qd15'].aq_parent.absolute_url()}")
    html = browser.contents
    assert "15/QĐ-UBND" in html
    assert ("99/CT-UBND" in html) is (who in VISIBLE["private"])
    assert ("98/BC-UBND" in html) is (who in VISIBLE["pending"])


def test_editor_writes_and_submits_site_administrator_publishes(documents):
    draft = documents["draft"]
    assert transitions_for(draft, "bientap") == {"submit"}
    fire(draft, "submit", "bientap")
    assert "publish" not in transitions_for(draft, "bientap")
    assert "publish" not in transitions_for(draft, "congdan")
    assert "publish" in transitions_for(draft, "quantri")
    fire(draft, "publish", "quantri")
    assert api.content.get_state(draft) == "published"


@pytest.mark.parametrize(
    "who,may_add", [("editor", True), ("site_admin", True), ("member", False)]
)
def test_add_form_per_role(documents, functional_app, who, may_add):
    browser = browser_for(functional_app, USERS[who])
    browser.open(f"{documents['qd15'].aq_parent.absolute_url()}/++add++LegalDocument")
    if may_add:
        assert browser.headers["status"].startswith("200")
        assert "Số ký hiệu" in browser.contents
    else:
        assert "Số ký hiệu" not in browser.contents


def test_editor_upload_refused_unless_pdf(documents, functional_app):
    """The add form refuses a file that is not a PDF, whatever its name."""
    browser = browser_for(functional_app, "bientap")
    browser.open(f"{documents['qd15'].aq_parent.absolute_url()}/++add++LegalDocument")
    form = browser.getForm(id="form")
    form.getControl(name="form.widgets.IBasic.title").value = "Công văn giả mạo"
    form.getControl(name="form.widgets.document_number").value = "77/UBND-VP"
    form.getControl(name="form.widgets.document_type:list").value = ["cong-van"]
    form.getControl(name="form.widgets.issued_date").value = "2026-03-01"
    form.getControl(name="form.widgets.summary").value = "Về việc thử tải tệp lạ"
    form.getControl(name="form.widgets.file").add_file(
        b"MZ\x90\x00 this is an executable", "application/pdf", "cong-van.pdf"
    )
    form.getControl(name="form.buttons.save").click()
    assert "Tệp văn bản phải là tệp PDF." in browser.contents
    transaction.begin()
    assert not api.content.find(document_number="77/UBND-VP", unrestricted=True)
