"""Journey 3: the leader reads the statistics and downloads them as XLSX."""

from datetime import date
from io import BytesIO
from luanthanh.policy.testing.builders import PASSWORD
from openpyxl import load_workbook
from playwright.sync_api import expect
from tests.e2e.journeys import log_in

import re


def test_report_journey(new_page, shots):
    leader = new_page()
    log_in(leader, "lanhdao", PASSWORD)
    leader.goto("@@thong-ke")
    expect(leader.locator("h1")).to_contain_text("Thống kê")
    shots(leader, "statistics")

    # Another period: from the first of January to today.
    today = date.today()
    leader.get_by_label("Từ ngày").fill(f"{today.year}-01-01")
    leader.get_by_label("Đến ngày").fill(today.isoformat())
    leader.get_by_role("button", name="Xem báo cáo").click()
    expect(leader).to_have_url(re.compile(rf"start={today.year}-01-01"))
    expect(leader.locator(".statistics-period-label")).to_contain_text(
        re.compile(rf"01/01/{today.year}|{today.year}-01-01")
    )
    shots(leader, "statistics-this-year")

    with leader.expect_download() as download:
        leader.get_by_role("link", name="Tải XLSX").click()
    path = shots.folder / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".xlsx", path
    workbook = load_workbook(BytesIO(path.read_bytes()), read_only=True)
    assert workbook.sheetnames, "an empty workbook"
