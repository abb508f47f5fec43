"""The follow-up of an online submission: its dossier into the dossier catalog.

:mod:`luanthanh.policy.dossiers.pending` explains why a new online dossier
is queued instead of indexed in the submission's transaction.  Here:

* :func:`after_submission` (``IPubSuccess``: the submission has committed,
  its thank-you page is ready) hands the dossiers the request queued to the
  process's follow-up thread (:mod:`.followup_worker`, with
  ``DOSSIER_FOLLOWUP=background`` as ``make_instance.py`` writes it): the
  response does not wait for the indexing.  Without that setting it indexes
  them itself, in a transaction of its own on the same connection, before
  the response.  Either way one follow-up at a time per process: a
  request that waited finds its dossiers taken by the follow-up before it,
  which took everything the process had queued;
* :func:`index_pending` is that transaction: it registers the IntIds of the
  dossier and everything inside it (z3c.relationfield then catalogues the
  dossier's relation to its procedure), indexes them, pulls them from the
  queue and commits.  A ``ConflictError`` (two follow-ups writing the same
  catalog bucket) retries only this short transaction, up to
  :data:`MAX_ATTEMPTS` times; the submission itself is never retried for
  it.  Indexing is idempotent: a dossier indexed twice has the same catalog
  entry.
* Each follow-up also takes up to :data:`STALE_BATCH` dossiers that have
  been waiting for more than :data:`STALE_SECONDS` (their own follow-up
  failed, or the process stopped in between).
* With the follow-up thread, an instance that starts first indexes what is
  left queued (:func:`at_start`: a process stopped, or killed, between a
  thank-you page and its indexing).
* When no submission follows, nothing would take those: the officials'
  dashboard shows how many wait (:func:`waiting`) with a button that
  indexes them in its own request (:func:`index_waiting_now`), and
  ``make index-pending`` does the same from a script (cron).
"""

from Acquisition import aq_base
from luanthanh.policy.dossiers import followup_worker
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.dossiers.catalog_tool import TOOL_ID
from plone import api
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations

import logging
import random
import threading
import time
import transaction


logger = logging.getLogger(__name__)

#: Attempts of the follow-up transaction before it leaves its dossiers queued.
MAX_ATTEMPTS = 10
#: A queued dossier older than this is taken by any follow-up.
STALE_SECONDS = 30.0
#: At most this many of those per follow-up.
STALE_BATCH = 20


def _index_tree(tool, obj) -> int:
    """Index ``obj`` and what lies inside it in ``tool``; how many objects."""
    tool._reindexObject(obj, idxs=[])
    count = 1
    for child in getattr(obj, "objectValues", list)():
        if getattr(child, "indexObject", None) is not None:
            count += _index_tree(tool, child)
    return count


def _take(tool, paths, stale: float) -> list[str]:
    """Pull from the queue the entries for ``paths`` (all when None) and the
    stale ones; the paths pulled, oldest first."""
    waiting = pending.queue(tool)
    if waiting is None:
        return []
    wanted = set(paths) if paths is not None else None
    limit = time.time() - stale
    chosen, stale_taken = [], 0
    for index, (path, queued_at) in enumerate(waiting):
        if wanted is None or path in wanted:
            chosen.append(index)
        elif queued_at < limit and stale_taken < STALE_BATCH:
            chosen.append(index)
            stale_taken += 1
    taken = [waiting.pull(index)[0] for index in reversed(chosen)]
    return list(reversed(taken))


def _index_paths(tool, paths: list[str]) -> None:
    """Register the IntIds of the dossiers at ``paths`` and index them (a
    dossier removed since it was queued is skipped)."""
    portal = api.portal.get()
    for path in paths:
        obj = portal.unrestrictedTraverse(path, None)
        if obj is not None:
            pending.register_ids(obj)
            _index_tree(tool, obj)


def waiting() -> list[tuple[str, float]]:
    """The queued dossiers: (path, time.time() when queued), oldest first."""
    found = pending.queue(catalog())
    if found is None:
        return []
    return sorted(((path, when) for path, when in found), key=lambda e: e[1])


def index_waiting_now(paths: list[str] | None = None) -> list[str]:
    """Index the queued dossiers at ``paths`` (None: all) in the current
    transaction; its caller commits (a request's publisher, which retries it
    on a conflict, or a script).  The paths indexed."""
    tool = catalog()
    taken = _take(tool, paths, STALE_SECONDS)
    _index_paths(tool, taken)
    return taken


def index_pending(
    paths=None, stale: float = STALE_SECONDS, tm=None, attempts: int = MAX_ATTEMPTS
) -> list[str]:
    """Index queued dossiers in transactions of their own; the paths indexed.

    ``paths``: the dossiers to take (None: every queued one).  Commits with
    ``tm`` (default: the thread's transaction manager); the current
    transaction must hold no changes (it is begun anew).  After
    ``attempts`` conflicts the dossiers stay queued.
    """
    tm = tm if tm is not None else transaction.manager
    for attempt in range(1, attempts + 1):
        tm.begin()
        try:
            tool = catalog()
            taken = _take(tool, paths, stale)
            if not taken:
                tm.abort()
                return []
            _index_paths(tool, taken)
            tm.get().note(f"luanthanh.policy: indexed {len(taken)} new dossier(s)")
            tm.commit()
            return taken
        except ConflictError:
            tm.abort()
            logger.info("Indexing new dossiers: conflict, attempt %d", attempt)
            time.sleep(random.uniform(0, min(0.5, 0.02 * 2**attempt)))
    logger.warning(
        "New dossiers left queued after %d conflicts: %s", attempts, paths or "all"
    )
    return []


#: One follow-up at a time in a process.  Concurrent follow-ups of one
#: instance's threads only conflicted with each other on the catalog (the
#: cluster proof: 16 of 400 dossiers left queued after ten conflicts each);
#: now a thread that waits finds that the follow-up before it took its
#: dossiers too, and the catalog has one writer per instance.
_INDEXING = threading.Lock()
#: The dossiers this process queued and no follow-up has taken yet.
_WAITING: set[str] = set()
_WAITING_LOCK = threading.Lock()
#: Seconds a follow-up waits for the one before it; then its dossiers are
#: left to the next follow-up (or the stale rule).
LOCK_TIMEOUT = 30.0


def _index_in_thread(paths: list[str]) -> None:
    """The follow-up thread's round: ``paths`` and the stale ones."""
    if not _INDEXING.acquire(timeout=LOCK_TIMEOUT):
        logger.warning("Indexing new dossiers: still busy, left queued: %s", paths)
        return
    try:
        index_pending(paths, stale=STALE_SECONDS)
    finally:
        _INDEXING.release()


#: This process's follow-up thread (``DOSSIER_FOLLOWUP=background``).
WORKER = followup_worker.Worker(_index_in_thread)


def after_submission(event) -> None:
    """``IPubSuccess``: index what this request queued (never raises), with
    whatever the process's other requests queued meanwhile; in the
    follow-up thread after the response when the instance is set up so."""
    annotations = IAnnotations(event.request, None)
    paths = annotations.get(pending.REQUEST_KEY) if annotations is not None else None
    if not paths:
        return
    if followup_worker.mode() == "background":
        try:
            portal = api.portal.get()
            WORKER.hand_over(portal._p_jar.db(), portal.getPhysicalPath(), paths)
        except Exception:
            # The dossiers stay queued; a later follow-up takes them.
            logger.exception("Handing new dossiers over failed: %s", paths)
        return
    with _WAITING_LOCK:
        _WAITING.update(paths)
    if not _INDEXING.acquire(timeout=LOCK_TIMEOUT):
        logger.warning("Indexing new dossiers: still busy, left queued: %s", paths)
        return
    try:
        with _WAITING_LOCK:
            wanted = sorted(_WAITING)
            _WAITING.clear()
        if wanted:
            index_pending(wanted)
    except Exception:
        # The dossiers stay queued; a later follow-up takes them.
        transaction.abort()
        logger.exception("Indexing new dossiers failed: %s", paths)
    finally:
        _INDEXING.release()


def _left_over(db) -> list[tuple[tuple, list[str]]]:
    """(site path, queued dossier paths) of every site of ``db`` with any."""
    connection = db.open()
    try:
        app = connection.root().get("Application")
        found = []
        for site in app.objectValues() if app is not None else ():
            tool = getattr(aq_base(site), TOOL_ID, None)
            paths = pending.queued_paths(tool) if tool is not None else []
            if paths:
                found.append((site.getPhysicalPath(), paths))
        return found
    finally:
        transaction.abort()
        connection.close()


def at_start(event) -> None:
    """``IDatabaseOpenedWithRoot``, with the follow-up thread only: index,
    before the instance serves, what an earlier process left queued (it
    stopped between a thank-you page and its follow-up).  Never raises."""
    if followup_worker.mode() != "background":
        return
    try:
        for site_path, paths in _left_over(event.database):
            logger.info("Indexing %d dossier(s) left queued", len(paths))
            WORKER.run_now(event.database, site_path, paths)
    except Exception:
        logger.exception("Indexing the dossiers left queued failed")
