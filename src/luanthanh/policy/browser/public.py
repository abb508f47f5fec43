"""Public pages: the notices (``thong-bao``), the center's pages
(``gioi-thieu``), the home page and the footer with the center's details.

Listings read catalog metadata only (never ``getObject``).
"""

from luanthanh.policy.browser.listing import batch_start
from luanthanh.policy.browser.listing import latest_documents
from luanthanh.policy.config import today
from luanthanh.policy.formatting import format_date
from luanthanh.policy.i18n import _
from luanthanh.policy.interfaces import INoticesFolder
from luanthanh.policy.interfaces import ISiteSettings
from luanthanh.policy.statistics import compute_statistics
from luanthanh.policy.statistics import public_board_enabled
from luanthanh.policy.statistics import SINCE
from plone import api
from plone.app.layout.viewlets import common
from plone.app.layout.viewlets.common import ViewletBase
from plone.base.interfaces.syndication import IFeed
from plone.batching import Batch
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.browser.syndication.adapters import FolderFeed
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import implementer


NOTICES = "thong-bao"
PROCEDURES = "thu-tuc-hanh-chinh"
SUBMISSION = "nop-ho-so"
LOOKUP = "tra-cuu-ho-so"
ABOUT = "gioi-thieu"


def site_settings() -> ISiteSettings:
    return getUtility(IRegistry).forInterface(
        ISiteSettings, prefix="luanthanh.policy.site", check=False
    )


def notice_date(value) -> str:
    """A catalog date (DateTime) as dd/mm/yyyy in the site's time zone; ""
    for none or Plone's "no date" (the epoch or earlier)."""
    if not value or value.year() <= 1970:
        return ""
    return format_date(value)


def notice_brains(context=None, limit: int | None = None):
    """Published-for-the-visitor News Items of ``context`` (default
    ``thong-bao``), newest first."""
    portal = api.portal.get()
    folder = context if context is not None else portal.get(NOTICES)
    if folder is None:
        return []
    query = {
        "portal_type": "News Item",
        "path": "/".join(folder.getPhysicalPath()),
        "sort_on": "effective",
        "sort_order": "descending",
    }
    if limit:
        query["sort_limit"] = limit
    brains = api.portal.get_tool("portal_catalog")(**query)
    return brains[:limit] if limit else brains


def notice_summary(brain) -> dict:
    return {
        "title": brain.Title,
        "url": brain.getURL(),
        "description": brain.Description,
        "date": notice_date(brain.effective) or notice_date(brain.created),
    }


def contact_details() -> dict:
    settings = site_settings()
    hours = [line.strip() for line in (settings.opening_hours or "").splitlines()]
    return {
        "name": settings.center_name or "",
        "agency": settings.agency or "",
        "address": settings.address or "",
        "hotline": settings.hotline or "",
        "hotline_href": "tel:"
        + "".join(ch for ch in settings.hotline or "" if ch.isdigit() or ch == "+"),
        "email": settings.email or "",
        "hours": [line for line in hours if line],
    }


class NoticesView(BrowserView):
    """Thông báo: the notices, newest first, batched, with the RSS feed."""

    index = ViewPageTemplateFile("templates/notices.pt")
    page_size = 20

    def __call__(self):
        start = batch_start(self.request.form.get("b_start"))
        brains = notice_brains(self.context)
        self.batch = Batch(brains, self.page_size, start, orphan=0)
        self.results = [notice_summary(b) for b in self.batch]
        return self.index()

    def feed_url(self) -> str:
        return f"{self.context.absolute_url()}/rss.xml"


class AboutView(BrowserView):
    """Giới thiệu Trung tâm: the contact details from the control panel and
    the section's pages (fields and officials, zones, the "3 không")."""

    index = ViewPageTemplateFile("templates/about.pt")

    def __call__(self):
        return self.index()

    def contact(self) -> dict:
        return contact_details()

    def pages(self) -> list[dict]:
        brains = api.content.find(
            context=self.context,
            depth=1,
            portal_type="Document",
            sort_on="getObjPositionInParent",
        )
        return [
            {"title": b.Title, "url": b.getURL(), "description": b.Description}
            for b in brains
        ]


class HomeView(BrowserView):
    """Trang chủ: search, the three big links, the most used procedures, the
    latest notices and documents, and the slot of the headline figures."""

    index = ViewPageTemplateFile("templates/home.pt")
    notices_count = 5
    documents_count = 5

    def __call__(self):
        return self.index()

    def _url(self, section_id: str) -> str:
        return f"{self.context.absolute_url()}/{section_id}"

    def search_action(self) -> str:
        return self._url(PROCEDURES)

    def kiosk_url(self) -> str:
        return f"{self._url(PROCEDURES)}/@@tra-cuu-thu-tuc"

    def tiles(self) -> list[dict]:
        """The three big links; their icons inline SVG from Plone's icon
        registry (Bootstrap Icons shipped by plone.staticresources)."""
        icons = getMultiAdapter((self.context, self.request), name="iconresolver")
        return [
            {
                "url": self._url(section_id),
                "title": translate(title, context=self.request),
                "text": translate(text, context=self.request),
                "icon": icons.tag(icon, tag_class="home-tile-svg"),
            }
            for section_id, title, text, icon in (
                (
                    PROCEDURES,
                    _("home_tile_procedures", default="Thủ tục hành chính"),
                    _(
                        "home_tile_procedures_text",
                        default="Thành phần hồ sơ, thời hạn, phí và lệ phí.",
                    ),
                    "journal-text",
                ),
                (
                    SUBMISSION,
                    _("home_tile_submit", default="Nộp hồ sơ trực tuyến"),
                    _(
                        "home_tile_submit_text",
                        default="Nộp hồ sơ tại nhà, không cần đến Trung tâm.",
                    ),
                    "cloud-upload",
                ),
                (
                    LOOKUP,
                    _("home_tile_lookup", default="Tra cứu hồ sơ"),
                    _(
                        "home_tile_lookup_text",
                        default="Xem tình trạng giải quyết bằng mã hồ sơ.",
                    ),
                    "search",
                ),
            )
        ]

    def popular_procedures(self) -> list[dict]:
        """The procedures named in the control panel, in its order, that the
        visitor may see (missing or unpublished codes are skipped)."""
        codes = (
            api.portal.get_registry_record(
                "luanthanh.policy.site.popular_procedures", default=None
            )
            or []
        )
        codes = [c.strip() for c in codes if c and c.strip()]
        if not codes:
            return []
        brains = api.content.find(portal_type="Procedure", procedure_code=codes)
        by_code = {b.procedure_code: b for b in brains}
        return [
            {"title": by_code[c].Title, "url": by_code[c].getURL(), "code": c}
            for c in codes
            if c in by_code
        ]

    def latest_notices(self) -> list[dict]:
        return [notice_summary(b) for b in notice_brains(limit=self.notices_count)]

    def latest_documents(self) -> list:
        return latest_documents(self.documents_count)

    def notices_url(self) -> str:
        return self._url(NOTICES)

    def documents_url(self) -> str:
        return self._url("van-ban")

    def headline_figures(self) -> dict | None:
        """The transparency board's headline figures since the center opened
        (1 July 2025): received, of which online, and resolved on time.

        ``None`` (the section is hidden) unless the public board is switched
        on in the "Thống kê" control panel.  Aggregates only, from the catalog.
        """
        if not public_board_enabled():
            return None
        end = max(today(), SINCE)
        total = compute_statistics(SINCE, end)["total"]
        on_time = total["resolved_early"] + total["resolved_on_time"]
        rate = total["on_time_rate"]
        return {
            "start": format_date(SINCE),
            "end": format_date(end),
            "received": f"{total['received'] + total['carried_over']:,}".replace(
                ",", "."
            ),
            "online": f"{total['received_online']:,}".replace(",", "."),
            "on_time": f"{on_time:,}".replace(",", "."),
            "resolved": f"{total['resolved']:,}".replace(",", "."),
            "on_time_rate": ""
            if rate is None
            else f"{rate * 100:.1f}".replace(".", ",") + "%",
            "board_url": f"{self.context.absolute_url()}/@@bang-cong-khai",
        }


def vietnamese_number(value: int) -> str:
    """1994 → "1.994": Vietnamese groups thousands with a dot."""
    return f"{value:,}".replace(",", ".")


@implementer(IFeed)
@adapter(INoticesFolder)
class NoticesFeed(FolderFeed):
    """The RSS/Atom feed of ``thong-bao``: its published notices, newest first
    (Plone's folder feed keeps the catalog's arbitrary order)."""

    def _brains(self):
        return notice_brains(self.context, limit=self.limit)


class FooterViewlet(ViewletBase):
    """The center's name, address, hotline and opening hours on every page."""

    index = ViewPageTemplateFile("templates/footer_contact.pt")

    def update(self):
        super().update()
        self.contact = contact_details()
        self.about_url = f"{self.site_url}/{ABOUT}"


class LogoViewlet(common.LogoViewlet):
    """Plone's logo (the registry's ``plone.site_logo``: the center's, set by
    the profile) with the center's name from "Thông tin Trung tâm" beside it."""

    index = ViewPageTemplateFile("templates/logo.pt")

    def update(self):
        super().update()
        self.center_name = site_settings().center_name or self.logo_title
