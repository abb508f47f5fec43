"""Public pages of directive documents: the ``van-ban`` listing and a document.

The listing reads catalog metadata only (never ``getObject``); its search
goes through ``SearchableText``, whose lexicon folds Vietnamese accents, as
the procedure catalogue does.  Every filter is a GET parameter, so a result
page can be bookmarked or shared.
"""

from AccessControl import getSecurityManager
from dataclasses import dataclass
from luanthanh.policy.browser.listing import batch_start
from luanthanh.policy.browser.listing import DocumentSummary
from luanthanh.policy.browser.listing import type_titles
from luanthanh.policy.formatting import format_date
from luanthanh.policy.searchtext import clean_query
from luanthanh.policy.searchtext import text_query
from luanthanh.policy.vocabularies import DOCUMENT_TYPES
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.ZCTextIndex.ParseTree import ParseError
from urllib.parse import urlencode
from zope.i18n import translate


PAGE_SIZE = 20


@dataclass
class DocumentFilters:
    """The listing's filters, read from the request."""

    q: str = ""
    type: str = ""
    year: int | None = None
    start: int = 0

    @classmethod
    def from_request(cls, request) -> "DocumentFilters":
        form = request.form
        q = form.get("q")
        kind = form.get("type")
        year = form.get("year")
        start = form.get("b_start")
        return cls(
            q=clean_query(q if isinstance(q, str) else ""),
            type=kind if kind in dict(DOCUMENT_TYPES) else "",
            year=int(year) if isinstance(year, str) and year.isdigit() else None,
            start=batch_start(start),
        )

    def query(self, path: str, prefix: bool = False) -> dict:
        query = {
            "portal_type": "LegalDocument",
            "path": path,
            "sort_on": "issued_date",
            "sort_order": "descending",
        }
        if self.q:
            query["SearchableText"] = text_query(self.q, prefix=prefix)
        if self.type:
            query["document_type"] = self.type
        if self.year:
            query["document_year"] = self.year
        return query

    def url_params(self, **override) -> str:
        params = {"q": self.q, "type": self.type, "year": self.year or ""}
        params.update(override)
        return urlencode({k: v for k, v in params.items() if v})

    @property
    def active(self) -> bool:
        return bool(self.q or self.type or self.year)


def search_documents(context, filters: DocumentFilters):
    """Brains of the documents under ``context``, newest first.

    Whole words first; when nothing matches, the last word may be the start
    of a word ("quyet đi").
    """
    path = "/".join(context.getPhysicalPath())
    catalog = api.portal.get_tool("portal_catalog")
    try:
        brains = catalog(**filters.query(path))
        if not len(brains) and filters.q:
            brains = catalog(**filters.query(path, prefix=True))
    except ParseError:
        return []
    return brains


class DocumentListingView(BrowserView):
    """Văn bản chỉ đạo, điều hành: filters by type and year, search, batches."""

    index = ViewPageTemplateFile("templates/documents.pt")
    page_size = PAGE_SIZE

    def __call__(self):
        self.filters = DocumentFilters.from_request(self.request)
        brains = search_documents(self.context, self.filters)
        self.total = len(brains)
        self.batch = Batch(brains, self.page_size, self.filters.start, orphan=0)
        titles = type_titles(self.request)
        self.results = [DocumentSummary(b, titles) for b in self.batch]
        return self.index()

    def type_options(self) -> list[dict]:
        return [
            {
                "token": token,
                "title": translate(title, context=self.request),
                "selected": token == self.filters.type,
            }
            for token, title in DOCUMENT_TYPES
        ]

    def year_options(self) -> list[dict]:
        """The years that have documents, newest first (from the index)."""
        catalog = api.portal.get_tool("portal_catalog")
        years = sorted(
            (y for y in catalog.uniqueValuesFor("document_year") if y),
            reverse=True,
        )
        if self.filters.year and self.filters.year not in years:
            years.insert(0, self.filters.year)
        return [{"year": y, "selected": y == self.filters.year} for y in years]


class DocumentView(BrowserView):
    """A document: its facts, the PDF shown inline, a download link."""

    index = ViewPageTemplateFile("templates/document.pt")

    def __call__(self):
        return self.index()

    def type_title(self) -> str:
        title = dict(DOCUMENT_TYPES).get(self.context.document_type)
        return translate(title, context=self.request) if title else ""

    def issued(self) -> str:
        return format_date(self.context.issued_date)

    def effective(self) -> str:
        return format_date(self.context.effective_from)

    def file_info(self) -> dict | None:
        blob = self.context.file
        if blob is None or not blob.getSize():
            return None
        base = self.context.absolute_url()
        size_kb = max(1, round(blob.getSize() / 1024))
        return {
            "inline_url": f"{base}/@@display-file/file",
            "download_url": f"{base}/@@download/file",
            "filename": blob.filename or "van-ban.pdf",
            "size": f"{size_kb:,}".replace(",", ".") + " KB",
        }

    def procedures(self) -> list[dict]:
        """The related procedures the visitor may see."""
        checker = getSecurityManager()
        items = []
        for relation in self.context.related_procedures or ():
            if relation is None or relation.isBroken():
                continue
            obj = relation.to_object
            if obj is None or not checker.checkPermission("View", obj):
                continue
            items.append(
                {"title": obj.title, "url": obj.absolute_url(), "code": obj.code}
            )
        return items
