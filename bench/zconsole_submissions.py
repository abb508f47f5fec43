"""The database side of ``bench_submissions.py``, run with ``zconsole run``.

``BENCH_ACTION=setup`` (before the server starts): turns the per-IP rate
limit off (every client comes from 127.0.0.1) and creates the folder the
Document clients post into.  Nothing else of the guard is changed.

``BENCH_ACTION=verify`` (after the server has stopped): writes to
``BENCH_OUTPUT`` what the database holds: every online dossier (code,
submission token, attachments) read from the catalog and the objects, and
the number of Documents in the folder.
"""

from AccessControl.SecurityManagement import newSecurityManager
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from plone import api
from zope.component.hooks import setSite

import json
import os
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
FOLDER = os.environ.get("BENCH_FOLDER", "bench-documents")
ACTION = os.environ["BENCH_ACTION"]

app = globals()["app"]  # bound by zconsole
acl = app.acl_users
newSecurityManager(None, acl.getUserById(os.environ.get("ADMIN_USER", "admin")))
portal = app[SITE_ID]
setSite(portal)

if ACTION == "setup":
    api.portal.set_registry_record("luanthanh.policy.online.submission_limit", 0)
    if FOLDER not in portal.objectIds():
        api.content.create(
            container=portal, type="Folder", id=FOLDER, title="Benchmark"
        )
    transaction.commit()
    print("setup done")
elif ACTION == "verify":
    catalog = dossier_catalog()
    dossiers = []
    for brain in catalog.unrestrictedSearchResults(portal_type="Dossier"):
        dossier = brain._unrestrictedGetObject()
        files = [o for o in dossier.objectValues() if o.portal_type == "File"]
        dossiers.append(
            {
                "code": dossier.code,
                "token": dossier.submission_token or "",
                "channel": dossier.channel,
                "files": len(files),
            }
        )
    # What the catalog finds for each token the clients were acknowledged.
    with open(os.environ["BENCH_TOKENS"], encoding="utf-8") as tokens:
        by_token = {
            token: len(
                catalog.unrestrictedSearchResults(
                    portal_type="Dossier", submission_token=token
                )
            )
            for token in json.load(tokens)
        }
    folder = portal[FOLDER]
    documents = catalog.unrestrictedSearchResults(
        portal_type="Document", path="/".join(folder.getPhysicalPath())
    )
    with open(os.environ["BENCH_OUTPUT"], "w", encoding="utf-8") as out:
        json.dump(
            {
                "dossiers": dossiers,
                "catalog_by_token": by_token,
                "documents_cataloged": len(documents),
                "documents_in_folder": len(folder.objectIds()),
            },
            out,
        )
    print(f"verified: {len(dossiers)} dossiers, {len(documents)} documents")
transaction.abort()
app._p_jar.db().close()
