"""Biên lai thu phí, lệ phí (``@@bien-lai-thu-phi``), as an official prints
it over HTTP (issue #18)."""

from datetime import datetime
from luanthanh.policy import api as lt_api
from luanthanh.policy.config import TZ
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import text_of
from luanthanh.policy.testing.paths import dossier_in_state
from plone import api

import lxml.html
import pytest
import transaction


HEADER = (
    "ỦY BAN NHÂN DÂN XÃ LUẬN THÀNH",
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
)


@pytest.fixture
def site(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(functional_portal, fee=105000)
        dossiers = {
            key: dossier_in_state(
                functional_portal,
                "result",
                procedure,
                applicant_name=name,
                applicant_address="Thôn Đông, xã Luận Thành",
            )
            for key, name in (
                ("paid", "Lê Thị Hoa"),
                ("refunded", "Trần Văn Bình"),
                ("unpaid", "Phạm Văn Cường"),
                ("exempt", "Hoàng Thị Dung"),
            )
        }
    paid_at = datetime.now(TZ).replace(second=0, microsecond=0)
    with api.env.adopt_user(username="motcua"):
        numbers = {
            "paid": lt_api.payment.record(
                dossiers["paid"], "vietqr", paid_at=paid_at, reference="FT26342001"
            ),
            "refunded": lt_api.payment.record(dossiers["refunded"], "cash"),
        }
        lt_api.payment.refund(dossiers["refunded"], "Hồ sơ nộp trùng")
        lt_api.payment.exempt(dossiers["exempt"], "ho-ngheo")
    transaction.commit()
    return {
        "urls": {key: d.absolute_url() for key, d in dossiers.items()},
        "codes": {key: d.code for key, d in dossiers.items()},
        "numbers": numbers,
        "paid_at": paid_at,
    }


def receipt(site, key: str, user: str = "motcua"):
    return session_for(user).get(f"{site['urls'][key]}/@@bien-lai-thu-phi")


def test_the_receipt_of_a_paid_fee(site):
    response = receipt(site, "paid")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    text = text_of(response.text)
    for part in HEADER:
        assert part in text, part
    number = site["numbers"]["paid"]
    year = site["paid_at"].year
    assert number == f"BL-{year}-000001"
    paid_at = site["paid_at"]
    for part in (
        "BIÊN LAI THU PHÍ, LỆ PHÍ",
        f"Số: {number}",
        "Đơn vị thu phí, lệ phí: Trung tâm Phục vụ hành chính công xã Luận Thành",
        "Họ và tên người nộp: Lê Thị Hoa",
        "Địa chỉ: Thôn Đông, xã Luận Thành",
        f"Mã hồ sơ: {site['codes']['paid']}",
        "Cấp Giấy xác nhận tình trạng hôn nhân (mã thủ tục 1.004873)",
        "Số tiền: 105.000 đồng",
        "Viết bằng chữ: Một trăm lẻ năm nghìn đồng",
        "Hình thức nộp: Chuyển khoản VietQR · Mã giao dịch: FT26342001",
        "Thời điểm nộp: " + paid_at.strftime("%H giờ %M phút, ngày %d tháng %m năm %Y"),
        "Người ghi nhận: Cán bộ một cửa",
        "NGƯỜI NỘP TIỀN",
        "NGƯỜI THU TIỀN",
    ):
        assert part in text, part
    # Dated the day of the payment; nothing refunded; a print button.
    assert f"Luận Thành, ngày {paid_at:%d}" in text
    assert "ĐÃ HOÀN TRẢ" not in text
    tree = lxml.html.fromstring(response.text)
    assert tree.xpath("//button[contains(@class, 'slip-print')]")
    assert tree.xpath("//link[contains(@href, 'slips.css')]")


def test_a_refunded_fee_keeps_its_receipt_marked(site):
    response = receipt(site, "refunded")
    assert response.status_code == 200
    text = text_of(response.text)
    assert site["numbers"]["refunded"] in text
    assert "ĐÃ HOÀN TRẢ" in text
    assert "Lý do: Hồ sơ nộp trùng" in text
    assert "Hình thức nộp: Tiền mặt" in text


@pytest.mark.parametrize(
    "key,status",
    [("unpaid", "Chưa nộp phí, lệ phí"), ("exempt", "Miễn phí, lệ phí")],
)
def test_no_receipt_without_a_payment(site, key, status):
    response = receipt(site, key)
    assert response.status_code == 404
    text = text_of(response.text)
    assert f"Hồ sơ {site['codes'][key]} không có biên lai thu phí, lệ phí" in text
    assert f"Tình trạng nộp phí, lệ phí: {status}" in text
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ Số" not in text
    tree = lxml.html.fromstring(response.text)
    assert not tree.xpath("//article[contains(@class, 'slip-sheet')]")
    assert not tree.xpath("//button[contains(@class, 'slip-print')]")


@pytest.mark.parametrize("user", [None, "congdan", "chuyenvien2"])
def test_only_officials_who_see_the_dossier(site, user):
    # The positive control: the desk and the processor of the dossier.
    assert receipt(site, "paid", "motcua").status_code == 200
    assert receipt(site, "paid", "chuyenvien").status_code == 200
    response = receipt(site, "paid", user)
    assert response.status_code in (401, 403, 404) or "login" in response.url
    assert "Lê Thị Hoa" not in response.text


SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def test_typed_texts_are_escaped_on_the_receipt_and_the_panel(functional_portal):
    """The payer's name and address, the bank's reference and the refund's
    reason are typed by people: shown escaped, never as markup."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(functional_portal, fee=15000)
        dossier = dossier_in_state(
            functional_portal,
            "result",
            procedure,
            applicant_name=f"An {SCRIPT}",
            applicant_address=f"Thôn {IMG}",
        )
    with api.env.adopt_user(username="motcua"):
        lt_api.payment.record(dossier, "card", reference=SCRIPT)
        lt_api.payment.refund(dossier, f"Trả lại {IMG}")
    transaction.commit()
    desk = session_for("motcua")
    for url in (f"{dossier.absolute_url()}/@@bien-lai-thu-phi", dossier.absolute_url()):
        html = desk.get(url).text
        assert SCRIPT not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, url
