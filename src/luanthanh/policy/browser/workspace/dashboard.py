"""``@@ban-lam-viec``: the officials' dashboard, the default view of ``ho-so``.

The official's queue with counts per state, what is due today, within two
working days and overdue, and every dossier with filters and a search box,
priority dossiers first, then by due date.  It reads catalog metadata only
(never ``getObject``) and orders result sets with the indexes themselves
(:mod:`luanthanh.policy.dossiers.queries`), so that it stays fast with
100,000 dossiers.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import union
from luanthanh.policy.api import dossier as dossier_api
from luanthanh.policy.browser.workspace.filters import DossierFilters
from luanthanh.policy.browser.workspace.labels import DossierLabels
from luanthanh.policy.config import local
from luanthanh.policy.config import present
from luanthanh.policy.dossiers.queries import DossierCatalog
from luanthanh.policy.dossiers.queries import DUE_FILTERS
from luanthanh.policy.dossiers.queries import due_ranges
from luanthanh.policy.dossiers.queries import OrderedDossiers
from luanthanh.policy.dossiers.queries import queue_queries
from luanthanh.policy.dossiers.queries import queue_states
from luanthanh.policy.dossiers.queries import SOON_DAYS
from luanthanh.policy.dossiers.search import text_rids
from luanthanh.policy.formatting import format_date
from luanthanh.policy.formatting import format_datetime
from luanthanh.policy.formatting import INVALID_DAY
from luanthanh.policy.i18n import _
from luanthanh.policy.security.bulk import record_bulk_read
from luanthanh.policy.states import STATES
from luanthanh.policy.states import UNRESOLVED
from luanthanh.policy.vocabularies import CHANNELS
from luanthanh.policy.vocabularies import field_pairs
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.ZCTextIndex.ParseTree import ParseError
from urllib.parse import urlencode
from zope.i18n import translate


PAGE_SIZE = 50
PANEL_SIZE = 5
#: Seconds after its submission an online dossier not yet indexed is shown as
#: waiting: its follow-up normally takes well under a second.
WAITING_AFTER = 30.0


class Row:
    """One dossier of a listing, from catalog metadata only."""

    __slots__ = (
        "applicant",
        "assigned",
        "assigned_to",
        "channel",
        "code",
        "days_label",
        "days_left",
        "due",
        "due_class",
        "overdue",
        "priority",
        "procedure",
        "received",
        "state",
        "state_title",
        "unassigned",
        "url",
    )

    def __init__(self, meta: dict, url: str, labels: DossierLabels):
        self.url = url
        self.code = meta.get("dossier_code") or meta.get("id") or ""
        self.procedure = present(meta.get("procedure_title")) or ""
        self.applicant = present(meta.get("applicant_name")) or ""
        self.channel = labels.channel(present(meta.get("channel")))
        self.state = present(meta.get("review_state")) or ""
        self.state_title = labels.state(self.state)
        self.received = format_datetime(meta.get("received_at"))
        due = present(meta.get("due_date"))
        self.due = format_datetime(due)
        self.priority = bool(present(meta.get("priority")))
        self.assigned_to = present(meta.get("assigned_to")) or ""
        self.assigned = labels.fullname(self.assigned_to) if self.assigned_to else ""
        self.unassigned = not self.assigned_to and self.state in (
            "processing",
            "supplement",
        )
        self.days_left = None
        self.days_label = ""
        self.overdue = False
        self.due_class = ""
        if due is not None and self.state in UNRESOLVED and local(due) is not None:
            self.days_left = labels.days_left(due)
            self.days_label = labels.days_label(self.days_left)
            self.overdue = local(due).date() < labels.today
            if self.overdue:
                self.due_class = "dossier-overdue"
            elif self.days_left == 0:
                self.due_class = "dossier-due-today"
            elif self.days_left <= SOON_DAYS:
                self.due_class = "dossier-due-soon"

    @property
    def css_class(self) -> str:
        classes = ["dossier-row"]
        if self.priority:
            classes.append("dossier-priority")
        if self.due_class:
            classes.append(self.due_class)
        return " ".join(classes)


class DashboardView(BrowserView):
    """Bàn làm việc: the official's queue, deadlines and every dossier."""

    index = ViewPageTemplateFile("templates/dashboard.pt")
    page_size = PAGE_SIZE

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self.request.response.setHeader("X-Robots-Tag", "noindex")
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        self.update()
        record_bulk_read(
            self.request,
            "ban-lam-viec",
            len(self.batch) + sum(len(p["rows"]) for p in self.deadline_panels),
            self.request.form,
        )
        return self.index()

    # Computation ----------------------------------------------------------

    def update(self) -> None:
        self.filters = DossierFilters.from_request(self.request)
        self.labels = DossierLabels(self.request)
        self.dossiers = DossierCatalog()
        self.ranges = due_ranges(self.labels.today, self.labels.calendar)
        user = api.user.get_current()
        self.userid = user.getId() or ""
        roles = api.user.get_roles(user=user, obj=self.context)
        self.queue = queue_queries(self.userid, roles)
        self.search_error = False

        self.queue_rids = self._union(self.dossiers.rids(**q) for q in self.queue)
        self.queue_counts = self._queue_counts()
        self.deadline_panels = self._deadline_panels()

        base = self.filters.query(self.ranges)
        if self.filters.state:
            base["review_state"] = self.filters.state
        if self.filters.due and not self.filters.state:
            base["review_state"] = list(UNRESOLVED)
        rids = self._search(base)
        if self.filters.scope == "mine":
            rids = intersection(rids, self.queue_rids)
        self.results = self._ordered(rids)
        self.batch = Batch(self.results, self.page_size, self._b_start())

    def _union(self, sets) -> IISet:
        result = IISet()
        for item in sets:
            result = union(result, item)
        return result

    def _b_start(self) -> int:
        try:
            start = int(self.request.form.get("b_start", 0))
        except (TypeError, ValueError):
            return 0
        return max(0, min(start, 10_000_000))

    def _search(self, query: dict) -> IISet:
        """The secured result set of ``query`` and the search text, if any."""
        try:
            if not self.filters.q:
                return self.dossiers.rids(**query)
            return text_rids(self.dossiers, self.filters.q, query)
        except ParseError:
            self.search_error = True
            return IISet()

    def _ordered(self, rids) -> OrderedDossiers:
        ordered = self.dossiers.ordered(rids)
        catalog = self.dossiers.catalog
        to_url = self.request.physicalPathToURL
        labels = self.labels

        def row(rid: int) -> Row:
            return Row(
                catalog.getMetadataForRID(rid), to_url(catalog.getpath(rid)), labels
            )

        ordered.row_factory = row
        return ordered

    def _queue_counts(self) -> list[dict]:
        counts = []
        for state in queue_states(self.queue):
            members = intersection(
                self.queue_rids, self.dossiers.index_set("review_state", state)
            )
            counts.append(
                {
                    "state": state,
                    "title": self.labels.state(state),
                    "count": len(members),
                    "url": self.link(state=state),
                }
            )
        return counts

    def _deadline_panels(self) -> list[dict]:
        titles = {
            "today": _("panel_due_today", default="Đến hạn hôm nay"),
            "soon": _("panel_due_soon", default="Đến hạn trong 2 ngày làm việc tới"),
            "overdue": _("panel_overdue", default="Quá hạn chưa giải quyết"),
        }
        unresolved = self.dossiers.rids(review_state=list(UNRESOLVED))
        panels = []
        for key in DUE_FILTERS:
            rids = intersection(
                unresolved, self.dossiers.index_set("due_date", self.ranges[key])
            )
            ordered = self._ordered(rids)
            panels.append(
                {
                    "key": key,
                    "title": translate(titles[key], context=self.request),
                    "count": len(ordered),
                    "rows": ordered[:PANEL_SIZE],
                    "url": self.link(scope="all", due=key),
                    "css": f"deadline-{key}",
                }
            )
        return panels

    # Template helpers -----------------------------------------------------

    def url(self, **override) -> str:
        params = self.filters.url_params(**override)
        base = self.context.absolute_url()
        return f"{base}?{params}" if params else base

    def link(self, **params) -> str:
        """The dashboard with only these filters (queue and deadline links)."""
        query = urlencode({k: v for k, v in params.items() if v})
        base = self.context.absolute_url()
        return f"{base}?{query}" if query else base

    def scope_url(self, scope: str) -> str:
        return self.url(scope=scope if scope == "all" else "")

    def heading(self) -> str:
        if self.filters.scope == "all":
            return _("heading_all_dossiers", default="Tất cả hồ sơ")
        return _("heading_my_queue", default="Hàng chờ của tôi")

    def queue_total(self) -> int:
        return len(self.queue_rids)

    def field_options(self) -> list[dict]:
        return [
            {"token": t, "title": title, "selected": t == self.filters.field}
            for t, title in field_pairs()
        ]

    def procedure_options(self) -> list[dict]:
        brains = api.content.find(portal_type="Procedure", sort_on="sortable_title")
        seen = set()
        options = []
        for brain in brains:
            code = present(brain.procedure_code)
            if not code or code in seen:
                continue
            seen.add(code)
            options.append(
                {
                    "token": code,
                    "title": f"{code} – {brain.Title}",
                    "selected": code == self.filters.procedure,
                }
            )
        return options

    def state_options(self) -> list[dict]:
        return [
            {
                "token": s,
                "title": self.labels.state(s),
                "selected": s == self.filters.state,
            }
            for s in STATES
        ]

    def channel_options(self) -> list[dict]:
        return [
            {
                "token": t,
                "title": self.labels.channel(t),
                "selected": t == self.filters.channel,
            }
            for t, _label in CHANNELS
        ]

    def date_value(self, which: str) -> str:
        """The day of a filter, or what was typed when it is no day."""
        value = self.filters.date_from if which == "from" else self.filters.date_to
        if value:
            return value.isoformat()
        return self.filters.invalid_dates.get(which, "")

    def date_invalid(self, which: str) -> bool:
        return which in self.filters.invalid_dates

    def date_error(self, which: str) -> str:
        """Why a typed day was not used, or ""."""
        if not self.date_invalid(which):
            return ""
        return translate(INVALID_DAY, context=self.request)

    def can_add(self) -> bool:
        return bool(
            api.user.has_permission("luanthanh.policy: Add Dossier", obj=self.context)
        )

    def intake_url(self) -> str:
        return f"{self.context.absolute_url()}/@@tiep-nhan-truc-tiep"

    def statistics_url(self) -> str:
        """The report page, for those who may see it; "" otherwise."""
        portal = api.portal.get()
        if not api.user.has_permission("luanthanh.policy: View statistics", obj=portal):
            return ""
        return f"{portal.absolute_url()}/@@thong-ke"

    def waiting(self) -> dict | None:
        """The online dossiers submitted but not yet in this list (their
        indexing after the submission did not run): how many, and the
        button's address."""
        found = dossier_api.waiting_for_index(older_than=WAITING_AFTER)
        if not found:
            return None
        return {
            "count": len(found),
            "action": f"{self.context.absolute_url()}/@@cap-nhat-ho-so-moi",
        }

    def today_label(self) -> str:
        return format_date(self.labels.today)
