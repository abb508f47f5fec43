"""The officials' dossier search, read strictly from a request.

The filters of the dashboard (``@@ban-lam-viec``): state or state group,
field, procedure, scope ("mine"), assignee, channel, deadline (due today,
soon, overdue), reception date range and search text, plus the applicant's
phone or CCCD, an order and a page.  Where the dashboard quietly drops a
value it does not understand, :func:`parse_criteria` refuses it with an
:class:`~luanthanh.policy.errors.InvalidInput` (400) that names the field and
says what is wrong in Vietnamese, so that a client never takes an unfiltered
answer for a filtered one.  :mod:`.search` runs the criteria.
"""

from dataclasses import dataclass
from datetime import date
from luanthanh.policy.dossiers.queries import day_end
from luanthanh.policy.dossiers.queries import day_start
from luanthanh.policy.dossiers.queries import DUE_FILTERS
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.i18n import _
from luanthanh.policy.normalize import clean_id_number
from luanthanh.policy.normalize import normalize_id_number
from luanthanh.policy.normalize import normalize_phone
from luanthanh.policy.searchtext import clean_query
from luanthanh.policy.searchtext import MAX_QUERY_LENGTH
from luanthanh.policy.states import CLOSED
from luanthanh.policy.states import OPEN
from luanthanh.policy.states import RUNNING
from luanthanh.policy.states import STATES
from luanthanh.policy.states import UNRESOLVED
from luanthanh.policy.vocabularies import CHANNELS
from luanthanh.policy.vocabularies import field_pairs

import re


__all__ = [
    "DEFAULT_BATCH_SIZE",
    "MAX_BATCH_SIZE",
    "PARAMETERS",
    "SORTS",
    "STATE_GROUPS",
    "Criteria",
    "parse_criteria",
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


def _values(form, name: str, split: bool = False) -> list[str]:
    """The values of ``name``: one, repeated (``state=a&state=b``), a JSON
    list, or (with ``split``) comma-separated; a JSON number as its digits."""
    value = form.get(name)
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    values = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str):
            raise _refuse(
                name, _("search_bad_value", default="Giá trị lọc không hợp lệ.")
            )
        parts = item.split(",") if split else [item]
        values.extend(v.strip() for v in parts if v.strip())
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
    for value in _values(form, "state", split=True):
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
                default="Số định danh cá nhân phải gồm 12 chữ số.",
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
