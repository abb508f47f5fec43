"""@@so-theo-doi: the tracking book of a period, as a page and as XLSX."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from luanthanh.policy import api as policy_api
from luanthanh.policy import deadlines
from luanthanh.policy.testing.builders import create_officials
from luanthanh.policy.testing.builders import fire
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.http import session_for
from luanthanh.policy.testing.http import text_of
from plone import api
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

import io
import lxml.html
import openpyxl
import pytest
import transaction


# Received at (UTC) → local day in Asia/Ho_Chi_Minh; only March 2026 counts.
RECEIVED = {
    "first": datetime(2026, 2, 28, 17, 30, tzinfo=UTC),  # 01/03 00:30 local: in
    "last": datetime(2026, 3, 31, 16, 50, tzinfo=UTC),  # 31/03 23:50 local: in
    "after": datetime(2026, 3, 31, 17, 10, tzinfo=UTC),  # 01/04 00:10 local: out
    "before": datetime(2026, 2, 28, 16, 50, tzinfo=UTC),  # 28/02 23:50 local: out
    "middle": datetime(2026, 3, 10, 2, 0, tzinfo=UTC),  # 10/03 09:00 local: in
}
NAMES = {
    "first": "Nguyễn Văn Một",
    "last": "Trần Thị Cuối",
    "after": "Lê Văn Sau",
    "before": "Phạm Thị Trước",
    "middle": '=HYPERLINK("http://evil.example/","Bấm vào đây")',
    "now": "Đỗ Văn Hôm Nay",
}
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


@pytest.fixture(scope="class")
def book(functional_portal_class):
    portal = functional_portal_class
    dossiers = {}
    with api.env.adopt_roles(["Manager"]):
        create_officials()
        procedure = make_procedure(portal)
        for key in NAMES:
            dossier = make_dossier(portal, procedure, applicant_name=NAMES[key])
            fire(dossier, "accept", "motcua")
            if key in RECEIVED:
                dossier.received_at = RECEIVED[key]
                dossier.due_date = RECEIVED[key] + timedelta(days=4)
            dossiers[key] = dossier
        middle = dossiers["middle"]
        fire(middle, "submit_for_approval", "chuyenvien")
        fire(middle, "approve", "lanhdao")
        fire(middle, "deliver", "motcua")
        fire(dossiers["last"], "stop", "chuyenvien", "Công dân đề nghị dừng")
        for dossier in dossiers.values():
            dossier.reindexObject()
        # Never received: refused at intake, not in any book.
        refused = make_dossier(portal, procedure, applicant_name="Người Bị Từ Chối")
        fire(refused, "refuse", "motcua", "Sai thẩm quyền")
    transaction.commit()
    return {
        "url": f"{portal['ho-so'].absolute_url()}/@@so-theo-doi",
        "dossiers": dossiers,
        "codes": {key: d.code for key, d in dossiers.items()},
    }


def page_rows(html: str) -> list[list[str]]:
    tree = lxml.html.fromstring(html)
    return [
        [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        for tr in tree.xpath("//tr[contains(@class, 'slip-book-row')]")
    ]


def sheet_rows(data: bytes) -> tuple[list, list[list]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "STT")
    return rows, rows[header_at + 1 :]


def as_text(value) -> str:
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


class TestBook:
    def test_march(self, book):
        response = session_for("motcua").get(book["url"], params=MARCH)
        assert response.status_code == 200
        text = text_of(response.text)
        assert "SỔ THEO DÕI HỒ SƠ" in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text
        headers = [
            " ".join(th.text_content().split())
            for th in lxml.html.fromstring(response.text).xpath("//thead//th")
        ]
        assert headers == [
            "STT",
            "Mã hồ sơ",
            "Tên thủ tục hành chính",
            "Người nộp hồ sơ",
            "Ngày tiếp nhận",
            "Ngày hẹn trả",
            "Ngày chuyển",
            "Ngày có kết quả",
            "Ngày trả",
            "Ký nhận / Ghi chú",
        ]
        rows = page_rows(response.text)
        codes = book["codes"]
        assert [row[1] for row in rows] == [
            codes["first"],
            codes["middle"],
            codes["last"],
        ]
        # Số thứ tự in the year's book (28/02 was the first of 2026).
        assert [row[0] for row in rows] == ["2", "3", "4"]
        first, middle, last = rows
        assert first[2] == "Cấp Giấy xác nhận tình trạng hôn nhân"
        assert first[3] == NAMES["first"]
        assert first[4] == "01/03/2026"  # local day, not the UTC 28/02
        assert first[5] == "05/03/2026"
        assert first[6] == "01/03/2026"  # handed to the official at acceptance
        assert first[7:] == ["", "", ""]
        assert last[4] == "31/03/2026"
        assert last[9] == "Đã dừng giải quyết"
        assert middle[3] == NAMES["middle"]
        today = deadlines.local_date(datetime.now(UTC)).strftime("%d/%m/%Y")
        assert middle[7] == today
        assert middle[8] == today
        assert middle[9] == "Quá hạn"  # resolved long after its March due date
        assert "Tổng số hồ sơ: 3" in text
        assert "Người Bị Từ Chối" not in text

    def test_numbers_are_the_receipts_whatever_the_period(self, book):
        """STT is the dossier's Số thứ tự in the year's book, as its receipt
        prints it (policy_api.dossier.book_position): a period that starts later,
        or a viewer who sees fewer dossiers, reads the same numbers."""
        dossiers = book["dossiers"]
        expected = {
            dossiers[key].code: str(policy_api.dossier.book_position(dossiers[key])[1])
            for key in ("first", "middle", "last", "after")
        }
        assert list(expected.values()) == ["2", "3", "4", "5"]
        http = session_for("motcua")
        later = http.get(
            book["url"], params={"start": "2026-03-05", "end": "2026-04-30"}
        )
        rows = page_rows(later.text)
        assert [row[1] for row in rows] == [
            dossiers[key].code for key in ("middle", "last", "after")
        ]
        assert [row[0] for row in rows] == [expected[row[1]] for row in rows]
        _, sheet = sheet_rows(
            http.get(
                book["url"],
                params={"start": "2026-03-05", "end": "2026-04-30", "format": "xlsx"},
            ).content
        )
        assert [str(row[0]) for row in sheet if row and row[1]][:3] == ["3", "4", "5"]

    def test_default_is_this_month(self, book):
        response = session_for("motcua").get(book["url"])
        rows = page_rows(response.text)
        assert [row[1] for row in rows] == [book["codes"]["now"]]
        today = deadlines.local_date(datetime.now(UTC))
        assert rows[0][4] == today.strftime("%d/%m/%Y")
        start = today.replace(day=1).strftime("%d/%m/%Y")
        assert f"Từ ngày {start} đến ngày" in text_of(response.text)

    def test_swapped_and_invalid_periods(self, book):
        http = session_for("motcua")
        swapped = http.get(
            book["url"], params={"start": "2026-03-31", "end": "2026-03-01"}
        )
        assert len(page_rows(swapped.text)) == 3
        invalid = http.get(book["url"], params={"start": "31/02/2026", "end": "x"})
        assert invalid.status_code == 200
        assert "Ngày không hợp lệ" in text_of(invalid.text)
        assert [row[1] for row in page_rows(invalid.text)] == [book["codes"]["now"]]

    def test_xlsx_matches_the_page(self, book):
        http = session_for("motcua")
        page = page_rows(http.get(book["url"], params=MARCH).text)
        response = http.get(book["url"], params={**MARCH, "format": "xlsx"})
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        assert (
            'filename="so-theo-doi-ho-so-2026-03-01-2026-03-31.xlsx"'
            in response.headers["Content-Disposition"]
        )
        everything, rows = sheet_rows(response.content)
        assert everything[0][0] == "SỔ THEO DÕI HỒ SƠ"
        assert everything[1][0] == "Từ ngày 01/03/2026 đến ngày 31/03/2026"
        assert len(rows) == len(page) == 3
        for sheet_row, page_row in zip(rows, page, strict=True):
            cells = [as_text(value) for value in sheet_row]
            cells[3] = cells[3].removeprefix("'")
            assert cells == page_row
        # Dates are real dates; a formula-like name stays text.
        assert isinstance(rows[0][4], datetime)
        assert rows[1][3] == "'" + NAMES["middle"]
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)

    def test_read_from_the_catalog_only(self, book, monkeypatch):
        def refuse(self, *args, **kwargs):
            raise AssertionError("getObject called")

        monkeypatch.setattr(AbstractCatalogBrain, "getObject", refuse)
        monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", refuse)
        http = session_for("motcua")
        response = http.get(book["url"], params=MARCH)
        assert response.status_code == 200
        assert len(page_rows(response.text)) == 3
        assert http.get(book["url"], params={**MARCH, "format": "xlsx"}).ok

    def test_an_official_sees_only_the_dossiers_they_may_see(self, book):
        """The desk sees every dossier; a processor of another field none."""
        response = session_for("chuyenvien2").get(book["url"], params=MARCH)
        assert response.status_code == 200
        assert page_rows(response.text) == []
