"""Walk every object reachable from the root and load it: any storage.

Run with ``zconsole run <zope.conf> scripts/proofs/check_refs.py [OUT.json]``.
Like ZODB's ``fsrefs`` (which reads a FileStorage file only), but through
the storage the instance is configured with (FileStorage, ZEO, RelStorage):
every reference must load (no ``POSKeyError``) and every blob must open.
Prints one JSON line: objects, blobs, missing references, broken blobs.
"""

from ZODB.blob import Blob
from ZODB.POSException import POSKeyError
from ZODB.serialize import referencesf
from ZODB.utils import get_pickle_metadata
from ZODB.utils import oid_repr
from ZODB.utils import z64

import collections
import json
import sys
import time


app = globals()["app"]  # bound by zconsole
db = app._p_jar.db()
storage = db.storage
started = time.monotonic()
seen = {z64}
queue = collections.deque([z64])
missing, broken_blobs = [], []
#: For a missing reference: the class of the object that holds it.
parents: dict[bytes, str] = {}
blobs = 0
while queue:
    oid = queue.popleft()
    try:
        data, serial = storage.load(oid)
    except POSKeyError:
        missing.append(f"{oid_repr(oid)} (from {parents.get(oid, '?')})")
        continue
    if get_pickle_metadata(data) == (Blob.__module__, Blob.__name__):
        blobs += 1
        try:
            with open(storage.loadBlob(oid, serial), "rb") as f:
                f.read(1)
        except Exception as exc:  # reported
            broken_blobs.append(f"{oid_repr(oid)}: {type(exc).__name__}")
    holder = ".".join(get_pickle_metadata(data))
    for ref in referencesf(data):
        if ref not in seen:
            seen.add(ref)
            parents[ref] = f"{holder} {oid_repr(oid)}"
            queue.append(ref)
result = {
    "objects": len(seen) - len(missing),
    "blobs": blobs,
    "missing": missing[:50],
    "missing_count": len(missing),
    "broken_blobs": broken_blobs[:50],
    "seconds": round(time.monotonic() - started, 1),
}
print("CHECK_REFS " + json.dumps(result))
if sys.argv[-1].endswith(".json"):  # zconsole passes its own arguments too
    with open(sys.argv[-1], "w") as f:
        json.dump(result, f)
db.close()
