"""Counter intake: the table of papers received, with and without JavaScript."""

from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import browser_for
from luanthanh.policy.testing.scenarios import birth_procedure
from plone import api

import lxml.html
import pytest
import transaction


@pytest.fixture
def desk(functional_portal, functional_app):
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = birth_procedure(functional_portal)
        bare = make_procedure(
            functional_portal, title="Xác nhận không có giấy tờ", code="1.000001"
        )
    transaction.commit()
    url = f"{functional_portal.absolute_url()}/ho-so/@@tiep-nhan-truc-tiep"
    return {
        "browser": browser_for(functional_app, "motcua"),
        "url": url,
        "folder": functional_portal["ho-so"],
        "procedure": procedure,
        "bare": bare,
    }


def _applicant(browser):
    browser.getControl(name="form.widgets.applicant_name").value = "Phạm Thị Lan"
    browser.getControl(name="form.widgets.applicant_phone").value = "0912345678"


def _dossiers(folder) -> list:
    transaction.begin()
    return [o for o in folder.objectValues() if o.portal_type == "Dossier"]


def _rows(html: str) -> list[list[str]]:
    """Each row of the table: the name, the form chosen, the count."""
    tree = lxml.html.fromstring(html)
    rows = []
    for tr in tree.xpath("//table[contains(@class, 'counter-papers-table')]/tbody/tr"):
        name = tr.xpath(
            "./td[2]/label[not(@class)]/text() | ./td[2]/input[@type='text']/@value"
        )
        chosen = tr.xpath(".//select/option[@selected]/@value") or [""]
        [count] = tr.xpath(".//input[@type='number']/@value")
        rows.append([(name or [""])[0].strip(), chosen[0], count])
    return rows


def test_no_table_before_a_procedure(desk):
    browser = desk["browser"]
    browser.open(desk["url"])
    assert "Thành phần hồ sơ đã nhận" in browser.contents
    assert "counter-papers-table" not in browser.contents
    assert 'name="form.buttons.papers"' in browser.contents
    assert "counter_intake.js" in browser.contents


def test_the_procedure_in_the_address_shows_its_checklist(desk):
    browser = desk["browser"]
    browser.open(f"{desk['url']}?procedure={desk['procedure'].UID()}")
    assert browser.getControl(name="form.widgets.procedure:list").value == [
        desk["procedure"].UID()
    ]
    # Proposed: an original, a copy, the card shown, the conditional paper
    # not received; then two free rows.
    assert _rows(browser.contents) == [
        ["Tờ khai đăng ký khai sinh", "original", "1"],
        ["Bản sao Giấy chứng sinh", "copy", "1"],
        ["Thẻ căn cước của người đi đăng ký", "shown", "1"],
        ["Biên bản xác nhận việc trẻ bị bỏ rơi", "", "1"],
        ["", "", "1"],
        ["", "", "1"],
    ]
    assert "Không bắt buộc" in browser.contents
    options = lxml.html.fromstring(browser.contents).xpath(
        "//select[@name='papers.1.form']/option/text()"
    )
    assert options == ["Không nhận", "Bản chính", "Bản sao", "Xuất trình"]


def test_the_fragment_for_the_script(desk):
    browser = desk["browser"]
    browser.open(f"{desk['url']}?procedure={desk['procedure'].UID()}&ajax=papers")
    html = browser.contents
    # The section alone (plone.protect may wrap it in <body>), no page.
    tree = lxml.html.fromstring(html)
    assert len(tree.xpath("//section[@id='counter-papers']")) == 1
    assert tree.xpath("//h1") == []
    assert "form.widgets.applicant_name" not in html
    assert "Bản sao Giấy chứng sinh" in html
    assert "no-store" in browser.headers["Cache-Control"]


def test_an_unknown_procedure_in_the_address_is_ignored(desk):
    browser = desk["browser"]
    browser.open(f"{desk['url']}?procedure=not-a-uid")
    assert browser.getControl(name="form.widgets.procedure:list").value == [
        "--NOVALUE--"
    ]
    assert "counter-papers-table" not in browser.contents


def test_without_javascript_the_button_shows_the_table_and_keeps_what_was_typed(desk):
    browser = desk["browser"]
    browser.open(desk["url"])
    _applicant(browser)
    browser.getControl(name="form.widgets.procedure:list").value = [
        desk["procedure"].UID()
    ]
    browser.getControl(name="form.buttons.papers").click()
    assert (
        browser.getControl(name="form.widgets.applicant_name").value == "Phạm Thị Lan"
    )
    assert _rows(browser.contents)[0] == ["Tờ khai đăng ký khai sinh", "original", "1"]
    assert _dossiers(desk["folder"]) == []  # showing writes nothing
    browser.getControl(name="papers.1.form").value = ["copy"]
    browser.getControl(name="papers.1.count").value = "3"
    browser.getControl(name="papers.extra.1.name").value = "Giấy xác nhận cư trú"
    browser.getControl(name="papers.extra.1.form").value = ["original"]
    browser.getControl(name="form.buttons.papers").click()
    rows = _rows(browser.contents)
    assert rows[0] == ["Tờ khai đăng ký khai sinh", "copy", "3"]
    assert rows[4] == ["Giấy xác nhận cư trú", "original", "1"]
    browser.getControl(name="form.buttons.receive").click()
    [dossier] = _dossiers(desk["folder"])
    assert [(r["name"], r["form"], r["count"]) for r in dossier.received_documents] == [
        ("Tờ khai đăng ký khai sinh", "copy", 3),
        ("Bản sao Giấy chứng sinh", "copy", 1),
        ("Thẻ căn cước của người đi đăng ký", "shown", 1),
        ("Giấy xác nhận cư trú", "original", 1),
    ]


def test_a_table_not_shown_for_the_procedure_is_not_taken(desk):
    """Chosen without JavaScript and sent at once: the form asks to check the
    table instead of recording the proposals unseen."""
    browser = desk["browser"]
    browser.open(desk["url"])
    _applicant(browser)
    browser.getControl(name="form.widgets.procedure:list").value = [
        desk["procedure"].UID()
    ]
    browser.getControl(name="form.buttons.receive").click()
    assert "Vui lòng đánh dấu các giấy tờ đã nhận" in browser.contents
    assert "Hồ sơ chưa được tiếp nhận" in browser.contents
    assert _dossiers(desk["folder"]) == []
    # The table is there now; sent again, it is recorded.
    browser.getControl(name="form.buttons.receive").click()
    [dossier] = _dossiers(desk["folder"])
    assert len(dossier.received_documents) == 3


@pytest.mark.parametrize(
    "count,message",
    [
        ("abc", "Giấy tờ “Bản sao Giấy chứng sinh”: số lượng phải là số nguyên dương"),
        ("0", "Giấy tờ “Bản sao Giấy chứng sinh”: số lượng phải là số nguyên dương"),
        ("-1", "Giấy tờ “Bản sao Giấy chứng sinh”: số lượng phải là số nguyên dương"),
    ],
)
def test_a_bad_count_is_refused_beside_the_table(desk, count, message):
    browser = desk["browser"]
    browser.open(f"{desk['url']}?procedure={desk['procedure'].UID()}")
    _applicant(browser)
    browser.getControl(name="papers.2.count").value = count
    browser.getControl(name="form.buttons.receive").click()
    tree = lxml.html.fromstring(browser.contents)
    [section] = tree.xpath("//section[@id='counter-papers']")
    errors = section.xpath(".//div[contains(@class, 'counter-papers-errors')]")
    assert message in errors[0].text_content()
    faulty = section.xpath(".//tr[contains(@class, 'table-danger')]/td[2]/label/text()")
    assert faulty == ["Bản sao Giấy chứng sinh"]
    # The form's status is shown as an error, not as news.
    [status] = tree.xpath("//div[contains(@class, 'statusmessage-error')]")
    assert "Hồ sơ chưa được tiếp nhận" in status.text_content()
    assert _dossiers(desk["folder"]) == []
    # What was typed is kept; corrected, the dossier is received.
    assert browser.getControl(name="papers.2.count").value == count
    browser.getControl(name="papers.2.count").value = "2"
    browser.getControl(name="form.buttons.receive").click()
    [dossier] = _dossiers(desk["folder"])
    assert dossier.received_documents[1]["count"] == 2


def test_no_paper_received_is_refused(desk):
    browser = desk["browser"]
    browser.open(f"{desk['url']}?procedure={desk['procedure'].UID()}")
    _applicant(browser)
    for number in (1, 2, 3):
        browser.getControl(name=f"papers.{number}.form").value = [""]
    browser.getControl(name="form.buttons.receive").click()
    section = browser.contents.split('id="counter-papers"', 1)[1]
    assert "Chưa nhận giấy tờ nào" in section
    assert _dossiers(desk["folder"]) == []


def test_a_free_row_needs_a_name(desk):
    browser = desk["browser"]
    browser.open(f"{desk['url']}?procedure={desk['procedure'].UID()}")
    _applicant(browser)
    browser.getControl(name="papers.extra.2.form").value = ["copy"]
    browser.getControl(name="form.buttons.receive").click()
    assert "Giấy tờ thứ 4: vui lòng nhập tên giấy tờ." in browser.contents
    assert _dossiers(desk["folder"]) == []


def test_a_procedure_without_checklist_needs_no_paper(desk):
    browser = desk["browser"]
    browser.open(desk["url"])
    _applicant(browser)
    browser.getControl(name="form.widgets.procedure:list").value = [desk["bare"].UID()]
    browser.getControl(name="form.buttons.receive").click()
    [dossier] = _dossiers(desk["folder"])
    assert dossier.received_documents == []
