"""The panel "Phí, lệ phí" of the dossier page and its forms (issue #18),
as the desk and a processor use them in a test browser."""

from luanthanh.policy import api as lt_api
from luanthanh.policy.config import local_datetime
from luanthanh.policy.config import TZ
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.http import text_of
from luanthanh.policy.testing.http import token_for
from luanthanh.policy.testing.paths import dossier_in_state
from plone import api
from urllib.parse import urlencode

import datetime
import lxml.html
import pytest
import re
import transaction


@pytest.fixture
def site(functional_portal, functional_app):
    """A dossier whose result waits for its fee of 15.000 đồng."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(functional_portal, fee=15000)
        dossier = dossier_in_state(functional_portal, "result", procedure)
    transaction.commit()
    return {"app": functional_app, "dossier": dossier, "url": dossier.absolute_url()}


def fresh(dossier):
    """``dossier`` as the last request committed it."""
    transaction.begin()
    return dossier


def panel(html: str) -> str:
    """The visible text of the panel "Phí, lệ phí"."""
    tree = lxml.html.fromstring(html)
    [section] = tree.xpath("//section[contains(@class, 'dossier-payment')]")
    return " ".join(section.text_content().split())


def beside(html: str, input_id: str) -> str:
    """The message shown under the input ``input_id`` (empty if none)."""
    tree = lxml.html.fromstring(html)
    [field] = tree.xpath(f"//*[@id='{input_id}']")
    errors = tree.xpath(f"//*[@id='{input_id}-error']")
    if not errors:
        return ""
    assert f"{input_id}-error" in field.get("aria-describedby", "")
    assert field.get("aria-invalid") == "true"
    return " ".join(errors[0].text_content().split())


def record(browser, url, method="cash", paid_at=None, reference=""):
    browser.open(url)
    form = browser.getForm(id="payment-record")
    if method is not None:
        form.getControl(name="method").value = [method]
    if paid_at is not None:
        form.getControl(name="paid_at").value = paid_at
    form.getControl(name="reference").value = reference
    form.submit(name="submit-record")


def correct(browser, url, fee_due, reason="", comment=""):
    browser.open(url)
    form = browser.getForm(action=re.compile("phi-le-phi"), index=1)
    assert form.getControl(name="payment_action").value == "correct"
    form.getControl(name="fee_due").value = fee_due
    if reason:
        form.getControl(name="reason").value = [reason]
    form.getControl(name="comment").value = comment
    form.submit(name="submit-correct")


def test_the_desk_records_a_cash_payment_and_prints_the_receipt(site):
    browser = browser_for(site["app"], "motcua")
    browser.open(site["url"])
    text = panel(browser.contents)
    assert "Phí, lệ phí phải nộp 15.000 đồng" in text
    assert "Chưa nộp phí, lệ phí" in text
    # The method has no default: the official chooses it.
    select = browser.getForm(id="payment-record").getControl(name="method")
    assert select.value == [""]
    assert (
        'required="required"' in browser.contents.split('id="payment-method"')[1][:200]
    )

    dossier = site["dossier"]
    submitted = local_datetime(dossier.submitted_at).replace(second=0, microsecond=0)
    record(
        browser,
        site["url"],
        "cash",
        paid_at=submitted.strftime("%d/%m/%Y %H:%M"),
        reference="PT-0012",
    )
    year = datetime.datetime.now(TZ).year
    number = f"BL-{year}-000001"
    assert browser.url == f"{site['url']}#dossier-payment"
    assert f"Đã ghi nhận nộp phí, lệ phí 15.000 đồng. Biên lai số {number}." in text_of(
        browser.contents
    )
    text = panel(browser.contents)
    assert "Đã nộp phí, lệ phí" in text
    assert "Tiền mặt" in text
    assert number in text
    assert "Cán bộ một cửa" in text
    assert submitted.strftime("%H giờ %M phút ngày %d/%m/%Y") in text
    # No more payment form; the receipt is one click away.
    assert 'id="payment-record"' not in browser.contents
    browser.getLink("Xem và in biên lai").click()
    assert browser.url == f"{site['url']}/@@bien-lai-thu-phi"
    receipt = text_of(browser.contents)
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in receipt
    assert number in receipt
    assert "Mười lăm nghìn đồng" in receipt

    dossier = fresh(dossier)
    assert dossier.fee_status == "paid"
    assert dossier.payment_method == "cash"
    assert dossier.payment_reference == "PT-0012"
    assert dossier.paid_recorded_by == "motcua"
    assert local_datetime(dossier.paid_at) == submitted


@pytest.mark.parametrize(
    "method,paid_at,field,message",
    [
        (None, None, "payment-method", "Hình thức nộp phải là một trong"),
        ("cash", "32/12/2026 09:30", "payment-paid-at", "Thời điểm không hợp lệ"),
        ("vietqr", "31/12/2999 09:30", "payment-paid-at", "không được ở tương lai"),
        ("card", "01/01/2000 09:30", "payment-paid-at", "trước ngày nộp hồ sơ"),
    ],
    ids=["no-method", "no-such-day", "future", "before-submission"],
)
def test_a_refused_payment_says_why_beside_the_field(
    site, method, paid_at, field, message
):
    browser = browser_for(site["app"], "motcua")
    record(browser, site["url"], method, paid_at=paid_at, reference="FT-1")
    html = browser.contents
    assert message in beside(html, field)
    assert message in html.split("portalMessage", 1)[1]  # and at the top
    # What was typed stays in the form.
    form = browser.getForm(id="payment-record")
    assert form.getControl(name="reference").value == "FT-1"
    if paid_at:
        assert form.getControl(name="paid_at").value == paid_at
    # Nothing written, no receipt number taken.
    dossier = fresh(site["dossier"])
    assert dossier.fee_status == "unpaid"
    assert dossier.receipt_number == ""
    assert [e["action"] for e in dossier.payment_history] == ["assess"]
    with api.env.adopt_roles(["Manager"]):
        assert lt_api.payment.last_receipt_value(datetime.datetime.now(TZ).year) == 0


@pytest.mark.parametrize(
    "amount,message",
    [
        ("-5000", "Số tiền không được âm."),
        ("mười nghìn", "Số tiền phải là một số nguyên"),
        ("200.000.000", "vượt quá mức tối đa 100.000.000 đồng"),
    ],
)
def test_a_bad_amount_is_refused_and_nothing_written(site, amount, message):
    browser = browser_for(site["app"], "motcua")
    correct(browser, site["url"], amount, "ho-ngheo", "Sổ hộ nghèo số 12")
    html = browser.contents
    assert message in beside(html, "fee-due-new")
    # The form is open again with what was typed.
    assert re.search(r'<details[^>]*id="payment-correct"[^>]*open', html)
    form = browser.getForm(action=re.compile("phi-le-phi"), index=1)
    assert form.getControl(name="fee_due").value == amount
    assert form.getControl(name="reason").value == ["ho-ngheo"]
    assert form.getControl(name="comment").value == "Sổ hộ nghèo số 12"
    dossier = fresh(site["dossier"])
    assert dossier.fee_due == 15000
    assert dossier.fee_status == "unpaid"
    assert len(dossier.payment_history) == 1


def test_an_exemption_needs_a_reason_then_the_result_may_go(site):
    browser = browser_for(site["app"], "motcua")
    correct(browser, site["url"], "0")
    assert "Hãy chọn lý do miễn, giảm" in beside(browser.contents, "fee-reason")
    assert fresh(site["dossier"]).fee_status == "unpaid"

    correct(browser, site["url"], "0", "nguoi-co-cong", "Thẻ thương binh số 123")
    assert "Đã miễn phí, lệ phí cho hồ sơ." in text_of(browser.contents)
    text = panel(browser.contents)
    assert "Miễn phí, lệ phí" in text
    assert "Người thuộc gia đình có công với cách mạng" in text
    assert "Thẻ thương binh số 123" in text  # the history
    assert "dossier-fee-unpaid" not in browser.contents
    dossier = fresh(site["dossier"])
    assert (dossier.fee_due, dossier.fee_status) == (0, "exempt")
    # No receipt for an exemption.
    browser.open(f"{site['url']}/@@bien-lai-thu-phi")
    assert browser.headers["status"].startswith("404")


def test_deliver_waits_for_the_payment(site):
    browser = browser_for(site["app"], "motcua")
    browser.open(site["url"])
    form = browser.getForm(id="transition-deliver")
    tree = lxml.html.fromstring(browser.contents)
    [note] = tree.xpath(
        "//form[@id='transition-deliver']//*[contains(@class, 'dossier-fee-unpaid')]"
    )
    assert (
        "Hồ sơ chưa hoàn thành nghĩa vụ tài chính: chưa nộp phí, lệ phí 15.000 đồng."
        in (" ".join(note.text_content().split()))
    )
    form.submit(name="submit-deliver")
    assert "Hồ sơ chưa hoàn thành nghĩa vụ tài chính" in text_of(browser.contents)
    transaction.begin()
    assert api.content.get_state(site["dossier"]) == "result"

    # Paid, the same button hands the result over.
    record(browser, site["url"], "vietqr")
    assert "dossier-fee-unpaid" not in browser.contents
    browser.getForm(id="transition-deliver").submit(name="submit-deliver")
    assert "Đã thực hiện thao tác “Trả kết quả”" in text_of(browser.contents)
    transaction.begin()
    assert api.content.get_state(site["dossier"]) == "returned"


def test_a_processor_sees_the_fee_but_no_forms(site):
    browser = browser_for(site["app"], "chuyenvien")
    browser.open(site["url"])
    assert browser.headers["status"].startswith("200")
    text = panel(browser.contents)
    assert "15.000 đồng" in text and "Chưa nộp phí, lệ phí" in text
    assert "phi-le-phi" not in browser.contents
    # Posting anyway, with a valid token, is refused and writes nothing.
    browser.post(
        f"{site['url']}/@@phi-le-phi",
        urlencode(
            {
                "payment_action": "record",
                "method": "cash",
                "_authenticator": token_for("chuyenvien"),
            }
        ),
    )
    assert "Tài khoản này không được ghi nhận phí, lệ phí của hồ sơ." in text_of(
        browser.contents
    )
    assert fresh(site["dossier"]).fee_status == "unpaid"
    # The positive control: the desk has the three places to act.
    desk = browser_for(site["app"], "motcua")
    desk.open(site["url"])
    assert 'id="payment-record"' in desk.contents
    assert 'id="payment-correct"' in desk.contents


@pytest.mark.parametrize(
    "token",
    [{}, {"_authenticator": "0" * 40}],
    ids=["without-token", "wrong-token"],
)
def test_a_post_without_a_valid_token_is_refused(site, token):
    browser = browser_for(site["app"], "motcua")
    browser.post(
        f"{site['url']}/@@phi-le-phi",
        urlencode({"payment_action": "record", "method": "cash", **token}),
    )
    assert browser.headers["status"].startswith("403")
    assert fresh(site["dossier"]).fee_status == "unpaid"


def test_get_changes_nothing(site):
    browser = browser_for(site["app"], "motcua")
    browser.open(f"{site['url']}/@@phi-le-phi?payment_action=record&method=cash")
    assert browser.url == f"{site['url']}#dossier-payment"
    assert fresh(site["dossier"]).fee_status == "unpaid"


def test_refund_needs_a_reason_and_marks_the_receipt(site):
    browser = browser_for(site["app"], "motcua")
    record(browser, site["url"], "card", reference="FT26342001")
    assert 'id="payment-correct"' not in browser.contents  # refund first
    form = browser.getForm(action=re.compile("phi-le-phi"), index=0)
    assert form.getControl(name="payment_action").value == "refund"
    form.getControl(name="comment").value = "  "
    form.submit(name="submit-refund")
    assert "Cần ghi rõ lý do hoàn trả phí, lệ phí." in beside(
        browser.contents, "refund-comment"
    )
    assert fresh(site["dossier"]).fee_status == "paid"

    form = browser.getForm(action=re.compile("phi-le-phi"), index=0)
    form.getControl(name="comment").value = "Nộp nhầm hai lần"
    form.submit(name="submit-refund")
    number = fresh(site["dossier"]).receipt_number
    assert f"Đã hoàn trả phí, lệ phí (biên lai số {number})." in text_of(
        browser.contents
    )
    assert "Đã hoàn trả phí, lệ phí" in panel(browser.contents)
    assert site["dossier"].fee_status == "refunded"
    browser.getLink("Xem và in biên lai").click()
    receipt = text_of(browser.contents)
    assert "ĐÃ HOÀN TRẢ" in receipt
    assert "Nộp nhầm hai lần" in receipt
    assert number in receipt


def test_the_vietqr_box_while_unpaid(site):
    """The desk can let the applicant scan the code at the counter; once paid
    the box is gone."""
    browser = browser_for(site["app"], "motcua")
    browser.open(site["url"])
    tree = lxml.html.fromstring(browser.contents)
    [box] = tree.xpath("//details[contains(@class, 'dossier-payment-qr')]")
    text = " ".join(box.text_content().split())
    assert "Mã VietQR để người nộp quét và chuyển khoản" in text
    assert "15.000 đồng" in text
    assert box.xpath(".//svg")
    record(browser, site["url"], "vietqr")
    assert "dossier-payment-qr" not in browser.contents
