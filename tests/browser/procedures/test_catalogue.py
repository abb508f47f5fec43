"""The catalogue page: grouped by field, filters in the URL, only what one may see."""

import re


def _count(html: str) -> int:
    return int(
        re.search(r"procedure-count[^>]*>.*?<strong>(\d+)</strong>", html, re.S).group(
            1
        )
    )


def test_groups_with_counts(site, anonymous):
    anonymous.open(f"{site.absolute_url()}/thu-tuc-hanh-chinh")
    html = anonymous.contents
    assert anonymous.headers["status"].startswith("200")
    assert _count(html) == 3
    # Fields in the vocabulary's order: Kinh tế before Tư pháp – Hộ tịch.
    assert html.index('id="linh-vuc-kinh-te"') < html.index(
        'id="linh-vuc-tu-phap-ho-tich"'
    )
    tu_phap = html[html.index('id="linh-vuc-tu-phap-ho-tich"') :]
    assert re.search(
        r"Tư pháp – Hộ tịch\s*<span class=\"badge[^\"]*\">2</span>", tu_phap
    )
    assert "Đăng ký kết hôn" in html
    assert "Trong ngày làm việc" in html
    assert "100.000 đồng" in html
    assert "Trực tuyến toàn trình" in html


def test_private_and_pending_hidden_from_anonymous(site, anonymous):
    anonymous.open(f"{site.absolute_url()}/thu-tuc-hanh-chinh")
    assert "Thủ tục nháp bí mật" not in anonymous.contents
    assert "Thủ tục chờ duyệt" not in anonymous.contents


def test_editor_sees_drafts(site, editor):
    editor.open(f"{site.absolute_url()}/thu-tuc-hanh-chinh")
    assert "Thủ tục nháp bí mật" in editor.contents
    assert "Thủ tục chờ duyệt" in editor.contents


def test_filter_by_field(site, anonymous):
    anonymous.open(f"{site.absolute_url()}/thu-tuc-hanh-chinh?field=kinh-te")
    html = anonymous.contents
    assert _count(html) == 1
    assert "Đăng ký thành lập hộ kinh doanh" in html
    assert "Đăng ký kết hôn" not in html
    assert '<option value="kinh-te" selected="selected">' in html


def test_filter_by_online_level(site, anonymous):
    anonymous.open(f"{site.absolute_url()}/thu-tuc-hanh-chinh?online_level=partial")
    assert _count(anonymous.contents) == 1
    assert "Đăng ký khai tử" in anonymous.contents


def test_filter_by_audience(site, anonymous):
    anonymous.open(f"{site.absolute_url()}/thu-tuc-hanh-chinh?audience=organization")
    assert _count(anonymous.contents) == 1
    assert "Đăng ký thành lập hộ kinh doanh" in anonymous.contents


def test_filters_combine_with_search(site, anonymous):
    anonymous.open(
        f"{site.absolute_url()}/thu-tuc-hanh-chinh?q=dang+ky&field=tu-phap-ho-tich"
        "&online_level=full"
    )
    assert _count(anonymous.contents) == 1
    assert "Đăng ký kết hôn" in anonymous.contents


def test_unknown_filter_values_are_ignored(site, anonymous):
    anonymous.open(
        f"{site.absolute_url()}/thu-tuc-hanh-chinh?field=%3Cscript%3E&online_level=x"
    )
    assert anonymous.headers["status"].startswith("200")
    assert _count(anonymous.contents) == 3
    assert (
        "<script>"
        not in anonymous.contents.split("</head>")[1].split("procedure-count")[0]
    )


def test_search_text_is_escaped(site, anonymous):
    anonymous.open(
        f"{site.absolute_url()}/thu-tuc-hanh-chinh?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
    )
    assert anonymous.headers["status"].startswith("200")
    assert "<script>alert(1)</script>" not in anonymous.contents
    assert 'value="script alert 1 script"' in anonymous.contents


def test_operators_only_query(site, anonymous):
    anonymous.open(f"{site.absolute_url()}/thu-tuc-hanh-chinh?q=and+or+not")
    assert anonymous.headers["status"].startswith("200")


def test_catalogue_is_in_navigation(site, anonymous):
    anonymous.open(site.absolute_url())
    assert f'href="{site.absolute_url()}/thu-tuc-hanh-chinh"' in anonymous.contents
