"""Journey: a fee paid in cash at the counter, and its e-receipt (issue #18).

The desk receives a walk-in request for a copy of a civil status extract
(8.000 đồng); the processor and the approver bring it to its result. The
desk cannot hand the result over while the fee is unpaid, records the cash
payment from the dossier page, prints the "Biên lai thu phí, lệ phí" and
hands the result over, all from the dossier page.
"""

from luanthanh.policy.testing.builders import PASSWORD
from playwright.sync_api import expect
from tests.e2e.axe import assert_accessible
from tests.e2e.journeys import fire
from tests.e2e.journeys import log_in

import re


PROCEDURE = "2.000635 – Cấp bản sao trích lục hộ tịch"
UNPAID = "Hồ sơ chưa hoàn thành nghĩa vụ tài chính: chưa nộp phí, lệ phí 8.000 đồng."


def test_cash_at_the_counter_and_the_receipt(new_page, shots, site):
    desk = new_page()
    log_in(desk, "motcua", PASSWORD)
    desk.goto("ho-so/@@tiep-nhan-truc-tiep")
    desk.locator("#form-widgets-procedure").select_option(label=PROCEDURE)
    # The papers of the procedure are loaded into the form.
    expect(desk.get_by_text("Tờ khai cấp bản sao trích lục hộ tịch")).to_be_visible()
    desk.locator("#form-widgets-applicant_name").fill("Phạm Văn Quyết")
    desk.locator("#form-widgets-applicant_phone").fill("0912 345 678")
    desk.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    desk.wait_for_url(re.compile(r".*/ho-so/[^@/]+$"))
    dossier_url = desk.url.split("#")[0].split("?")[0]
    panel = desk.locator("section.dossier-payment")
    expect(panel).to_contain_text("8.000 đồng")
    expect(panel).to_contain_text("Chưa nộp phí, lệ phí")

    processor = new_page()
    log_in(processor, "chuyenvien", PASSWORD)
    fire(processor, dossier_url, "submit_for_approval")
    # The processor sees the fee, not the desk's forms.
    expect(processor.locator("section.dossier-payment")).to_contain_text("8.000 đồng")
    expect(processor.locator("#payment-record")).to_have_count(0)
    approver = new_page()
    log_in(approver, "lanhdao", PASSWORD)
    fire(approver, dossier_url, "approve")

    # The result waits for the fee: said beside the button, refused if pressed.
    desk.goto(dossier_url)
    deliver = desk.locator("#transition-deliver")
    expect(deliver.locator(".dossier-fee-unpaid")).to_contain_text(UNPAID)
    shots(desk, "fee-unpaid")
    # The panel and the deliver form (the page's chrome is Plone's toolbar).
    desk.locator(".dossier-payment-qr summary").click()
    desk.locator("#payment-correct summary").click()
    for name, part in (
        ("fee-panel", "section.dossier-payment"),
        ("fee-deliver", "#transition-deliver"),
    ):
        assert_accessible(desk, shots.folder, name, within=part)
    deliver.locator("button[type=submit]").click()
    expect(desk.locator(".portalMessage").first).to_contain_text(
        "Hồ sơ chưa hoàn thành nghĩa vụ tài chính"
    )

    # The desk records the cash payment: the method has to be chosen.
    desk.goto(dossier_url)
    record = desk.locator("#payment-record")
    expect(record.locator("#payment-method")).to_have_value("")
    record.locator("#payment-method").select_option(label="Tiền mặt")
    record.locator("button[type=submit]").click()
    expect(desk.locator(".portalMessage").first).to_contain_text(
        "Đã ghi nhận nộp phí, lệ phí 8.000 đồng. Biên lai số BL-"
    )
    panel = desk.locator("section.dossier-payment")
    expect(panel).to_contain_text("Đã nộp phí, lệ phí")
    number = panel.locator(".fee-receipt-number").inner_text().strip()
    assert re.fullmatch(r"BL-\d{4}-\d{6}", number), number
    shots(desk, "fee-paid")

    # The receipt, from the panel.
    panel.get_by_role("link", name="Xem và in biên lai").click()
    sheet = desk.locator(".slip-sheet")
    expect(sheet).to_contain_text("BIÊN LAI THU PHÍ, LỆ PHÍ")
    expect(sheet).to_contain_text(f"Số: {number}")
    expect(sheet).to_contain_text("Số tiền: 8.000 đồng")
    expect(sheet).to_contain_text("Viết bằng chữ: Tám nghìn đồng")
    expect(sheet).to_contain_text("Hình thức nộp: Tiền mặt")
    expect(sheet).to_contain_text("Phạm Văn Quyết")
    shots(desk, "fee-receipt")
    assert_accessible(desk, shots.folder, "fee-receipt")
    desk.emulate_media(media="print")
    expect(desk.locator(".slip-toolbar")).to_be_hidden()
    desk.pdf(path=str(shots.folder / "fee-receipt.pdf"), format="A4")
    desk.emulate_media(media="screen")

    # Back on the dossier page, the result is handed over.
    desk.get_by_role("link", name="Quay lại").click()
    fire(desk, dossier_url, "deliver")
    expect(desk.locator("span.dossier-state")).to_have_text("Đã trả kết quả")
