"""Days typed dd/mm/yyyy in the online forms, whatever the browser's locale
(``browser/dates.py``): the z3c.form widget of ``zope.schema.Date`` fields."""

from datetime import date
from luanthanh.policy.browser.dates import DayConverter
from luanthanh.policy.browser.dates import DayWidget
from luanthanh.policy.browser.dates import InvalidDay
from luanthanh.policy.testing.files import PDF
from luanthanh.policy.testing.forms import dossiers
from luanthanh.policy.testing.forms import fill
from luanthanh.policy.testing.forms import open_form
from luanthanh.policy.testing.forms import submit
from zope.publisher.browser import TestRequest as Request
from zope.schema import Date

import lxml.html
import pytest


FILES = {"giay_chung_sinh": (PDF, "application/pdf", "Giấy chứng sinh.pdf")}
INVALID = "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy"


@pytest.fixture
def english_browser(online, browser, functional_portal, fresh_limits):
    """A citizen whose browser speaks American English."""
    browser.addHeader("Accept-Language", "en-US,en;q=0.9")
    open_form(browser, functional_portal)
    return browser


def day_input(html: str):
    [element] = lxml.html.fromstring(html).cssselect("#form-widgets-ngay_sinh")
    return element


def test_the_day_input(english_browser):
    element = day_input(english_browser.contents)
    assert element.get("type") == "text"  # never the browser's own date input
    assert element.get("placeholder") == "dd/mm/yyyy"
    assert element.get("inputmode") == "numeric"
    assert element.get("pattern")
    assert element.get("aria-describedby") == "form-widgets-ngay_sinh-hint"
    page = lxml.html.fromstring(english_browser.contents)
    [hint] = page.cssselect("#form-widgets-ngay_sinh-hint")
    assert "dd/mm/yyyy" in hint.text_content()
    [label] = page.cssselect("label[for=form-widgets-ngay_sinh]")
    assert "Ngày, tháng, năm sinh" in label.text_content()


def test_dd_mm_yyyy_accepted(english_browser):
    fill(english_browser, files=FILES, ngay_sinh="25/12/2025")
    submit(english_browser)
    [dossier] = dossiers()
    rows = {row["field"]: row["value"] for row in dossier.form_data}
    assert rows["ngay_sinh"] == "25/12/2025"


def test_mm_dd_yyyy_refused_in_vietnamese(english_browser):
    fill(english_browser, files=FILES, ngay_sinh="12/25/2025")
    submit(english_browser)
    assert dossiers() == []
    assert INVALID in english_browser.contents
    # What was typed stays, to be corrected.
    assert day_input(english_browser.contents).get("value") == "12/25/2025"


def test_iso_still_accepted(english_browser):
    """Old links and scripts send yyyy-mm-dd."""
    fill(english_browser, files=FILES, ngay_sinh="2025-12-25")
    submit(english_browser)
    [dossier] = dossiers()
    rows = {row["field"]: row["value"] for row in dossier.form_data}
    assert rows["ngay_sinh"] == "25/12/2025"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("25/12/2025", date(2025, 12, 25)),
        (" 5/1/2026 ", date(2026, 1, 5)),
        ("2025-12-25", date(2025, 12, 25)),
        ("", None),
    ],
)
def test_converter_reads(text, expected):
    field = Date(__name__="ngay", required=False)
    converter = DayConverter(field, DayWidget(Request()))
    assert converter.toFieldValue(text) == expected


@pytest.mark.parametrize("text", ["12/25/2025", "31/02/2025", "25.12.2025", "hôm qua"])
def test_converter_refuses(text):
    field = Date(__name__="ngay", required=False)
    converter = DayConverter(field, DayWidget(Request()))
    with pytest.raises(InvalidDay):
        converter.toFieldValue(text)


def test_converter_writes_dd_mm_yyyy():
    field = Date(__name__="ngay", required=False)
    converter = DayConverter(field, DayWidget(Request()))
    assert converter.toWidgetValue(date(2025, 12, 25)) == "25/12/2025"
    assert converter.toWidgetValue(None) == ""
