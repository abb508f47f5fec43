"""The receipt (Mẫu số 01) carries the VietQR code of the fee while it is
unpaid (issue #18), as the desk prints it over HTTP; not once paid or
exempt."""

from luanthanh.policy.payments import vietqr
from luanthanh.policy.testing.fees import fee_dossiers
from luanthanh.policy.testing.http import session_for

import lxml.html
import pytest
import transaction


@pytest.fixture
def urls(functional_portal, mails) -> dict:
    built = fee_dossiers(functional_portal)
    transaction.commit()
    return {
        case: (dossier.code, f"{dossier.absolute_url()}/@@giay-tiep-nhan")
        for case, dossier in built.items()
    }


def slip(url: str):
    response = session_for("motcua").get(url)
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.text)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in tree.text_content()
    return tree


def test_the_receipt_shows_the_vietqr_code_while_unpaid(urls):
    code, url = urls["unpaid"]
    tree = slip(url)
    [box] = tree.cssselect(".slip-sheet .payment-qr")
    text = " ".join(box.text_content().split())
    assert "Quét mã VietQR bằng ứng dụng ngân hàng để nộp phí, lệ phí." in text
    assert "Số tiền 15.000 đồng" in text
    assert "Số tài khoản 3800201000999" in text
    assert "TRUNG TAM PHUC VU HANH CHINH CONG XA LUAN THANH" in text
    assert f"Nội dung chuyển khoản {code}" in text
    [title] = box.cssselect(".payment-qr-title")
    assert (title.get("role"), title.get("aria-level")) == ("heading", "2")
    payload = box.cssselect(".payment-qr-payload")[0].text_content().strip()
    assert vietqr.parse(payload)["62"]["08"] == code
    # Two QR codes on the slip: the lookup's and the payment's.
    assert len(tree.cssselect("svg")) == 2
    assert box.cssselect("svg")[0].get("aria-label") == (
        "Mã VietQR nộp phí, lệ phí 15.000 đồng"
    )


@pytest.mark.parametrize("case", ["paid", "exempt", "free"])
def test_no_vietqr_code_unless_unpaid(urls, case):
    _code, url = urls[case]
    tree = slip(url)
    assert not tree.cssselect(".payment-qr")
    assert len(tree.cssselect("svg")) == 1  # the lookup's QR code only
