"""Counter intake: one form creates the dossier and accepts it, or creates nothing."""

from io import BytesIO
from luanthanh.policy import deadlines
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.files import HTML
from luanthanh.policy.testing.files import macro_docx
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.files import PDF_JAVASCRIPT
from luanthanh.policy.testing.http import browser_for
from plone import api
from unittest import mock

import lxml.html
import pytest
import re
import transaction


@pytest.fixture
def desk(functional_portal, functional_app):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(functional_portal)
        # A private procedure is not offered at the counter.
        api.content.create(
            container=functional_portal["thu-tuc-hanh-chinh"],
            type="Procedure",
            title="Thủ tục đang soạn",
            code="9.999999",
            field="kinh-te",
        )
    transaction.commit()
    browser = browser_for(functional_app, "motcua")
    browser.open(f"{functional_portal.absolute_url()}/ho-so/@@tiep-nhan-truc-tiep")
    return {
        "browser": browser,
        "folder": functional_portal["ho-so"],
        "procedure": procedure,
    }


def _fill(browser, procedure, **values):
    data = {
        "applicant_name": "Nguyễn Thị Hoa",
        "applicant_phone": "0912 345 678",
        "applicant_id_number": "038090001234",
    }
    data.update(values)
    browser.getControl(name="form.widgets.procedure:list").value = [procedure.UID()]
    for name, value in data.items():
        browser.getControl(name=f"form.widgets.{name}").value = value


def _dossiers(folder) -> list:
    transaction.begin()
    return [o for o in folder.objectValues() if o.portal_type == "Dossier"]


def test_form_offers_published_procedures(desk):
    html = desk["browser"].contents
    assert desk["browser"].headers["status"].startswith("200")
    assert "Tiếp nhận hồ sơ trực tiếp" in html
    assert "1.004873 – Cấp Giấy xác nhận tình trạng hôn nhân" in html
    assert "Thủ tục đang soạn" not in html
    assert "— Chọn thủ tục —" in html


def test_creates_an_accepted_dossier(desk):
    browser = desk["browser"]
    _fill(browser, desk["procedure"], applicant_address="Thôn 3, xã Luận Thành")
    browser.getControl(name="form.widgets.priority:list").value = ["selected"]
    browser.getControl(name="form.widgets.attachment").add_file(
        BytesIO(PDF), "application/pdf", "cccd.pdf"
    )
    browser.getControl(name="form.buttons.receive").click()
    [dossier] = _dossiers(desk["folder"])
    assert browser.url == dossier.absolute_url()
    assert api.content.get_state(dossier) == "processing"
    assert dossier.channel == "direct"
    assert dossier.priority is True
    assert dossier.applicant_phone == "0912345678"
    assert dossier.applicant_address == "Thôn 3, xã Luận Thành"
    assert dossier.assigned_to == "chuyenvien"
    assert dossier.history[-1]["actor"] == "motcua"
    due = deadlines.local_datetime(dossier.due_date).strftime(
        "%H giờ %M phút ngày %d/%m/%Y"
    )
    message = f"Đã tiếp nhận hồ sơ {dossier.code}. Ngày hẹn trả kết quả: {due}."
    assert message in browser.contents
    [attachment] = dossier.objectValues()
    assert attachment.portal_type == "File"
    assert attachment.file.data == PDF
    assert attachment.file.contentType == "application/pdf"
    assert "cccd.pdf" in browser.contents


@pytest.mark.parametrize(
    "values,field,message",
    [
        (
            {"applicant_id_number": "12345"},
            "applicant_id_number",
            "Số định danh cá nhân gồm đúng 12 chữ số.",
        ),
        (
            {"applicant_phone": "12345"},
            "applicant_phone",
            "Số điện thoại không hợp lệ",
        ),
        ({"applicant_name": ""}, "applicant_name", "Vui lòng nhập thông tin này."),
    ],
)
def test_validation_errors_create_nothing(desk, values, field, message):
    browser = desk["browser"]
    _fill(browser, desk["procedure"], **values)
    browser.getControl(name="form.buttons.receive").click()
    html = browser.contents
    block = html.split(f'id="formfield-form-widgets-{field}"', 1)[1]
    block = block.split('id="formfield-form-widgets-', 1)[0]
    assert message in block
    assert "Hồ sơ chưa được tiếp nhận" in html
    assert _dossiers(desk["folder"]) == []


@pytest.mark.parametrize(
    "name,data,declared,message",
    [
        ("trang.pdf", HTML, "application/pdf", "không được chấp nhận"),
        ("to-khai.docx", macro_docx(), "application/octet-stream", "macro"),
        ("giay-to.pdf", PDF_JAVASCRIPT, "application/pdf", "JavaScript"),
    ],
)
def test_attachment_goes_through_the_upload_check(desk, name, data, declared, message):
    """The counter's attachment is checked like every other channel's: a page
    named .pdf, a Word file with macros, a PDF with JavaScript are refused
    beside the field, and no dossier is created (the control above: a real
    PDF is kept)."""
    browser = desk["browser"]
    _fill(browser, desk["procedure"])
    browser.getControl(name="form.widgets.attachment").add_file(
        BytesIO(data), declared, name
    )
    browser.getControl(name="form.buttons.receive").click()
    html = browser.contents
    block = html.split('id="formfield-form-widgets-attachment"', 1)[1]
    block = block.split('id="formfield-form-widgets-', 1)[0]
    assert message in block, block
    assert "Hồ sơ chưa được tiếp nhận" in html
    assert _dossiers(desk["folder"]) == []


def test_both_errors_at_once(desk):
    browser = desk["browser"]
    _fill(browser, desk["procedure"], applicant_id_number="abc", applicant_phone="0123")
    browser.getControl(name="form.buttons.receive").click()
    html = browser.contents
    assert "Số định danh cá nhân gồm đúng 12 chữ số." in html
    assert "Số điện thoại không hợp lệ" in html
    assert _dossiers(desk["folder"]) == []


def test_procedure_required(desk):
    browser = desk["browser"]
    browser.getControl(name="form.widgets.applicant_name").value = "A"
    browser.getControl(name="form.widgets.applicant_phone").value = "0912345678"
    browser.getControl(name="form.buttons.receive").click()
    block = browser.contents.split('id="formfield-form-widgets-procedure"', 1)[1]
    assert (
        "Vui lòng nhập thông tin này." in block.split("formfield-form-widgets-", 1)[0]
    )
    assert _dossiers(desk["folder"]) == []


def test_failed_accept_leaves_nothing(desk):
    """Create and accept are one: when accepting fails, no dossier is left."""
    from Products.CMFCore.WorkflowCore import WorkflowException

    def refuse(*args, **kwargs):
        raise WorkflowException("Không tiếp nhận được hồ sơ.")

    browser = desk["browser"]
    _fill(browser, desk["procedure"])
    with mock.patch("luanthanh.policy.api.dossier.transition", side_effect=refuse):
        browser.getControl(name="form.buttons.receive").click()
    assert "Không tiếp nhận được hồ sơ." in browser.contents
    assert _dossiers(desk["folder"]) == []
    # The day's number was not used up either: the next dossier gets -0001.
    browser.open(browser.url)
    _fill(browser, desk["procedure"])
    browser.getControl(name="form.buttons.receive").click()
    [dossier] = _dossiers(desk["folder"])
    assert dossier.code.endswith("-0001")


def test_cancel(desk):
    desk["browser"].getControl(name="form.buttons.cancel").click()
    assert desk["browser"].url == desk["folder"].absolute_url()
    assert _dossiers(desk["folder"]) == []


@pytest.mark.parametrize("user", ["chuyenvien", "lanhdao", "congdan", "bientap"])
def test_only_the_desk(functional_portal, functional_app, user):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
    transaction.commit()
    browser = browser_for(functional_app, user)
    browser.open(f"{functional_portal.absolute_url()}/ho-so/@@tiep-nhan-truc-tiep")
    # Under the tracking book a refusal is the book's one 404 (issue #14,
    # finding 3; security/hidden_book.py).
    assert browser.headers["status"].startswith("404")
    assert "Không tìm thấy trang" in browser.contents
    assert 'name="form.buttons.receive"' not in browser.contents


def test_no_token_no_dossier(desk, functional_portal):
    browser = desk["browser"]
    html = browser.contents
    token = re.search(r'name="_authenticator" value="([0-9a-f]+)"', html).group(1)
    assert token
    browser.post(
        f"{functional_portal.absolute_url()}/ho-so/@@tiep-nhan-truc-tiep",
        "form.widgets.applicant_name=A&form.widgets.applicant_phone=0912345678"
        f"&form.widgets.procedure%3Alist={desk['procedure'].UID()}"
        "&form.buttons.receive=1",
    )
    assert browser.headers["status"].startswith("403")
    assert _dossiers(desk["folder"]) == []


def _delivery_block(html: str, field: str) -> str:
    block = html.split(f'id="formfield-form-widgets-{field}"', 1)[1]
    return block.split('id="formfield-form-widgets-', 1)[0]


def test_result_delivery_defaults_to_the_center(desk):
    browser = desk["browser"]
    radio = browser.getControl(name="form.widgets.result_delivery")
    assert radio.value == ["center"]
    assert "Đăng ký nhận kết quả tại" in browser.contents
    assert "Qua dịch vụ bưu chính công ích" in browser.contents
    _fill(browser, desk["procedure"])
    browser.getControl(name="form.buttons.receive").click()
    [dossier] = _dossiers(desk["folder"])
    assert dossier.result_delivery == "center"
    # The dossier page names the center (and its address), not the choice.
    [cell] = lxml.html.fromstring(browser.contents).xpath(
        "//td[@class='dossier-delivery']"
    )
    assert cell.text_content().startswith(
        "Trung tâm Phục vụ hành chính công xã Luận Thành"
    )


def test_result_by_post_to_an_address(desk):
    browser = desk["browser"]
    _fill(browser, desk["procedure"])
    browser.getControl(name="form.widgets.result_delivery").value = ["post"]
    browser.getControl(
        name="form.widgets.result_address"
    ).value = "Số 5, thôn Đông, xã Luận Thành"
    browser.getControl(name="form.buttons.receive").click()
    [dossier] = _dossiers(desk["folder"])
    assert browser.url == dossier.absolute_url()
    assert dossier.result_delivery == "post"
    assert dossier.result_address == "Số 5, thôn Đông, xã Luận Thành"
    assert (
        "Qua dịch vụ bưu chính công ích, đến địa chỉ: Số 5, thôn Đông, xã Luận "
        "Thành" in browser.contents
    )


def test_post_without_address_is_refused_beside_the_field(desk):
    browser = desk["browser"]
    _fill(browser, desk["procedure"])
    browser.getControl(name="form.widgets.result_delivery").value = ["post"]
    browser.getControl(name="form.buttons.receive").click()
    html = browser.contents
    assert (
        "Vui lòng ghi địa chỉ nhận kết quả qua dịch vụ bưu chính công ích."
        in _delivery_block(html, "result_address")
    )
    assert "Hồ sơ chưa được tiếp nhận" in html
    assert _dossiers(desk["folder"]) == []
    # What was typed stays in the form.
    assert browser.getControl(name="form.widgets.result_delivery").value == ["post"]
    assert browser.getControl(name="form.widgets.applicant_name").value == (
        "Nguyễn Thị Hoa"
    )
