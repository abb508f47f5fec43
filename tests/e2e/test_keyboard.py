"""Journey 4: the citizen's journey with the keyboard only.

No click anywhere: Tab moves the focus, Enter follows links and submits,
Space ticks boxes and opens the file chooser, the arrow keys choose a radio
button.  At every stop the focused element must show a visible focus
indicator (WCAG 2.4.7).
"""

from playwright.sync_api import expect
from playwright.sync_api import Page
from tests.e2e.journeys import APPLICANT
from tests.e2e.journeys import check_thank_you
from tests.e2e.journeys import CHILD
from tests.e2e.journeys import read_receipt
from tests.e2e.journeys import UPLOAD
from tests.e2e.journeys import wait_like_a_person

import time


MAX_TABS = 150

FOCUS_STYLE = """el => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return {
        visible: outline || shadow,
        matchesFocusVisible: el.matches(':focus-visible'),
        tag: el.tagName, id: el.id, text: (el.innerText || el.value || '').slice(0, 60),
        outline: style.outline, shadow: style.boxShadow,
    };
}"""


def focused(page: Page) -> dict:
    return page.evaluate(f"({FOCUS_STYLE})(document.activeElement)")


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until ``selector`` has the focus; it must show it."""
    target = page.locator(selector).first
    expect(target).to_be_attached()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError(f"{selector} never got the focus in {MAX_TABS} tabs")
    state = focused(page)
    assert state["matchesFocusVisible"], state
    assert state["visible"], f"no visible focus indicator on {selector}: {state}"


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def test_keyboard_only_journey(new_page, shots):
    page = new_page()
    # Playwright asks Chromium to hand it file choosers only when the first
    # listener is added, and it sends that request without waiting for the
    # answer.  Inside ``expect_file_chooser`` the Space key could overtake
    # it, and the chooser then opened natively, unseen (CI, 2026-12-07).
    # One listener from the start settles the subscription long before.
    choosers = []

    def seen(chooser):
        choosers.append(chooser)

    page.on("filechooser", seen)
    page.goto("")
    shots(page, "home")

    # Search "ket hon" from the header's search box.
    type_into(page, "#searchGadget", "ket hon")
    shots(page, "search-typed")
    page.keyboard.press("Enter")
    expect(page.locator("#search-results")).to_contain_text("Đăng ký kết hôn")
    tab_to(page, "#search-results a:text-is('Đăng ký kết hôn')")
    shots(page, "search-result-focused")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Đăng ký kết hôn")
    shots(page, "dang-ky-ket-hon")

    # The main navigation to the online forms, then the birth form.
    tab_to(page, "#portal-globalnav a[href$='/nop-ho-so']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Nộp hồ sơ trực tuyến")
    tab_to(page, "#content a[href$='/nop-ho-so/dang-ky-khai-sinh']")
    shots(page, "online-forms")
    page.keyboard.press("Enter")
    expect(page.locator("#form-widgets-ho_ten")).to_be_attached()
    shown_at = time.monotonic()

    for name in ("ho_ten", "so_cccd", "so_dien_thoai"):
        type_into(page, f"#form-widgets-{name}", APPLICANT[name])
    type_into(page, "#form-widgets-dia_chi", APPLICANT["dia_chi"])
    # A radio group is one tab stop: Space picks the first, ↓ the next.
    tab_to(page, "#form-widgets-quan_he-0")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#form-widgets-quan_he-1")).to_be_checked()  # Mẹ
    type_into(page, "#form-widgets-ho_ten_tre", CHILD["ho_ten_tre"])
    # A text input, dd/mm/yyyy whatever the browser's locale (browser/dates.py).
    type_into(page, "#form-widgets-ngay_sinh", CHILD["ngay_sinh"])
    tab_to(page, "#form-widgets-gioi_tinh-0")
    page.keyboard.press("Space")
    expect(page.locator("#form-widgets-gioi_tinh-0")).to_be_checked()
    type_into(page, "#form-widgets-noi_sinh", CHILD["noi_sinh"])
    type_into(page, "#form-widgets-ho_ten_me", CHILD["ho_ten_me"])
    # The file chooser opens from the keyboard too.
    tab_to(page, "#form-widgets-giay_chung_sinh-input")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(UPLOAD)
    assert len(choosers) == 1
    for box in ("#form-widgets-cam_doan-0", "#form-widgets-dong_y-0"):
        tab_to(page, box)
        page.keyboard.press("Space")
        expect(page.locator(box)).to_be_checked()
    tab_to(page, "#form-buttons-submit")
    shots(page, "form-filled")
    wait_like_a_person(shown_at)
    page.keyboard.press("Enter")
    code = read_receipt(page)
    check_thank_you(page, code)
    shots(page, "thank-you")

    # From the thank-you page to the lookup, the code already filled in.
    tab_to(page, "a.online-receipt-lookup")
    page.keyboard.press("Enter")
    expect(page.locator("#lookup-code")).to_have_value(code)
    type_into(page, "#lookup-phone", APPLICANT["so_dien_thoai"])
    page.keyboard.press("Enter")
    expect(page.locator(".lookup-code")).to_have_text(code)
    expect(page.locator(".lookup-state")).to_have_attribute("data-state", "intake")
    assert "phone" not in page.url  # posted, not in the address (issue #14)
    shots(page, "lookup")
