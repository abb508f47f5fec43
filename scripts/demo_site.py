"""The living demo of ``make start``: officials, their fields, dossiers.

``scripts/create_site.py`` calls :func:`create_demo` right after it created
a site with ``DEMO=true`` (the default), and :func:`report_existing` when
the site exists already.  Run alone as ``zconsole run
instance/etc/zope.conf scripts/demo_site.py --reset-passwords [--site
Plone]`` (``make demo-passwords``), it draws new passwords for the demo
officials and prints them.

The passwords are printed once, when drawn, and written to
``var/demo-officials.txt`` (mode 0600, in the git-ignored ``var/``) so that
they can be read again on that machine; they are nowhere else.
"""

from App.config import getConfiguration
from luanthanh.policy.setuphandlers.demo_current import demo_current
from luanthanh.policy.setuphandlers.demo_dossiers import demo_dossiers
from luanthanh.policy.setuphandlers.demo_officials import create_demo_officials
from luanthanh.policy.setuphandlers.demo_officials import existing_demo_officials
from luanthanh.policy.setuphandlers.demo_officials import map_demo_fields
from luanthanh.policy.setuphandlers.demo_officials import officials_table
from luanthanh.policy.setuphandlers.demo_officials import reset_demo_passwords
from pathlib import Path

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


TRUTHY = {"1", "true", "yes", "on"}
PASSWORDS_FILE = "demo-officials.txt"
#: The report of the demo half-year: the center's own figures.
HALF_YEAR_REPORT = "@@thong-ke?start=2025-07-01&end=2025-12-15"
RESET_HINT = (
    "  Cấp mật khẩu mới / New passwords:  make demo-passwords\n"
    "  (hoặc / or: Cài đặt trang > Người dùng và nhóm, "
    "Site Setup > Users and Groups)"
)


def demo_enabled(environ=os.environ) -> bool:
    """``DEMO`` is true unless set to something else than 1/true/yes/on."""
    return environ.get("DEMO", "true").lower() in TRUTHY


def workspace_enabled(environ=os.environ) -> bool:
    """The living demo (officials, dossiers): with ``DEMO``, unless
    ``DEMO_WORKSPACE`` is false (the e2e journeys, benchmarks and proofs keep
    the demo profile and make their own officials and dossiers)."""
    return demo_enabled(environ) and (
        environ.get("DEMO_WORKSPACE", "true").lower() in TRUTHY
    )


def var_dir() -> Path:
    """The instance's data folder (``clienthome`` of zope.conf: ``var/``)."""
    return Path(getConfiguration().clienthome)


def site_url(site_id: str, environ=os.environ) -> str:
    """The site's address as ``make start`` serves it."""
    return f"http://localhost:{environ.get('PORT', '8080')}/{site_id}"


def write_passwords(folder: Path, table: str) -> Path:
    """Write ``table`` to ``folder/demo-officials.txt``, readable by its owner only."""
    path = Path(folder) / PASSWORDS_FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # an older file keeps its mode otherwise
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(
            "# Cán bộ mẫu của bản demo / Demo officials (DEMO=true).\n"
            "# Xóa tệp này khi không cần / Delete this file when not needed.\n"
        )
        out.write(table + "\n")
    return path


def print_passwords(passwords: dict[str, str], folder: Path, url: str) -> None:
    """Print the officials' table and where to go; save the table in ``folder``."""
    table = officials_table(passwords)
    path = write_passwords(folder, table)
    print()
    print(f"  Cán bộ mẫu / Demo officials (đăng nhập / log in: {url}/login):")
    print()
    print("\n".join(f"  {line}" for line in table.splitlines()))
    print()
    print(f"  Mật khẩu chỉ in lần này, đã lưu / printed once, saved to: {path} (0600)")
    print(f"  Hồ sơ đến hạn hôm nay / Due today:  {url}/ho-so/@@ban-lam-viec?due=today")
    print(f"  Báo cáo nửa năm / Half-year report: {url}/{HALF_YEAR_REPORT}")
    print()


def create_demo(site, dossiers: bool = True) -> dict:
    """The living demo on a new site: officials, the field → official
    mapping, the demo half-year and today's dossiers; nothing is committed.

    Returns the passwords of the officials created now (none on a second
    call: it is idempotent), the mapping and the counts.
    """
    start = time.perf_counter()
    passwords = create_demo_officials()
    mapping = map_demo_fields()
    counts = demo_dossiers(site) if dossiers else {"created": 0}
    current = demo_current(site)
    return {
        "passwords": passwords,
        "mapping": mapping,
        "dossiers": counts["created"],
        "current": current["pending"] + current["live"],
        "seconds": time.perf_counter() - start,
    }


def announce(result: dict, folder: Path, url: str) -> None:
    """Print what :func:`create_demo` did (after the commit): the new
    passwords, written to ``folder``, or which officials exist."""
    print(
        f"Demo: {len(result['passwords'])} cán bộ mới / new officials, "
        f"{result['dossiers']} hồ sơ nửa năm / half-year dossiers, "
        f"{result['current']} hồ sơ hiện tại / current ({result['seconds']:.1f} s)."
    )
    if result["passwords"]:
        print_passwords(result["passwords"], folder, url)
    else:
        report_existing(folder)


def report_existing(folder: Path) -> list[str]:
    """Say which demo officials exist and how to get a password again."""
    userids = [official.userid for official in existing_demo_officials()]
    if userids:
        print(f"  Cán bộ mẫu đã có / Demo officials exist: {', '.join(userids)}")
        saved = Path(folder) / PASSWORDS_FILE
        if saved.exists():
            print(f"  Mật khẩu đã lưu / Saved passwords: {saved}")
        print(RESET_HINT)
    return userids


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="demo_site.py", description=__doc__)
    parser.add_argument("--site", default=os.environ.get("SITE_ID", "Plone"))
    parser.add_argument("--reset-passwords", action="store_true")
    args = parser.parse_args(argv)
    with zope_session(app, args.site):
        if not args.reset_passwords:
            report_existing(var_dir())
            return 0
        passwords = reset_demo_passwords()
        if not passwords:
            print("Không có cán bộ mẫu / No demo officials on this site.")
            return 1
        print_passwords(passwords, var_dir(), site_url(args.site))
    return 0


if __name__ == "__main__":
    run_script(main, globals()["app"], sys.argv, "demo_site.py")  # app: zconsole
