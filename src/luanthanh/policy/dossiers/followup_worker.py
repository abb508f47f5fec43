"""The follow-up of online submissions in a thread of its own (issue #15).

With ``DOSSIER_FOLLOWUP=background`` in the instance's environment (what
``scripts/make_instance.py`` writes into ``zope.conf``), the request that
committed a submission does not index its dossier itself:
:func:`~luanthanh.policy.dossiers.followup.after_submission` hands the
dossier's path to this process's :class:`Worker` and the thank-you page goes
out at once.  The worker's thread opens a ZODB connection of its own, takes
everything handed over since its last round and indexes it with
:func:`~luanthanh.policy.dossiers.followup.index_pending` (a short
transaction, retried on a conflict, stale dossiers taken too), then waits
for more.

So a waitress thread never waits for a follow-up (before, the response did,
and under load the process's other submissions queued behind it), and the
catalog still has one writer per process.  The guarantee changes from
"indexed before the thank-you page" to "indexed shortly after it" (a
fraction of a second when the process is not saturated): the public lookup
finds a dossier that is still queued by its code meanwhile
(:func:`luanthanh.policy.dossiers.lookup.find_dossier`), the officials'
dashboard lists it once indexed.

Nothing is lost when the thread dies or the process stops: the dossier's
path was queued in the submission's transaction; the next follow-up takes
it after :data:`~luanthanh.policy.dossiers.followup.STALE_SECONDS`, as do
the dashboard's button and ``make index-pending``.

Without the variable (tests, a ``zope.conf`` written by hand) the follow-up
runs in the request as before (``inline``).
"""

from Testing.makerequest import makerequest
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest

import atexit
import io
import logging
import os
import threading
import time
import transaction


logger = logging.getLogger(__name__)

#: The environment variable that chooses where the follow-up runs.
MODE_ENV = "DOSSIER_FOLLOWUP"
MODES = ("inline", "background")
#: Seconds an exiting process waits for the follow-up thread's round.
EXIT_WAIT = 10.0


def mode() -> str:
    """``background`` when the environment asks for it, else ``inline``."""
    value = os.environ.get(MODE_ENV, "").strip().lower()
    return value if value in MODES else "inline"


class Worker:
    """One thread per process that runs the follow-ups handed to it.

    ``index`` is called as ``index(paths)`` with the site set up, in the
    thread's own transaction (see :meth:`_run_job`)."""

    def __init__(self, index):
        self._index = index
        self._condition = threading.Condition()
        #: (id(database), site path) → (database, site path, set of paths)
        self._jobs: dict = {}
        self._busy = False
        self._thread: threading.Thread | None = None

    def hand_over(self, db, site_path: tuple, paths) -> None:
        """Index ``paths`` of the site at ``site_path`` in ``db`` soon."""
        with self._condition:
            entry = self._jobs.setdefault((id(db), site_path), (db, site_path, set()))
            entry[2].update(paths)
            if self._thread is None or not self._thread.is_alive():
                if self._thread is None:
                    # A process that exits lets the round under way finish.
                    atexit.register(self.wait_idle, EXIT_WAIT)
                self._thread = threading.Thread(
                    target=self._loop, name="luanthanh-followup", daemon=True
                )
                self._thread.start()
            self._condition.notify_all()

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until everything handed over is done; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while self._jobs or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._condition.wait(remaining)
        return True

    def _loop(self) -> None:
        while True:
            with self._condition:
                while not self._jobs:
                    self._busy = False
                    self._condition.notify_all()
                    self._condition.wait()
                jobs = list(self._jobs.values())
                self._jobs.clear()
                self._busy = True
            for db, site_path, paths in jobs:
                try:
                    self._run_job(db, site_path, sorted(paths))
                except Exception:
                    # The dossiers stay queued; a later follow-up takes them.
                    logger.exception("Indexing new dossiers failed: %s", sorted(paths))

    def run_now(self, db, site_path: tuple, paths: list[str]) -> None:
        """Index ``paths`` in the calling thread, as a round would."""
        self._run_job(db, site_path, sorted(paths))

    def _run_job(self, db, site_path: tuple, paths: list[str]) -> None:
        site, request = getSite(), getRequest()
        connection = db.open()
        try:
            # A request, as a script's, for the code that looks one up.
            app = makerequest(connection.root()["Application"], stdout=io.BytesIO())
            setRequest(app.REQUEST)
            setSite(app.unrestrictedTraverse(site_path))
            self._index(paths)
        finally:
            transaction.abort()
            connection.close()
            setSite(site)  # the caller's (none in the thread)
            setRequest(request)
