"""The van-ban listing as Anonymous: filters, accent-less search, order,
batches, bookmarkable URLs; and the document page with its PDF."""

from datetime import date
from luanthanh.policy.testing.builders import make_document
from plone import api

import pytest
import re
import transaction


def numbers(html: str) -> list[str]:
    return re.findall(r'class="document-number">([^<]+)<', html)


@pytest.fixture
def listing_url(documents):
    return documents["qd15"].aq_parent.absolute_url()


def test_newest_first_and_only_published(anonymous, listing_url):
    anonymous.open(listing_url)
    assert numbers(anonymous.contents) == ["05/KH-UBND", "12/TB-UBND", "15/QĐ-UBND"]
    assert "Tìm thấy <strong>3</strong> văn bản." in anonymous.contents


@pytest.mark.parametrize(
    "query,expected",
    [
        ("type=ke-hoach", ["05/KH-UBND"]),
        ("year=2025", ["12/TB-UBND", "15/QĐ-UBND"]),
        ("year=2026", ["05/KH-UBND"]),
        ("type=thong-bao&year=2026", []),
        ("q=quyet+dinh", ["15/QĐ-UBND"]),
        ("q=QUY+CHE+HOAT+DONG", ["15/QĐ-UBND"]),
        ("q=quy+ch%E1%BA%BF", ["15/QĐ-UBND"]),  # quy chế
        ("q=15%2FQ%C4%90-UBND", ["15/QĐ-UBND"]),  # 15/QĐ-UBND
        ("q=15+qd+ubnd", ["15/QĐ-UBND"]),
        ("q=cai+cach+hanh+chinh", ["05/KH-UBND"]),
        ("q=thoi+gian+tiep+nhan", ["12/TB-UBND"]),
        ("q=tiep+nha", ["12/TB-UBND"]),  # the last word may be incomplete
        ("q=bi+mat", []),  # a private document is never found by Anonymous
        ("q=and+or+(", []),
        ("type=nonsense&year=abc", ["05/KH-UBND", "12/TB-UBND", "15/QĐ-UBND"]),
    ],
)
def test_filters_and_search(anonymous, listing_url, query, expected):
    anonymous.open(f"{listing_url}?{query}")
    assert anonymous.headers["status"].startswith("200")
    assert numbers(anonymous.contents) == expected


def test_form_is_bookmarkable(anonymous, listing_url):
    anonymous.open(listing_url)
    form = anonymous.getForm(id="document-filters")
    assert form.method.upper() == "GET"
    form.getControl(name="q").value = "quyet dinh"
    form.getControl(name="type").value = ["quyet-dinh"]
    form.getControl(name="year").value = ["2025"]
    form.submit()
    assert "q=quyet+dinh" in anonymous.url
    assert "type=quyet-dinh" in anonymous.url and "year=2025" in anonymous.url
    assert numbers(anonymous.contents) == ["15/QĐ-UBND"]
    # The filters are shown as chosen.
    assert anonymous.getForm(id="document-filters").getControl(name="type").value == [
        "quyet-dinh"
    ]


def test_batches_keep_the_filters(functional_portal, anonymous):
    for number in range(1, 26):
        make_document(
            functional_portal,
            title=f"Công văn số {number}",
            document_number=f"{number}/UBND-VP",
            document_type="cong-van",
            issued_date=date(2025, 1, 1).replace(day=number),
            summary="Về việc đôn đốc giải quyết hồ sơ",
        )
    transaction.commit()
    url = functional_portal["van-ban"].absolute_url()
    anonymous.open(f"{url}?type=cong-van")
    first = numbers(anonymous.contents)
    assert len(first) == 20
    assert first[0] == "25/UBND-VP"
    next_link = anonymous.getLink("2", url="b_start")
    assert "type=cong-van" in next_link.url
    next_link.click()
    assert numbers(anonymous.contents) == [f"{n}/UBND-VP" for n in range(5, 0, -1)]


def test_listing_reads_metadata_only(documents, functional_portal, monkeypatch):
    """The listing never wakes the documents (no getObject)."""
    from luanthanh.policy.browser.documents import DocumentListingView
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

    def refuse(self, *args, **kwargs):
        raise AssertionError("getObject called by the listing")

    monkeypatch.setattr(AbstractCatalogBrain, "getObject", refuse)
    request = functional_portal.REQUEST
    request.form.update({"q": "quyet dinh"})
    view = DocumentListingView(functional_portal["van-ban"], request)
    view.index = lambda: ""
    view()
    assert [item.number for item in view.results] == ["15/QĐ-UBND"]
    assert view.results[0].download_url.endswith("/@@download/file")


def test_document_page_shows_pdf_inline_and_download(documents, anonymous):
    document = documents["qd15"]
    anonymous.open(document.absolute_url())
    html = anonymous.contents
    inline = f"{document.absolute_url()}/@@display-file/file"
    assert f'data="{inline}"' in html
    assert 'type="application/pdf"' in html
    download = anonymous.getLink("Tải tệp PDF")
    assert download.url == f"{document.absolute_url()}/@@download/file"
    anonymous.open(inline)
    assert anonymous.headers["Content-Type"].startswith("application/pdf")
    assert "inline" in anonymous.headers.get("Content-Disposition", "inline")
    assert anonymous.contents[:5] in (b"%PDF-", "%PDF-")
    anonymous.open(download.url)
    assert "attachment" in anonymous.headers["Content-Disposition"]


def test_relations_both_ways(documents, anonymous):
    """The document lists its published procedures; the procedure page lists
    the published documents that name it."""
    anonymous.open(documents["qd15"].absolute_url())
    html = anonymous.contents
    assert "Thủ tục hành chính liên quan" in html
    assert "Đăng ký khai sinh" in html
    assert "Thủ tục ẩn" not in html
    anonymous.open(documents["procedure"].absolute_url())
    html = anonymous.contents
    assert "Văn bản liên quan" in html
    assert "15/QĐ-UBND" in html
    assert "99/CT-UBND" not in html  # related, but private


def test_relations_in_rest_api(documents, functional_portal):
    from plone.restapi.interfaces import ISerializeToJson
    from zope.component import getMultiAdapter

    with api.env.adopt_roles(["Manager"]):
        data = getMultiAdapter(
            (documents["qd15"], functional_portal.REQUEST), ISerializeToJson
        )()
    assert data["document_number"] == "15/QĐ-UBND"
    assert data["document_type"]["token"] == "quyet-dinh"
    assert data["issued_date"] == "2025-07-21"
    titles = {item["title"] for item in data["related_procedures"]}
    assert "Đăng ký khai sinh" in titles
