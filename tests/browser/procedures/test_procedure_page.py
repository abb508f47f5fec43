"""The procedure page and the kiosk, as Anonymous and as an Editor."""

from luanthanh.policy.testing.builders import required_document
from plone import api

import re
import transaction


def _url(site, path=""):
    return f"{site.absolute_url()}/thu-tuc-hanh-chinh/{path}"


def test_every_field_shown(site, anonymous):
    anonymous.open(_url(site, "dang-ky-ket-hon"))
    html = anonymous.contents
    assert anonymous.headers["status"].startswith("200")
    for text in (
        "Đăng ký kết hôn",
        "Thủ tục đăng ký kết hôn tại Ủy ban nhân dân xã.",
        "1.000894",
        "Tư pháp – Hộ tịch",
        "Ủy ban nhân dân xã Luận Thành",
        "Trực tiếp tại Trung tâm, Trực tuyến",
        "Trực tuyến toàn trình",
        "Trong ngày làm việc",
        "(hồ sơ nhận trước 15:00 được trả trong ngày)",
        "Trường hợp cần xác minh thì không quá 05 ngày làm việc.",
        "Không thu phí, lệ phí",
        "Miễn lệ phí",
        "Công dân",
        "Giấy chứng nhận kết hôn",
        "<li>Nộp tờ khai</li>",
        "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.",
        "Luật Hộ tịch số 60/2014/QH13",
        "Tờ khai đăng ký kết hôn",
        "Giấy xác nhận tình trạng hôn nhân",
    ):
        assert text in html, text


def test_checklist_table_in_order(site, anonymous):
    anonymous.open(_url(site, "dang-ky-ket-hon"))
    html = anonymous.contents
    checklist = html[html.index("procedure-checklist") :]
    assert checklist.index("Tờ khai đăng ký kết hôn") < checklist.index(
        "Giấy xác nhận tình trạng hôn nhân"
    )
    assert 'href="https://example.org/to-khai.docx"' in checklist


def test_checklist_shows_the_document_flags(site, anonymous):
    procedure = site["thu-tuc-hanh-chinh"]["dang-ky-ket-hon"]
    procedure.required_documents = [
        required_document("Tờ khai đăng ký kết hôn"),
        required_document("Giấy tờ khác", 0, 1, note="Nếu có."),
        required_document("Căn cước", 0, 0, note="Xuất trình bản chính."),
    ]
    transaction.commit()
    anonymous.open(_url(site, "dang-ky-ket-hon"))
    html = anonymous.contents
    rows = html[html.index("procedure-checklist") :].split("<tr>")[2:5]
    assert "Bắt buộc" in rows[0] and "Nộp trực tuyến" in rows[0]
    assert "Không bắt buộc" in rows[1] and "Nộp trực tuyến" in rows[1]
    assert "Bắt buộc" in rows[2] and "Xuất trình tại quầy" in rows[2]


def test_printable(site, anonymous):
    anonymous.open(_url(site, "dang-ky-ket-hon"))
    assert "window.print()" in anonymous.contents
    anonymous.open(f"{site.absolute_url()}/++resource++luanthanh.policy/procedures.css")
    assert "@media print" in anonymous.contents


def test_submit_online_button(site, anonymous):
    anonymous.open(_url(site, "dang-ky-ket-hon"))
    link = anonymous.getLink(text="Nộp hồ sơ trực tuyến", url="form-ket-hon")
    assert link.text == "Nộp hồ sơ trực tuyến"
    assert link.url == f"{site.absolute_url()}/nop-ho-so/form-ket-hon"


def test_no_button_without_form(site, anonymous):
    anonymous.open(_url(site, "ho-kinh-doanh"))
    assert "btn btn-primary btn-lg" not in anonymous.contents
    assert "100.000 đồng" in anonymous.contents
    assert "3 ngày làm việc" in anonymous.contents


def test_template_downloads(site, anonymous):
    """Files kept in the procedure (no workflow of their own) are listed."""
    anonymous.open(_url(site, "dang-ky-ket-hon"))
    link = anonymous.getLink("Tờ khai đăng ký kết hôn (mẫu)")
    assert link.url.endswith("/dang-ky-ket-hon/to-khai/@@download/file")


def test_interlinked_only_visible_ones(site, anonymous, editor):
    anonymous.open(_url(site, "dang-ky-ket-hon"))
    section = anonymous.contents[anonymous.contents.index("heading-interlinked") :]
    assert "Đăng ký khai tử" in section
    assert "Thủ tục nháp bí mật" not in anonymous.contents
    editor.open(_url(site, "dang-ky-ket-hon"))
    assert "Thủ tục nháp bí mật" in editor.contents


def test_private_procedure_refused_to_anonymous(site, anonymous):
    anonymous.open(_url(site, "thu-tuc-nhap"))
    assert "Thủ tục nháp bí mật" not in anonymous.contents
    assert "login" in anonymous.url


def test_private_procedure_not_listed_anywhere(site, anonymous, anon_request):
    for path in (
        "thu-tuc-hanh-chinh",
        "thu-tuc-hanh-chinh/listing_view",
        "thu-tuc-hanh-chinh/folder_contents",
        "@@search?SearchableText=bi+mat",
        "@@tra-cuu-thu-tuc?q=bi+mat",
        "@@tra-cuu-thu-tuc?q=cho+duyet&ajax=1",
        "sitemap",
        "thu-tuc-hanh-chinh/RSS",
    ):
        anonymous.open(f"{site.absolute_url()}/{path}")
        text = anonymous.contents
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        assert "Thủ tục nháp bí mật" not in text, path
        assert "Thủ tục chờ duyệt" not in text, path
    uid = api.content.get_uuid(site["thu-tuc-hanh-chinh"]["thu-tuc-nhap"])
    anonymous.open(f"{site.absolute_url()}/@@tra-cuu-thu-tuc?uid={uid}")
    assert "Thủ tục nháp bí mật" not in anonymous.contents
    for params in (
        {"SearchableText": "bi mat"},
        {"portal_type": "Procedure"},
        {"procedure_code": "9.999999"},
    ):
        response = anon_request.get("@search", params=params)
        titles = [i["title"] for i in response.json()["items"]]
        assert "Thủ tục nháp bí mật" not in titles
        assert "Thủ tục chờ duyệt" not in titles
    response = anon_request.get("thu-tuc-hanh-chinh/thu-tuc-nhap")
    assert response.status_code == 401


def test_editor_sees_and_edits_private_procedure(site, editor):
    editor.open(_url(site, "thu-tuc-nhap"))
    assert "Thủ tục nháp bí mật" in editor.contents
    editor.open(_url(site, "dang-ky-ket-hon/edit"))
    html = editor.contents
    assert "form.widgets.required_documents" in html
    assert "datagridwidget" in html.lower()
    assert 'value="Tờ khai đăng ký kết hôn"' in html


def test_kiosk_page(site, anonymous):
    anonymous.open(f"{site.absolute_url()}/@@tra-cuu-thu-tuc")
    html = anonymous.contents
    assert re.search(r'<html[^>]*lang="vi"', html)
    assert "kiosk.css" in html and "kiosk.js" in html
    assert 'id="kiosk-q"' in html
    anonymous.getControl(name="q").value = "dang ky ket hon"
    anonymous.getForm(action=f"{site.absolute_url()}/@@tra-cuu-thu-tuc").submit()
    anonymous.getLink("Đăng ký kết hôn").click()
    html = anonymous.contents
    assert "Thành phần hồ sơ" in html
    assert "Giấy xác nhận tình trạng hôn nhân" in html
    assert "window.print()" in html
    anonymous.getLink("← Quay lại kết quả").click()
    assert "q=dang+ky+ket+hon" in anonymous.url


def test_kiosk_on_catalogue_folder(site, anonymous):
    anonymous.open(
        f"{site.absolute_url()}/thu-tuc-hanh-chinh/@@tra-cuu-thu-tuc?q=khai+tu"
    )
    html = anonymous.contents
    titles = re.findall(r'kiosk-result-title">([^<]+)<', html)
    # Best match first; "Tờ khai" and "Tư pháp" make kết hôn a weaker match.
    assert titles[0] == "Đăng ký khai tử"
    assert "Đăng ký thành lập hộ kinh doanh" not in titles
