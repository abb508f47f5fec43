"""The printable slips of a dossier, as an official opens them over HTTP."""

from luanthanh.policy import deadlines
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import text_of
from luanthanh.policy.testing.scenarios import DOCUMENTS
from luanthanh.policy.testing.scenarios import NAMES
from luanthanh.policy.testing.scenarios import REASONS

import lxml.html
import pytest


HEADER = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ỦY BAN NHÂN DÂN XÃ LUẬN THÀNH",
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    "Mã hồ sơ:",
)
SLIPS = [
    "giay-tiep-nhan",
    "phieu-yeu-cau-bo-sung",
    "phieu-tu-choi",
    "phieu-xin-loi",
    "thong-bao-dung",
    "phieu-kiem-soat",
]

TITLES = {
    "giay-tiep-nhan": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "phieu-yeu-cau-bo-sung": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "phieu-tu-choi": "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ",
    "phieu-kiem-soat": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "thong-bao-dung": "THÔNG BÁO",
}


def day(value) -> str:
    return deadlines.local_date(value).strftime("%d/%m/%Y")


def get(site, key: str, view: str, user: str = "motcua"):
    response = session_for(user).get(f"{site['urls'][key]}/@@{view}")
    assert response.status_code == 200, (view, response.status_code)
    assert response.headers["Content-Type"].startswith("text/html")
    return response.text


def slip(site, key: str, view: str) -> tuple[str, str]:
    """The HTML and text of slip ``view`` of dossier ``key``, with the
    national and center header and the slip's title checked."""
    html = get(site, key, view)
    text = text_of(html)
    for line in HEADER:
        assert line in text
    assert TITLES[view] in text
    return html, text


class TestSlips:
    def test_receipt(self, site):
        _, text = slip(site, "received", "giay-tiep-nhan")
        assert site["codes"]["received"] in text
        assert NAMES["received"] in text
        assert "038090001234" in text
        assert "Cấp Giấy xác nhận tình trạng hôn nhân" in text
        assert "1.004873" in text
        for document in DOCUMENTS:
            assert document["name"] in text
        assert "Xuất trình bản chính để đối chiếu" in text
        # The flags of each document, in the note's cell.
        assert "Không bắt buộc; Xuất trình tại quầy. Nếu có" in text
        assert text.count("Không bắt buộc") == 1
        assert "3 ngày làm việc" in text
        # Stored 18:30 UTC on 2 March: 01:30 on 3 March in Asia/Ho_Chi_Minh.
        assert "01 giờ 30 phút, ngày 03 tháng 3 năm 2026" in text
        assert "17 giờ 00 phút, ngày 06 tháng 3 năm 2026" in text
        assert "02/03/2026" not in text
        assert "Luận Thành, ngày 03 tháng 3 năm 2026" in text
        # Signatures: the applicant and the official who received it.
        assert "NGƯỜI NỘP HỒ SƠ" in text
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
        assert "Cán bộ một cửa" in text
        assert "GHI CHÚ NỘI BỘ" not in text

    def test_receipt_qr_code_opens_the_lookup(self, site):
        html = get(site, "received", "giay-tiep-nhan")
        url = (
            f"{site['portal_url']}/tra-cuu-ho-so/@@tra-cuu-ho-so"
            f"?code={site['codes']['received']}"
        )
        tree = lxml.html.fromstring(html)
        svgs = tree.xpath("//figure[contains(@class, 'slip-qr')]//svg")
        assert len(svgs) == 1
        svg = svgs[0]
        assert svg.get("aria-label") == url
        assert svg.get("role") == "img"
        assert svg.xpath("./title")[0].text == url
        assert svg.xpath("./path")[0].get("d").startswith("M")
        assert "<svg" in html
        assert tree.xpath("//a[@class='slip-qr-url']/@href") == [url]

    def test_print_button_hidden_in_print(self, site):
        html = get(site, "received", "giay-tiep-nhan")
        tree = lxml.html.fromstring(html)
        button = tree.xpath("//button[contains(@class, 'slip-print')]")[0]
        assert button.get("onclick") == "window.print()"
        assert "no-print" in button.getparent().get("class")
        css_url = tree.xpath("//link[@rel='stylesheet']/@href")[0]
        assert css_url.endswith("++resource++luanthanh.policy/slips.css")
        css = session_for(None).get(css_url)
        assert css.status_code == 200
        assert "size: A4 portrait" in css.text
        assert "size: A4 landscape" in css.text
        assert "margin: 20mm 15mm 20mm 30mm" in css.text
        media = css.text[css.text.index("@media print") :]
        assert ".no-print" in media
        assert "display: none" in media

    def test_supplement(self, site):
        dossier = site["dossiers"]["supplement"]
        _, text = slip(site, "supplement", "phieu-yeu-cau-bo-sung")
        assert site["codes"]["supplement"] in text
        assert NAMES["supplement"] in text
        assert REASONS["supplement"] in text
        requested = dossier.history[-1]["time"]
        assert f"Ngày yêu cầu bổ sung: {day(requested)}" in text
        assert "NGƯỜI HƯỚNG DẪN" in text
        assert "Chuyên viên tư pháp" in text

    def test_refusal_at_intake(self, site):
        dossier = site["dossiers"]["refused"]
        _, text = slip(site, "refused", "phieu-tu-choi")
        assert NAMES["refused"] in text
        assert REASONS["refused"] in text
        refused_on = day(dossier.history[-1]["time"])
        assert f"Ngày {refused_on}, qua xem xét" in text
        assert "không tiếp nhận hồ sơ này" in text
        assert "Cán bộ một cửa" in text

    def test_refusal_of_a_denied_dossier(self, site):
        text = text_of(get(site, "denied", "phieu-tu-choi"))
        assert REASONS["denied"] in text
        assert "không giải quyết hồ sơ này" in text
        assert "NGƯỜI CÓ THẨM QUYỀN" in text
        assert "Phó Chủ tịch UBND xã" in text

    def test_stop(self, site):
        dossier = site["dossiers"]["stopped"]
        _, text = slip(site, "stopped", "thong-bao-dung")
        assert "Về việc dừng giải quyết hồ sơ" in text
        assert NAMES["stopped"] in text
        assert REASONS["stopped"] in text
        assert f"Ngày dừng giải quyết: {day(dossier.history[-1]['time'])}" in text

    def test_control_slip(self, site):
        dossier = site["dossiers"]["resolved"]
        html, text = slip(site, "resolved", "phieu-kiem-soat")
        rows = [
            [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
            for tr in lxml.html.fromstring(html).xpath(
                "//tr[contains(@class, 'slip-control-row')]"
            )
        ]
        assert [row[1] for row in rows] == [
            "Tiếp nhận",
            "Trình phê duyệt",
            "Trả lại để xử lý tiếp",
            "Trình phê duyệt",
            "Phê duyệt",
        ]
        assert rows[0][2] == "Bộ phận Một cửa (tiếp nhận)"
        assert rows[0][3] == "Chuyên viên xử lý: Chuyên viên tư pháp"
        assert rows[1][3] == "Lãnh đạo phê duyệt"
        assert rows[4][3] == "Bộ phận Một cửa (trả kết quả)"
        assert [row[5] for row in rows] == [
            "Cán bộ một cửa",
            "Chuyên viên tư pháp",
            "Phó Chủ tịch UBND xã",
            "Chuyên viên tư pháp",
            "Phó Chủ tịch UBND xã",
        ]
        assert rows[2][6] == REASONS["send_back"]
        moment = deadlines.local_datetime(dossier.history[0]["time"])
        assert rows[0][4] == moment.strftime("%H giờ %M phút ngày %d/%m/%Y")
        assert "Kết quả giải quyết hồ sơ (trước hạn, đúng hạn, quá hạn): Trước hạn" in (
            text
        )

    def test_control_slip_of_an_unresolved_dossier(self, site):
        text = text_of(get(site, "received", "phieu-kiem-soat"))
        assert "Chưa có kết quả giải quyết" in text
        assert "01 giờ 30 phút ngày 03/03/2026" in text

    def test_slip_without_its_event_says_so(self, site):
        assert "chưa bị từ chối" in text_of(get(site, "received", "phieu-tu-choi"))
        assert "chưa có yêu cầu bổ sung" in text_of(
            get(site, "received", "phieu-yeu-cau-bo-sung")
        )
        assert "chưa dừng giải quyết" in text_of(
            get(site, "received", "thong-bao-dung")
        )

    def test_the_assigned_official_may_print(self, site):
        text = text_of(get(site, "supplement", "phieu-yeu-cau-bo-sung", "chuyenvien"))
        assert REASONS["supplement"] in text


class TestAccess:
    @pytest.mark.parametrize("user", [None, "congdan", "bientap", "chuyenvien2"])
    def test_refused(self, site, user):
        """Anonymous, a Member, an Editor and an official of another field."""
        http = session_for(user)
        for key in ("received", "supplement", "refused", "stopped", "resolved"):
            for view in SLIPS:
                response = http.get(
                    f"{site['urls'][key]}/@@{view}", allow_redirects=False
                )
                # Under the tracking book, the book's one 404 (issue #14, finding 3).
                assert response.status_code == 404, (key, view)
                assert site["codes"][key] not in response.text
                assert NAMES[key] not in response.text
        for params in ({}, {"format": "xlsx"}):
            if user == "chuyenvien2":
                continue  # an official: sees the book, with only their dossiers
            response = http.get(
                f"{site['folder_url']}/@@so-theo-doi",
                params=params,
                allow_redirects=False,
            )
            assert response.status_code == 404
            assert not any(code in response.text for code in site["codes"].values())
