"""The officials' dossier search: the dashboard's filters, read strictly.

``GET @dossier-search`` (through :mod:`luanthanh.policy.api.search`) takes
the filters of the dashboard (``@@ban-lam-viec``): state or state group,
field, procedure, scope ("mine"), assignee, channel, deadline (due today,
soon, overdue), reception date range and search text, plus the applicant's
phone or CCCD and an order.  Where the dashboard quietly drops a value it
does not understand, the search refuses it with an
:class:`~luanthanh.policy.errors.InvalidInput` (400) and a Vietnamese
message, so that a client never takes an unfiltered answer for a filtered
one.

The result sets come from :class:`~luanthanh.policy.dossiers.queries.DossierCatalog`
(secured catalog queries: only what the user may view) and are ordered as
the dashboard orders them; items are built from catalog metadata only.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import union
from dataclasses import dataclass
from datetime import date
from luanthanh.policy import deadlines
from luanthanh.policy.catalog_internals import document_keys
from luanthanh.policy.config import local
from luanthanh.policy.config import present
from luanthanh.policy.config import today as local_today
from luanthanh.policy.dossiers.queries import day_end
from luanthanh.policy.dossiers.queries import day_start
from luanthanh.policy.dossiers.queries import DossierCatalog
from luanthanh.policy.dossiers.queries import DUE_FILTERS
from luanthanh.policy.dossiers.queries import due_ranges
from luanthanh.policy.dossiers.queries import queue_queries
from luanthanh.policy.dossiers.queries import search_words
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import _
from luanthanh.policy.normalize import clean_id_number
from luanthanh.policy.normalize import normalize_id_number
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.searchtext import clean_query
from luanthanh.policy.searchtext import MAX_QUERY_LENGTH
from luanthanh.policy.searchtext import text_query
from luanthanh.policy.states import CLOSED
from luanthanh.policy.states import OPEN
from luanthanh.policy.states import RUNNING
from luanthanh.policy.states import STATES
from luanthanh.policy.states import UNRESOLVED
from luanthanh.policy.vocabularies import CHANNELS
from luanthanh.policy.vocabularies import field_pairs
from Products.ZCTextIndex.ParseTree import ParseError

import re


__all__ = [
    "DEFAULT_BATCH_SIZE",
    "MAX_BATCH_SIZE",
    "SORTS",
    "STATE_GROUPS",
    "Criteria",
    "Found",
    "contact_query",
    "parse_criteria",
    "search",
    "summary",
]

#: Names a client may give instead of states: the groups of :mod:`.states`.
STATE_GROUPS = {
    "unresolved": UNRESOLVED,
    "open": OPEN,
    "running": RUNNING,
    "closed": CLOSED,
}
#: ``due``: the dashboard's order (priority first, then by due date);
#: ``received`` / ``-received``: by reception date, oldest / newest first.
SORTS = ("due", "received", "-received")
SCOPES = ("all", "mine")
DEFAULT_BATCH_SIZE = 25
MAX_BATCH_SIZE = 100
#: The filters a request may carry; anything else is refused.
PARAMETERS = frozenset(
    {
        "q",
        "state",
        "field",
        "procedure",
        "scope",
        "assigned_to",
        "channel",
        "due",
        "from",
        "to",
        "phone",
        "id_number",
        "sort",
        "b_start",
        "b_size",
    }
)
_PROCEDURE_RE = re.compile(r"[\w.\-]{1,40}")
_USERID_RE = re.compile(r"[\w.@\-]{1,100}")


@dataclass(frozen=True)
class Criteria:
    """A checked search: every value is one the catalog query can use."""

    q: str = ""
    states: tuple[str, ...] = ()
    field: str = ""
    procedure: str = ""
    scope: str = "all"
    assigned_to: str = ""
    channel: str = ""
    due: str = ""
    date_from: date | None = None
    date_to: date | None = None
    phone: str = ""
    id_number: str = ""
    sort: str = "due"
    b_start: int = 0
    b_size: int = DEFAULT_BATCH_SIZE

    @property
    def effective_states(self) -> tuple[str, ...] | None:
        """The states searched: None for every state.

        A deadline filter only ever finds unresolved dossiers (those the
        dashboard's panels count; a closed dossier is never overdue): without
        a state it means the unresolved ones, with states only those of them
        that are unresolved (``state=returned&due=overdue`` finds nothing).
        """
        if self.due:
            return tuple(s for s in self.states or UNRESOLVED if s in UNRESOLVED)
        return self.states or None

    def query(self, ranges: dict) -> dict:
        """The catalog criteria (without the text, the contact and the scope)."""
        query: dict = {}
        states = self.effective_states
        if states is not None:
            query["review_state"] = list(states)
        if self.field:
            query["procedure_field"] = self.field
        if self.procedure:
            query["procedure_code"] = self.procedure
        if self.channel:
            query["channel"] = self.channel
        if self.assigned_to:
            query["assigned_to"] = self.assigned_to
        if self.date_from and self.date_to:
            query["received_at"] = {
                "query": (day_start(self.date_from), day_end(self.date_to)),
                "range": "min:max",
            }
        elif self.date_from:
            query["received_at"] = {"query": day_start(self.date_from), "range": "min"}
        elif self.date_to:
            query["received_at"] = {"query": day_end(self.date_to), "range": "max"}
        if self.due:
            query["due_date"] = ranges[self.due]
        return query


# Reading the request ----------------------------------------------------------


def _refuse(field: str, message) -> InvalidInput:
    return InvalidInput(message, field=field)


def _values(form, name: str) -> list[str]:
    """The values of ``name``: repeated (``state=a&state=b``) or comma-separated."""
    value = form.get(name)
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    values = []
    for item in items:
        if not isinstance(item, str):
            raise _refuse(
                name, _("search_bad_value", default="Giá trị lọc không hợp lệ.")
            )
        values.extend(v.strip() for v in item.split(",") if v.strip())
    return values


def _text(form, name: str) -> str:
    values = _values(form, name)
    if len(values) > 1:
        raise _refuse(
            name,
            _(
                "search_one_value",
                default="Chỉ được chọn một giá trị cho bộ lọc ${name}.",
                mapping={"name": name},
            ),
        )
    return values[0] if values else ""


def _choice(form, name: str, allowed, message) -> str:
    value = _text(form, name)
    if value and value not in allowed:
        raise _refuse(name, message)
    return value


def _day(form, name: str) -> date | None:
    value = _text(form, name)
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _refuse(
        name,
        _(
            "search_bad_date",
            default="Ngày không hợp lệ: hãy nhập theo dạng YYYY-MM-DD.",
        ),
    )


def _int(form, name: str, default: int) -> int:
    value = _text(form, name)
    if not value:
        return default
    if not value.isdigit() or len(value) > 9:
        raise _refuse(
            name,
            _("search_bad_number", default="Giá trị phân trang không hợp lệ."),
        )
    return int(value)


def _states(form) -> tuple[str, ...]:
    states: list[str] = []
    for value in _values(form, "state"):
        if value in STATE_GROUPS:
            states.extend(STATE_GROUPS[value])
        elif value in STATES:
            states.append(value)
        else:
            raise _refuse(
                "state",
                _("search_unknown_state", default="Trạng thái hồ sơ không hợp lệ."),
            )
    return tuple(s for s in STATES if s in states)


def parse_criteria(form) -> Criteria:
    """The checked criteria of a request's ``form``; :class:`InvalidInput` else."""
    unknown = sorted(set(form) - PARAMETERS)
    if unknown:
        raise InvalidInput(
            _(
                "search_unknown_parameter",
                default="Tham số tìm kiếm không được hỗ trợ: ${names}.",
                mapping={"names": ", ".join(unknown)},
            ),
            field=unknown[0],
        )
    raw_q = _text(form, "q")
    if len(raw_q) > MAX_QUERY_LENGTH:
        raise _refuse(
            "q",
            _("search_text_too_long", default="Nội dung tìm kiếm quá dài."),
        )
    procedure = _text(form, "procedure")
    if procedure and not _PROCEDURE_RE.fullmatch(procedure):
        raise _refuse(
            "procedure",
            _("search_bad_procedure", default="Mã thủ tục không hợp lệ."),
        )
    assigned_to = _text(form, "assigned_to")
    if assigned_to and not _USERID_RE.fullmatch(assigned_to):
        raise _refuse(
            "assigned_to",
            _("search_bad_assignee", default="Người được phân công không hợp lệ."),
        )
    phone = _text(form, "phone")
    if phone and not normalize_phone(phone):
        raise _refuse(
            "phone",
            _("search_bad_phone", default="Số điện thoại không hợp lệ."),
        )
    id_number = _text(form, "id_number")
    if id_number and not normalize_id_number(clean_id_number(id_number)):
        raise _refuse(
            "id_number",
            _(
                "search_bad_id_number",
                default="Số định danh cá nhân (CCCD) phải gồm 12 chữ số.",
            ),
        )
    date_from, date_to = _day(form, "from"), _day(form, "to")
    if date_from and date_to and date_to < date_from:
        raise _refuse(
            "to",
            _(
                "search_bad_period",
                default="Ngày kết thúc không được trước ngày bắt đầu.",
            ),
        )
    b_size = _int(form, "b_size", DEFAULT_BATCH_SIZE)
    if not 1 <= b_size <= MAX_BATCH_SIZE:
        raise _refuse(
            "b_size",
            _(
                "search_bad_batch_size",
                default="Số hồ sơ mỗi trang phải từ 1 đến ${max}.",
                mapping={"max": MAX_BATCH_SIZE},
            ),
        )
    return Criteria(
        q=clean_query(raw_q),
        states=_states(form),
        field=_choice(
            form,
            "field",
            [token for token, _title in field_pairs()],
            _("search_unknown_field", default="Lĩnh vực không hợp lệ."),
        ),
        procedure=procedure,
        scope=_choice(
            form,
            "scope",
            SCOPES,
            _("search_bad_scope", default="Phạm vi phải là 'all' hoặc 'mine'."),
        )
        or "all",
        assigned_to=assigned_to,
        channel=_choice(
            form,
            "channel",
            [token for token, _label in CHANNELS],
            _("search_unknown_channel", default="Kênh tiếp nhận không hợp lệ."),
        ),
        due=_choice(
            form,
            "due",
            DUE_FILTERS,
            _(
                "search_bad_due",
                default="Bộ lọc hạn xử lý phải là today, soon hoặc overdue.",
            ),
        ),
        date_from=date_from,
        date_to=date_to,
        phone=normalize_phone(phone),
        id_number=normalize_id_number(clean_id_number(id_number)),
        sort=_choice(
            form,
            "sort",
            SORTS,
            _(
                "search_bad_sort",
                default="Thứ tự sắp xếp phải là due, received hoặc -received.",
            ),
        )
        or "due",
        b_start=_int(form, "b_start", 0),
        b_size=b_size,
    )


# Running it ---------------------------------------------------------------------


def contact_query(phone: str = "", id_number: str = "") -> list[dict]:
    """Catalog criteria finding dossiers by the applicant's phone or CCCD.

    ``phone`` and ``id_number`` are normalised already.  Today both are words
    of the dossier's ``SearchableText``; the one place to change when the
    catalog indexes them as keyed hashes instead.
    """
    return [
        {"SearchableText": text_query(value)} for value in (phone, id_number) if value
    ]


def _text_rids(dossiers: DossierCatalog, words: str, query: dict) -> IISet:
    """As the dashboard: every word, then the last one as a prefix."""
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
    words = search_words(criteria.q) if criteria.q else ""
    try:
        rids = _text_rids(dossiers, words, query) if words else dossiers.rids(**query)
        for contact in contact_query(criteria.phone, criteria.id_number):
            if not len(rids):
                break
            rids = intersection(rids, dossiers.rids(**contact, **query))
    except ParseError as error:
        raise _refuse(
            "q", _("search_bad_text", default="Nội dung tìm kiếm không hợp lệ.")
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
    return moment.isoformat() if moment is not None else None


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
