"""Who read many dossiers at once: the site-wide log of bulk reads.

A search, the dashboard, the tracking book or an export returns the data of
many dossiers in one request.  Writing one entry into each dossier's own log
(:mod:`.audit`) would make one page view write hundreds of objects, so such
a read is logged once, here, with what was read, how many dossiers it
returned and the query (personal data in it hashed, see :func:`clean_query`).

Call :func:`record_bulk_read` from any view or service that returns dossier
data in bulk::

    record_bulk_read(self.request, "dossier-search", len(items), query)

Design
------
One ``BulkReadLog`` in an annotation of the site, holding :data:`SHARDS`
``LOBTree`` shards keyed by the time in microseconds (UTC), each value a
tuple ``(userid, what, count, query, address)``.

* **No conflicts between officials.**  Each entry goes into a shard chosen at
  random, so two concurrent bulk reads write into different trees fifteen
  times out of sixteen; when they do meet, they add two different keys to
  the same bucket, which BTrees' conflict resolution merges.  Nothing else is
  written: no counter, no "last trimmed" date, never the log object itself
  (its shards are created with it).
* **Trimmed by age, never by count**, like the dossiers' logs: a shard drops
  its entries older than the retention when its oldest entry is older than
  the retention plus a month, so the trim runs about once a month per shard.
* **Written only here, read only by the administrator.**  The log lives under
  the site's ``__annotations__`` (unreachable by URL traversal and restricted
  code), declares no security, and is shown by ``@@nhat-ky-tra-cuu`` on the
  site, permission "luanthanh.policy: View audit log" (Manager, Site
  Administrator).  As for the dossiers' logs, a refused request is aborted
  and leaves no entry.
"""

from AccessControl import getSecurityManager
from BTrees.LOBTree import LOBTree
from luanthanh.policy.config import DOSSIER_FOLDER_ID
from luanthanh.policy.content.dossier import IDossierFolder
from luanthanh.policy.interfaces import IBrowserLayer
from luanthanh.policy.security.audit import _published_context
from luanthanh.policy.security.audit import _registered
from luanthanh.policy.security.audit import as_dict
from luanthanh.policy.security.audit import free_key
from luanthanh.policy.security.audit import readable
from luanthanh.policy.security.audit import retention_seconds
from luanthanh.policy.security.audit import safe_writes
from luanthanh.policy.security.audit import trim_tree
from luanthanh.policy.throttle import client_ip
from persistent import Persistent
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest

import hashlib
import heapq
import hmac
import json
import random
import secrets
import time


KEY = "luanthanh.policy.audit.bulk"
SHARDS = 16
#: Query keys whose values are not personal data; any other value is hashed.
PLAIN_KEYS = frozenset(
    {
        "assigned_to",
        "b_size",
        "b_start",
        "channel",
        "date_from",
        "date_to",
        "dossier",
        "due",
        "end",
        "field",
        "format",
        "metadata_fields",
        "portal_type",
        "priority",
        "procedure",
        "procedure_code",
        "review_state",
        "scope",
        "sort_on",
        "sort_order",
        "start",
        "state",
    }
)
MAX_VALUE = 200
#: JSON answers larger than this are not parsed to count dossiers (50 MB).
MAX_BODY = 50 * 1024 * 1024


class BulkReadLog(Persistent):
    """The site's log of bulk reads: shards of entries, and a salt."""

    def __init__(self):
        self.shards = tuple(LOBTree() for _i in range(SHARDS))
        self.salt = secrets.token_bytes(16)

    def add(
        self,
        userid: str,
        what: str,
        count: int,
        query: tuple,
        address: str,
        now=None,
        retention: int | None = None,
    ) -> None:
        now = time.time() if now is None else now
        shard = self.shards[random.randrange(len(self.shards))]
        shard[free_key(shard, now)] = (userid, what, int(count), query, address)
        trim_tree(shard, now, retention)

    def __len__(self) -> int:
        return sum(len(shard) for shard in self.shards)

    def items(self, since: float = 0, limit: int = 1000) -> list[dict]:
        """The newest ``limit`` entries since ``since`` (a timestamp), newest first."""
        low = int(since * 1_000_000)
        streams = (shard.items(min=low) for shard in self.shards)
        newest = heapq.nlargest(limit, heapq.merge(*streams), key=lambda item: item[0])
        return [bulk_dict(key, value) for key, value in newest]

    def digest(self, value: str) -> str:
        """A keyed hash of ``value``: equal searches can be matched, the
        searched phone, CCCD or name cannot be read back."""
        mac = hmac.new(self.salt, value.encode("utf-8"), hashlib.sha256)
        return "#" + mac.hexdigest()[:16]


def bulk_dict(key: int, value: tuple) -> dict:
    userid, what, count, query, address = value
    entry = as_dict(key, (userid, "bulk", what, address, "GET", None))
    entry.update(what=what, count=count, query=query)
    return entry


def bulk_log(portal, create: bool = False) -> BulkReadLog | None:
    annotations = IAnnotations(portal)
    log = annotations.get(KEY)
    if log is None and create:
        log = annotations[KEY] = BulkReadLog()
    return log


def _text(value) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(sorted(_text(v) for v in value))
    if isinstance(value, dict):
        return ",".join(f"{k}={_text(v)}" for k, v in sorted(value.items()))
    return str(value)


def clean_query(log: BulkReadLog, query: dict | None) -> tuple:
    """The query as sorted ``(key, text)`` pairs; a value that may be personal
    data (search text, phone, CCCD, name: any key not in :data:`PLAIN_KEYS`)
    as a keyed hash."""
    pairs = []
    for key, value in sorted((query or {}).items(), key=lambda kv: str(kv[0])):
        if value in (None, "", [], ()) or str(key).startswith("_"):
            continue  # empty, or a token (_authenticator)
        text = _text(value)
        if str(key) not in PLAIN_KEYS:
            text = log.digest(text)
        pairs.append((str(key)[:MAX_VALUE], text[:MAX_VALUE]))
    return tuple(pairs)


def dossier_prefixes(portal) -> tuple[str, str]:
    """The path and the URL under which dossiers and their files live."""
    folder = f"/{DOSSIER_FOLDER_ID}/"
    return "/".join(portal.getPhysicalPath()) + folder, portal.absolute_url() + folder


def count_under(values, prefix: str) -> int:
    """How many of ``values`` (paths or URLs) are under ``prefix``."""
    return sum(1 for value in values if str(value or "").startswith(prefix))


def record_bulk_read(request, what: str, count: int, query: dict | None = None):
    """Log a read of ``count`` dossiers at once by the current user.

    ``what`` names the screen or service (``ban-lam-viec``, ``so-theo-doi``,
    ``dossier-search``...), ``query`` its filters.  Anonymous reads are not
    logged (Anonymous gets no dossier data); the write is a safe write for
    plone.protect, and it is committed or aborted with the request.
    """
    user = getSecurityManager().getUser()
    userid = user.getId() if user is not None else None
    if not userid:
        return
    portal = api.portal.get()
    before = {id(o) for o in _registered(portal)}
    log = bulk_log(portal, create=True)
    log.add(
        userid,
        what,
        count,
        clean_query(log, query),
        client_ip(request) if request is not None else "",
        retention=retention_seconds(),
    )
    safe_writes(portal, request, before)


def record_removal(dossier, event) -> None:
    """IObjectRemovedEvent of a dossier: its own log goes with it, so the
    deletion itself is logged here, with the dossier's code (not personal
    data).  Only the dossier's own removal (not a folder or site removed
    around it), and not a move."""
    if event.object is not dossier or getattr(event, "newParent", None) is not None:
        return
    request = getRequest()
    code = getattr(dossier, "code", "") or dossier.getId()
    record_bulk_read(request, "xoa-ho-so", 1, {"dossier": code})


def _listed(body, path: str, url: str) -> int:
    """The dossiers or files listed in a JSON answer (REST listing, vocabulary)."""
    try:
        data = json.loads(body)
    except (TypeError, ValueError, UnicodeDecodeError):
        return 0
    if not isinstance(data, dict):
        return 0
    items = data.get("items") or data.get("results") or []
    if not isinstance(items, list):
        return 0
    values = []
    for item in items:
        if isinstance(item, dict):
            values.append(item.get("@id") or item.get("getURL") or item.get("path"))
    return count_under(values, url) + count_under(values, path)


def record_folder_listing(event) -> None:
    """IPubBeforeCommit: a JSON listing of the dossier folder (``++api++/ho-so``,
    folder contents' vocabulary) that lists dossiers is a bulk read.  Reads of
    one dossier are :mod:`.audit`'s; the dashboard and the tracking book log
    themselves."""
    request = event.request
    if not IBrowserLayer.providedBy(request):
        return
    if (request.get("REQUEST_METHOD") or "GET").upper() not in ("GET", "HEAD"):
        return
    response = request.response
    if response.getStatus() >= 400:
        return
    if "json" not in (response.getHeader("Content-Type") or ""):
        return
    context = _published_context(request.get("PUBLISHED"))
    if not IDossierFolder.providedBy(context):
        return
    body = getattr(response, "body", b"") or b""
    if len(body) > MAX_BODY:
        return
    path, url = dossier_prefixes(api.portal.get())
    count = _listed(body, path, url)
    if count:
        steps = list(getattr(request, "steps", None) or ())
        name = readable(steps[-1]) if steps and steps[-1] != context.getId() else ""
        what = f"{context.getId()}/{name}" if name else context.getId()
        record_bulk_read(request, what, count, request.form)
