"""Who read, downloaded or changed a dossier: the access log.

Design
------
One log per dossier, in an annotation of the dossier: an ``LOBTree`` keyed by
the time in microseconds (UTC), each value a tuple ``(userid, action, target,
address, method, status)``, with a ``BTrees.Length`` counter.  Logs written
before issue #14 hold 4-tuples ``(userid, action, target, address)``; they are
read as GET requests with an unknown status, nothing to migrate.

* **Every method.** ``record_access`` runs at ``IPubBeforeCommit``, for every
  request (GET, HEAD, POST, PUT, PATCH, DELETE, Classic or ``++api++``) whose
  published object is a dossier or anything inside it: views, downloads,
  edits, transitions (``@@chuyen-trang-thai``, ``@workflow``), uploads.  Reads
  are ``view``/``download``; every other method is ``write``, with the method,
  the path below the dossier and the status of the answer.
* **A refused request writes nothing.**  ``IPubBeforeCommit`` is notified only
  when the request's transaction is about to be committed.  A request refused
  by the security machinery (Unauthorized, NotFound, any exception) is aborted
  instead: its entry could not be kept, and nothing changed in the dossier.
  A request answered with an error status (a REST service's structured 400
  or 403, committed but refused) is not logged either: it returned no dossier
  data and changed nothing.  A request that changed the dossier is committed,
  and its entry with it, in the same transaction: no write without its log
  entry.  Anonymous requests never reach a dossier (the workflow gives
  Anonymous nothing there) and are not logged.
* **Trimmed by age, never by count.**  Entries older than the retention
  (``luanthanh.policy.dossier.access_log_retention_days``, 5 years by
  default, see :data:`DEFAULT_RETENTION_DAYS`) are removed.  No count cap: an
  official cannot push other people's entries out with a few thousand
  requests.  The trim costs nothing on most requests: it runs only when the
  oldest entry is older than the retention plus :data:`TRIM_SLACK` (30 days),
  so it runs at most once a month per dossier, and keeps no extra state.
* **No conflicting writes on reads.** Viewing a dossier writes a new key into
  its own small tree, never the dossier, its catalog entry or its modification
  date.  Two officials viewing the same dossier at the same moment add two
  different keys to the same bucket, which BTrees' conflict resolution merges;
  ``Length`` resolves its own conflicts.  Views of different dossiers touch
  different trees.  An imported (historic) dossier has no log until its
  first logged request, which writes the dossier's annotations once: a
  historic file of hundreds of thousands of dossiers, seldom opened, would
  otherwise write four empty objects per dossier (issue #15); the readers
  take a missing log for an empty one.  Reads of many dossiers at once
  (searches, the dashboard, the tracking book) are logged once, site-wide,
  in :mod:`.bulk`.
* **Kept with the data.** The log is in the ZODB, so it is backed up, packed
  and moved with the dossier, and deleting a dossier deletes its log.
* **Unreadable and unwritable by officials.**  Only the administrator
  (Manager, Site Administrator: "luanthanh.policy: View audit log") reads it,
  through ``@@nhat-ky-truy-cap``.  The log is an annotation: it lives under
  ``__annotations__``, a name that neither URL traversal nor restricted code
  may use, and ``AccessLog`` declares no security, so restricted code could
  not call it even if it got hold of it.  No REST serializer includes it.
  The only writer is the publisher (this module), which marks its own writes
  as safe writes for plone.protect (only the objects it touched).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from datetime import datetime
from datetime import UTC
from luanthanh.policy import settings
from luanthanh.policy.content.dossier import IDossier
from luanthanh.policy.interfaces import ACCESS_LOG_MIN_RETENTION_DAYS
from luanthanh.policy.interfaces import ACCESS_LOG_RETENTION_DAYS
from luanthanh.policy.interfaces import IBrowserLayer
from luanthanh.policy.throttle import client_ip
from persistent import Persistent
from plone.protect.utils import safeWrite
from zope.annotation.interfaces import IAnnotations

import re
import time


KEY = "luanthanh.policy.audit"
VIEW = "view"
DOWNLOAD = "download"
WRITE = "write"
READS = ("GET", "HEAD")
DOWNLOAD_VIEWS = {"@@download", "download", "@@display-file", "display-file"}
DAY = 86_400
SERVICE_NAME = re.compile(r"^[A-Z]+_application_json_(.*)$")
#: Five years by default, never less than a year: see the registry record.
DEFAULT_RETENTION_DAYS = ACCESS_LOG_RETENTION_DAYS
MIN_RETENTION_DAYS = ACCESS_LOG_MIN_RETENTION_DAYS
#: The trim waits until the oldest entry is this much older than the retention.
TRIM_SLACK = 30 * DAY


def retention_seconds() -> int:
    """The retention of access logs in seconds (registry, with a floor)."""
    try:
        days = int(settings.dossiers().access_log_retention_days)
    except (AttributeError, TypeError, ValueError):
        days = DEFAULT_RETENTION_DAYS
    return max(days, MIN_RETENTION_DAYS) * DAY


def trim_tree(entries: LOBTree, now: float, retention: int | None) -> int:
    """Remove the entries older than ``retention`` seconds, if the oldest is
    older than the retention plus :data:`TRIM_SLACK`; the number removed."""
    if not retention or not entries:
        return 0
    cutoff = int((now - retention) * 1_000_000)
    if entries.minKey() >= cutoff - TRIM_SLACK * 1_000_000:
        return 0
    old = list(entries.keys(max=cutoff, excludemax=True))
    for key in old:
        del entries[key]
    return len(old)


def free_key(entries: LOBTree, now: float) -> int:
    key = int(now * 1_000_000)
    while key in entries:  # two entries in the same microsecond
        key += 1
    return key


def as_dict(key: int, value: tuple) -> dict:
    """An entry, in either stored format."""
    if len(value) == 4:  # before issue #14: reads only
        value = (*value, "GET", None)
    userid, action, target, address, method, status = value
    return {
        "time": datetime.fromtimestamp(key / 1_000_000, UTC),
        "userid": userid,
        "action": action,
        "target": target,
        "address": address,
        "method": method,
        "status": status,
    }


class AccessLog(Persistent):
    """The access log of one dossier."""

    def __init__(self):
        self.entries = LOBTree()
        self.length = Length()

    def add(
        self,
        userid: str,
        action: str,
        target: str,
        address: str,
        now=None,
        method: str = "GET",
        status: int | None = None,
        retention: int | None = None,
    ):
        now = time.time() if now is None else now
        key = free_key(self.entries, now)
        self.entries[key] = (userid, action, target, address, method, status)
        self.length.change(1)
        removed = trim_tree(self.entries, now, retention)
        if removed:
            self.length.change(-removed)

    def __len__(self) -> int:
        return self.length()

    def items(self, limit: int = 500):
        """The newest ``limit`` entries, newest first, as dicts."""
        keys = list(self.entries.keys())[-limit:]
        return [as_dict(key, self.entries[key]) for key in reversed(keys)]


def access_log(dossier, create: bool = False) -> AccessLog | None:
    annotations = IAnnotations(dossier)
    log = annotations.get(KEY)
    if log is None and create:
        log = annotations[KEY] = AccessLog()
    return log


def _registered(obj) -> list:
    jar = getattr(obj, "_p_jar", None)
    return list(getattr(jar, "_registered_objects", ()) or ())


def safe_writes(obj, request, before: set) -> None:
    """Mark the objects registered since ``before`` as safe writes."""
    if request is None:
        return
    for registered in _registered(obj):
        if id(registered) not in before:
            safeWrite(registered, request)


def record(
    dossier,
    userid: str,
    action: str,
    target: str,
    request=None,
    method: str = "GET",
    status: int | None = None,
) -> None:
    """Append one entry; writes made here are safe writes for plone.protect."""
    dossier = aq_inner(dossier)
    before = {id(o) for o in _registered(dossier)}
    address = client_ip(request) if request is not None else ""
    access_log(dossier, create=True).add(
        userid,
        action,
        target,
        address,
        method=method,
        status=status,
        retention=retention_seconds(),
    )
    safe_writes(dossier, request, before)


def _published_context(published):
    context = getattr(published, "context", None)
    if context is None:
        context = getattr(published, "__self__", None)  # a bound method
    if context is None:
        context = published
    return context


def readable(name: str) -> str:
    """A step's name as people know it: plone.restapi's ``GET_application_json_``
    (the content service) is ``++api++``; ``POST_application_json_@workflow``
    is ``@workflow``."""
    match = SERVICE_NAME.match(name or "")
    if match is None:
        return name
    return match.group(1) or "++api++"


def _path_below(request, dossier) -> str:
    """The traversal steps after the dossier: ``@@edit``, ``@workflow/accept``."""
    steps = list(getattr(request, "steps", None) or ())
    name = dossier.getId()
    if name in steps:
        steps = steps[len(steps) - steps[::-1].index(name) :]
    return "/".join(readable(step) for step in steps) or "view"


def _what(request, published, context, dossier, method: str) -> tuple[str, str]:
    if method not in READS:
        return WRITE, _path_below(request, dossier)
    name = getattr(published, "__name__", "") or ""
    if aq_base(context) is not aq_base(dossier):
        # A file item inside the dossier, or what a view published for the
        # dossier itself (an image scale of ``@@images``) which has no id.
        get_id = getattr(aq_base(context), "getId", None)
        if callable(get_id):
            return DOWNLOAD, context.getId()
        return DOWNLOAD, getattr(published, "fieldname", "") or name or "images"
    if name in DOWNLOAD_VIEWS or name.lstrip("@") in DOWNLOAD_VIEWS:
        return DOWNLOAD, getattr(published, "fieldname", "") or name
    return VIEW, readable(name) or "view"


def record_access(event) -> None:
    """IPubBeforeCommit: log every committed request on a dossier or inside it."""
    request = event.request
    if not IBrowserLayer.providedBy(request):
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
    status = request.response.getStatus()
    if status >= 400:
        return  # refused or failed: no dossier data went out, nothing changed
    method = (request.get("REQUEST_METHOD") or "GET").upper()
    action, target = _what(request, published, context, dossier, method)
    record(dossier, userid, action, target, request, method=method, status=status)


def create_log(dossier, event) -> None:
    """IObjectAddedEvent: give a new dossier its (empty) access log at once, so
    that a first view later writes only into the log, never the dossier
    (not for imported dossiers: see the module's docstring)."""
    access_log(dossier, create=True)
