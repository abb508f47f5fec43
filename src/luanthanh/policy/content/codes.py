"""Dossier codes: ``<agency code>-<yymmdd>-<sequence of the day>``.

Example: ``000.00.99.H56-251205-0001``.  The sequence is a small persistent
counter per day, kept in an annotation of the dossier folder.  It has no
conflict resolution on purpose: two transactions that take a number at the
same moment conflict, and ZODB lets only one of them commit; Zope retries the
other, which then takes the next number.  So a number is never handed out
twice, across threads, processes and ZEO or RelStorage clients.

Historic imports (:mod:`luanthanh.policy.exchange.dossiers`) keep the old
system's codes and never take a number; :func:`next_code` skips a number
whose dossier already exists in the folder, so that it never hands out a code
that an import used.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from persistent import Persistent
from plone import api
from zoneinfo import ZoneInfo
from zope.annotation.interfaces import IAnnotations


TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ANNOTATION_KEY = "luanthanh.policy.dossier_sequences"
AGENCY_RECORD = "luanthanh.policy.dossier.agency_code"
DEFAULT_AGENCY = "000.00.99.H56"


class DailyCounter(Persistent):
    """The last number handed out on one day."""

    def __init__(self):
        self.value = 0


def _counters(folder) -> OOBTree:
    annotations = IAnnotations(folder)
    counters = annotations.get(ANNOTATION_KEY)
    if counters is None:
        counters = annotations[ANNOTATION_KEY] = OOBTree()
    return counters


def agency_code() -> str:
    return api.portal.get_registry_record(AGENCY_RECORD, default=None) or DEFAULT_AGENCY


def next_code(folder, when: datetime | None = None) -> str:
    """Take the next dossier code of the day of ``when`` (local date)."""
    when = (when or datetime.now(TZ)).astimezone(TZ)
    day = when.strftime("%y%m%d")
    counters = _counters(folder)
    counter = counters.get(day)
    if counter is None:
        counter = counters[day] = DailyCounter()
    agency = agency_code()
    while True:
        counter.value += 1
        code = f"{agency}-{day}-{counter.value:04d}"
        # Taken by an imported dossier: try the next number.
        if dossier_id(code) not in folder:
            return code


def dossier_id(code: str) -> str:
    """The id of the dossier with this code: lower case, dots as dashes.

    ``000.00.99.H56-251205-0001`` → ``000-00-99-h56-251205-0001``, the form
    Plone's own URL normalizer gives, whichever way the dossier is created.
    """
    return code.lower().replace(".", "-")
