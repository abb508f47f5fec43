"""Put the online dossiers still waiting for the dossier catalog in it.

Run as ``zconsole run instance/etc/zope.conf scripts/index_pending.py
[--site Plone] [--older-than 60]`` (or ``make index-pending``), where ``app``
is the Zope root; from cron, for example every ten minutes.  A new online
dossier is indexed just after its submission commits; when that failed (the
instance stopped in between, conflicts) the next submission takes it, and
this script does when none comes.  Only dossiers queued more than
``--older-than`` seconds ago are taken (a follow-up may be running).  Prints
how many were indexed; exit status 0.
"""

from luanthanh.policy.api import dossier as dossier_api

import argparse
import inspect
import os
import sys


# zconsole runs this file with exec(), without __file__: our folder from our code.
sys.path.insert(
    0, os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename))
)

from zope_session import run_script
from zope_session import zope_session


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="index_pending.py", description=__doc__)
    parser.add_argument("--site", default=os.environ.get("SITE_ID", "Plone"))
    parser.add_argument("--older-than", type=float, default=60.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    with zope_session(app, args.site):
        indexed = dossier_api.index_waiting(older_than=args.older_than)
    print(f"Hồ sơ trực tuyến đã đưa vào danh mục: {len(indexed)}.")
    return 0


if __name__ == "__main__":
    run_script(main, globals()["app"], sys.argv, "index_pending.py")  # app: zconsole
