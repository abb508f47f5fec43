"""The officials' workspace (Classic UI): dashboard, dossier page, counter intake.

* ``@@ban-lam-viec``: the default view of the tracking book (``ho-so``): the
  official's queue with counts per state, what is due today, within two
  working days and overdue, and every dossier with filters and a search box,
  priority dossiers first, then by due date.  It reads catalog metadata only
  (never ``getObject``) and orders result sets with the indexes themselves,
  so that it stays fast with 100,000 dossiers.
* ``view`` of a dossier: every field, the deadline, the transitions as forms
  posting to ``@@chuyen-trang-thai``, the history as a timeline, attachments.
* ``@@tiep-nhan-truc-tiep``: the counter intake form (create and accept).
"""

from AccessControl import getSecurityManager
from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import IITreeSet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import union
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from luanthanh.policy import deadlines
from luanthanh.policy.api.dossier import receive_at_counter
from luanthanh.policy.browser.procedures import Labels
from luanthanh.policy.content.dossier import validate_id_number
from luanthanh.policy.content.dossier import validate_phone
from luanthanh.policy.dossiers.relations import procedure_of
from luanthanh.policy.dossiers.transitions import REASON_REQUIRED
from luanthanh.policy.i18n import _
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.searchtext import clean_query
from luanthanh.policy.searchtext import text_query
from luanthanh.policy.vocabularies import CHANNELS
from luanthanh.policy.vocabularies import field_pairs
from luanthanh.policy.vocabularies import TIMELINESS
from plone import api
from plone.autoform import directives
from plone.autoform.form import AutoExtensibleForm
from plone.batching import Batch
from plone.namedfile.field import NamedBlobFile
from plone.protect import CheckAuthenticator
from plone.schema import Email
from plone.supermodel import model
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.ZCTextIndex.ParseTree import ParseError
from urllib.parse import urlencode
from z3c.form import button
from z3c.form import form
from z3c.form.error import ErrorViewMessage
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope import schema
from zope.i18n import translate
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.interfaces import RequiredMissing
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import Missing
import re
import transaction


TZ = deadlines.TZ
WORKFLOW_ID = "luanthanh_dossier_workflow"
STATES = (
    "intake",
    "processing",
    "supplement",
    "approval",
    "result",
    "returned",
    "rejected",
    "stopped",
    "withdrawn",
)
#: Not yet settled: these count for "due" and "overdue".
UNRESOLVED = ("intake", "processing", "supplement", "approval")
#: Still on someone's desk (the result waits to be handed over).
OPEN = (*UNRESOLVED, "result")
DUE_FILTERS = ("today", "soon", "overdue")
SOON_DAYS = 2
PAGE_SIZE = 50
PANEL_SIZE = 5
#: Below this many results a group is sorted in Python; above, by walking the
#: due date index in order, which stops as soon as the page is full.
WALK_THRESHOLD = 2000


# Dates ------------------------------------------------------------------------


def _value(value):
    """``None`` for the catalog's ``Missing.Value`` and empty values."""
    if value is None or value is Missing.Value or value == "":
        return None
    return value


def local(value) -> datetime | None:
    """An aware datetime (or Zope DateTime) as a datetime in Asia/Ho_Chi_Minh."""
    value = _value(value)
    if value is None:
        return None
    if hasattr(value, "asdatetime"):  # Zope's DateTime
        value = value.asdatetime()
    if isinstance(value, datetime):
        return deadlines.local_datetime(value)
    return None


def format_datetime(value) -> str:
    """``dd/mm/yyyy HH:MM`` in local time, "" without a value."""
    value = local(value)
    return value.strftime("%d/%m/%Y %H:%M") if value is not None else ""


def format_date(value) -> str:
    value = local(value)
    return value.strftime("%d/%m/%Y") if value is not None else ""


def today() -> date:
    return datetime.now(TZ).date()


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=TZ)


def day_end(day: date) -> datetime:
    # DateIndex keeps minutes; "max" is inclusive, so 23:59 covers the day.
    return datetime.combine(day, time(23, 59), tzinfo=TZ)


def due_ranges(on: date, calendar: deadlines.WorkCalendar) -> dict[str, dict]:
    """Catalog queries on ``due_date`` for today, the next 2 working days, overdue.

    Overdue: due on a local date before today (the due date itself is still
    on time, as :func:`deadlines.timeliness` has it).  "Soon": due after today
    and at the latest on the 2nd working day after today.
    """
    soon_end = calendar.add_working_days(on, SOON_DAYS)
    return {
        "today": {"query": (day_start(on), day_end(on)), "range": "min:max"},
        "soon": {
            "query": (day_start(on + timedelta(days=1)), day_end(soon_end)),
            "range": "min:max",
        },
        "overdue": {"query": day_end(on - timedelta(days=1)), "range": "max"},
    }


def days_left_label(days: int) -> str:
    if days > 0:
        return _(
            "days_left", default="Còn ${days} ngày làm việc", mapping={"days": days}
        )
    if days == 0:
        return _("days_left_due_today", default="Đến hạn hôm nay")
    return _(
        "days_overdue", default="Quá hạn ${days} ngày làm việc", mapping={"days": -days}
    )


# Ordered result sets -----------------------------------------------------------


def result_rids(results) -> IISet:
    """The record ids of a catalog result, without making a single brain.

    A ``LazyMap`` keeps the ids it maps (``_seq``): the result set's keys, or
    ``(score, rid)`` pairs for a full-text query.  Anything else falls back to
    the brains' ``getRID`` (correct, only slower).
    """
    if not len(results):
        return IISet()
    seq = getattr(results, "_seq", None)
    if seq is not None and getattr(results, "_func", None) is not None:
        first = seq[0]
        if isinstance(first, int):
            return IISet(seq)
        if isinstance(first, tuple) and len(first) == 2 and isinstance(first[1], int):
            return IISet(rid for _score, rid in seq)
    return IISet(brain.getRID() for brain in results)


class DossierCatalog:
    """Secured catalog queries on dossiers as sets of record ids."""

    def __init__(self):
        self.catalog = api.portal.get_tool("portal_catalog")

    def rids(self, **query) -> IISet:
        query["portal_type"] = "Dossier"
        return result_rids(self.catalog.searchResults(**query))

    def index_set(self, name: str, value) -> IISet:
        """Every record whose index ``name`` matches ``value`` (not secured:
        only ever intersected with a secured set)."""
        index = self.catalog.Indexes[name]
        found = index._apply_index({name: value})
        return found[0] if found else IISet()

    def ordered(self, rids) -> "OrderedDossiers":
        return OrderedDossiers(self, rids)


class OrderedDossiers:
    """A result set in dashboard order: priority first, then by due date.

    Within each group, dossiers with a due date come first, earliest first,
    then those without one (not yet received); equal due dates in record id
    order, which is stable from one page to the next.  ZCatalog's own
    sort would drop the dossiers without a due date, and sorting on two
    indexes reads a key for every result; here a large group is ordered by
    walking the due date index and intersecting each of its (few) keys with
    the group, and the walk stops once the requested page is filled.

    Items are rows of catalog metadata (:class:`Row`), made only for what is
    read: a page of 50 out of 100,000 makes 50.
    """

    def __init__(self, dossiers: DossierCatalog, rids):
        self.dossiers = dossiers
        self.catalog = dossiers.catalog
        self.rids = rids
        self.length = len(rids)
        priority = intersection(rids, dossiers.index_set("priority", True))
        self.priority_count = len(priority)
        self._groups = [g for g in (priority, difference(rids, priority)) if len(g)]
        self._order: list[int] = []
        self._walk = self._iterate()
        self.row_factory = None

    # The ordering ---------------------------------------------------------

    def _iterate(self):
        due_index = self.catalog.Indexes["due_date"]
        for group in self._groups:
            if len(group) <= WALK_THRESHOLD:
                keys = due_index.documentToKeyMap()
                big = 1 << 62
                yield from sorted(group, key=lambda rid: (keys.get(rid, big), rid))
                continue
            seen = []
            for _key, docs in due_index._index.items():
                if isinstance(docs, int):
                    hits = (docs,) if docs in group else ()
                else:
                    hits = intersection(group, docs)
                if hits:
                    seen.extend(hits)
                    yield from hits
                if len(seen) == len(group):
                    break
            if len(seen) < len(group):
                yield from difference(group, IITreeSet(seen))

    def _fill(self, upto: int) -> None:
        order = self._order
        while len(order) < upto:
            try:
                order.append(next(self._walk))
            except StopIteration:
                break

    def rid_at(self, index: int) -> int:
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(index)
        self._fill(index + 1)
        return self._order[index]

    # The sequence protocol (for plone.batching) ---------------------------

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.length))]
        rid = self.rid_at(index)
        return self.row_factory(rid) if self.row_factory else rid

    def __iter__(self):
        for i in range(self.length):
            yield self[i]


# Labels and rows ---------------------------------------------------------------


class DossierLabels(Labels):
    """Translations and look-ups computed once per distinct value per page."""

    def __init__(self, request):
        super().__init__(request)
        self.workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
            WORKFLOW_ID
        )
        self.calendar = deadlines.WorkCalendar.from_registry()
        self.today = today()

    def _title(self, text: str) -> str:
        # Workflow titles are Vietnamese msgids of our domain (GenericSetup).
        return translate(text, domain="luanthanh.policy", context=self.request)

    def state(self, state_id) -> str:
        def make(value):
            state = self.workflow.states.get(value or "") if value else None
            return state.title if state is not None else (value or "")

        key = ("state", state_id)
        if key not in self._cache:
            self._cache[key] = self._title(make(state_id))
        return self._cache[key]

    def transition(self, transition_id) -> str:
        key = ("transition", transition_id)
        if key not in self._cache:
            tdef = self.workflow.transitions.get(transition_id or "")
            self._cache[key] = (
                self._title(tdef.title) if tdef is not None else transition_id or ""
            )
        return self._cache[key]

    def channel(self, value) -> str:
        return self._get("channel", value, lambda v: dict(CHANNELS).get(v, v or ""))

    def timeliness(self, value) -> str:
        return self._get("timeliness", value, lambda v: dict(TIMELINESS).get(v, ""))

    def fullname(self, userid) -> str:
        key = ("user", userid)
        if key not in self._cache:
            name = userid or ""
            if userid:
                user = api.user.get(userid=userid)
                if user is not None:
                    name = user.getProperty("fullname") or userid
            self._cache[key] = name
        return self._cache[key]

    def days_left(self, due) -> int:
        day = local(due).date()
        key = ("days", day)
        if key not in self._cache:
            self._cache[key] = deadlines.working_days_left(
                self.today, day, self.calendar
            )
        return self._cache[key]

    def days_label(self, days: int) -> str:
        return self._get("days_label", days, days_left_label)


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
        self.procedure = _value(meta.get("procedure_title")) or ""
        self.applicant = _value(meta.get("applicant_name")) or ""
        self.channel = labels.channel(_value(meta.get("channel")))
        self.state = _value(meta.get("review_state")) or ""
        self.state_title = labels.state(self.state)
        self.received = format_datetime(meta.get("received_at"))
        due = _value(meta.get("due_date"))
        self.due = format_datetime(due)
        self.priority = bool(_value(meta.get("priority")))
        self.assigned_to = _value(meta.get("assigned_to")) or ""
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


# The dashboard -----------------------------------------------------------------


def _parse_day(value) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass
class DossierFilters:
    """The dashboard's filters, from the request (GET, bookmarkable)."""

    scope: str = "mine"
    q: str = ""
    field: str = ""
    procedure: str = ""
    state: str = ""
    channel: str = ""
    date_from: date | None = None
    date_to: date | None = None
    due: str = ""

    @classmethod
    def from_request(cls, request) -> "DossierFilters":
        form = request.form

        def text(name: str) -> str:
            value = form.get(name)
            return value.strip() if isinstance(value, str) else ""

        def choice(name: str, allowed) -> str:
            value = text(name)
            return value if value in allowed else ""

        procedure = text("procedure")
        return cls(
            scope="all" if text("scope") == "all" else "mine",
            q=clean_query(text("q")),
            field=choice("field", [t for t, _title in field_pairs()]),
            procedure=procedure if re.fullmatch(r"[\w.\-]{1,40}", procedure) else "",
            state=choice("state", STATES),
            channel=choice("channel", [t for t, _label in CHANNELS]),
            date_from=_parse_day(form.get("from")),
            date_to=_parse_day(form.get("to")),
            due=choice("due", DUE_FILTERS),
        )

    def query(self, ranges: dict) -> dict:
        """The catalog criteria of the filters (without the scope)."""
        query: dict = {}
        if self.field:
            query["procedure_field"] = self.field
        if self.procedure:
            query["procedure_code"] = self.procedure
        if self.channel:
            query["channel"] = self.channel
        if self.date_from and self.date_to:
            query["received_at"] = {
                "query": (day_start(self.date_from), day_end(self.date_to)),
                "range": "min:max",
            }
        elif self.date_from:
            query["received_at"] = {
                "query": day_start(self.date_from),
                "range": "min",
            }
        elif self.date_to:
            query["received_at"] = {"query": day_end(self.date_to), "range": "max"}
        if self.due:
            query["due_date"] = ranges[self.due]
        return query

    def url_params(self, **override) -> str:
        params = {
            "scope": self.scope if self.scope != "mine" else "",
            "q": self.q,
            "field": self.field,
            "procedure": self.procedure,
            "state": self.state,
            "channel": self.channel,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "due": self.due,
        }
        params.update(override)
        return urlencode({k: v for k, v in params.items() if v})

    @property
    def active(self) -> bool:
        return bool(
            self.q
            or self.field
            or self.procedure
            or self.state
            or self.channel
            or self.date_from
            or self.date_to
            or self.due
        )


def search_words(q: str) -> str:
    """A search text as words for the full-text index.

    A phone number typed with spaces or dots ("0912 345 678", "+84 912...")
    is searched as its stored form ("0912345678").
    """
    phone = normalize_phone(q)
    return phone or q


def dossier_folder_of(context):
    if getattr(context, "portal_type", None) == "DossierFolder":
        return context
    return api.portal.get().get("ho-so")


def queue_queries(userid: str, roles) -> list[dict]:
    """What is waiting for this official: one catalog query per role."""
    roles = set(roles)
    queries = []
    if "DossierReceiver" in roles:
        queries.append({"review_state": ["intake", "result"]})
    if "DossierApprover" in roles:
        queries.append({"review_state": ["approval"]})
    if userid and "DossierProcessor" in roles:
        queries.append(
            {"review_state": ["processing", "supplement"], "assigned_to": userid}
        )
    if roles & {"Manager", "Site Administrator"} and not roles & {
        "DossierReceiver",
        "DossierApprover",
    }:
        queries.append({"review_state": list(OPEN)})
    return queries


def queue_states(queries) -> list[str]:
    wanted = {state for query in queries for state in query["review_state"]}
    return [state for state in STATES if state in wanted]


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
        words = search_words(self.filters.q) if self.filters.q else ""
        try:
            if not words:
                return self.dossiers.rids(**query)
            rids = self.dossiers.rids(SearchableText=text_query(words), **query)
            if not len(rids):
                rids = self.dossiers.rids(
                    SearchableText=text_query(words, prefix=True), **query
                )
            return rids
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
            code = _value(brain.procedure_code)
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
        value = self.filters.date_from if which == "from" else self.filters.date_to
        return value.isoformat() if value else ""

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

    def today_label(self) -> str:
        return self.labels.today.strftime("%d/%m/%Y")


class WorkspaceRedirect(BrowserView):
    """``@@ban-lam-viec`` on the site root: go to the tracking book."""

    def __call__(self):
        folder = dossier_folder_of(self.context)
        if folder is None:
            raise BadRequest("No dossier folder")
        query = self.request.get("QUERY_STRING", "")
        url = folder.absolute_url()
        self.request.response.redirect(f"{url}?{query}" if query else url)
        return ""


# The dossier page ---------------------------------------------------------------


class DossierView(BrowserView):
    """A dossier as the officials work on it."""

    index = ViewPageTemplateFile("templates/dossier_view.pt")

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self.request.response.setHeader("X-Robots-Tag", "noindex")
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        self.labels = DossierLabels(self.request)
        self.state = api.content.get_state(self.context, default="")
        return self.index()

    def _t(self, msg) -> str:
        return translate(msg, context=self.request)

    def state_title(self) -> str:
        return self.labels.state(self.state)

    def procedure(self) -> dict | None:
        procedure = procedure_of(self.context)
        if procedure is None:
            return None
        viewable = getSecurityManager().checkPermission("View", procedure)
        return {
            "title": procedure.title,
            "code": procedure.code or "",
            "url": procedure.absolute_url() if viewable else "",
            "days": procedure.processing_days,
        }

    def channel(self) -> str:
        return self.labels.channel(self.context.channel)

    def timeliness(self) -> str:
        value = self.context.timeliness
        return self.labels.timeliness(value) if value else ""

    def dates(self) -> list[dict]:
        c = self.context
        rows = [
            (_("label_submitted_at", default="Ngày nộp"), c.submitted_at),
            (_("label_received_at", default="Ngày tiếp nhận"), c.received_at),
            (_("label_due_date", default="Ngày hẹn trả kết quả"), c.due_date),
            (_("label_resolved_at", default="Ngày giải quyết xong"), c.resolved_at),
            (_("label_returned_at", default="Ngày trả kết quả"), c.returned_at),
        ]
        return [
            {"label": self._t(label), "value": format_datetime(value)}
            for label, value in rows
            if value is not None
        ]

    def deadline(self) -> dict | None:
        """Working days left, or the overdue flag, while unresolved."""
        due = self.context.due_date
        if due is None or self.state not in UNRESOLVED:
            return None
        days = self.labels.days_left(due)
        overdue = local(due).date() < self.labels.today
        return {
            "days": days,
            "label": self.labels.days_label(days),
            "overdue": overdue,
            "css": "dossier-overdue"
            if overdue
            else ("dossier-due-today" if days == 0 else ""),
        }

    def assigned(self) -> str:
        userid = self.context.assigned_to
        return self.labels.fullname(userid) if userid else ""

    def transitions(self) -> list[dict]:
        wftool = api.portal.get_tool("portal_workflow")
        items = []
        for info in wftool.getTransitionsFor(self.context):
            tid = info["id"]
            required = tid in REASON_REQUIRED
            items.append(
                {
                    "id": tid,
                    "title": self.labels.transition(tid),
                    "description": translate(
                        info.get("description") or "",
                        domain="luanthanh.policy",
                        context=self.request,
                    ),
                    "required": required,
                    "hint": self._t(REASON_REQUIRED[tid]) if required else "",
                    "danger": tid in ("refuse", "deny", "stop", "withdraw"),
                }
            )
        return items

    def action_url(self) -> str:
        return f"{self.context.absolute_url()}/@@chuyen-trang-thai"

    def history(self) -> list[dict]:
        labels = self.labels
        entries = []
        for entry in reversed(list(self.context.history or ())):
            before = entry.get("due_date_before")
            after = entry.get("due_date_after")
            changed = before != after and after is not None
            entries.append(
                {
                    "time": format_datetime(entry.get("time")),
                    "actor": labels.fullname(entry.get("actor")),
                    "action": labels.transition(entry.get("action")),
                    "from_state": labels.state(entry.get("from_state")),
                    "to_state": labels.state(entry.get("to_state")),
                    "comment": entry.get("comment") or "",
                    "due_changed": changed,
                    "due_before": format_datetime(before) if before else "",
                    "due_after": format_datetime(after) if after else "",
                }
            )
        return entries

    def attachments(self) -> list[dict]:
        brains = api.content.find(
            context=self.context, depth=1, portal_type="File", sort_on="created"
        )
        return [
            {
                "title": b.Title or b.getId,
                "url": f"{b.getURL()}/@@download/file",
                "created": format_datetime(b.created),
            }
            for b in brains
        ]

    def result_file(self) -> dict | None:
        blob = self.context.result_file
        if not blob:
            return None
        return {
            "name": blob.filename or "ket-qua",
            "url": f"{self.context.absolute_url()}/@@download/result_file",
        }

    def dashboard_url(self) -> str:
        return self.context.__parent__.absolute_url()


class TransitionView(BrowserView):
    """``@@chuyen-trang-thai``: fire a transition posted by the dossier page."""

    def __call__(self):
        request = self.request
        url = self.context.absolute_url()
        if request.get("REQUEST_METHOD", "GET") != "POST":
            request.response.redirect(url)
            return ""
        CheckAuthenticator(request)
        transition = request.form.get("transition")
        comment = request.form.get("comment")
        comment = comment.strip() if isinstance(comment, str) else ""
        labels = DossierLabels(request)
        wftool = api.portal.get_tool("portal_workflow")
        allowed = {t["id"] for t in wftool.getTransitionsFor(self.context)}
        if not isinstance(transition, str) or transition not in allowed:
            api.portal.show_message(
                _(
                    "error_transition_not_allowed",
                    default="Bạn không được thực hiện thao tác “${transition}” với "
                    "hồ sơ ở trạng thái hiện tại.",
                    mapping={
                        "transition": labels.transition(transition)
                        if isinstance(transition, str)
                        else ""
                    },
                ),
                request,
                type="error",
            )
            request.response.redirect(url)
            return ""
        savepoint = transaction.savepoint()
        try:
            wftool.doActionFor(self.context, transition, comment=comment)
        except WorkflowException as error:
            savepoint.rollback()
            api.portal.show_message(str(error), request, type="error")
            request.response.redirect(url)
            return ""
        state = api.content.get_state(self.context)
        api.portal.show_message(
            _(
                "status_transition_done",
                default="Đã thực hiện “${transition}”: hồ sơ chuyển sang trạng thái "
                "“${state}”.",
                mapping={
                    "transition": labels.transition(transition),
                    "state": labels.state(state),
                },
            ),
            request,
            type="info",
        )
        if not getSecurityManager().checkPermission("View", self.context):
            url = self.context.__parent__.absolute_url()
        request.response.redirect(url)
        return ""


# Counter intake -------------------------------------------------------------------


@provider(IContextSourceBinder)
def published_procedures(context) -> SimpleVocabulary:
    """Published procedures, "code – title", from the catalog."""
    terms = []
    for brain in api.content.find(
        portal_type="Procedure", review_state="published", sort_on="sortable_title"
    ):
        code = _value(brain.procedure_code) or ""
        title = f"{code} – {brain.Title}" if code else brain.Title
        terms.append(SimpleTerm(value=brain.UID, token=brain.UID, title=title))
    return SimpleVocabulary(terms)


class ICounterIntake(model.Schema):
    """Tiếp nhận hồ sơ trực tiếp tại quầy."""

    directives.widget(
        "procedure",
        prompt=True,
        promptMessage=_("prompt_choose_procedure", default="— Chọn thủ tục —"),
    )
    procedure = schema.Choice(
        title=_("label_dossier_procedure", default="Thủ tục hành chính"),
        source=published_procedures,
        required=True,
    )
    applicant_name = schema.TextLine(
        title=_("label_applicant_name", default="Họ và tên người nộp"),
        required=True,
    )
    applicant_id_number = schema.TextLine(
        title=_("label_applicant_id_number", default="Số CCCD"),
        description=_("help_applicant_id_number", default="12 chữ số."),
        required=False,
        constraint=validate_id_number,
    )
    applicant_phone = schema.TextLine(
        title=_("label_applicant_phone", default="Số điện thoại"),
        required=True,
        constraint=validate_phone,
    )
    applicant_email = Email(
        title=_("label_applicant_email", default="Thư điện tử"),
        required=False,
    )
    applicant_address = schema.Text(
        title=_("label_applicant_address", default="Địa chỉ"),
        required=False,
    )
    priority = schema.Bool(
        title=_("label_dossier_priority", default="Ưu tiên (người yếu thế)"),
        description=_(
            "help_dossier_priority",
            default="Người cao tuổi, người khuyết tật, phụ nữ mang thai… Hồ sơ ưu "
            "tiên đứng đầu mọi hàng chờ.",
        ),
        required=False,
        default=False,
    )
    attachment = NamedBlobFile(
        title=_("label_attachment", default="Tệp đính kèm"),
        description=_(
            "help_attachment",
            default="Bản chụp hoặc bản quét giấy tờ công dân nộp (không bắt buộc).",
        ),
        required=False,
    )


class CounterIntakeForm(AutoExtensibleForm, form.Form):
    """``@@tiep-nhan-truc-tiep``: create a walk-in dossier and accept it at once."""

    schema = ICounterIntake
    ignoreContext = True
    label = _("heading_counter_intake", default="Tiếp nhận hồ sơ trực tiếp")
    description = _(
        "help_counter_intake",
        default="Hồ sơ được tạo và tiếp nhận ngay: hệ thống cấp mã hồ sơ, tính "
        "ngày hẹn trả và chuyển cán bộ xử lý.",
    )
    enableCSRFProtection = True

    def update(self):
        self.request.set("disable_border", True)
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        super().update()

    def updateActions(self):
        super().updateActions()
        self.actions["receive"].addClass("btn-primary")

    @button.buttonAndHandler(
        _("button_receive", default="Tiếp nhận hồ sơ"), name="receive"
    )
    def handle_receive(self, action):
        if self.request.get("REQUEST_METHOD", "GET") != "POST":
            raise Forbidden("POST only")  # a GET never writes
        CheckAuthenticator(self.request)
        data, errors = self.extractData()
        if errors:
            self.status = _(
                "status_form_errors",
                default="Hồ sơ chưa được tiếp nhận: vui lòng sửa các lỗi bên dưới.",
            )
            return
        brains = api.content.find(UID=data["procedure"], portal_type="Procedure")
        if not brains:
            self.status = _(
                "error_procedure_missing", default="Không tìm thấy thủ tục đã chọn."
            )
            return
        procedure = brains[0].getObject()
        values = {
            "applicant_name": data["applicant_name"].strip(),
            "applicant_phone": data["applicant_phone"].strip(),
            "applicant_id_number": (data.get("applicant_id_number") or "").strip()
            or None,
            "applicant_email": data.get("applicant_email") or None,
            "applicant_address": data.get("applicant_address") or "",
            "priority": bool(data.get("priority")),
            "channel": "direct",
        }
        savepoint = transaction.savepoint()
        try:
            dossier = receive_at_counter(procedure, container=self.context, **values)
            attachment = data.get("attachment")
            if attachment:
                self._attach(dossier, attachment)
        except WorkflowException as error:
            savepoint.rollback()
            self.status = str(error)
            return
        api.portal.show_message(
            _(
                "status_dossier_received",
                default="Đã tiếp nhận hồ sơ ${code}. Ngày hẹn trả kết quả: ${due}.",
                mapping={
                    "code": dossier.code,
                    "due": format_datetime(dossier.due_date),
                },
            ),
            self.request,
            type="info",
        )
        self.request.response.redirect(dossier.absolute_url())

    @button.buttonAndHandler(_("button_cancel", default="Hủy"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())

    def _attach(self, dossier, upload) -> None:
        """Keep the uploaded file as a File item of the dossier.

        The desk owns the dossier it has just received, which lets it add files.
        """
        api.content.create(
            container=dossier,
            type="File",
            title=upload.filename or "tep-dinh-kem",
            file=upload,
        )


RequiredMessage = ErrorViewMessage(
    _("error_required", default="Vui lòng nhập thông tin này."),
    error=RequiredMissing,
    form=CounterIntakeForm,
)
