"""Fill a site with the demo half-year of dossiers (1/7 – 15/12/2025).

Run as ``zconsole run instance/etc/zope.conf scripts/demo_dossiers.py
[--site Plone]`` (or ``make demo-dossiers``).  About 2,000 dossiers go
through the historic import; running it again changes nothing.
"""

from luanthanh.policy.setuphandlers.demo_dossiers import demo_dossiers

import argparse
import inspect
import os
import sys
import time


# zconsole runs this file with exec(), without __file__: our folder from our code.
sys.path.insert(
    0, os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename))
)

from zope_session import run_script
from zope_session import zope_session


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="demo_dossiers.py", description=__doc__)
    parser.add_argument("--site", default=os.environ.get("SITE_ID", "Plone"))
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with zope_session(app, args.site) as session:
        counts = demo_dossiers(session.site)
    print(
        f"Hồ sơ mẫu: {counts['created']} mới, {counts['updated']} cập nhật, "
        f"{counts['unchanged']} không đổi, {counts['rated']} đánh giá "
        f"({time.perf_counter() - start:.1f} s)."
    )
    return 0


if __name__ == "__main__":
    run_script(main, globals()["app"], sys.argv, "demo_dossiers.py")  # app: zconsole
