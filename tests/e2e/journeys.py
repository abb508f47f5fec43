"""Steps the journeys share: the citizen's online submission and lookup."""

from luanthanh.policy.testing.files import PDF
from playwright.sync_api import expect
from playwright.sync_api import Page

import re
import time


#: easyform's guard refuses a form posted less than 3 s after it was shown
#: (luanthanh.policy.easyform.guard.MIN_FILL_SECONDS); a person needs longer.
MIN_FILL_SECONDS = 3.5
PHONE = (360, 740)
DESKTOP = (1366, 768)
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
CODE_RE = re.compile(r"^[0-9A-Z.]+-\d{6}-\d{4}$")

APPLICANT = {
    "ho_ten": "Nguyễn Thị Hoa",
    "so_cccd": "038190001234",
    "so_dien_thoai": "0912 345 678",
    "dia_chi": "Thôn Trung, xã Luận Thành, tỉnh Thanh Hóa",
}
CHILD = {
    "ho_ten_tre": "Lê Minh An",
    "ngay_sinh": "20/11/2026",  # typed dd/mm/yyyy (browser/dates.py)
    "noi_sinh": "Trạm Y tế xã Luận Thành, tỉnh Thanh Hóa",
    "ho_ten_me": "Nguyễn Thị Hoa",
}
UPLOAD = {"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}


def wait_like_a_person(shown_at: float) -> None:
    """Let at least MIN_FILL_SECONDS pass since the form was shown."""
    remaining = MIN_FILL_SECONDS - (time.monotonic() - shown_at)
    if remaining > 0:
        time.sleep(remaining)


def open_birth_form(page: Page, shots) -> None:
    """From the catalogue to the form of "Đăng ký khai sinh"."""
    page.goto("thu-tuc-hanh-chinh")
    expect(page.locator("h1")).to_contain_text("Thủ tục hành chính")
    shots(page, "catalogue")
    open_online_form(page, shots, "Đăng ký khai sinh", "procedure")


def open_online_form(page: Page, shots, title: str, shot: str) -> None:
    """From the catalogue page shown, procedure ``title`` and its online form."""
    page.get_by_role("link", name=title, exact=True).first.click()
    expect(page.locator("h1")).to_have_text(title)
    shots(page, shot)
    page.locator("#content-core, #content").get_by_role(
        "link", name="Nộp hồ sơ trực tuyến"
    ).first.click()
    expect(page.locator("#form-widgets-ho_ten")).to_be_visible()


def fill_birth_form(page: Page) -> None:
    """Fill in the birth registration form with the mouse, upload included."""
    for name, value in {**APPLICANT, **CHILD}.items():
        page.locator(f"#form-widgets-{name}").fill(value)
    page.get_by_label("Mẹ", exact=True).check()
    page.get_by_label("Nam", exact=True).check()
    page.locator("#form-widgets-giay_chung_sinh-input").set_input_files(UPLOAD)
    page.locator("#form-widgets-cam_doan-0").check()
    page.locator("#form-widgets-dong_y-0").check()


def read_receipt(page: Page) -> str:
    """The dossier code shown on the thank-you page."""
    code = page.locator(".online-receipt-code")
    expect(code).to_be_visible()
    text = code.inner_text().strip()
    assert CODE_RE.match(text), text
    return text


def submit_birth_dossier(page: Page, shots) -> str:
    """Catalogue → procedure → form → thank-you page; the dossier code."""
    open_birth_form(page, shots)
    shown_at = time.monotonic()
    fill_birth_form(page)
    shots(page, "form-filled")
    wait_like_a_person(shown_at)
    page.get_by_role("button", name="Gửi hồ sơ").click()
    code = read_receipt(page)
    check_thank_you(page, code)
    shots(page, "thank-you")
    return code


def check_thank_you(page: Page, code: str) -> None:
    """The slip names the code and the file; the answers read as text; a
    print holds the slip alone."""
    slip = page.locator(".online-slip")
    expect(slip).to_contain_text("Phiếu xác nhận nộp hồ sơ trực tuyến")
    expect(page.locator(".online-slip-code")).to_have_text(code)
    expect(page.locator(".online-slip-files")).to_contain_text(UPLOAD["name"])
    expect(page.locator(".online-answer[data-field=ngay_sinh] dd")).to_have_text(
        CHILD["ngay_sinh"]
    )
    expect(page.locator(".online-answers input")).to_have_count(0)
    # Printing prints the slip only.
    page.emulate_media(media="print")
    expect(slip).to_be_visible()
    expect(page.locator(".online-answers")).to_be_hidden()
    expect(page.locator(".online-slip-print")).to_be_hidden()
    page.emulate_media(media="screen")


def look_up(page: Page, code: str, phone: str = APPLICANT["so_dien_thoai"]):
    """Look a dossier up by code and phone; the state's locator."""
    page.goto("tra-cuu-ho-so")
    page.get_by_label("Mã hồ sơ").fill(code)
    page.get_by_label("Số điện thoại").fill(phone)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".lookup-code")).to_have_text(code)
    # The form posts (issue #14, finding 11): the phone stays out of the
    # address, the history and the proxy's logs.
    assert "phone" not in page.url and phone not in page.url
    return page.locator(".lookup-state")


def log_in(page: Page, userid: str, password: str) -> None:
    """Plone's login form, as an official."""
    page.goto("login")
    page.locator("#__ac_name").fill(userid)
    page.locator("#__ac_password").fill(password)
    page.locator("#buttons-login").click()
    expect(
        page.locator("#personaltools-logout, a[href$='/logout']").first
    ).to_be_attached()


def fire(page: Page, dossier_url: str, transition: str) -> None:
    """Open the dossier page and press the button of ``transition``."""
    page.goto(dossier_url)
    form = page.locator(f"#transition-{transition}")
    expect(form).to_be_visible()
    form.locator("button[type=submit]").click()
    expect(page.get_by_text("Đã thực hiện").first).to_be_visible()
