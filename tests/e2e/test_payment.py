"""Journey: the fee paid without cash by VietQR (issue #18).

A citizen applies online for a certificate of marital status (15.000 đồng):
the thank-you page shows the VietQR code. The desk accepts the dossier and
prints the receipt slip (Mẫu số 01) with the same code; the citizen's lookup
shows it too. Once the desk records the transfer, neither shows it any more.
"""

from luanthanh.policy.payments import vietqr
from luanthanh.policy.testing.builders import PASSWORD
from playwright.sync_api import expect
from playwright.sync_api import Page
from tests.e2e.axe import assert_accessible
from tests.e2e.journeys import APPLICANT
from tests.e2e.journeys import fire
from tests.e2e.journeys import log_in
from tests.e2e.journeys import look_up
from tests.e2e.journeys import open_online_form
from tests.e2e.journeys import PHONE
from tests.e2e.journeys import read_receipt
from tests.e2e.journeys import wait_like_a_person

import requests
import time


PROCEDURE = "Cấp Giấy xác nhận tình trạng hôn nhân"
SCAN = "Quét mã VietQR bằng ứng dụng ngân hàng để nộp phí, lệ phí."


def submit_marital_status(page: Page, shots) -> str:
    """Catalogue → procedure → its online form → thank-you page; the code."""
    page.goto("thu-tuc-hanh-chinh")
    open_online_form(page, shots, PROCEDURE, "procedure")
    shown_at = time.monotonic()
    for name, value in APPLICANT.items():
        page.locator(f"#form-widgets-{name}").fill(value)
    page.locator("#form-widgets-ngay_sinh").fill("12/03/1996")
    page.get_by_label("Nữ", exact=True).check()
    page.locator("#form-widgets-tinh_trang_hon_nhan").select_option(
        label="Chưa đăng ký kết hôn với ai"
    )
    page.locator("#form-widgets-muc_dich").fill(
        "Để đăng ký kết hôn tại UBND xã Luận Thành"
    )
    page.locator("#form-widgets-cam_doan-0").check()
    page.locator("#form-widgets-dong_y-0").check()
    shots(page, "form-filled")
    wait_like_a_person(shown_at)
    page.get_by_role("button", name="Gửi hồ sơ").click()
    return read_receipt(page)


def check_box(page: Page, code: str) -> str:
    """The VietQR box is shown with the fee, the account and a payload that
    carries the amount and the code; the payload."""
    box = page.locator(".payment-qr")
    expect(box).to_be_visible()
    expect(box).to_contain_text(SCAN)
    expect(box.locator(".payment-qr-amount")).to_have_text("15.000 đồng")
    expect(box.locator(".payment-qr-account")).to_have_text("3800201000999")
    expect(box.locator(".payment-qr-bank")).to_contain_text("Agribank")
    expect(box.locator(".payment-qr-purpose")).to_have_text(code)
    expect(box.locator("svg.payment-qr-svg")).to_be_visible()
    payload = box.locator(".payment-qr-payload").inner_text().strip()
    parsed = vietqr.parse(payload)
    assert parsed["54"] == "15000"
    assert parsed["62"]["08"] == code
    assert parsed["38"]["01"] == {"00": "970405", "01": "3800201000999"}
    return payload


def test_the_fee_by_vietqr(new_page, shots, site):
    citizen = new_page()
    code = submit_marital_status(citizen, shots)
    # The fee is known at submission: the thank-you page shows the code.
    payload = check_box(citizen, code)
    expect(citizen.locator(".online-slip .payment-qr")).to_be_visible()
    shots(citizen, "thank-you-vietqr")
    assert_accessible(citizen, shots.folder, "thank-you-vietqr")

    # The desk accepts the dossier and prints the receipt slip.
    desk = new_page()
    log_in(desk, "motcua", PASSWORD)
    for _ in range(50):  # indexed a moment after the thank-you page
        desk.goto("ban-lam-viec")
        if desk.get_by_role("link", name=code).count():
            break
        desk.wait_for_timeout(200)
    desk.get_by_role("link", name=code).first.click()
    expect(desk.locator("h1")).to_contain_text(code)
    dossier_url = desk.url.split("?")[0]
    fire(desk, dossier_url, "accept")
    desk.goto(f"{dossier_url}/@@giay-tiep-nhan")
    expect(desk.locator("body")).to_contain_text(code)
    assert check_box(desk, code) == payload
    # Two QR codes: the lookup's and the payment's.
    expect(desk.locator(".slip-sheet svg")).to_have_count(2)
    shots(desk, "receipt-slip-vietqr")
    assert_accessible(desk, shots.folder, "receipt-slip-vietqr")
    desk.emulate_media(media="print")
    expect(desk.locator(".payment-qr")).to_be_visible()
    shots(desk, "receipt-slip-vietqr-print")
    desk.emulate_media(media="screen")

    # The citizen's lookup shows the same code.
    state = look_up(citizen, code)
    expect(state).to_have_attribute("data-state", "processing")
    assert check_box(citizen, code) == payload
    shots(citizen, "lookup-vietqr")
    assert_accessible(citizen, shots.folder, "lookup-vietqr")
    # On a phone, where most citizens look up and pay.
    phone = new_page(PHONE)
    look_up(phone, code)
    assert check_box(phone, code) == payload
    box = phone.locator(".payment-qr").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
    shots(phone, "lookup-vietqr-phone")

    # The transfer arrives; the desk records it (REST @payment).
    api_url = dossier_url.replace(site, f"{site}/++api++", 1)
    response = requests.post(
        f"{api_url}/@payment",
        json={"method": "vietqr", "reference": "FT26E2E0001"},
        headers={"Accept": "application/json"},
        auth=("motcua", PASSWORD),
        timeout=30,
    )
    assert response.status_code == 201, response.text
    assert response.json()["qr_payload"] is None

    # Paid: neither the lookup nor the slip shows a code any more.
    look_up(citizen, code, APPLICANT["so_dien_thoai"])
    expect(citizen.locator(".lookup-status")).to_be_visible()
    expect(citizen.locator(".payment-qr")).to_have_count(0)
    shots(citizen, "lookup-paid")
    desk.goto(f"{dossier_url}/@@giay-tiep-nhan")
    expect(desk.locator("body")).to_contain_text(code)
    expect(desk.locator(".payment-qr")).to_have_count(0)
    expect(desk.locator(".slip-sheet svg")).to_have_count(1)
    shots(desk, "receipt-slip-paid")
