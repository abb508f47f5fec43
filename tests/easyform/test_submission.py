"""Online submission through the demo form "Đăng ký khai sinh", anonymously."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.files import PNG
from luanthanh.policy.testing.forms import dossiers
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from luanthanh.policy.testing.mails import messages
from plone import api

import email
import pytest
import transaction


FILES = {
    "giay_chung_sinh": (PDF, "application/pdf", "Giấy chứng sinh.pdf"),
    "giay_ket_hon": (PNG, "image/png", "C:\\Users\\an\\Ảnh chụp\\kết hôn.jpg"),
}


@pytest.fixture
def submitted(online, browser, functional_portal):
    open_form(browser, functional_portal)
    fill(browser, files=FILES)
    submit(browser)
    return browser


def test_one_dossier_in_intake(submitted):
    [dossier] = dossiers()
    assert api.content.get_state(dossier) == "intake"
    assert dossier.channel == "online"
    assert dossier.procedure.to_object.code == "1.001193"
    assert dossier.applicant_name == "Nguyễn Văn An"
    assert dossier.applicant_id_number == "038090001234"
    assert dossier.applicant_phone == "0912345678"
    assert dossier.applicant_email == "an@example.org"
    assert dossier.applicant_address.startswith("Thôn Trung Thành")
    assert len(dossier.submission_token) == 32


def test_thank_you_page(submitted, functional_portal):
    [dossier] = dossiers()
    html = submitted.contents
    assert "Đã gửi hồ sơ trực tuyến" in html  # thankstitle
    assert dossier.code in html
    assert "Trong ngày làm việc" in html  # processing_days == 0
    link = submitted.getLink("Tra cứu tình trạng hồ sơ")
    assert link.url == (
        f"{functional_portal.absolute_url()}/tra-cuu-ho-so/@@tra-cuu-ho-so"
        f"?code={dossier.code}"
    )
    assert "an@example.org" in html  # where the confirmation went
    assert "luanthanh_guard" not in html
    assert "Nguyễn Minh Khôi" in html  # the answers (showAll)


def test_form_data(submitted):
    [dossier] = dossiers()
    rows = {row["field"]: row for row in dossier.form_data}
    assert rows["ho_ten_tre"] == {
        "field": "ho_ten_tre",
        "label": "Họ, chữ đệm và tên của trẻ",
        "value": "Nguyễn Minh Khôi",
        "fieldset": "Người được khai sinh",
        "kind": "text",
        "applicant": False,
    }
    # What the form looked like: the fieldset, the kind, the applicant's fields.
    assert rows["ho_ten"]["fieldset"] == ""
    assert rows["ho_ten"]["applicant"] is True
    assert rows["quan_he"]["applicant"] is False
    assert rows["ngay_sinh"]["kind"] == "date"
    assert rows["gioi_tinh"]["kind"] == "choice"
    assert rows["giay_chung_sinh"]["kind"] == "file"
    assert rows["giay_chung_sinh"]["fieldset"] == "Giấy tờ kèm theo"
    assert rows["dong_y"]["kind"] == "consent"
    assert rows["cam_doan"]["kind"] == "consent"  # checked like the consent
    assert rows["cam_doan"]["fieldset"] == "Cam kết và đồng ý"
    assert rows["ngay_sinh"]["value"] == "20/11/2025"
    assert rows["gioi_tinh"]["value"] == "Nam"
    assert rows["dong_y"]["value"] == "Có"
    assert rows["giay_chung_sinh"]["value"] == "Giấy chứng sinh.pdf"
    assert rows["giay_ket_hon"]["value"] == "kết hôn.png"  # the real type
    assert rows["van_ban_uy_quyen"]["value"] == ""
    assert "luanthanh_guard" not in rows
    assert "luanthanh_homepage" not in rows
    assert list(rows)[:3] == ["ho_ten", "so_cccd", "so_dien_thoai"]


def test_attachments(submitted):
    [dossier] = dossiers()
    # Each file is kept under the document it answers (the upload's label).
    files = {f.title: f for f in dossier.objectValues() if f.portal_type == "File"}
    assert set(files) == {
        "Giấy chứng sinh",
        "Giấy chứng nhận kết hôn của cha, mẹ (nếu có)",
    }
    pdf = files["Giấy chứng sinh"].file
    assert pdf.data == PDF
    assert pdf.contentType == "application/pdf"
    assert pdf.filename == "Giấy chứng sinh.pdf"
    png = files["Giấy chứng nhận kết hôn của cha, mẹ (nếu có)"].file
    assert png.contentType == "image/png"
    assert png.filename == "kết hôn.png"


def test_uploads_are_recorded_as_papers_received(submitted):
    """Each uploaded document is a paper received as an electronic copy (the
    receipt's item 1); the documents not uploaded are not."""
    [dossier] = dossiers()
    assert sorted(dossier.received_documents, key=lambda r: r["name"]) == [
        {
            "name": name,
            "form": "copy",
            "count": 1,
            "note": "Bản điện tử nộp trực tuyến",
        }
        for name in sorted(
            ["Giấy chứng sinh", "Giấy chứng nhận kết hôn của cha, mẹ (nếu có)"]
        )
    ]


def test_consent(submitted):
    [dossier] = dossiers()
    assert dossier.consent_text.startswith("Tôi đồng ý cho xử lý dữ liệu cá nhân")
    assert "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15" in dossier.consent_text
    assert dossier.consented_at.tzinfo is UTC
    assert datetime.now(UTC) - dossier.consented_at < timedelta(minutes=5)


def test_confirmation_mail(submitted, mailhost):
    [dossier] = dossiers()
    [raw] = messages(mailhost)
    message = email.message_from_bytes(raw if isinstance(raw, bytes) else raw.encode())
    assert message["To"] == "an@example.org"
    subject = str(
        email.header.make_header(email.header.decode_header(message["Subject"]))
    )
    assert dossier.code in subject
    [plain] = [p for p in message.walk() if p.get_content_type() == "text/plain"]
    body = plain.get_payload(decode=True).decode("utf-8")
    assert "Kính gửi ông/bà Nguyễn Văn An" in body
    assert dossier.code in body
    assert "Đăng ký khai sinh" in body
    assert "tra-cuu-ho-so/@@tra-cuu-ho-so?code=" in body


def test_no_mail_without_address(online, browser, functional_portal, mailhost):
    open_form(browser, functional_portal)
    fill(browser, email="")
    submit(browser)
    assert len(dossiers()) == 1
    assert messages(mailhost) == []


def test_double_click(online, browser, functional_portal, mailhost):
    """A second post of the same rendering (double click, browser retry)."""
    open_form(browser, functional_portal)
    fill(browser)
    submit(browser)
    [dossier] = dossiers()
    browser.goBack()  # the same rendering of the form: the same token
    fill(browser, answers={})
    submit(browser)
    assert dossier.code in browser.contents
    assert "Trong ngày làm việc" in browser.contents
    assert "Tra cứu tình trạng hồ sơ" in browser.contents
    assert [d.code for d in dossiers()] == [dossier.code]
    assert len(messages(mailhost)) == 1


def test_a_new_form_makes_a_new_dossier(online, browser, functional_portal):
    for _i in range(2):
        open_form(browser, functional_portal)
        fill(browser)
        submit(browser)
    assert len({d.code for d in dossiers()}) == 2


def test_logged_in_member(online, functional_app, functional_portal):
    from plone.testing.zope import Browser

    api.user.create(
        email="dan@example.org", username="congdan", password="Matkhau-1234!"
    )
    transaction.commit()
    browser = Browser(functional_app)
    browser.handleErrors = False
    browser.addHeader("Authorization", "Basic congdan:Matkhau-1234!")
    open_form(browser, functional_portal)
    fill(browser)
    submit(browser)
    [dossier] = dossiers()
    assert dossier.code in browser.contents


# How the result is received (mẫu 01, item 6) ----------------------------------------


def test_result_at_the_center_by_default(submitted):
    [dossier] = dossiers()
    assert dossier.result_delivery == "center"
    assert dossier.result_address == ""
    html = submitted.contents
    assert "Đăng ký nhận kết quả tại" in html
    assert "Trung tâm Phục vụ hành chính công xã Luận Thành" in html


def test_result_by_post(online, browser, functional_portal):
    open_form(browser, functional_portal)
    assert browser.getControl(name="form.widgets.nhan_ket_qua").value == ["center"]
    fill(
        browser,
        nhan_ket_qua=["post"],
        dia_chi_nhan_ket_qua="Số 5, thôn Đông,\nxã Luận Thành",
    )
    submit(browser)
    [dossier] = dossiers()
    assert dossier.result_delivery == "post"
    assert dossier.result_address == "Số 5, thôn Đông, xã Luận Thành"
    rows = {row["field"]: row for row in dossier.form_data}
    # The declaration keeps the sentence the applicant read, not the token.
    assert rows["nhan_ket_qua"]["value"].startswith("Qua dịch vụ bưu chính công ích")
    assert rows["nhan_ket_qua"]["applicant"] is True  # never a "main fact"
    assert (
        "Qua dịch vụ bưu chính công ích, đến địa chỉ: Số 5, thôn Đông, xã Luận Thành"
        in browser.contents  # the Phiếu xác nhận nộp hồ sơ trực tuyến
    )


def test_result_online(online, browser, functional_portal):
    open_form(browser, functional_portal)
    fill(browser, nhan_ket_qua=["online"])
    submit(browser)
    [dossier] = dossiers()
    assert dossier.result_delivery == "online"
    assert (
        "Trực tuyến: bản điện tử của kết quả được gửi đến thư điện tử an@example.org"
        in browser.contents
    )
