"""Who viewed a dossier and who downloaded its files: the access log.

Design
------
One log per dossier, in an annotation of the dossier: an ``LOBTree`` keyed by
the time in microseconds (UTC), each value a tuple ``(userid, action, target,
address)``, with a ``BTrees.Length`` counter.

* **Append-only, bounded.** Entries are only added; past ``MAX_ENTRIES`` the
  oldest are dropped in one batch of ``TRIM`` (so the trim, which could
  conflict, runs once per ``TRIM`` views, not on every view).
* **No conflicting writes on reads.** Viewing a dossier writes a new key into
  its own small tree, never the dossier, its catalog entry or its modification
  date.  Two officials viewing the same dossier at the same moment add two
  different keys to the same bucket, which BTrees' conflict resolution merges;
  ``Length`` resolves its own conflicts.  Views of different dossiers touch
  different trees.  A site-wide log, one tree for every view, would make every
  page view of every official fight over the same buckets.
* **Kept with the data.** The log is in the ZODB, so it is backed up, packed
  and moved with the dossier, and deleting a dossier deletes its log.  No SQL
  database, no log file to rotate and ship per Zope process.
* **Written only by the publisher.** ``record_access`` runs after traversal and
  the security check, for authenticated GET/HEAD requests on a dossier or
  anything inside it: an Anonymous request never gets that far, and a refused
  one writes nothing because its transaction is aborted.  The write is marked
  as a safe write for plone.protect (only the objects it touched).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from datetime import datetime
from datetime import UTC
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.interfaces import IBrowserLayer
from luanthanh.policy.throttle import client_ip
from persistent import Persistent
from plone.protect.utils import safeWrite
from zope.annotation.interfaces import IAnnotations

import time


KEY = "luanthanh.policy.audit"
MAX_ENTRIES = 5000
TRIM = 500
VIEW = "view"
DOWNLOAD = "download"
DOWNLOAD_VIEWS = {"@@download", "download", "@@display-file", "display-file"}


class AccessLog(Persistent):
    """The access log of one dossier."""

    def __init__(self):
        self.entries = LOBTree()
        self.length = Length()

    def add(self, userid: str, action: str, target: str, address: str, now=None):
        now = time.time() if now is None else now
        key = int(now * 1_000_000)
        while key in self.entries:  # two entries in the same microsecond
            key += 1
        self.entries[key] = (userid, action, target, address)
        self.length.change(1)
        if self.length() > MAX_ENTRIES + TRIM:
            for _i in range(TRIM):
                del self.entries[self.entries.minKey()]
            self.length.change(-TRIM)

    def __len__(self) -> int:
        return self.length()

    def items(self, limit: int = 500):
        """The newest ``limit`` entries, newest first, as dicts."""
        result = []
        keys = list(self.entries.keys())[-limit:]
        for key in reversed(keys):
            userid, action, target, address = self.entries[key]
            result.append(
                {
                    "time": datetime.fromtimestamp(key / 1_000_000, UTC),
                    "userid": userid,
                    "action": action,
                    "target": target,
                    "address": address,
                }
            )
        return result


def access_log(dossier, create: bool = False) -> AccessLog | None:
    annotations = IAnnotations(dossier)
    log = annotations.get(KEY)
    if log is None and create:
        log = annotations[KEY] = AccessLog()
    return log


def _registered(obj) -> list:
    jar = getattr(obj, "_p_jar", None)
    return list(getattr(jar, "_registered_objects", ()) or ())


def record(dossier, userid: str, action: str, target: str, request=None) -> None:
    """Append one entry; writes made here are safe writes for plone.protect."""
    dossier = aq_inner(dossier)
    before = {id(o) for o in _registered(dossier)}
    address = client_ip(request) if request is not None else ""
    access_log(dossier, create=True).add(userid, action, target, address)
    if request is not None:
        for obj in _registered(dossier):
            if id(obj) not in before:
                safeWrite(obj, request)


def _published_context(published):
    context = getattr(published, "context", None)
    if context is None:
        context = getattr(published, "__self__", None)  # a bound method
    if context is None:
        context = published
    return context


def record_access(event) -> None:
    """IPubAfterTraversal: log authenticated reads of dossiers and their files."""
    request = event.request
    if not IBrowserLayer.providedBy(request):
        return
    if request.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
        return
    published = request.get("PUBLISHED")
    if published is None:
        return
    context = _published_context(published)
    try:
        chain = aq_chain(aq_inner(context))
    except TypeError:
        return
    dossier = next((o for o in chain if IDossier.providedBy(o)), None)
    if dossier is None:
        return
    user = getSecurityManager().getUser()
    userid = user.getId() if user is not None else None
    if not userid:
        return  # Anonymous never sees a dossier; nothing to record
    name = getattr(published, "__name__", "") or ""
    if aq_base(context) is not aq_base(dossier):
        action, target = DOWNLOAD, context.getId()
    elif name in DOWNLOAD_VIEWS or name.lstrip("@") in DOWNLOAD_VIEWS:
        action, target = DOWNLOAD, getattr(published, "fieldname", "") or name
    else:
        action, target = VIEW, name or "view"
    record(dossier, userid, action, target, request)


def create_log(dossier, event) -> None:
    """IObjectAddedEvent: give a new dossier its (empty) access log at once, so
    that a first view later writes only into the log, never the dossier."""
    access_log(dossier, create=True)
