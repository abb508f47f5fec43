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
from Acquisition import aq_base
from luanthanh.policy.dossiers.catalog import catalog as dossier_catalog
from plone import api
from ZODB.blob import Blob
from ZODB.serialize import referencesf
from zope.component.hooks import setSite

import json
import os
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
FOLDER = os.environ.get("BENCH_FOLDER", "bench-documents")
ACTION = os.environ["BENCH_ACTION"]


def conflict_owners(portal, wanted: list[str]) -> dict[str, str]:
    """oid (hex, as ConflictError says it) → which object it is, found by
    walking the persistent objects under the catalogs, the tracking book and
    the site's own attributes (dossiers themselves are not entered)."""
    wanted = {int(oid, 16) for oid in wanted}
    found: dict[str, str] = {}
    jar = portal._p_jar
    seen: set[int] = set()
    stack = [
        (aq_base(portal.portal_catalog), "portal_catalog"),
        (aq_base(portal.portal_dossier_catalog), "portal_dossier_catalog"),
        (aq_base(portal["ho-so"]), "ho-so"),
        (aq_base(portal), "site"),
    ]
    while stack and len(found) < len(wanted):
        obj, label = stack.pop()
        oid = getattr(obj, "_p_oid", None)
        if not isinstance(oid, bytes):
            oid = None
        if oid is not None:
            number = int.from_bytes(oid, "big")
            if number in seen:
                continue
            seen.add(number)
            if number in wanted:
                found[hex(number)] = f"{label} ({type(obj).__name__})"
            if isinstance(obj, Blob) or len(seen) > 200000:
                continue
            if getattr(obj, "portal_type", None) == "Dossier":
                continue
        in_btrees = type(obj).__module__.startswith("BTrees")
        state = {} if in_btrees else (getattr(obj, "__dict__", None) or {})
        for name, value in state.items():
            if name.startswith("_v_") or name in ("__parent__", "aq_parent"):
                continue
            if name == "_tree" and label == "site":
                continue  # the site's content: other sections
            if isinstance(getattr(value, "_p_oid", None), bytes) or isinstance(
                value, (dict, list, tuple)
            ):
                stack.append((value, f"{label}.{name}"))
        if isinstance(obj, (dict, list, tuple)):
            values = obj.values() if isinstance(obj, dict) else obj
            for index, value in enumerate(values):
                if isinstance(getattr(value, "_p_oid", None), bytes):
                    stack.append((value, f"{label}[{index}]"))
        elif oid is not None and in_btrees:
            # Buckets and nested sets: the references in the raw record.
            data, _serial = jar._storage.load(oid)
            for child in referencesf(data):
                stack.append((jar.get(child), f"{label}/{type(obj).__name__}"))
    return found


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
    # Documents are in Plone's own catalog (dossiers in their own).
    documents = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Document", path="/".join(folder.getPhysicalPath())
    )
    with open(os.environ["BENCH_OIDS"], encoding="utf-8") as oids:
        owners = conflict_owners(portal, json.load(oids))
    with open(os.environ["BENCH_OUTPUT"], "w", encoding="utf-8") as out:
        json.dump(
            {
                "dossiers": dossiers,
                "catalog_by_token": by_token,
                "documents_cataloged": len(documents),
                "documents_in_folder": len(folder.objectIds()),
                "conflict_owners": owners,
            },
            out,
        )
    print(f"verified: {len(dossiers)} dossiers, {len(documents)} documents")
transaction.abort()
app._p_jar.db().close()
