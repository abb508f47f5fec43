"""The declaration ("Nội dung tờ khai") of an online dossier on its page.

A birth registration sent through the real demo form (anonymous, multipart,
through the guard), then opened by the desk official.
"""

from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.files import PNG
from luanthanh.policy.testing.forms import submit_online
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.http import text_of
from plone import api

import lxml.html
import pytest
import transaction


FILES = {
    "giay_chung_sinh": (PDF, "application/pdf", "Giấy chứng sinh.pdf"),
    "giay_ket_hon": (PNG, "image/png", "ket-hon.png"),
}
PLACE = "Trạm Y tế xã <script>alert('noi_sinh')</script> Luận Thành"


@pytest.fixture
def submitted(online, browser, functional_portal, fresh_limits):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
    transaction.commit()
    return submit_online(browser, functional_portal, files=FILES, noi_sinh=PLACE)


def _section(html: str):
    page = lxml.html.fromstring(html)
    [section] = page.xpath('//section[contains(@class, "dossier-declaration")]')
    return section


def _rows(section) -> dict:
    """label → the answer's cell, in the declaration."""
    return {
        " ".join(row.xpath("string(th)").split()): row.xpath("td")[0]
        for row in section.xpath(".//tr")
    }


def test_declaration_on_the_dossier_page(functional_app, submitted):
    browser = browser_for(functional_app, "motcua")
    browser.open(submitted.absolute_url())
    assert browser.headers["status"].startswith("200")
    assert "luanthanh_guard" not in browser.contents
    section = _section(browser.contents)
    headings = [" ".join(h.text_content().split()) for h in section.xpath(".//h3")]
    assert " ".join(section.xpath("string(h2)").split()) == "Nội dung tờ khai"
    assert headings == [
        "Người nộp hồ sơ",
        "Người được khai sinh",
        "Cha, mẹ của trẻ",
        "Giấy tờ kèm theo",
        "Nhận kết quả",
        "Cam kết và đồng ý",
    ]
    rows = _rows(section)
    text = {label: " ".join(td.text_content().split()) for label, td in rows.items()}
    # The choice as the applicant read it (the dossier's facts say the same).
    assert text["Đăng ký nhận kết quả tại"] == "Tại Trung tâm Phục vụ hành chính công"
    assert text["Họ, chữ đệm và tên của trẻ"] == "Nguyễn Minh Khôi"
    assert text["Ngày, tháng, năm sinh"] == "20/11/2025"  # dd/mm/yyyy
    assert text["Giới tính"] == "Nam"
    assert text["Quan hệ với người được khai sinh"] == "Cha"
    assert text["Họ, chữ đệm và tên người mẹ"] == "Lê Thị Hoa"
    assert text["Số định danh cá nhân của người cha"] == "(không khai)"
    assert text["Văn bản ủy quyền (khi nộp thay)"] == "Không gửi tệp"
    # Each file beside the document it answers, linked to its attachment.
    [link] = rows["Giấy chứng sinh"].xpath(".//a")
    assert link.text_content() == "Giấy chứng sinh.pdf"
    attachment = submitted["giay-chung-sinh.pdf"]
    assert link.get("href") == f"{attachment.absolute_url()}/@@download/file"
    assert text["Giấy chứng sinh"].startswith("Giấy chứng sinh.pdf (")
    assert "B)" in text["Giấy chứng sinh"]  # its size, "1 KB" or so
    [link] = rows["Giấy chứng nhận kết hôn của cha, mẹ (nếu có)"].xpath(".//a")
    assert link.text_content() == "ket-hon.png"
    # The consent boxes: once each, ticked, with the moment of consent.
    whole = text_of(lxml.html.tostring(section, encoding="unicode"))
    assert whole.count("Tôi cam đoan những nội dung khai trên đây") == 1
    assert whole.count("Tôi đồng ý cho xử lý dữ liệu cá nhân") == 1
    assert "Thời điểm đồng ý" in whole
    browser.open(rows["Giấy chứng sinh"].xpath(".//a")[0].get("href"))
    assert browser.contents == PDF


def test_attachments_name_the_document_they_answer(functional_app, submitted):
    browser = browser_for(functional_app, "motcua")
    browser.open(submitted.absolute_url())
    page = lxml.html.fromstring(browser.contents)
    [section] = page.xpath('//section[contains(@class, "dossier-attachments")]')
    items = [" ".join(li.text_content().split()) for li in section.xpath(".//li")]
    # Kept under the document's name (the upload's label), not repeated.
    assert any(
        item.startswith("Giấy chứng sinh (") and "—" not in item for item in items
    ), items
    assert not any(item.startswith("Giấy chứng sinh.pdf") for item in items), items


def test_answers_are_escaped(functional_app, submitted):
    browser = browser_for(functional_app, "motcua")
    browser.open(submitted.absolute_url())
    html = browser.contents
    assert "<script>alert('noi_sinh')" not in html
    assert "&lt;script&gt;alert(&#x27;noi_sinh&#x27;)" in html or (
        "&lt;script&gt;alert('noi_sinh')" in html
    )
    assert text_of(html).count("<script>alert('noi_sinh')</script>") == 1


def test_no_edit_path(functional_app, submitted):
    """Officials read the declaration; no form edits it."""
    browser = browser_for(functional_app, "motcua")
    browser.open(submitted.absolute_url())
    section = _section(browser.contents)
    assert section.xpath(".//form | .//input | .//textarea | .//select") == []
    editor = browser_for(functional_app, "motcua")  # may edit in intake
    editor.open(f"{submitted.absolute_url()}/@@edit")
    assert editor.headers["status"].startswith("200")
    assert "form.widgets.IApplicant.applicant_name" in editor.contents or (
        "form.widgets.applicant_name" in editor.contents
    )  # the edit form is there (positive control)...
    assert "form_data" not in editor.contents  # ...without the declaration
    assert "Nguyễn Minh Khôi" not in editor.contents


def test_anonymous_cannot_see_the_dossier(functional_app, submitted):
    url = submitted.absolute_url()
    official = browser_for(functional_app, "motcua")  # positive control
    official.open(url)
    assert "Nguyễn Minh Khôi" in official.contents
    anonymous = browser_for(functional_app, None)
    anonymous.open(url)
    assert anonymous.headers["status"].startswith("404")
    assert "Nguyễn Minh Khôi" not in anonymous.contents
    assert "Nội dung tờ khai" not in anonymous.contents


def test_counter_dossier_has_no_declaration(functional_app, fresh):
    browser = browser_for(functional_app, "motcua")
    browser.open(fresh["s1"].absolute_url())
    assert "dossier-declaration" not in browser.contents
    assert "Nội dung tờ khai" not in browser.contents
