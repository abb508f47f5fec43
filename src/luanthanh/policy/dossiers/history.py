"""A dossier's history: one typed entry per thing that happened to it.

Entries are stored as plain dicts in a ``PersistentList`` on the dossier
(``history``, declared in IDossier), so that existing databases read as they
are; :class:`HistoryEntry` is their one shape.  The control slip (mẫu 06), the
dossier page and the exports read them.
"""

from Acquisition import aq_base
from datetime import datetime
from luanthanh.policy.config import now
from persistent.list import PersistentList
from plone import api
from typing import TypedDict


class HistoryEntry(TypedDict, total=False):
    """One step of a dossier's life."""

    #: The transition id, or a pseudo-action (``supplement_received``, ``rate``...).
    action: str
    #: The user id of who did it; "" for the citizen or the system.
    actor: str
    #: When, aware, in UTC.
    time: datetime
    from_state: str
    to_state: str
    comment: str
    #: The due date before and after the step (a step may move it).
    due_date_before: datetime | None
    due_date_after: datetime | None
    #: Set on entries written by the historic import.
    imported: bool


def current_actor() -> str:
    """The id of the current user; empty for Anonymous (a citizen online)."""
    return api.user.get_current().getId() or ""


def make_entry(
    action: str,
    *,
    from_state: str,
    to_state: str,
    actor: str | None = None,
    time: datetime | None = None,
    comment: str = "",
    due_date_before: datetime | None = None,
    due_date_after: datetime | None = None,
    imported: bool = False,
) -> HistoryEntry:
    """A history entry; the actor defaults to the current user, the time to now."""
    if actor is None:
        actor = current_actor()
    entry = HistoryEntry(
        action=action,
        actor=actor,
        time=time if time is not None else now(),
        from_state=from_state,
        to_state=to_state,
        comment=comment or "",
        due_date_before=due_date_before,
        due_date_after=due_date_after,
    )
    if imported:
        entry["imported"] = True
    return entry


def _stored_list(dossier) -> PersistentList:
    history = aq_base(dossier).__dict__.get("history")
    if not isinstance(history, PersistentList):
        history = PersistentList(history or ())
        dossier.history = history
    return history


def append(dossier, entry: HistoryEntry) -> HistoryEntry:
    """Add ``entry`` at the end of the dossier's history."""
    _stored_list(dossier).append(dict(entry))
    return entry


def replace(dossier, entries: list[HistoryEntry]) -> None:
    """Set the whole history (the historic import writes it in one go)."""
    dossier.history = PersistentList(dict(entry) for entry in entries)


def entries(dossier) -> list[HistoryEntry]:
    """The history, oldest first (a copy)."""
    return list(getattr(aq_base(dossier), "history", None) or ())


def last(dossier, actions) -> HistoryEntry | None:
    """The latest entry of one of ``actions``, or None."""
    for entry in reversed(entries(dossier)):
        if entry.get("action") in actions:
            return entry
    return None


def is_imported(dossier) -> bool:
    """Whether the dossier came from the historic import (its history says so)."""
    return any(
        isinstance(entry, dict) and entry.get("imported") for entry in entries(dossier)
    )
