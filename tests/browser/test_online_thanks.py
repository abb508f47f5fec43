"""The thank-you page of an online form (``browser/online.py``,
``templates/online_thanks.pt``): the slip, the summary, nothing of another
citizen's.

Submitted anonymously through the test browser, the guard's stamp included
(``luanthanh.policy.testing.forms``).
"""

from luanthanh.policy.config import local
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.fixtures import browser_for
from luanthanh.policy.testing.forms import dossiers
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit

import lxml.html
import pytest


FILES = {"giay_chung_sinh": (PDF, "application/pdf", "Giấy chứng sinh.pdf")}
CONSENT = "Tôi đồng ý cho xử lý dữ liệu cá nhân (bắt buộc)"
DECLARATION = "Tôi cam đoan những nội dung khai trên đây là đúng sự thật"


@pytest.fixture
def thanks(online, browser, functional_portal, fresh_limits):
    open_form(browser, functional_portal)
    fill(browser, files=FILES, ngay_sinh="20/11/2025")
    submit(browser)
    [dossier] = dossiers()
    return browser, dossier


def text_of(html: str, css: str) -> list[str]:
    page = lxml.html.fromstring(html)
    return [" ".join(e.text_content().split()) for e in page.cssselect(css)]


def test_each_consent_once(thanks):
    browser, _dossier = thanks
    html = browser.contents
    assert html.count(CONSENT) == 1
    assert html.count(DECLARATION) == 1


def test_answers_are_a_summary_not_inputs(thanks):
    browser, _dossier = thanks
    html = browser.contents
    page = lxml.html.fromstring(html)
    answers = page.cssselect(".online-answers")[0]
    assert not answers.cssselect("input, select, textarea, .form-control")
    values = {
        e.get("data-field"): " ".join(e.cssselect("dd")[0].text_content().split())
        for e in answers.cssselect(".online-answer")
    }
    assert values["ho_ten_tre"] == "Nguyễn Minh Khôi"
    assert values["ngay_sinh"] == "20/11/2025"
    assert values["gioi_tinh"] == "Nam"
    assert values["dong_y"] == "Có"
    assert values["cam_doan"] == "Có"
    assert values["giay_chung_sinh"].startswith("Giấy chứng sinh.pdf (")
    assert values["giay_chung_sinh"].endswith(" KB)")
    assert "luanthanh_guard" not in values
    fieldsets = text_of(html, ".online-answers-fieldset")
    assert fieldsets[0] == "Thông tin người nộp hồ sơ"
    assert "Người được khai sinh" in fieldsets


def test_the_slip(thanks):
    browser, dossier = thanks
    html = browser.contents
    [slip] = text_of(html, ".online-slip")
    assert "Phiếu xác nhận nộp hồ sơ trực tuyến" in slip
    assert text_of(html, ".online-slip-code") == [dossier.code]
    [procedure] = text_of(html, ".online-slip-procedure")
    assert procedure.startswith(dossier.procedure.to_object.title)
    submitted = local(dossier.submitted_at).strftime("%H giờ %M phút ngày %d/%m/%Y")
    assert text_of(html, ".online-slip-submitted") == [submitted]
    files = text_of(html, ".online-slip-files li")
    assert len(files) == 1
    assert "Giấy chứng sinh.pdf" in files[0]
    assert "KB" in files[0]
    assert text_of(html, "button.online-slip-print") == ["In phiếu"]


def test_the_slip_is_only_in_the_answer_to_the_post(
    thanks, functional_app, functional_portal
):
    """Another visitor, even at the same address, sees an empty form."""
    browser, dossier = thanks
    assert dossier.code in browser.contents  # positive control
    other = browser_for(functional_app, raising=True)
    open_form(other, functional_portal)
    assert "online-slip" not in other.contents
    assert dossier.code not in other.contents
    assert "Nguyễn Minh Khôi" not in other.contents
    browser.open(browser.url)  # the citizen's own GET of the form again
    assert dossier.code not in browser.contents
    assert "online-slip" not in browser.contents


def test_the_page_is_not_cached(thanks):
    browser, _dossier = thanks
    assert "no-store" in browser.headers["Cache-Control"]
