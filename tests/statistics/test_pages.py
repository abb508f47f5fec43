"""@@thong-ke, its exports, the public board and the cache, over HTTP."""

from luanthanh.policy import statistics
from luanthanh.policy.statistics import cache
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.statistics import COUNT_KEYS
from luanthanh.policy.statistics import LEVELS
from luanthanh.policy.statistics import PAYMENT_KEYS
from luanthanh.policy.testing.builders import PASSWORD
from plone import api

import csv
import io
import openpyxl
import pytest
import transaction


QUERY = "start=2025-07-01&end=2025-07-31"
BOARD = "luanthanh.policy.statistics.public_board"


@pytest.fixture
def official(request_factory, committed):
    return request_factory(basic_auth=("motcua", PASSWORD))


def test_report_page(official):
    response = official.get(f"/@@thong-ke?{QUERY}")
    assert response.status_code == 200
    html = response.text
    assert "Thống kê tình hình giải quyết thủ tục hành chính" in html
    assert "Kỳ trước chuyển sang" in html and "Tổng cộng" in html
    for chart in ("chart-received", "chart-timeliness", "chart-pending",
                  "chart-satisfaction"):  # fmt: skip
        assert f'id="{chart}"' in html
    assert '<title id="chart-received-title">' in html
    assert "Tuần 27" in html and "2025-W27" not in html
    assert "Từ ngày 01/7/2025 đến ngày 31/7/2025" in html
    assert "@@thong-ke-xuat?" in html
    for label in ("Tháng này", "Quý này", "Năm nay", "Từ 1/7/2025"):
        assert label in html
    assert "cdn" not in html.lower().replace("cdnjs", "")  # nothing from a CDN


def test_report_page_bad_period(official):
    response = official.get("/@@thong-ke?start=2025-08-01&end=2025-07-01")
    assert response.status_code == 400
    assert "không được trước ngày bắt đầu" in response.text


def test_report_period_typed_dd_mm_yyyy(official):
    """The report's inputs take days as dd/mm/yyyy, whatever the browser's
    locale, and show them so; ISO links still work."""
    typed = official.get("/@@thong-ke?start=01%2F07%2F2025&end=31%2F07%2F2025")
    iso = official.get(f"/@@thong-ke?{QUERY}")
    assert typed.status_code == iso.status_code == 200
    assert 'value="01/07/2025"' in typed.text
    assert 'value="31/07/2025"' in iso.text
    assert 'placeholder="dd/mm/yyyy"' in typed.text
    assert 'aria-describedby="statistics-start-hint"' in typed.text
    assert 'type="date"' not in typed.text
    assert "Từ ngày 01/7/2025 đến ngày 31/7/2025" in typed.text  # the period
    table = typed.text.split("<table", 1)[1].split("</table>", 1)[0]
    assert table == iso.text.split("<table", 1)[1].split("</table>", 1)[0]


def test_report_period_mm_dd_refused(official):
    response = official.get("/@@thong-ke?start=07%2F25%2F2025&end=31%2F07%2F2025")
    assert response.status_code == 400
    assert "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy" in response.text
    assert 'value="07/25/2025"' in response.text  # kept, to be corrected


LONG = "start=1900-01-01&end=3999-12-31"
TOO_LONG = "dài quá 10 năm"


def test_report_page_period_too_long(official):
    """Finding 10 of issue #14: no chart of 109,000 weeks."""
    response = official.get(f"/@@thong-ke?{LONG}")
    assert response.status_code == 400
    assert TOO_LONG in response.text
    assert 'id="chart-received"' not in response.text


def test_export_period_too_long(official):
    response = official.get(f"/@@thong-ke-xuat?{LONG}&format=csv")
    assert response.status_code == 400
    assert TOO_LONG in response.text
    # Positive control: a long but allowed period exports.
    ok = official.get("/@@thong-ke-xuat?start=2016-01-01&end=2025-12-31&format=csv")
    assert ok.status_code == 200


def test_presets_render(official):
    for preset in ("month", "quarter", "year", "since"):
        assert official.get(f"/@@thong-ke?preset={preset}").status_code == 200


def _expected_rows(stats):
    def values(item):
        return [
            *(item[k] for k in COUNT_KEYS),
            *(
                "" if item[k] is None else item[k]
                for k in ("online_rate", "on_time_rate")
            ),
            *(item["satisfaction"][level] for level in LEVELS),
            *("" if item[k] is None else item[k] for k in PAYMENT_KEYS),
        ]

    rows = [["total", "", "Tổng cộng", *values(stats["total"])]]
    rows += [["field", f["field"], f["title"], *values(f)] for f in stats["by_field"]]
    # The official lĩnh vực that count something (the seed's: all in "").
    rows += [
        ["national_field", n["national_field"], n["title"], *values(n)]
        for n in stats["by_national_field"]
        if any(n[k] for k in COUNT_KEYS)
    ]
    rows += [
        ["procedure", p["code"], p["title"], *values(p)] for p in stats["by_procedure"]
    ]
    return rows


def _json(official):
    official.headers["Accept"] = "application/json"
    data = official.get(f"/@dossier-statistics?{QUERY}").json()
    del official.headers["Accept"]
    return data


def test_csv_matches_json(official):
    data = _json(official)
    response = official.get(f"/@@thong-ke-xuat?{QUERY}&format=csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][3 : 3 + len(COUNT_KEYS)] == list(COUNT_KEYS)
    expected = _expected_rows(data)
    assert len(rows) == len(expected) + 1
    for got, want in zip(rows[1:], expected, strict=True):
        title = want[2]
        want = [str(v) for v in want]
        # A title that starts with "=" is neutralised with an apostrophe.
        want[2] = "'" + title if title.startswith("=") else title
        assert got == want
    assert any(row[2] == "'=Đăng ký hộ kinh doanh" for row in rows)


def test_xlsx_matches_json(official):
    data = _json(official)
    response = official.get(f"/@@thong-ke-xuat?{QUERY}&format=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(min_row=4, values_only=True)]
    expected = _expected_rows(data)
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected, strict=True):
        got = ["" if v is None else v for v in got]
        title = want[2]
        want[2] = "'" + title if title.startswith("=") else title
        assert got == want
    # No cell is a formula.
    assert all(
        not (isinstance(c.value, str) and c.value.startswith("="))
        for row in sheet.iter_rows()
        for c in row
    )


def test_export_bad_format(official):
    assert official.get(f"/@@thong-ke-xuat?{QUERY}&format=pdf").status_code == 400


@pytest.mark.parametrize("path", ["/@@thong-ke", "/@@thong-ke-xuat?format=csv"])
def test_anonymous_is_refused_the_report(request_factory, committed, path):
    response = request_factory().get(path, allow_redirects=False)
    assert response.status_code in (302, 401, 403)
    assert "Kỳ trước chuyển sang" not in response.text


def test_public_board_off_by_default(request_factory, committed):
    assert api.portal.get_registry_record(BOARD) is False
    response = request_factory().get(f"/@@bang-cong-khai?{QUERY}")
    assert response.status_code == 403
    assert "Kỳ trước chuyển sang" not in response.text


def test_public_board_on_shows_aggregates_only(request_factory, committed):
    api.portal.set_registry_record(BOARD, True)
    transaction.commit()
    response = request_factory().get(f"/@@bang-cong-khai?{QUERY}")
    assert response.status_code == 200
    html = response.text
    assert "Kỳ trước chuyển sang" in html and 'id="chart-received"' in html
    for dossier in committed:
        assert dossier.applicant_name not in html
        assert dossier.code not in html
        assert dossier.applicant_phone not in html
        assert dossier.applicant_id_number not in html
    assert "an@example.org" not in html
    assert "thong-ke-xuat" not in html
    assert "ho-so/" not in html
    # Finding 10 of issue #14: the board refuses periods over ten years.
    response = request_factory().get(f"/@@bang-cong-khai?{LONG}")
    assert response.status_code == 400
    assert TOO_LONG in response.text
    # The REST endpoint stays for officials only.
    anon = request_factory()
    anon.headers["Accept"] = "application/json"
    assert anon.get(f"/@dossier-statistics?{QUERY}").status_code in (401, 403)


def test_control_panel(manager_request, committed):
    response = manager_request.get("/@@luanthanh-statistics")
    assert response.status_code == 200
    assert "Bật bảng công khai kết quả giải quyết" in response.text


def test_cache_follows_the_catalog(functional_portal, committed):
    from datetime import date
    from luanthanh.policy.testing.builders import dated_dossier

    period = (date(2025, 7, 1), date(2025, 7, 31))
    statistics.clear_cache()
    first = compute_statistics(*period)
    assert compute_statistics(*period) == first
    assert len(cache._cache) == 1
    first["total"]["received"] = 999  # a caller cannot spoil the cache
    assert compute_statistics(*period)["total"]["received"] == 3
    procedure = api.content.find(portal_type="Procedure", procedure_code="1.004873")[
        0
    ].getObject()
    dated_dossier(functional_portal, procedure, date(2025, 7, 15))
    # Uncommitted changes are computed, not cached.
    assert compute_statistics(*period)["total"]["received"] == 4
    assert len(cache._cache) == 1
    transaction.commit()
    assert compute_statistics(*period)["total"]["received"] == 4
    assert len(cache._cache) == 2


def test_dashboard_links_to_the_report(official, request_factory):
    response = official.get("/ho-so/@@ban-lam-viec")
    assert response.status_code == 200
    assert "/@@thong-ke" in response.text
