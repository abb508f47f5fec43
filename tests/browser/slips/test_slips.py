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

# The number and title of each form in Phụ lục I of Thông tư 03/2025/TT-VPCP.
TITLES = {
    "giay-tiep-nhan": ("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    "phieu-yeu-cau-bo-sung": ("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    "phieu-tu-choi": ("Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
    "phieu-xin-loi": (
        "Mẫu số 04",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    ),
    "thong-bao-dung": ("Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
    "phieu-kiem-soat": ("Mẫu số 06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
}


def day(value) -> str:
    return deadlines.local_date(value).strftime("%d/%m/%Y")


def receipt_rows(html: str) -> list[list[str]]:
    """The cells of item 1 of a receipt, row by row."""
    tree = lxml.html.fromstring(html)
    [table] = tree.xpath("//table[contains(@class, 'slip-table')]")
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
        for row in table.xpath("./tbody/tr")
    ]


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
    number, title = TITLES[view]
    document = lxml.html.fromstring(html)
    assert [" ".join(h.text_content().split()) for h in document.xpath("//h1")] == [
        title
    ]
    reference = document.xpath("//p[contains(@class, 'slip-form-reference')]")
    assert [p.text_content().strip() for p in reference] == [number]
    assert "01/2018" not in html
    # Today's identity terms and tone (Luật Căn cước 2023; "ông/bà").
    for word in ("CCCD", "căn cước công dân", " bạn "):
        assert word not in text, word
    return html, text


class TestSlips:
    def test_receipt(self, site):
        html, text = slip(site, "received", "giay-tiep-nhan")
        assert site["codes"]["received"] in text
        assert NAMES["received"] in text
        assert "Số định danh cá nhân: 038090001234" in text
        assert "Cấp Giấy xác nhận tình trạng hôn nhân" in text
        assert "1.004873" in text
        # Item 1: the papers received, not the procedure's catalogue.
        assert receipt_rows(html) == [
            ["1", DOCUMENTS[0]["name"], "01", "—", ""],
            ["2", DOCUMENTS[1]["name"], "—", "02", "Có chứng thực"],
            ["3", "Thẻ căn cước", "—", "—", "Xuất trình"],
        ]
        # An online dossier: the paper only shown at the counter is shown
        # when the result is returned (optional: "nếu có").
        assert text.count(DOCUMENTS[2]["name"]) == 1
        assert f"Xuất trình khi nhận kết quả: {DOCUMENTS[2]['name']} (nếu có)." in text
        assert "Xuất trình bản chính để đối chiếu" not in text  # the catalogue's note
        assert "3 ngày làm việc" in text
        # Stored 18:30 UTC on 2 March: 01:30 on 3 March in Asia/Ho_Chi_Minh.
        assert "01 giờ 30 phút, ngày 03 tháng 3 năm 2026" in text
        assert "17 giờ 00 phút, ngày 06 tháng 3 năm 2026" in text
        assert "02/03/2026" not in text
        assert "Luận Thành, ngày 03 tháng 3 năm 2026" in text
        # Its place in the book of its year (Mẫu số 07): its rank by reception.
        position = site["dossiers"]["received"]
        year = deadlines.local_date(position.received_at).year
        book = [
            d
            for d in site["dossiers"].values()
            if d.received_at and deadlines.local_date(d.received_at).year == year
        ]
        book.sort(key=lambda d: d.received_at)
        order = book.index(position) + 1
        assert f"Vào Sổ theo dõi hồ sơ, Quyển số {year}, Số thứ tự {order:02d}." in text
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
        assert "Ủy ban nhân dân xã Luận Thành quyết định không giải quyết hồ sơ" in text
        assert "Trung tâm Phục vụ hành chính công thông báo không giải" not in text
        assert "NGƯỜI CÓ THẨM QUYỀN" in text
        assert "Phó Chủ tịch UBND xã" in text

    def test_stop(self, site):
        dossier = site["dossiers"]["stopped"]
        _, text = slip(site, "stopped", "thong-bao-dung")
        assert NAMES["stopped"] in text
        assert REASONS["stopped"] in text
        assert f"Ngày dừng giải quyết: {day(dossier.history[-1]['time'])}" in text

    def test_control_slip(self, site):
        dossier = site["dossiers"]["resolved"]
        html, text = slip(site, "resolved", "phieu-kiem-soat")
        document = lxml.html.fromstring(html)
        headers = [
            " ".join(th.text_content().split())
            for th in document.xpath("//table[contains(@class, 'slip-control')]//th")
        ]
        assert headers == [
            "TÊN CƠ QUAN",
            "THỜI GIAN GIAO, NHẬN HỒ SƠ",
            "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)",
            "GHI CHÚ",
        ]
        assert (
            "Cơ quan (bộ phận) giải quyết hồ sơ: Ủy ban nhân dân xã Luận Thành" in text
        )
        assert "Cơ quan phối hợp giải quyết hồ sơ: —" in text
        rows = [
            [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
            for tr in document.xpath("//tr[contains(@class, 'slip-control-row')]")
        ]
        assert len(rows) == 5
        steps = ["Tiếp nhận", "Trình phê duyệt", "Trả lại để xử lý tiếp"]
        steps += ["Trình phê duyệt", "Phê duyệt"]
        agencies = [
            "Bộ phận chuyên môn (xử lý)",
            "Lãnh đạo UBND xã (phê duyệt)",
            "Bộ phận chuyên môn (xử lý)",
            "Lãnh đạo UBND xã (phê duyệt)",
            "Bộ phận Một cửa (trả kết quả)",
        ]
        for number, (row, step, agency) in enumerate(
            zip(rows, steps, agencies, strict=True), start=1
        ):
            assert row[0] == f"{number}. {agency} {step}"
        moment = deadlines.local_datetime(dossier.history[0]["time"])
        # Handed over by the desk, received by the specialist (next step's actor).
        assert rows[0][1] == (
            f"{moment:%H} giờ {moment:%M} phút ngày {moment:%d/%m/%Y} "
            "Người giao: Cán bộ một cửa Người nhận: Chuyên viên tư pháp"
        )
        assert rows[4][1].endswith(
            "Người giao: Phó Chủ tịch UBND xã Người nhận: Bộ phận Một cửa (trả kết quả)"
        )
        # Each step judged against the due date: all done before it.
        assert [row[2] for row in rows] == ["Trước hạn"] * 5
        assert rows[2][3] == REASONS["send_back"]
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
