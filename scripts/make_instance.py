"""Write the Zope instance configuration from the templates in ``etc/``.

Usage: ``python scripts/make_instance.py [--instance DIR] [--var DIR]``

The instance lives in ``instance/`` and its data in ``var/`` (a FileStorage and
a blob directory, the embedded default).  The configuration is rewritten on
every call, so that ``PORT`` and ``HOST`` take effect, but the data in ``var/``
is never touched.

Environment:
  HOST     address to listen on (default 127.0.0.1)
  PORT     port to listen on (default 8080)
  THREADS  waitress worker threads (default 4)
  DEBUG_MODE  "on" for Zope's debug mode (default off)
"""

from pathlib import Path

import argparse
import os


ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "etc"


def render(name: str, **values: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8").format(**values)


def write_instance(instance: Path, var: Path) -> Path:
    """Write ``zope.conf``, ``zope.ini`` and ``site.zcml``; return zope.conf."""
    etc = instance / "etc"
    etc.mkdir(parents=True, exist_ok=True)
    for sub in ("filestorage", "blobstorage", "log", "cache"):
        (var / sub).mkdir(parents=True, exist_ok=True)
    # ZODB wants the blob directory private.
    (var / "blobstorage").chmod(0o700)

    values = {
        "instance": str(instance),
        "var": str(var),
        "host": os.environ.get("HOST", "127.0.0.1"),
        "port": os.environ.get("PORT", "8080"),
        "threads": os.environ.get("THREADS", "4"),
        "debug_mode": os.environ.get("DEBUG_MODE", "off"),
    }
    values["zodb_main"] = render("zodb-filestorage.conf.in", **values)
    zope_conf = etc / "zope.conf"
    zope_conf.write_text(render("zope.conf.in", **values), encoding="utf-8")
    (etc / "zope.ini").write_text(render("zope.ini.in", **values), encoding="utf-8")
    (etc / "site.zcml").write_text(
        (TEMPLATES / "site.zcml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return zope_conf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", type=Path, default=ROOT / "instance")
    parser.add_argument("--var", type=Path, default=ROOT / "var")
    args = parser.parse_args()
    zope_conf = write_instance(args.instance.resolve(), args.var.resolve())
    print(f"Wrote {zope_conf}")


if __name__ == "__main__":
    main()
