"""Journey 1: a citizen finds a procedure, submits online and looks it up."""

from playwright.sync_api import expect
from tests.e2e.axe import assert_accessible
from tests.e2e.journeys import look_up
from tests.e2e.journeys import submit_birth_dossier
from tests.e2e.journeys import VIEWPORTS

import pytest
import re


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_citizen_journey(new_page, shots, viewport):
    page = new_page(viewport)

    page.goto("")
    expect(page).to_have_title("Trung tâm Phục vụ hành chính công xã Luận Thành")
    shots(page, "home")

    # Search without accents, from the search box of every page.
    search = page.locator("#searchGadget")
    if not search.is_visible():  # on a phone it is in the collapsed menu
        page.locator(".navbar-toggler").first.click()
        # Bootstrap's offcanvas takes the focus when its slide ends (its
        # focus trap): typing before that lost the Enter (one CI failure).
        menu = page.locator("#offcanvasNavbar")
        expect(menu).to_have_class(re.compile(r"\bshow\b"))
        expect(menu).not_to_have_class(re.compile(r"\bshowing\b"))
        expect(search).to_be_visible()
        shots(page, "menu-open")
    search.fill("ket hon")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"SearchableText=ket(\+|%20)hon"))
    results = page.locator("#search-results")
    expect(results).to_contain_text("Đăng ký kết hôn")
    shots(page, "search-ket-hon")
    results.get_by_role("link", name="Đăng ký kết hôn", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Đăng ký kết hôn")
    shots(page, "dang-ky-ket-hon")

    # A procedure with an online form: fill it in, upload, submit.
    code = submit_birth_dossier(page, shots)
    assert_accessible(page, shots.folder, "thank-you")

    # The code on the thank-you page finds the dossier with the phone number.
    state = look_up(page, code)
    expect(state).to_have_attribute("data-state", "intake")
    shots(page, "lookup")
    assert_accessible(page, shots.folder, "lookup-result")
