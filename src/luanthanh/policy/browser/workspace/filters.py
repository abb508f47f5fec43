"""The dashboard's filters: read from the request (GET, bookmarkable), as catalog
criteria and as the query string of links."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from luanthanh.policy.dossiers.criteria import Criteria
from luanthanh.policy.dossiers.queries import DUE_FILTERS
from luanthanh.policy.formatting import parse_day
from luanthanh.policy.searchtext import clean_query
from luanthanh.policy.states import STATES
from luanthanh.policy.vocabularies import CHANNELS
from luanthanh.policy.vocabularies import field_pairs
from urllib.parse import urlencode

import re


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
    #: Days typed that are no day (dd/mm/yyyy or yyyy-mm-dd): name → text.
    invalid_dates: dict = dataclass_field(default_factory=dict)

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
        days = {name: parse_day(text(name)) for name in ("from", "to")}
        invalid = {
            name: text(name) for name, day in days.items() if text(name) and not day
        }
        return cls(
            scope="all" if text("scope") == "all" else "mine",
            q=clean_query(text("q")),
            field=choice("field", [t for t, _title in field_pairs()]),
            procedure=procedure if re.fullmatch(r"[\w.\-]{1,40}", procedure) else "",
            state=choice("state", STATES),
            channel=choice("channel", [t for t, _label in CHANNELS]),
            date_from=days["from"],
            date_to=days["to"],
            due=choice("due", DUE_FILTERS),
            invalid_dates=invalid,
        )

    def query(self, ranges: dict) -> dict:
        """The catalog criteria of the filters (without the scope).

        Built by :class:`luanthanh.policy.dossiers.criteria.Criteria`, as
        ``@dossier-search`` builds them, so that both filter alike; the state
        is set by the dashboard itself.
        """
        return Criteria(
            field=self.field,
            procedure=self.procedure,
            channel=self.channel,
            date_from=self.date_from,
            date_to=self.date_to,
            due=self.due,
        ).query(ranges)

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
