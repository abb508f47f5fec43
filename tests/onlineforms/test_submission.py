"""An anonymous multipart submission to a generated form, through the guard."""

from luanthanh.policy import api as lt_api
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.builders import required_document
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.files import PNG
from luanthanh.policy.testing.forms import dossiers
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import submit
from plone import api

import pytest
import transaction


ANSWERS = {
    "ho_ten": "Trần Thị Bình",
    "so_cccd": "038190004321",
    "so_dien_thoai": "0987 654 321",
    "email": "binh@example.org",
    "dia_chi": "Thôn Đông, xã Luận Thành, tỉnh Thanh Hóa",
    "cam_doan:list": ["selected"],
    "dong_y:list": ["selected"],
}


@pytest.fixture(autouse=True)
def _fresh_limits(fresh_limits):
    yield


@pytest.fixture
def generated(functional_portal, mailhost):
    with api.env.adopt_roles(["Manager"]):
        procedure = make_procedure(
            functional_portal,
            id="xac-nhan-hon-nhan",
            required_documents=[
                required_document("Tờ khai cấp Giấy xác nhận", note="Theo mẫu"),
                required_document("Giấy tờ ly hôn", 0, 1, note="Nếu có."),
                required_document("Căn cước", 0, 0),
                required_document("Giấy xác nhận đã cấp trước đây"),
            ],
        )
        form = lt_api.procedure.generate_form(procedure).form
    transaction.commit()
    return procedure, form


def test_anonymous_submission_creates_the_dossier(generated, browser):
    procedure, form = generated
    browser.open(form.absolute_url())
    assert "luanthanh_guard" in browser.contents  # the guard is there
    fill(
        browser,
        answers=ANSWERS,
        files={
            "giay_to_1": (PDF, "application/pdf", "to-khai.pdf"),
            "giay_to_4": (PNG, "image/png", "giay cu.png"),
        },
    )
    submit(browser)

    assert "Đã gửi hồ sơ trực tuyến" in browser.contents
    [dossier] = dossiers()
    assert dossier.procedure.to_object.code == procedure.code
    assert dossier.channel == "online"
    assert dossier.applicant_name == "Trần Thị Bình"
    files = {f.title: f for f in dossier.objectValues() if f.portal_type == "File"}
    assert set(files) == {"Tờ khai cấp Giấy xác nhận", "Giấy xác nhận đã cấp trước đây"}
    assert files["Tờ khai cấp Giấy xác nhận"].file.data == PDF
    assert files["Giấy xác nhận đã cấp trước đây"].file.filename == "giay cu.png"


def test_a_mandatory_document_is_required(generated, browser):
    _procedure, form = generated
    browser.open(form.absolute_url())
    fill(browser, answers=ANSWERS, files={})
    submit(browser)
    assert "Đã gửi hồ sơ trực tuyến" not in browser.contents
    assert dossiers() == []
    # The optional document alone is not enough; the guard let the post through
    # to the field checks (positive control: the full post above succeeds).
    assert "form.widgets.giay_to_1" in browser.contents
