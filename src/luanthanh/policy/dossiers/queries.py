"""Dossier result sets as record ids, in the officials' order.

The workspace lists reads catalog metadata only (never ``getObject``) and
orders result sets with the indexes themselves, so that it stays fast with
100,000 dossiers: priority dossiers first, then by due date.  Every access to
ZCatalog's private structures goes through :mod:`luanthanh.policy.catalog_internals`.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import IITreeSet
from BTrees.IIBTree import intersection
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from luanthanh.policy import deadlines
from luanthanh.policy.catalog_internals import document_keys
from luanthanh.policy.catalog_internals import index_set
from luanthanh.policy.catalog_internals import index_tree
from luanthanh.policy.catalog_internals import result_rids
from luanthanh.policy.config import TZ
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from luanthanh.policy.dossiers.catalog import rewrite_query
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.states import OPEN
from luanthanh.policy.states import STATES


__all__ = [
    "DUE_FILTERS",
    "SOON_DAYS",
    "WALK_THRESHOLD",
    "DossierCatalog",
    "OrderedDossiers",
    "day_end",
    "day_start",
    "due_ranges",
    "queue_queries",
    "queue_states",
    "result_rids",
    "search_words",
]

#: The deadline filters and panels: due today, within two working days, overdue.
DUE_FILTERS = ("today", "soon", "overdue")
SOON_DAYS = 2
#: Below this many results a group is sorted in Python; above, by walking the
#: due date index in order, which stops as soon as the page is full.
WALK_THRESHOLD = 2000
#: Below ``len(group) / LOOKUP_RATIO`` ids under a due date, each id is looked
#: up in the group (log n) rather than merged with it (n).
LOOKUP_RATIO = 64


# Dates ------------------------------------------------------------------------


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


# Queues -----------------------------------------------------------------------


def search_words(q: str) -> str:
    """A search text as words for the full-text index.

    A phone number typed with spaces or dots ("0912 345 678", "+84 912...")
    is searched as its stored form ("0912345678"); :meth:`DossierCatalog.rids`
    then searches its keyed hash, never the number in clear.
    """
    phone = normalize_phone(q)
    return phone or q


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
    if "Manager" in roles and not roles & {
        "DossierReceiver",
        "DossierApprover",
    }:
        queries.append({"review_state": list(OPEN)})
    return queries


def queue_states(queries) -> list[str]:
    """The states the queue ``queries`` cover, in the order of the process."""
    wanted = {state for query in queries for state in query["review_state"]}
    return [state for state in STATES if state in wanted]


# Ordered result sets -----------------------------------------------------------


class DossierCatalog:
    """Secured queries on the dossier catalog as sets of record ids.

    A ``SearchableText`` that is a phone number or a CCCD is searched as its
    keyed hash (:func:`luanthanh.policy.dossiers.catalog.rewrite_query`).
    """

    def __init__(self):
        self.catalog = dossier_catalog()

    def rids(self, **query) -> IISet:
        query["portal_type"] = "Dossier"
        return result_rids(self.catalog.searchResults(**rewrite_query(query)))

    def index_set(self, name: str, value) -> IISet:
        """Every record whose index ``name`` matches ``value`` (not secured:
        only ever intersected with a secured set)."""
        return index_set(self.catalog, name, value)

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

    Items are what ``row_factory`` makes of a record id (the rids themselves
    without one), made only for what is read: a page of 50 out of 100,000
    makes 50.
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
        for group in self._groups:
            if len(group) <= WALK_THRESHOLD:
                keys = document_keys(self.catalog, "due_date")
                big = 1 << 62
                yield from sorted(group, key=lambda rid: (keys.get(rid, big), rid))
                continue
            seen = []
            size = len(group)
            for _key, docs in index_tree(self.catalog, "due_date").items():
                if isinstance(docs, int):
                    hits = (docs,) if docs in group else ()
                elif len(docs) * LOOKUP_RATIO < size:
                    # A merge would walk the large group up to the last of
                    # these few ids, for every key: 8 s to the last page of
                    # a million dossiers, against 0.2 s looking each one up.
                    hits = [rid for rid in docs if rid in group]
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
