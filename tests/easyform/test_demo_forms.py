"""The demo forms of nop-ho-so and the listing of procedures open online."""

from collective.easyform.api import get_schema
from collective.easyform.interfaces import IFieldExtender
from luanthanh.policy.easyform.forms import dossier_actions
from luanthanh.policy.setuphandlers.demo_forms import demo_forms
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.forms import dossiers
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from plone import api
from plone.namedfile.interfaces import INamedBlobFileField

import pytest
import re
import transaction


FORMS = {
    "dang-ky-khai-sinh": "1.001193",
    "xac-nhan-tinh-trang-hon-nhan": "1.004873",
    "ho-tro-chi-phi-mai-tang": "1.001731",
}


@pytest.mark.parametrize(("form_id", "code"), FORMS.items())
def test_ready_to_use(online, functional_portal, form_id, code):
    form = functional_portal["nop-ho-so"][form_id]
    assert api.content.get_state(form) == "published"
    [action] = dossier_actions(form)
    assert action.procedure_code == code
    assert online[code].form.to_object == form
    schema = get_schema(form)
    for name in ("ho_ten", "so_cccd", "so_dien_thoai", "email", "dia_chi", "dong_y"):
        assert name in schema, name
    validators = {
        name: IFieldExtender(schema[name]).validators or [] for name in schema
    }
    assert validators["so_cccd"] == ["luanthanh.isCCCD"]
    assert validators["so_dien_thoai"] == ["luanthanh.isPhone"]
    assert validators["email"] == ["luanthanh.isEmail"]
    assert validators["dong_y"] == ["luanthanh.isConsent"]
    assert "91/2025/QH15" in schema["dong_y"].description
    uploads = [n for n in schema if INamedBlobFileField.providedBy(schema[n])]
    assert uploads
    assert all(validators[n] == ["luanthanh.isAllowedFile"] for n in uploads)


@pytest.mark.parametrize("form_id", FORMS)
def test_honeypot_and_stamp_rendered(online, browser, functional_portal, form_id):
    open_form(browser, functional_portal, f"nop-ho-so/{form_id}")
    honeypot = browser.getControl(name="form.widgets.luanthanh_homepage")
    assert honeypot.value == ""
    assert browser.getControl(name="form.widgets.luanthanh_guard").value
    assert 'aria-hidden="true"' in browser.contents
    assert 'tabindex="-1"' in browser.contents


def test_rerun_changes_nothing(online, functional_portal):
    form = functional_portal["nop-ho-so"]["dang-ky-khai-sinh"]
    form.title = "Đã sửa"
    with api.env.adopt_roles(["Manager"]):
        assert demo_forms(functional_portal) == []
    assert form.title == "Đã sửa"
    assert len(functional_portal["nop-ho-so"].objectIds()) == 3


def test_marriage_status(online, browser, functional_portal):
    open_form(browser, functional_portal, "nop-ho-so/xac-nhan-tinh-trang-hon-nhan")
    for name, value in {
        "ho_ten": "Trần Thị Bình",
        "so_cccd": "038 195 004 321",
        "so_dien_thoai": "+84 912 345 678",
        "dia_chi": "Thôn Tân Thành, xã Luận Thành",
        "ngay_sinh": "1995-03-08",
        "gioi_tinh": ["N\\u1eef"],
        "tinh_trang_hon_nhan:list": [
            "Ch\\u01b0a \\u0111\\u0103ng k\\xfd k\\u1ebft h\\xf4n v\\u1edbi ai"
        ],
        "muc_dich": "Để đăng ký kết hôn",
        "so_ban": "2",
        "cam_doan:list": ["selected"],
        "dong_y:list": ["selected"],
    }.items():
        browser.getControl(name=f"form.widgets.{name}").value = value
    submit(browser)
    [dossier] = dossiers()
    assert dossier.code in browser.contents
    assert "3 ngày làm việc" in browser.contents
    assert dossier.applicant_id_number == "038195004321"
    assert dossier.applicant_phone == "0912345678"
    assert dossier.applicant_email == ""
    assert dossier.objectIds() == []
    rows = {row["field"]: row["value"] for row in dossier.form_data}
    assert rows["tinh_trang_hon_nhan"] == "Chưa đăng ký kết hôn với ai"
    assert rows["so_ban"] == "2"


def test_number_in_words(online, browser, functional_portal):
    open_form(browser, functional_portal, "nop-ho-so/xac-nhan-tinh-trang-hon-nhan")
    browser.getControl(name="form.widgets.so_ban").value = "hai"
    submit(browser)
    assert "Giá trị chưa đúng định dạng" in browser.contents
    assert dossiers() == []


def test_burial_support(online, browser, functional_portal):
    open_form(browser, functional_portal, "nop-ho-so/ho-tro-chi-phi-mai-tang")
    for name, value in {
        "ho_ten": "Lê Văn Cường",
        "so_cccd": "038070009876",
        "so_dien_thoai": "0237 3852 123",
        "email": "cuong@example.org",
        "dia_chi": "Thôn Xuân Thành, xã Luận Thành",
        "quan_he_nguoi_mat": "Con",
        "ho_ten_nguoi_mat": "Lê Văn Dũng",
        "ngay_mat": "2025-12-01",
        "doi_tuong:list": [
            "\\u0110ang h\\u01b0\\u1edfng tr\\u1ee3 c\\u1ea5p x\\xe3 h\\u1ed9i h\\u1eb1ng th\\xe1ng"
        ],
        "noi_cu_tru_nguoi_mat": "Thôn Xuân Thành",
        "hinh_thuc_nhan": ["Chuy\\u1ec3n kho\\u1ea3n"],
        "so_tai_khoan": "0123456789 – Agribank Thanh Hóa",
        "cam_doan:list": ["selected"],
        "dong_y:list": ["selected"],
    }.items():
        browser.getControl(name=f"form.widgets.{name}").value = value
    browser.getControl(name="form.widgets.to_khai").add_file(
        PDF, "application/pdf", "to-khai-mau-04.pdf"
    )
    submit(browser)
    [dossier] = dossiers()
    assert dossier.procedure.to_object.code == "1.001731"
    assert dossier.applicant_phone == "02373852123"
    assert dossier.objectIds() == ["to-khai-mau-04.pdf"]


# nop-ho-so -------------------------------------------------------------------


@pytest.fixture
def listing(online, functional_portal):
    folder = functional_portal["thu-tuc-hanh-chinh"]
    with api.env.adopt_roles(["Manager"]):
        for code, title, level in (
            ("1.001612", "Đăng ký thành lập hộ kinh doanh", "partial"),
            ("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "none"),
            ("9.999999", "Thủ tục nháp", "full"),  # private
        ):
            procedure = api.content.create(
                container=folder,
                type="Procedure",
                id=code.replace(".", "-"),
                title=title,
                code=code,
                field="kinh-te",
                online_level=level,
            )
            if code != "9.999999":
                api.content.transition(procedure, to_state="published")
    transaction.commit()
    return functional_portal


def test_section_lists_procedures_open_online(listing, browser):
    browser.open(listing["nop-ho-so"].absolute_url())  # its default view
    html = browser.contents
    assert "Đăng ký khai sinh" in html
    assert "Giải quyết chế độ mai táng phí" in html
    assert "Đăng ký thành lập hộ kinh doanh" in html  # partial, no form yet
    assert "Chứng thực chữ ký" not in html  # not online
    assert "Thủ tục nháp" not in html  # not published
    links = re.findall(
        r'class="btn btn-primary online-form-link"\s+href="([^"]+)"', html
    )
    base = f"{listing.absolute_url()}/nop-ho-so"
    assert sorted(links) == sorted(f"{base}/{form_id}" for form_id in FORMS)
    assert "Biểu mẫu trực tuyến đang được xây dựng" in html


def test_view_on_the_site_root(listing, browser):
    browser.open(f"{listing.absolute_url()}/@@nop-ho-so")
    assert "Đăng ký khai sinh" in browser.contents


def test_procedure_page_links_its_form(online, browser, functional_portal):
    browser.open(online["1.001193"].absolute_url())
    form_url = f"{functional_portal.absolute_url()}/nop-ho-so/dang-ky-khai-sinh"
    assert browser.getLink("Nộp hồ sơ trực tuyến", url=form_url).url == form_url
