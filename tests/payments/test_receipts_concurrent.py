"""Receipt numbers stay gap-free and unique when the desk records many
payments at the same moment (issue #18).

Each worker uses its own ZODB connection and transaction manager, as Zope's
worker threads (or other Zope processes over ZEO/RelStorage) do, and calls
the domain API that ``POST @payment`` calls.  Two payments at once write the
year's counter; ZODB lets one commit and raises ConflictError in the other,
which retries as Zope's publisher does.  Some attempts fail on purpose (a
method outside the list): they must take no number.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from datetime import datetime
from luanthanh.policy import api as lt_api
from luanthanh.policy.config import TZ
from luanthanh.policy.errors import InvalidInput
from luanthanh.policy.testing.builders import make_dossier
from luanthanh.policy.testing.builders import make_procedure
from plone.app.testing import PLONE_SITE_ID
from plone.app.testing import SITE_OWNER_NAME
from Testing.makerequest import makerequest
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import contextlib
import random
import threading
import time
import transaction


WORKERS = 6
PER_WORKER = 5


def _worker(db, paths, numbers, errors, conflicts, barrier):
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
        for index, path in enumerate(paths):
            if index % 2:
                # A refused payment in between: it must not take a number.
                manager.begin()
                with contextlib.suppress(InvalidInput):
                    lt_api.payment.record(portal.unrestrictedTraverse(path), "séc")
                manager.abort()
            for attempt in range(50):
                manager.begin()
                try:
                    dossier = portal.unrestrictedTraverse(path)
                    number = lt_api.payment.record(dossier, "vietqr")
                    manager.commit()
                    numbers.append(number)
                    break
                except ConflictError:
                    manager.abort()
                    conflicts.append(1)
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


def test_receipt_numbers_gap_free_across_connections(functional):
    portal = functional["portal"]
    procedure = make_procedure(portal, fee=8000)
    dossiers = [
        make_dossier(portal, procedure, applicant_name=f"Người nộp {i}")
        for i in range(WORKERS * PER_WORKER)
    ]
    paths = ["/".join(d.getPhysicalPath()) for d in dossiers]
    transaction.commit()
    db = functional["zodbDB"]
    numbers, errors, conflicts = [], [], []
    barrier = threading.Barrier(WORKERS)
    threads = [
        threading.Thread(
            target=_worker,
            args=(
                db,
                paths[i * PER_WORKER : (i + 1) * PER_WORKER],
                numbers,
                errors,
                conflicts,
                barrier,
            ),
        )
        for i in range(WORKERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    total = WORKERS * PER_WORKER
    print(f"{total} payments, {len(conflicts)} conflicts retried")
    assert conflicts, "the workers really ran at the same moment"
    year = datetime.now(TZ).year
    assert sorted(numbers) == [f"BL-{year}-{n:06d}" for n in range(1, total + 1)]
    # Each number is on exactly one dossier, as committed.
    transaction.begin()
    stored = sorted(portal.unrestrictedTraverse(p).receipt_number for p in paths)
    assert stored == sorted(numbers)
    assert lt_api.payment.last_receipt_value(year) == total
