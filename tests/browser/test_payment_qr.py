"""The VietQR box (browser/payment_qr.py) on the public lookup and on the
online form's thank-you page, over HTTP: shown while the fee is unpaid, with
the QR code, the amount, the account and the payload as text; not otherwise."""

from luanthanh.policy.payments import vietqr
from luanthanh.policy.testing.fees import fee_dossiers
from luanthanh.policy.testing.forms import FILES
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from luanthanh.policy.testing.http import page_result
from luanthanh.policy.testing.scenarios import assert_no_personal_data
from plone import api

import lxml.html
import pytest
import requests
import transaction


SCAN = "Quét mã VietQR bằng ứng dụng ngân hàng để nộp phí, lệ phí."


@pytest.fixture
def codes(functional_portal, mails) -> dict:
    built = fee_dossiers(functional_portal)
    transaction.commit()
    return {case: dossier.code for case, dossier in built.items()}


@pytest.fixture
def page(functional_portal):
    return f"{functional_portal.absolute_url()}/tra-cuu-ho-so/@@tra-cuu-ho-so"


def look_up(page, code) -> str:
    response = requests.post(
        page, data={"action": "lookup", "code": code, "phone": "0912345678"}
    )
    assert response.status_code == 200
    html = page_result(response.text)
    assert code in html
    return html


def box_of(html: str) -> dict | None:
    """What the box says: its facts (label → value), payload, QR label; None
    without a box."""
    boxes = lxml.html.fromstring(html).cssselect(".payment-qr")
    if not boxes:
        return None
    [box] = boxes
    terms = [" ".join(e.text_content().split()) for e in box.cssselect("dt")]
    values = [" ".join(e.text_content().split()) for e in box.cssselect("dd")]
    [svg] = box.cssselect("svg")
    return {
        "text": " ".join(box.text_content().split()),
        "facts": dict(zip(terms, values, strict=True)),
        "payload": box.cssselect(".payment-qr-payload")[0].text_content().strip(),
        "svg_label": svg.get("aria-label"),
        "svg_paths": len(svg.cssselect("path")),
        "heading": tuple(
            box.cssselect(".payment-qr-title")[0].get(name)
            for name in ("role", "aria-level")
        ),
    }


def test_the_lookup_shows_the_vietqr_code_while_unpaid(codes, page):
    html = look_up(page, codes["unpaid"])
    box = box_of(html)
    assert box is not None
    assert SCAN in box["text"]
    assert box["facts"] == {
        "Số tiền": "15.000 đồng",
        "Ngân hàng": "Agribank – Ngân hàng Nông nghiệp và Phát triển Nông thôn "
        "Việt Nam",
        "Số tài khoản": "3800201000999",
        "Tên tài khoản": "TRUNG TAM PHUC VU HANH CHINH CONG XA LUAN THANH",
        "Nội dung chuyển khoản": codes["unpaid"],
    }
    parsed = vietqr.parse(box["payload"])
    assert parsed["54"] == "15000"
    assert parsed["62"]["08"] == codes["unpaid"]
    assert box["svg_label"] == "Mã VietQR nộp phí, lệ phí 15.000 đồng"
    assert box["svg_paths"] == 1
    assert box["heading"] == ("heading", "3")  # under the card's h2
    assert_no_personal_data(html)


@pytest.mark.parametrize("case", ["paid", "exempt", "free"])
def test_the_lookup_shows_no_code_unless_unpaid(codes, page, case):
    html = look_up(page, codes[case])
    assert box_of(html) is None
    assert SCAN not in html
    assert "000201010212" not in html


@pytest.mark.parametrize(
    ("case", "line"),
    [
        ("unpaid", "15.000 đồng – Chưa nộp phí, lệ phí"),
        ("paid", "15.000 đồng – Đã nộp phí, lệ phí"),
        ("exempt", "Không thu phí, lệ phí"),
        ("free", "Không thu phí, lệ phí"),
    ],
)
def test_the_lookup_tells_the_fee_and_its_status(codes, page, case, line):
    [fee] = lxml.html.fromstring(look_up(page, codes[case])).cssselect(".lookup-fee")
    assert " ".join(fee.text_content().split()) == line


def test_the_account_name_is_escaped(codes, page, functional_portal):
    api.portal.set_registry_record(
        "luanthanh.policy.payment.account_name", "<script>alert(1)</script>"
    )
    transaction.commit()
    html = look_up(page, codes["unpaid"])
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert box_of(html)["facts"]["Tên tài khoản"] == "<script>alert(1)</script>"


def test_no_code_without_an_account(codes, page, functional_portal):
    api.portal.set_registry_record("luanthanh.policy.payment.account_number", "")
    transaction.commit()
    assert box_of(look_up(page, codes["unpaid"])) is None


# The thank-you page ----------------------------------------------------------------


@pytest.fixture
def paying_form(online, functional_portal):
    """The birth registration's procedure with a fee of 8.000 đồng (the
    demo's is free), so that the fee is due at submission."""
    procedure = online["1.001193"]
    procedure.fee = 8000
    transaction.commit()
    return procedure


def submit_birth(browser, portal) -> str:
    open_form(browser, portal)
    fill(browser, files=FILES, ngay_sinh="20/11/2025")
    submit(browser)
    return browser.contents


def test_the_thank_you_page_shows_the_code_when_the_fee_is_due(
    paying_form, browser, functional_portal, fresh_limits
):
    html = submit_birth(browser, functional_portal)
    [code] = lxml.html.fromstring(html).cssselect(".online-receipt-code")
    code = code.text_content().strip()
    box = box_of(html)
    assert box is not None
    assert box["facts"]["Số tiền"] == "8.000 đồng"
    assert box["facts"]["Nội dung chuyển khoản"] == code
    assert vietqr.parse(box["payload"])["54"] == "8000"
    # Inside the printable slip, so that a print keeps it.
    tree = lxml.html.fromstring(html)
    assert tree.cssselect(".online-slip .payment-qr")


def test_the_thank_you_page_of_a_free_procedure_has_no_code(
    online, browser, functional_portal, fresh_limits
):
    html = submit_birth(browser, functional_portal)
    assert lxml.html.fromstring(html).cssselect(".online-receipt-code")
    assert box_of(html) is None
