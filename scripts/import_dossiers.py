"""Import historic dossiers from a CSV file, for files too large for the API.

Run as ``zconsole run instance/etc/zope.conf scripts/import_dossiers.py FILE
[--site Plone] [--dry-run]`` (or ``make import-dossiers FILE=...``), where
``app`` is the Zope root.  Everything is checked first; the dossiers are then
written in one transaction, committed once at the end: all or nothing.
``--dry-run`` checks and counts, and writes nothing.  Exit status 1 when the
file is invalid (the errors are printed with their line numbers).
"""

from AccessControl.SecurityManagement import newSecurityManager
from luanthanh.policy.exchange.dossiers import DossierImportError
from luanthanh.policy.exchange.dossiers import import_dossiers
from luanthanh.policy.exchange.dossiers import parse
from pathlib import Path
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import argparse
import os
import sys
import time
import transaction


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="import_dossiers.py", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--site", default=os.environ.get("SITE_ID", "Plone"))
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)

    app = makerequest(app, environ={"HTTP_ACCEPT_LANGUAGE": "vi"})
    # Messages in the site's language (Vietnamese), as on a page.
    app.REQUEST["LANGUAGE"] = app.REQUEST["I18N_LANGUAGE"] = "vi"
    setRequest(app.REQUEST)
    site = app[args.site]
    setSite(site)
    admin = os.environ.get("ADMIN_USER", "admin")
    user = app.acl_users.getUserById(admin)
    if user is None:
        print(f"Không có người dùng quản trị Zope {admin!r} (ADMIN_USER).")
        return 2
    newSecurityManager(None, user.__of__(app.acl_users))

    start = time.perf_counter()
    try:
        rows = parse(args.file.read_bytes(), max_bytes=None)
        result = import_dossiers(site["ho-so"], rows)
    except DossierImportError as error:
        transaction.abort()
        print(str(error))
        for item in error.errors:
            print(f"  {item['message']}")
        return 1
    counts = {name: len(codes) for name, codes in result.items()}
    if args.dry_run:
        transaction.abort()
        print("Chạy thử (--dry-run): không ghi gì.")
    else:
        transaction.commit()
    elapsed = time.perf_counter() - start
    print(
        f"Hồ sơ mới: {counts['created']}, cập nhật: {counts['updated']}, "
        f"không đổi: {counts['unchanged']} ({len(rows)} dòng, {elapsed:.1f} s)."
    )
    return 0


if __name__ == "__main__":
    app = globals()["app"]  # bound by zconsole
    # zconsole leaves its own arguments in sys.argv: take those after ours.
    ours = [i for i, arg in enumerate(sys.argv) if arg.endswith("import_dossiers.py")]
    status = main(app, sys.argv[ours[-1] + 1 :] if ours else sys.argv[1:])
    app._p_jar.db().close()
    sys.exit(status)
