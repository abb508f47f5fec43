"""Journey 2: the officials carry an online dossier to its result.

The desk (``motcua``) accepts it and prints the receipt slip, the processor
assigned to civil status (``chuyenvien``) submits it for approval, the
approver (``lanhdao``) approves, the desk delivers; the citizen's lookup shows
the result and the citizen rates it.  Each official in their own browser.
"""

from luanthanh.policy.testing.builders import PASSWORD
from playwright.sync_api import expect
from tests.e2e.journeys import APPLICANT
from tests.e2e.journeys import fire
from tests.e2e.journeys import log_in
from tests.e2e.journeys import look_up
from tests.e2e.journeys import submit_birth_dossier


def test_officials_journey(new_page, shots, results, site):
    citizen = new_page()
    code = submit_birth_dossier(citizen, shots)

    # The desk finds it on the dashboard, accepts it, prints the receipt.
    desk = new_page()
    log_in(desk, "motcua", PASSWORD)
    # Listed once the instance's follow-up thread has indexed it, a moment
    # after the thank-you page (DOSSIER_FOLLOWUP=background): at most 10 s.
    for _ in range(50):
        desk.goto("ban-lam-viec")
        if desk.get_by_role("link", name=code).count():
            break
        desk.wait_for_timeout(200)
    desk.get_by_role("link", name=code).first.click()
    expect(desk.locator("h1")).to_contain_text(code)
    dossier_url = desk.url.split("?")[0]
    assert dossier_url.startswith(f"{site}/ho-so/")
    shots(desk, "desk-dossier")
    fire(desk, dossier_url, "accept")
    shots(desk, "desk-accepted")
    desk.goto(f"{dossier_url}/@@giay-tiep-nhan")
    expect(desk.locator("body")).to_contain_text(code)
    desk.emulate_media(media="print")
    shots(desk, "receipt-slip-print")
    desk.pdf(path=str(shots.folder / "receipt-slip.pdf"), format="A4")
    desk.emulate_media(media="screen")

    # The processor of civil status submits it for approval.
    processor = new_page()
    log_in(processor, "chuyenvien", PASSWORD)
    fire(processor, dossier_url, "submit_for_approval")
    shots(processor, "processor-submitted")

    # The approver approves.
    approver = new_page()
    log_in(approver, "lanhdao", PASSWORD)
    fire(approver, dossier_url, "approve")
    shots(approver, "approver-approved")

    # The desk hands the result over.
    fire(desk, dossier_url, "deliver")
    shots(desk, "desk-delivered")

    # The citizen sees the result and rates it.
    state = look_up(citizen, code)
    expect(state).to_have_attribute("data-state", "returned")
    shots(citizen, "lookup-returned")
    citizen.get_by_label("Rất hài lòng", exact=True).check()
    citizen.get_by_label("Góp ý (không bắt buộc)").fill(
        "Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn."
    )
    # The rating asks for the phone number again (a second factor).
    citizen.locator("#rating-phone").fill(APPLICANT["so_dien_thoai"])
    citizen.get_by_role("button", name="Gửi đánh giá").click()
    expect(citizen.get_by_text("Cảm ơn ông/bà đã đánh giá")).to_be_visible()
    shots(citizen, "rated")
