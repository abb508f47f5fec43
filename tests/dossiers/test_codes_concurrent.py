"""Dossier codes stay unique when many dossiers are created at the same moment.

Each worker uses its own ZODB connection and transaction manager, as Zope's
worker threads (or other Zope processes over ZEO/RelStorage) do.  When two
take a number at once, ZODB lets one commit and raises ConflictError in the
other, which retries as Zope's publisher would.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from luanthanh.policy.api.dossier import create as create_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone.app.testing import PLONE_SITE_ID
from plone.app.testing import SITE_OWNER_NAME
from Testing.makerequest import makerequest
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import random
import threading
import time
import transaction


WORKERS = 8
PER_WORKER = 6


def _worker(db, procedure_path, codes, errors, conflicts, barrier):
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        app = makerequest(connection.root()["Application"])
        setRequest(app.REQUEST)
        portal = app[PLONE_SITE_ID]
        setSite(portal)
        owner = app.acl_users.getUserById(SITE_OWNER_NAME).__of__(app.acl_users)
        newSecurityManager(None, owner)
        barrier.wait()
        for _ in range(PER_WORKER):
            for attempt in range(50):
                manager.begin()
                try:
                    procedure = portal.unrestrictedTraverse(procedure_path)
                    dossier = create_dossier(
                        procedure,
                        container=portal["ho-so"],
                        applicant_name="Trần Văn Bảo",
                        applicant_phone="0912345678",
                    )
                    code = dossier.code
                    manager.commit()
                    codes.append(code)
                    break
                except ConflictError:
                    manager.abort()
                    conflicts.append(1)
                    # Back off with jitter, as a busy publisher effectively does.
                    time.sleep(random.uniform(0, 0.02 * (attempt + 1)))
            else:
                errors.append("gave up after 50 conflicts")
    except Exception as error:  # reported by the test
        errors.append(repr(error))
    finally:
        noSecurityManager()
        setSite(None)
        setRequest(None)
        connection.close()


def test_codes_unique_across_connections(functional):
    portal = functional["portal"]
    procedure = make_procedure(portal)
    transaction.commit()
    db = functional["zodbDB"]
    codes, errors, conflicts = [], [], []
    barrier = threading.Barrier(WORKERS)
    threads = [
        threading.Thread(
            target=_worker,
            args=(
                db,
                "/".join(procedure.getPhysicalPath()),
                codes,
                errors,
                conflicts,
                barrier,
            ),
        )
        for _ in range(WORKERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    total = WORKERS * PER_WORKER
    print(f"{total} dossiers, {len(conflicts)} conflicts retried")
    assert conflicts, "the workers really ran at the same moment"
    assert len(codes) == total
    assert len(set(codes)) == total
    assert sorted(int(c[-4:]) for c in codes) == list(range(1, total + 1))
    # Every acknowledged code has exactly one dossier.
    transaction.begin()
    folder = portal["ho-so"]
    assert sorted(folder.objectIds()) == sorted(
        c.lower().replace(".", "-") for c in codes
    )
