"""Pack the database of an instance (``zconsole run <zope.conf> pack.py``).

FileStorage: drops old revisions and unreachable objects and their blobs.
RelStorage history-free: garbage collection of unreachable objects and blobs.
Prints the time it took.
"""

import time


app = globals()["app"]  # bound by zconsole
db = app._p_jar.db()
started = time.monotonic()
db.pack(days=0)
print(f"PACKED in {time.monotonic() - started:.1f}s")
db.close()
