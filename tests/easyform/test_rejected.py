"""Every kind of bad post leaves nothing behind and says why, in Vietnamese."""

from luanthanh.policy.dossiers.catalog import find_unrestricted
from luanthanh.policy.easyform import guard
from luanthanh.policy.testing.files import EXE
from luanthanh.policy.testing.files import HTML
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.files import SVG
from luanthanh.policy.testing.forms import dossiers
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import KHAI_SINH
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from luanthanh.policy.testing.http import beside
from luanthanh.policy.testing.mails import messages
from plone import api

import pytest
import time
import transaction


REQUIRED = "Vui lòng nhập thông tin này."
STATUS = "Biểu mẫu chưa gửi được: vui lòng xem và sửa các mục có thông báo lỗi."


def assert_nothing_created(mailhost):
    assert dossiers() == []
    assert messages(mailhost) == []
    transaction.begin()
    assert len(find_unrestricted(portal_type="File")) == 0


def configure(name: str, value) -> None:
    """Set the online forms' setting ``name`` and commit it for the browser."""
    api.portal.set_registry_record(f"luanthanh.policy.online.{name}", value)
    transaction.commit()


def post(browser, portal, **kwargs):
    open_form(browser, portal)
    fill(browser, **kwargs)
    submit(browser)
    return browser.contents


# Errors beside their field ---------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "overrides", "message"),
    [
        ("ho_ten", {"ho_ten": ""}, None),
        ("ho_ten_tre", {"ho_ten_tre": ""}, None),
        (
            "so_cccd",
            {"so_cccd": "03809000123"},
            "Số định danh cá nhân gồm đúng 12 chữ số.",
        ),
        ("so_cccd", {"so_cccd": "03809000123A"}, "gồm đúng 12 chữ số"),
        ("so_dien_thoai", {"so_dien_thoai": "0123 456"}, "Số điện thoại không hợp lệ"),
        (
            "so_dien_thoai",
            {"so_dien_thoai": "091234567890"},
            "Số điện thoại không hợp lệ",
        ),
        ("email", {"email": "an@example"}, "Thư điện tử không hợp lệ"),
        (
            "dia_chi_nhan_ket_qua",
            {"nhan_ket_qua": ["post"], "dia_chi_nhan_ket_qua": " "},
            "Vui lòng ghi địa chỉ nhận kết quả qua dịch vụ bưu chính công ích.",
        ),
        (
            "email",
            {"nhan_ket_qua": ["online"], "email": ""},
            "Vui lòng ghi thư điện tử để nhận kết quả trực tuyến.",
        ),
        (
            "dong_y",
            {"dong_y:list": []},
            "Vui lòng đánh dấu đồng ý cho xử lý dữ liệu cá nhân",
        ),
    ],
)
def test_bad_answer(
    online, browser, functional_portal, mailhost, field, overrides, message
):
    html = post(browser, functional_portal, **overrides)
    assert_nothing_created(mailhost)
    assert "Tra cứu tình trạng hồ sơ" not in html
    assert STATUS in html
    assert (message or REQUIRED) in beside(html, field)


FILE_REFUSED = (
    "không được chấp nhận: chỉ nhận tệp PDF, ảnh JPEG, ảnh PNG hoặc văn bản Word (DOCX)"
)


@pytest.mark.parametrize(
    ("data", "content_type", "filename"),
    [
        (SVG, "image/svg+xml", "giay-chung-sinh.svg"),
        (SVG, "image/png", "giay-chung-sinh.png"),  # an SVG that says it is a PNG
        (HTML, "text/html", "giay-chung-sinh.html"),
        (HTML, "application/pdf", "giay-chung-sinh.pdf"),
        (EXE, "application/pdf", "giay-chung-sinh.pdf"),  # an executable renamed .pdf
    ],
)
def test_refused_file(
    online, browser, functional_portal, mailhost, data, content_type, filename
):
    html = post(
        browser,
        functional_portal,
        files={"giay_chung_sinh": (data, content_type, filename)},
    )
    assert_nothing_created(mailhost)
    assert FILE_REFUSED in beside(html, "giay_chung_sinh")


@pytest.mark.parametrize(
    ("setting", "files", "message", "field"),
    [
        (
            "max_file_mb",
            {
                "giay_chung_sinh": (
                    PDF + b"0" * (1024 * 1024),
                    "application/pdf",
                    "to.pdf",
                )
            },
            "vượt quá mức tối đa 1 MB cho mỗi tệp",
            "giay_chung_sinh",
        ),
        (
            "max_dossier_mb",
            {
                "giay_chung_sinh": (
                    PDF + b"0" * (600 * 1024),
                    "application/pdf",
                    "a.pdf",
                ),
                "giay_ket_hon": (PDF + b"0" * (600 * 1024), "application/pdf", "b.pdf"),
            },
            "vượt quá mức tối đa 1 MB cho mỗi hồ sơ",
            None,  # anywhere on the page
        ),
    ],
    ids=["oversized_file", "dossier_too_large"],
)
def test_over_the_size_limit(
    online, browser, functional_portal, mailhost, setting, files, message, field
):
    configure(setting, 1)
    html = post(browser, functional_portal, files=files)
    assert_nothing_created(mailhost)
    assert message in (beside(html, field) if field else html)


# Bots and floods: a message at the top of the form ------------------------------


def test_honeypot_filled(online, browser, functional_portal, mailhost):
    html = post(browser, functional_portal, luanthanh_homepage="http://spam.example")
    assert_nothing_created(mailhost)
    assert "có dấu hiệu được điền tự động" in html


def test_too_fast(online, browser, functional_portal, mailhost, monkeypatch):
    monkeypatch.setattr(guard, "MIN_FILL_SECONDS", 3600)
    html = post(browser, functional_portal)
    assert_nothing_created(mailhost)
    assert "Biểu mẫu được gửi quá nhanh sau khi mở" in html


def test_honeypot_and_fill_time_off(online, browser, functional_portal, monkeypatch):
    monkeypatch.setattr(guard, "MIN_FILL_SECONDS", 3600)
    configure("honeypot_enabled", False)
    open_form(browser, functional_portal)
    with pytest.raises(LookupError):
        browser.getControl(name="form.widgets.luanthanh_homepage")
    fill(browser)
    submit(browser)
    assert len(dossiers()) == 1


def test_forged_stamp(online, browser, functional_portal, mailhost):
    open_form(browser, functional_portal)
    fill(browser)
    stamp = browser.getControl(name="form.widgets.luanthanh_guard")
    timestamp, token, signature = stamp.value.split(".")
    stamp._control.force_value(f"{int(timestamp) - 3600}.{token}.{signature}")
    submit(browser)
    assert_nothing_created(mailhost)
    assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in browser.contents


def _age_stamp(browser, functional_portal, hours: float) -> None:
    """Replace the form's stamp by a valid one signed ``hours`` ago."""
    form = functional_portal.unrestrictedTraverse(KHAI_SINH)
    old = guard.new_stamp(form, now=time.time() - hours * 3600)
    browser.getControl(name="form.widgets.luanthanh_guard")._control.force_value(old)


def test_stale_stamp(online, browser, functional_portal, mailhost):
    """Finding 12 of issue #14: a stamp older than 24 hours is refused, with
    its own message; a signed stamp of 23 hours is accepted (positive control)."""
    open_form(browser, functional_portal)
    fill(browser)
    _age_stamp(browser, functional_portal, 25)
    submit(browser)
    assert_nothing_created(mailhost)
    assert "Biểu mẫu này đã được mở quá 24 giờ nên đã hết hạn" in browser.contents
    open_form(browser, functional_portal)
    fill(browser)
    _age_stamp(browser, functional_portal, 23)
    submit(browser)
    assert len(dossiers()) == 1


def test_stamp_age_follows_the_setting(online, browser, functional_portal, mailhost):
    configure("stamp_max_age_hours", 2)
    open_form(browser, functional_portal)
    fill(browser)
    _age_stamp(browser, functional_portal, 3)
    submit(browser)
    assert_nothing_created(mailhost)
    assert "Biểu mẫu này đã được mở quá 2 giờ nên đã hết hạn" in browser.contents


def test_rate_limit(online, browser, functional_portal, mailhost):
    configure("submission_limit", 2)
    for _i in range(2):
        post(browser, functional_portal)
    assert len(dossiers()) == 2
    html = post(browser, functional_portal)
    assert (
        "Đã có quá nhiều hồ sơ được gửi từ địa chỉ mạng của ông/bà trong 60 phút qua"
        in html
    )
    assert len(dossiers()) == 2
    assert len(messages(mailhost)) == 2


def test_errors_then_success(online, browser, functional_portal):
    """After an error the form keeps its token; the corrected post goes through."""
    post(browser, functional_portal, so_cccd="123")
    fill(browser, answers={"so_cccd": "038090001234"})
    submit(browser)
    [dossier] = dossiers()
    assert dossier.code in browser.contents


# Failures while creating: all or nothing --------------------------------------


def test_failure_while_creating_rolls_back(
    online, browser, functional_portal, mailhost, monkeypatch
):
    from luanthanh.policy.easyform import actions

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    original = actions.attach_files
    monkeypatch.setattr(actions, "attach_files", broken)
    html = post(browser, functional_portal)
    assert_nothing_created(mailhost)
    assert "Hệ thống chưa tạo được hồ sơ, chưa có thông tin nào được lưu" in html
    monkeypatch.setattr(actions, "attach_files", original)
    html = post(browser, functional_portal)
    [dossier] = dossiers()
    assert dossier.code.endswith("-0001")  # the day's sequence was rolled back too
    assert dossier.code in html


def test_procedure_closed_online(online, browser, functional_portal, mailhost):
    online["1.001193"].online_level = "none"
    online["1.001193"].reindexObject()
    transaction.commit()
    html = post(browser, functional_portal)
    assert_nothing_created(mailhost)
    assert "chưa được gắn với một thủ tục hành chính nhận hồ sơ trực tuyến" in html


def test_mail_failure_keeps_the_dossier(
    online, browser, functional_portal, mailhost, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("luanthanh.policy.easyform.confirmation.send", broken)
    html = post(browser, functional_portal)
    [dossier] = dossiers()
    assert dossier.code in html
    assert "Thư xác nhận đã được gửi" not in html
