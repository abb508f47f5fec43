"""The officials' dossier search: run checked criteria, summarise the results.

``GET @dossier-search`` (through :mod:`luanthanh.policy.api.search`) reads
its filters with :func:`.criteria.parse_criteria` (the dashboard's filters,
strictly).  The result sets come from
:class:`~luanthanh.policy.dossiers.queries.DossierCatalog` (secured catalog
queries: only what the user may view, whichever catalog holds the dossiers)
and are ordered as the dashboard orders them; items are built from catalog
metadata only.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import union
from luanthanh.policy import deadlines
from luanthanh.policy.catalog_internals import document_keys
from luanthanh.policy.config import local
from luanthanh.policy.config import present
from luanthanh.policy.config import today as local_today
from luanthanh.policy.dossiers.catalog import applicant_key
from luanthanh.policy.dossiers.codes import whole_code
from luanthanh.policy.dossiers.criteria import Criteria
from luanthanh.policy.dossiers.queries import DossierCatalog
from luanthanh.policy.dossiers.queries import due_ranges
from luanthanh.policy.dossiers.queries import queue_queries
from luanthanh.policy.dossiers.queries import search_words
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import _
from luanthanh.policy.searchtext import text_query
from luanthanh.policy.states import UNRESOLVED
from Products.ZCTextIndex.ParseTree import ParseError


__all__ = ["Found", "contact_query", "search", "summary", "text_rids"]

#: A key no dossier has: the query when the site has no secret (yet).
NO_KEY = "-"


# Running it ---------------------------------------------------------------------


def contact_query(phone: str = "", id_number: str = "") -> list[dict]:
    """Catalog criteria finding dossiers by the applicant's phone or CCCD.

    ``phone`` and ``id_number`` are normalised already.  The dossier catalog
    indexes them only as keyed hashes (``applicant_keys``), so the query is
    the same hash; without the site's secret nothing can match.
    """
    pairs = (("phone", phone), ("id", id_number))
    return [
        {"applicant_keys": applicant_key(kind, value) or NO_KEY}
        for kind, value in pairs
        if value
    ]


def text_rids(dossiers: DossierCatalog, q: str, query: dict) -> IISet:
    """The dossiers of ``query`` that the search box's text ``q`` finds.

    One whole dossier code (typed, pasted or scanned from a receipt) is
    looked up in the ``dossier_code`` index: that dossier alone, in the same
    time at a hundred or a million dossiers.  Otherwise, or when no dossier
    has that code, the full-text index: every word, then the last one as a
    prefix.  A phone number is searched as its stored form, whose keyed
    hash :meth:`DossierCatalog.rids` looks up.  Raises ZCTextIndex's
    ``ParseError`` for text it cannot parse.
    """
    code = whole_code(q)
    if code:
        rids = dossiers.rids(dossier_code=code, **query)
        if len(rids):
            return rids
    words = search_words(q)
    rids = dossiers.rids(SearchableText=text_query(words), **query)
    if not len(rids):
        rids = dossiers.rids(SearchableText=text_query(words, prefix=True), **query)
    return rids


def _union(sets) -> IISet:
    result = IISet()
    for item in sets:
        result = union(result, item)
    return result


def _rids(criteria: Criteria, dossiers: DossierCatalog, userid: str, roles) -> IISet:
    calendar = deadlines.WorkCalendar.from_registry()
    if criteria.effective_states == ():
        return IISet()  # an empty list would not filter at all
    query = criteria.query(due_ranges(local_today(), calendar))
    try:
        rids = (
            text_rids(dossiers, criteria.q, query)
            if criteria.q
            else dossiers.rids(**query)
        )
        for contact in contact_query(criteria.phone, criteria.id_number):
            if not len(rids):
                break
            rids = intersection(rids, dossiers.rids(**contact, **query))
    except ParseError as error:
        raise InvalidInput(
            _("search_bad_text", default="Nội dung tìm kiếm không hợp lệ."),
            field="q",
        ) from error
    if criteria.scope == "mine":
        queue = _union(dossiers.rids(**q) for q in queue_queries(userid, roles))
        rids = intersection(rids, queue)
    return rids


def _sorted(dossiers: DossierCatalog, rids, sort: str):
    if sort == "due":
        return dossiers.ordered(rids)
    keys = document_keys(dossiers.catalog, "received_at")
    newest = sort.startswith("-")
    missing = -1 if newest else 1 << 62  # undated last, either way

    def key(rid: int):
        return (keys.get(rid, missing), rid)

    return sorted(rids, key=key, reverse=newest)


class Found:
    """The dossiers of a search, in order; items made only for what is read.

    A sequence (for plone.batching): ``factory(catalog, rid)`` makes each
    item; a page of 25 out of 100,000 makes 25.
    """

    def __init__(self, rids, catalog, factory=None):
        self.rids = rids
        self.catalog = catalog
        self.factory = factory

    def __len__(self) -> int:
        return len(self.rids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        rid = self.rids[index]
        return self.factory(self.catalog, rid) if self.factory else rid

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]


def search(criteria: Criteria, userid: str, roles, factory=None) -> Found:
    """The dossiers of a checked search, in the order ``criteria.sort`` asks.

    Only dossiers the current user may view (the catalog's security filter).
    ``roles`` are the user's roles where the search runs (for ``scope=mine``);
    ``factory(catalog, rid)`` makes the items (the record ids without one).
    """
    dossiers = DossierCatalog()
    rids = _rids(criteria, dossiers, userid, roles)
    return Found(_sorted(dossiers, rids, criteria.sort), dossiers.catalog, factory)


# One item --------------------------------------------------------------------------


def _iso(value) -> str | None:
    moment = local(value)
    return moment.isoformat(timespec="seconds") if moment is not None else None


def summary(meta: dict, url: str, state_title: str, assignee: str) -> dict:
    """A compact summary of one dossier from its catalog metadata ``meta``."""
    state = present(meta.get("review_state")) or ""
    due = local(meta.get("due_date"))
    assigned_to = present(meta.get("assigned_to")) or ""
    return {
        "@id": url,
        "@type": "Dossier",
        "code": present(meta.get("dossier_code")) or meta.get("id") or "",
        "title": present(meta.get("Title")) or "",
        "review_state": state,
        "review_state_title": state_title,
        "procedure": {
            "code": present(meta.get("procedure_code")) or "",
            "title": present(meta.get("procedure_title")) or "",
        },
        "field": present(meta.get("procedure_field")) or "",
        "applicant_name": present(meta.get("applicant_name")) or "",
        "channel": present(meta.get("channel")) or "",
        "priority": bool(present(meta.get("priority"))),
        "received_at": _iso(meta.get("received_at")),
        "due_date": _iso(due),
        "returned_at": _iso(meta.get("returned_at")),
        "overdue": bool(
            due is not None and state in UNRESOLVED and due.date() < local_today()
        ),
        "assigned_to": (
            {"id": assigned_to, "fullname": assignee} if assigned_to else None
        ),
    }
