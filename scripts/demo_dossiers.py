"""Fill a site with the demo half-year of dossiers (1/7 – 15/12/2025).

Run as ``zconsole run instance/etc/zope.conf scripts/demo_dossiers.py
[--site Plone]`` (or ``make demo-dossiers``).  About 2,000 dossiers go
through the historic import; running it again changes nothing.
"""

from AccessControl.SecurityManagement import newSecurityManager
from luanthanh.policy.setuphandlers.demo_dossiers import demo_dossiers
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import argparse
import os
import sys
import time
import transaction


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="demo_dossiers.py", description=__doc__)
    parser.add_argument("--site", default=os.environ.get("SITE_ID", "Plone"))
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
    counts = demo_dossiers(site)
    transaction.commit()
    print(
        f"Hồ sơ mẫu: {counts['created']} mới, {counts['updated']} cập nhật, "
        f"{counts['unchanged']} không đổi, {counts['rated']} đánh giá "
        f"({time.perf_counter() - start:.1f} s)."
    )
    return 0


if __name__ == "__main__":
    app = globals()["app"]  # bound by zconsole
    # zconsole leaves its own arguments in sys.argv: take those after ours.
    ours = [i for i, arg in enumerate(sys.argv) if arg.endswith("demo_dossiers.py")]
    status = main(app, sys.argv[ours[-1] + 1 :] if ours else sys.argv[1:])
    app._p_jar.db().close()
    sys.exit(status)
