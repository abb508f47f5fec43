"""Public pages of the procedure catalogue: the catalogue, a procedure, the kiosk.

Listings read catalog metadata only (never ``getObject``); the search goes
through the catalog's full-text index, whose lexicon folds Vietnamese accents.
"""

from AccessControl import getSecurityManager
from dataclasses import dataclass
from dataclasses import field as dc_field
from luanthanh.policy.browser.listing import documents_of_procedure
from luanthanh.policy.content.procedure import checklist
from luanthanh.policy.formatting import format_days
from luanthanh.policy.formatting import format_fee
from luanthanh.policy.searchtext import clean_query
from luanthanh.policy.searchtext import text_query
from luanthanh.policy.vocabularies import AUDIENCES
from luanthanh.policy.vocabularies import CHANNELS
from luanthanh.policy.vocabularies import field_pairs
from luanthanh.policy.vocabularies import ONLINE_LEVELS
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.ZCTextIndex.ParseTree import ParseError
from urllib.parse import urlencode
from zope.i18n import translate

import re


@dataclass
class Filters:
    """The catalogue's filters, read from the request (bookmarkable GET)."""

    q: str = ""
    field: str = ""
    online_level: str = ""
    audience: str = ""
    valid_fields: list = dc_field(default_factory=list)

    @classmethod
    def from_request(cls, request) -> "Filters":
        fields = [token for token, _title in field_pairs()]
        form = request.form

        def choice(name: str, allowed) -> str:
            value = form.get(name) or ""
            return value if isinstance(value, str) and value in allowed else ""

        return cls(
            q=clean_query(form.get("q") if isinstance(form.get("q"), str) else ""),
            field=choice("field", fields),
            online_level=choice("online_level", [t for t, _l in ONLINE_LEVELS]),
            audience=choice("audience", [t for t, _l in AUDIENCES]),
            valid_fields=fields,
        )

    def query(self, path: str, prefix: bool = False, relevance: bool = False) -> dict:
        """The catalog query; ``prefix`` lets the last word be incomplete.

        With ``relevance`` and a search text, the best matches come first;
        otherwise procedures are sorted by title.
        """
        query = {"portal_type": "Procedure", "path": path}
        if not (relevance and self.q):
            query["sort_on"] = "sortable_title"
        if self.q:
            query["SearchableText"] = text_query(self.q, prefix=prefix)
        if self.field:
            query["procedure_field"] = self.field
        if self.online_level:
            query["online_level"] = self.online_level
        if self.audience:
            query["audience"] = self.audience
        return query

    def url_params(self, **override) -> str:
        params = {
            "q": self.q,
            "field": self.field,
            "online_level": self.online_level,
            "audience": self.audience,
        }
        params.update(override)
        return urlencode({k: v for k, v in params.items() if v})

    @property
    def active(self) -> bool:
        return bool(self.q or self.field or self.online_level or self.audience)


def search_procedures(context, filters: Filters, relevance: bool = False) -> list:
    """Catalog brains of the procedures under ``context`` matching the filters.

    Whole words first, so that "khai tu" does not also find every "thủ tục";
    when nothing matches, the last word is taken as the start of a word, for
    search as you type ("dang ky ket h").
    """
    path = "/".join(context.getPhysicalPath())
    catalog = api.portal.get_tool("portal_catalog")
    try:
        brains = catalog(**filters.query(path, relevance=relevance))
        if not brains and filters.q:
            brains = catalog(**filters.query(path, prefix=True, relevance=relevance))
    except ParseError:  # a query of only operators, for example "and or"
        return []
    return brains


def procedure_folder(context):
    """The catalogue folder for views registered on the site root."""
    if getattr(context, "portal_type", None) == "ProcedureFolder":
        return context
    portal = api.portal.get()
    folder = portal.get("thu-tuc-hanh-chinh")
    return folder if folder is not None else portal


class Labels:
    """Translated labels, computed once per distinct value for a whole listing."""

    def __init__(self, request):
        self.request = request
        self._cache: dict = {}

    def _get(self, kind: str, value, make):
        key = (kind, value)
        if key not in self._cache:
            self._cache[key] = translate(make(value), context=self.request)
        return self._cache[key]

    def days(self, value) -> str:
        return self._get("days", value or 0, format_days)

    def fee(self, value) -> str:
        return self._get("fee", value or 0, format_fee)

    def online(self, value) -> str:
        return self._get("online", value, lambda v: dict(ONLINE_LEVELS).get(v, ""))


class ProcedureSummary:
    """What the listings show for a brain, read from catalog metadata only."""

    __slots__ = (
        "code",
        "days",
        "fee",
        "field",
        "online_label",
        "online_level",
        "title",
        "uid",
        "url",
    )

    def __init__(self, brain, labels: Labels):
        self.title = brain.Title
        self.url = brain.getURL()
        self.uid = brain.UID
        self.code = brain.procedure_code or ""
        self.field = brain.procedure_field or ""
        self.online_level = brain.online_level or "none"
        self.days = labels.days(brain.processing_days)
        self.fee = labels.fee(brain.fee)
        self.online_label = labels.online(self.online_level)


class CatalogueView(BrowserView):
    """Danh mục thủ tục hành chính: grouped by field, with filters and search."""

    index = ViewPageTemplateFile("templates/catalogue.pt")

    def __call__(self):
        self.filters = Filters.from_request(self.request)
        labels = Labels(self.request)
        self.results = [
            ProcedureSummary(b, labels)
            for b in search_procedures(self.context, self.filters)
        ]
        return self.index()

    def groups(self) -> list[dict]:
        """One group per field, in the vocabulary's order, with its procedures."""
        by_field: dict[str, list] = {}
        for item in self.results:
            by_field.setdefault(item.field, []).append(item)
        groups = []
        for token, title in field_pairs():
            items = by_field.pop(token, [])
            if items:
                groups.append(
                    {
                        "token": token,
                        "title": title,
                        "procedures": items,
                        "count": len(items),
                    }
                )
        for token, items in by_field.items():  # fields removed from the vocabulary
            groups.append(
                {
                    "token": token,
                    "title": token,
                    "procedures": items,
                    "count": len(items),
                }
            )
        return groups

    def field_options(self) -> list[dict]:
        return [
            {"token": t, "title": title, "selected": t == self.filters.field}
            for t, title in field_pairs()
        ]

    def online_options(self) -> list[dict]:
        return [
            {"token": t, "title": title, "selected": t == self.filters.online_level}
            for t, title in ONLINE_LEVELS
        ]

    def audience_options(self) -> list[dict]:
        return [
            {"token": t, "title": title, "selected": t == self.filters.audience}
            for t, title in AUDIENCES
        ]

    def kiosk_url(self) -> str:
        return f"{self.context.absolute_url()}/@@tra-cuu-thu-tuc"


class ProcedureView(BrowserView):
    """A procedure, laid out like the national portal's procedure page."""

    index = ViewPageTemplateFile("templates/procedure.pt")

    def __call__(self):
        return self.index()

    def _t(self, msg) -> str:
        return translate(msg, context=self.request)

    def field_title(self) -> str:
        return dict(field_pairs()).get(self.context.field, self.context.field or "")

    def days(self) -> str:
        return self._t(format_days(self.context.processing_days))

    def fee(self) -> str:
        return self._t(format_fee(self.context.fee))

    def online_label(self) -> str:
        return self._t(dict(ONLINE_LEVELS).get(self.context.online_level, ""))

    def channel_labels(self) -> list[str]:
        chosen = self.context.channels or set()
        return [self._t(label) for token, label in CHANNELS if token in chosen]

    def audience_labels(self) -> list[str]:
        chosen = self.context.audience or set()
        return [self._t(label) for token, label in AUDIENCES if token in chosen]

    def cutoff(self) -> str:
        cutoff = self.context.same_day_cutoff
        if self.context.processing_days or cutoff is None:
            return ""
        return cutoff.strftime("%H:%M")

    def can_generate_form(self) -> bool:
        """Whether to show "Tạo/Cập nhật biểu mẫu trực tuyến": editors only."""
        return bool(
            getSecurityManager().checkPermission("Modify portal content", self.context)
        )

    def has_form(self) -> bool:
        relation = self.context.form
        return bool(relation and not relation.isBroken() and relation.to_object)

    def documents(self) -> list[dict]:
        rows = checklist(self.context)
        for row in rows:
            url = row["template_url"]
            if url and not re.match(r"^(https?://|/)", url):
                row["template_url"] = f"{self.context.absolute_url()}/{url}"
        return rows

    def templates(self) -> list[dict]:
        """The File items kept in the procedure: forms and templates to download."""
        return [
            {"title": b.Title, "url": f"{b.getURL()}/@@download/file"}
            for b in api.content.find(
                context=self.context,
                depth=1,
                portal_type="File",
                sort_on="getObjPositionInParent",
            )
        ]

    def _visible(self, relation):
        if relation is None or relation.isBroken():
            return None
        obj = relation.to_object
        if obj is None:
            return None
        if not getSecurityManager().checkPermission("View", obj):
            return None
        return obj

    def form_url(self) -> str:
        """The online form, when one is linked and the visitor may open it."""
        if self.context.online_level not in ("full", "partial"):
            return ""
        form = self._visible(self.context.form)
        return form.absolute_url() if form is not None else ""

    def interlinked(self) -> list[dict]:
        items = []
        for relation in self.context.interlinked or ():
            obj = self._visible(relation)
            if obj is not None:
                items.append(
                    {"title": obj.title, "url": obj.absolute_url(), "code": obj.code}
                )
        return items

    def related_documents(self) -> list[dict]:
        """Directive documents that name this procedure (văn bản liên quan)."""
        return documents_of_procedure(self.context, self.request)

    def legal_basis(self) -> list[str]:
        return [line for line in self.context.legal_basis or () if line.strip()]


class KioskView(BrowserView):
    """Tra cứu thủ tục: the lookup zone's full-screen, touch-friendly page.

    ``q`` searches as you type (``ajax=1`` returns only the results), ``uid``
    opens one procedure with its printable checklist.
    """

    index = ViewPageTemplateFile("templates/kiosk.pt")
    results_template = ViewPageTemplateFile("templates/kiosk_results.pt")
    page_size = 30

    def __call__(self):
        self.request.response.setHeader("X-Robots-Tag", "noindex")
        self.filters = Filters.from_request(self.request)
        self.procedure_view = self._procedure()
        self.results = []
        if self.filters.q and self.procedure_view is None:
            brains = search_procedures(
                procedure_folder(self.context), self.filters, relevance=True
            )
            self.total = len(brains)
            labels = Labels(self.request)
            self.results = [
                ProcedureSummary(b, labels) for b in brains[: self.page_size]
            ]
        else:
            self.total = 0
        if self.request.form.get("ajax"):
            self.request.response.setHeader("Content-Type", "text/html; charset=utf-8")
            self.request.response.setHeader("Cache-Control", "no-store")
            return self.results_template()
        return self.index()

    def _procedure(self):
        uid = self.request.form.get("uid")
        if not isinstance(uid, str) or not re.fullmatch(r"[0-9a-f]{32}", uid):
            return None
        brains = api.content.find(UID=uid, portal_type="Procedure")
        if not brains:
            return None
        obj = brains[0].getObject()
        return ProcedureView(obj, self.request)

    def base_url(self) -> str:
        return f"{self.context.absolute_url()}/@@tra-cuu-thu-tuc"

    def search_url(self) -> str:
        return f"{self.base_url()}?{self.filters.url_params()}"

    def open_url(self, item) -> str:
        return f"{self.base_url()}?{urlencode({'uid': item.uid, 'q': self.filters.q})}"

    def portal_url(self) -> str:
        return api.portal.get().absolute_url()
