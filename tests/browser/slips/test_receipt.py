"""The receipt (Mẫu số 01): item 1, the papers received, never the
catalogue; item 6, "Đăng ký nhận kết quả tại:" and the channel the
applicant chose, as an official prints it over HTTP."""

from luanthanh.policy.testing.builders import attach_file
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import text_of
from luanthanh.policy.testing.paths import dossier_in_state
from luanthanh.policy.testing.scenarios import BIRTH_CHECKLIST
from luanthanh.policy.testing.scenarios import birth_procedure
from plone import api

import lxml.html
import pytest
import transaction


@pytest.fixture
def site(functional_portal, functional_app):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = birth_procedure(functional_portal)
    transaction.commit()
    return {
        "portal": functional_portal,
        "browser": browser_for(functional_app, "motcua"),
        "procedure": procedure,
        "intake": f"{functional_portal.absolute_url()}/ho-so/@@tiep-nhan-truc-tiep",
    }


def item_1(html: str) -> list[list[str]]:
    """The cells of item 1 (STT | Tên loại giấy tờ | Bản chính | Bản sao |
    Ghi chú), row by row, after checking the columns."""
    tree = lxml.html.fromstring(html)
    [table] = tree.xpath("//table[contains(@class, 'slip-table')]")
    heads = [" ".join(th.text_content().split()) for th in table.xpath(".//th")]
    assert heads == ["STT", "Tên loại giấy tờ", "Bản chính", "Bản sao", "Ghi chú"]
    return [
        [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        for tr in table.xpath("./tbody/tr")
    ]


def test_one_paper_shown_and_one_copy_print_exactly_those(site):
    """The issue's test: at the counter the official marks the identity card
    as shown and the birth certificate as two copies, and does not take the
    declaration; the receipt lists those two papers and nothing else."""
    browser = site["browser"]
    browser.open(f"{site['intake']}?procedure={site['procedure'].UID()}")
    browser.getControl(name="form.widgets.applicant_name").value = "Phạm Thị Lan"
    browser.getControl(name="form.widgets.applicant_phone").value = "0912345678"
    browser.getControl(name="papers.1.form").value = [""]  # Không nhận
    browser.getControl(name="papers.2.form").value = ["copy"]
    browser.getControl(name="papers.2.count").value = "2"
    browser.getControl(name="papers.3.form").value = ["shown"]
    browser.getControl(name="form.buttons.receive").click()
    assert "Đã tiếp nhận hồ sơ" in browser.contents
    dossier_url = browser.url

    browser.open(f"{dossier_url}/@@giay-tiep-nhan")
    assert item_1(browser.contents) == [
        ["1", "Bản sao Giấy chứng sinh", "—", "02", ""],
        ["2", "Thẻ căn cước của người đi đăng ký", "—", "—", "Xuất trình"],
    ]
    text = text_of(browser.contents)
    assert "Tờ khai đăng ký khai sinh" not in text
    assert "Biên bản xác nhận việc trẻ bị bỏ rơi" not in text  # conditional
    assert "Xuất trình khi nhận kết quả" not in text  # received at the counter
    assert "không được ghi lại" not in text

    # The officials' page of the dossier shows the same papers.
    browser.open(dossier_url)
    tree = lxml.html.fromstring(browser.contents)
    [section] = tree.xpath("//section[contains(@class, 'dossier-papers')]")
    cells = [
        [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        for tr in section.xpath(".//tbody/tr")
    ]
    assert cells == [
        ["Bản sao Giấy chứng sinh", "Bản sao", "2", ""],
        ["Thẻ căn cước của người đi đăng ký", "Xuất trình", "—", ""],
    ]


def _older(site, channel: str):
    """A dossier received before the papers were recorded."""
    with api.env.adopt_roles(["Manager"]):
        dossier = make_dossier(site["portal"], site["procedure"], channel=channel)
        api.content.transition(dossier, transition="accept")
    return dossier


def test_older_counter_dossier_says_the_papers_were_not_recorded(site):
    dossier = _older(site, "direct")
    transaction.commit()
    browser = site["browser"]
    browser.open(f"{dossier.absolute_url()}/@@giay-tiep-nhan")
    assert item_1(browser.contents) == [
        ["Giấy tờ đã nhận không được ghi lại khi tiếp nhận hồ sơ."]
    ]
    tree = lxml.html.fromstring(browser.contents)
    hints = tree.xpath("//p[contains(@class, 'no-print')]/text()")
    assert any("ghi tay thành phần hồ sơ" in hint for hint in hints)
    for document in BIRTH_CHECKLIST:  # never the catalogue
        assert document["name"] not in browser.contents


def test_older_online_dossier_lists_its_files(site):
    dossier = _older(site, "online")
    attach_file(dossier, "giay-chung-sinh.pdf", "Bản sao Giấy chứng sinh", PDF)
    transaction.commit()
    browser = site["browser"]
    browser.open(f"{dossier.absolute_url()}/@@giay-tiep-nhan")
    assert item_1(browser.contents) == [
        ["1", "Bản sao Giấy chứng sinh", "—", "01", "Bản điện tử nộp trực tuyến"]
    ]
    text = text_of(browser.contents)
    assert "Xuất trình khi nhận kết quả: Thẻ căn cước của người đi đăng ký." in text
    assert "Tờ khai đăng ký khai sinh" not in text
    assert "ghi tay" not in text


CENTER = "Trung tâm Phục vụ hành chính công xã Luận Thành"
CENTER_ADDRESS = "Số 1 đường Trung tâm, xã Luận Thành, tỉnh Thanh Hóa"
BRING = "Khi đến nhận kết quả, ông/bà mang theo Giấy tiếp nhận này"

CHANNELS = {
    "center": ({}, f"6. Đăng ký nhận kết quả tại: {CENTER}, {CENTER_ADDRESS}."),
    "post": (
        {"result_address": "Số 5, thôn Đông, xã Luận Thành, tỉnh Thanh Hóa"},
        "6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, đến địa "
        "chỉ: Số 5, thôn Đông, xã Luận Thành, tỉnh Thanh Hóa.",
    ),
    "online": (
        {"applicant_email": "an@example.org"},
        "6. Đăng ký nhận kết quả tại: Trực tuyến: bản điện tử của kết quả được "
        "gửi đến thư điện tử an@example.org.",
    ),
}


@pytest.fixture
def receipts(functional_portal):
    """A received dossier for each channel: its receipt's item 6 and text."""
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        api.portal.set_registry_record("luanthanh.policy.site.address", CENTER_ADDRESS)
        procedure = make_procedure(functional_portal)
        dossiers = {
            channel: dossier_in_state(
                functional_portal,
                "processing",
                procedure,
                result_delivery=channel,
                **data,
            )
            for channel, (data, _item) in CHANNELS.items()
        }
    transaction.commit()
    found = {}
    for channel, dossier in dossiers.items():
        response = session_for("motcua").get(
            f"{dossier.absolute_url()}/@@giay-tiep-nhan"
        )
        assert response.status_code == 200
        document = lxml.html.fromstring(response.text)
        [item] = document.xpath("//p[contains(@class, 'slip-delivery')]")
        found[channel] = (
            " ".join(item.text_content().split()),
            text_of(response.text),
        )
    return found


def test_item_6_prints_the_chosen_channel(receipts):
    for channel, (_data, expected) in CHANNELS.items():
        item, text = receipts[channel]
        assert item == expected, channel
        assert "6. Nhận kết quả tại" not in text
    # The center is named only where the applicant comes to it.
    assert CENTER_ADDRESS not in receipts["post"][0]
    assert CENTER_ADDRESS not in receipts["online"][0]


def test_bring_the_receipt_only_to_the_center(receipts):
    assert BRING in receipts["center"][1]
    assert BRING not in receipts["post"][1]
    assert BRING not in receipts["online"][1]
