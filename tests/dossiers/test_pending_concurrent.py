"""Two online submissions at the same moment both commit, no retry (issue #15).

Each worker has its own connection and transaction, as Zope's worker threads
do; both create their dossier (new names, new words, a file) before either
commits.  Whatever they both wrote must merge: the queue, the token
registry, the book's id tree and counters.  On main, the catalog, lexicon,
IntIds and relation catalog writes made the second one conflict.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from luanthanh.policy.api.dossier import attach_files
from luanthanh.policy.api.dossier import create
from luanthanh.policy.api.dossier import defer_indexing
from luanthanh.policy.api.dossier import register_submission
from luanthanh.policy.api.dossier import Upload
from luanthanh.policy.dossiers import codes
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.dossiers.followup import index_pending
from luanthanh.policy.testing.builders import make_procedure
from luanthanh.policy.testing.files import PDF
from plone.app.testing import PLONE_SITE_ID
from plone.app.testing import SITE_OWNER_NAME
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import threading
import transaction


NAMES = ("Quàng Thị Xuyến", "Lò Văn Khương")


def _submit(db, procedure_path, name, token, created, turn, results, defer=True):
    connection = db.open()
    try:
        transaction.begin()
        app = makerequest(connection.root()["Application"])
        setRequest(app.REQUEST)
        portal = app[PLONE_SITE_ID]
        setSite(portal)
        owner = app.acl_users.getUserById(SITE_OWNER_NAME).__of__(app.acl_users)
        newSecurityManager(None, owner)
        procedure = portal.unrestrictedTraverse(procedure_path)
        if defer:
            defer_indexing()
        dossier = create(
            procedure, unrestricted=True, applicant_name=name, channel="online"
        )
        register_submission(dossier, token)
        attach_files(dossier, [Upload("giay-chung-sinh.pdf", "application/pdf", PDF)])
        created.wait(timeout=60)  # both exist before either commits
        turn.acquire()
        try:
            transaction.commit()
            results.append(("ok", dossier.code))
        finally:
            turn.release()
    except Exception as error:  # reported by the test
        transaction.abort()
        results.append(("error", repr(error)))
    finally:
        noSecurityManager()
        setSite(None)
        setRequest(None)
        connection.close()


def _run(functional, procedure, defer: bool) -> list:
    created = threading.Barrier(2)
    turn = threading.Lock()
    results: list = []
    workers = [
        threading.Thread(
            target=_submit,
            args=(
                functional["zodbDB"],
                "/".join(procedure.getPhysicalPath()),
                name,
                str(number) * 32,
                created,
                turn,
                results,
                defer,
            ),
        )
        for number, name in enumerate(NAMES, start=1)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    return results


def _setup(functional, monkeypatch):
    # The code sequence in its own short transaction, as on FileStorage.
    monkeypatch.setenv(codes.STRATEGY_ENV, "transaction")
    portal = functional["portal"]
    procedure = make_procedure(portal)
    # The first dossier gives the book its counters and the catalog its words.
    defer_indexing()
    first = create(procedure, unrestricted=True, applicant_name="Nguyễn Văn An")
    register_submission(first, "0" * 32)
    transaction.commit()
    index_pending()
    return procedure


def test_two_submissions_at_once_both_commit(functional, monkeypatch):
    procedure = _setup(functional, monkeypatch)

    results = _run(functional, procedure, defer=True)

    assert [kind for kind, _ in results] == ["ok", "ok"], results
    transaction.begin()
    tool = catalog()
    assert len(pending.queued_paths(tool)) == 2
    assert {
        pending.path_for_token(tool, "1" * 32),
        pending.path_for_token(tool, "2" * 32),
    } == set(pending.queued_paths(tool))
    assert len(index_pending()) == 2
    assert len(tool.unrestrictedSearchResults(portal_type="Dossier")) == 3


def test_indexed_in_the_transaction_the_second_conflicts(functional, monkeypatch):
    """Positive control: what main did (catalog, lexicon, IntIds, relations
    written by the submission itself)."""
    procedure = _setup(functional, monkeypatch)

    results = _run(functional, procedure, defer=False)

    assert results[0][0] == "ok"
    assert results[1][0] == "error"
    assert "ConflictError" in results[1][1]
