"""Notices (thong-bao): News Items only, the listing and the RSS feed."""

from DateTime import DateTime
from luanthanh.policy.testing.builders import make_notice
from luanthanh.policy.testing.http import browser_for
from plone import api
from xml.etree import ElementTree

import pytest
import transaction


@pytest.fixture
def notices(functional_portal):
    folder = functional_portal["thong-bao"]
    make_notice(folder, "Lịch tiếp dân tháng Mười", days_ago=10, description="Cũ")
    make_notice(folder, "Nghỉ lễ Quốc khánh 2/9", days_ago=1, description="Mới")
    make_notice(folder, "Bản nháp chưa duyệt", state="private")
    make_notice(folder, "Thông báo chờ duyệt", state="pending")
    transaction.commit()
    return folder


def _bytes(contents) -> bytes:
    return contents if isinstance(contents, bytes) else contents.encode("utf-8")


@pytest.fixture
def anonymous(functional_app):
    return browser_for(functional_app, raising=True)


def test_section_holds_news_items_only(portal):
    folder = portal["thong-bao"]
    with api.env.adopt_roles(["Manager"]):
        allowed = [t.getId() for t in folder.allowedContentTypes()]
    assert allowed == ["News Item"]
    assert folder.getLayout() == "thong-bao"


def test_listing_newest_first_published_only(notices, anonymous):
    anonymous.open(notices.absolute_url())
    html = anonymous.contents
    assert 'type="application/rss+xml"' in html
    html = html[html.index('class="notice-listing"') :]
    newer = html.index("Nghỉ lễ Quốc khánh 2/9")
    older = html.index("Lịch tiếp dân tháng Mười")
    assert newer < older
    assert "Bản nháp chưa duyệt" not in html
    assert "Thông báo chờ duyệt" not in html
    assert f"<time>{DateTime().asdatetime():%d/%m/%Y}</time>" in html or (
        "<time>" in html
    )
    assert f'href="{notices.absolute_url()}/rss.xml"' in html


@pytest.mark.parametrize("feed", ["rss.xml", "RSS", "atom.xml"])
def test_feed_is_valid_xml_with_published_notices(notices, anonymous, feed):
    anonymous.open(f"{notices.absolute_url()}/{feed}")
    assert "xml" in anonymous.headers["Content-Type"]
    root = ElementTree.fromstring(_bytes(anonymous.contents))
    titles = [
        element.text
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] == "title"
    ]
    assert "Nghỉ lễ Quốc khánh 2/9" in titles
    assert "Lịch tiếp dân tháng Mười" in titles
    assert "Bản nháp chưa duyệt" not in titles
    assert "Thông báo chờ duyệt" not in titles


def test_rss2_items_in_order(notices, anonymous):
    anonymous.open(f"{notices.absolute_url()}/rss.xml")
    root = ElementTree.fromstring(_bytes(anonymous.contents))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Thông báo"
    assert channel.findtext("language") == "vi"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [
        "Nghỉ lễ Quốc khánh 2/9",
        "Lịch tiếp dân tháng Mười",
    ]
    assert items[0].findtext("guid").startswith(notices.absolute_url())
    assert items[0].findtext("pubDate")


def test_feed_disabled_elsewhere(functional_portal, anonymous):
    """Syndication is switched on for thong-bao only."""
    anonymous.raiseHttpErrors = False
    anonymous.handleErrors = True
    anonymous.open(f"{functional_portal['gioi-thieu'].absolute_url()}/rss.xml")
    assert anonymous.headers["status"].startswith("404")
