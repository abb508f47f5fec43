"""Write the Zope instance configuration from the templates in ``etc/``.

Usage: ``python scripts/make_instance.py [--instance DIR] [--var DIR]``

The instance lives in ``instance/`` and its data in ``var/``.  The
configuration is rewritten on every call, so that the settings below take
effect, but the data is never touched.

Environment:
  HOST     address to listen on (default 127.0.0.1)
  PORT     port to listen on (default 8080)
  THREADS  waitress worker threads (default 4)
  DEBUG_MODE  "on" for Zope's debug mode (default off)
  ZODB_BACKEND  where the data lives:
      filestorage  (default) a FileStorage + blob directory under var/
      zeo          a ZEO client of the server at ZEO_ADDRESS; the server's
                   configuration is written too (instance/etc/zeo.conf, data
                   under var/, start it with ``runzeo -C``)
      relstorage   RelStorage on PostgreSQL at RELSTORAGE_DSN, history-free,
                   blobs in the database (var/blobcache is only a cache)
  ZEO_ADDRESS      host:port of the ZEO server (default 127.0.0.1:18300)
  RELSTORAGE_DSN   libpq DSN, e.g. "host=127.0.0.1 port=18350 dbname=luanthanh
                   user=luanthanh password=..." (see scripts/postgres.py)
  DOSSIER_CODE_SEQUENCE  how dossier codes are numbered (content/codes.py):
      inline, transaction or postgresql; default ``transaction`` for
      filestorage and zeo, ``postgresql`` for relstorage
  MAX_CONFLICT_RETRIES  how often Zope retries a request that ends in a
      ConflictError: default 10 for every backend (Zope's own default is 3:
      with 4 threads, concurrent submissions still conflict on Plone's
      intids and relation catalog and on catalog buckets that split, and a
      submission given up after 3 retries was an HTTP 500; a retried
      submission is idempotent, its token finds the first dossier)
  DOSSIER_FOLLOWUP  where a new online dossier is indexed after its
      submission commits (dossiers/followup_worker.py): ``background``
      (default: a thread of the instance, after the thank-you page is sent)
      or ``inline`` (in the request, before the thank-you page)
  TRUSTED_PROXY    address(es) of the proxy in front of the instance
      (space or comma separated; ``scripts/cluster.py`` sets 127.0.0.1 for its
      haproxy): only a request from one of them may name the client in
      ``X-Forwarded-For``; default none, so the peer's address counts
  MAX_REQUEST_BODY_MB  the largest request body waitress (and haproxy)
      accept, in MB; default the control panel's default per-dossier upload
      limit plus a margin (``luanthanh.policy.config.max_request_body``)

``zope.conf`` holds the database DSN with its password: it is written with
mode 0600 (and ``zeo.conf`` with it).
"""

from luanthanh.policy.config import max_request_body
from luanthanh.policy.config import MB
from pathlib import Path

import argparse
import os
import sys


ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "etc"
BACKENDS = ("filestorage", "zeo", "relstorage")
DEFAULT_SEQUENCE = {
    "filestorage": "transaction",
    "zeo": "transaction",
    "relstorage": "postgresql",
}


def command(base: Path) -> list[str]:
    """This script's command line for an instance in ``base / "instance"``
    with its data in ``base / "var"``, run by the current Python's ``bin``."""
    return [
        str(Path(sys.executable).parent / "python"),
        str(ROOT / "scripts" / "make_instance.py"),
        "--instance",
        str(base / "instance"),
        "--var",
        str(base / "var"),
    ]


def render(name: str, **values: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8").format(**values)


def trusted_proxies(value: str) -> str:
    """``trusted-proxy`` lines of zope.conf for a space or comma separated list."""
    names = value.replace(",", " ").split()
    return "".join(f"trusted-proxy {name}\n" for name in names)


def request_body_limit() -> int:
    """The body cap in bytes: ``MAX_REQUEST_BODY_MB`` or the default."""
    value = os.environ.get("MAX_REQUEST_BODY_MB", "").strip()
    return int(value) * MB if value else max_request_body()


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, readable and writable by its owner only,
    also when the file already exists with wider permissions."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def write_instance(instance: Path, var: Path) -> Path:
    """Write ``zope.conf``, ``zope.ini`` and ``site.zcml``; return zope.conf."""
    etc = instance / "etc"
    etc.mkdir(parents=True, exist_ok=True)
    backend = os.environ.get("ZODB_BACKEND", "filestorage").strip().lower()
    if backend not in BACKENDS:
        raise SystemExit(f"ZODB_BACKEND={backend!r}: expected one of {BACKENDS}")
    blobs = "blobstorage" if backend == "filestorage" else "blobcache"
    subs = ["log", "cache", blobs]
    if backend == "zeo":
        subs += ["filestorage", "blobstorage"]  # the server's data
    elif backend == "filestorage":
        subs += ["filestorage"]
    for sub in subs:
        (var / sub).mkdir(parents=True, exist_ok=True)
    # Compiled page templates (Chameleon): var/cache, or a directory shared by
    # the instances of one checkout (CHAMELEON_CACHE, as the Makefile, the
    # proofs and the benchmarks set it): entries are keyed by the template's
    # source, so instances of the same code reuse them and a first start or a
    # site creation skips the 40 s of compilation.
    chameleon_cache = Path(os.environ.get("CHAMELEON_CACHE") or var / "cache")
    chameleon_cache.mkdir(parents=True, exist_ok=True)
    # ZODB wants the blob directories private.
    for sub in ("blobstorage", "blobcache"):
        if (var / sub).is_dir():
            (var / sub).chmod(0o700)

    values = {
        "instance": str(instance),
        "var": str(var),
        "chameleon_cache": str(chameleon_cache),
        "host": os.environ.get("HOST", "127.0.0.1"),
        "port": os.environ.get("PORT", "8080"),
        "threads": os.environ.get("THREADS", "4"),
        "pool_size": str(2 * int(os.environ.get("THREADS", "4")) + 1),
        "debug_mode": os.environ.get("DEBUG_MODE", "off"),
        "zeo_address": os.environ.get("ZEO_ADDRESS", "127.0.0.1:18300"),
        "relstorage_dsn": os.environ.get("RELSTORAGE_DSN", ""),
        "code_sequence": os.environ.get("DOSSIER_CODE_SEQUENCE")
        or DEFAULT_SEQUENCE[backend],
        "max_conflict_retries": os.environ.get("MAX_CONFLICT_RETRIES") or "10",
        # Where a submission's dossier is indexed: "background" (a thread of
        # the instance, after the response) or "inline" (in the request).
        "followup": os.environ.get("DOSSIER_FOLLOWUP") or "background",
        "trusted_proxies": trusted_proxies(os.environ.get("TRUSTED_PROXY", "")),
        "max_request_body": str(request_body_limit()),
    }
    if backend == "relstorage" and not values["relstorage_dsn"]:
        raise SystemExit("ZODB_BACKEND=relstorage needs RELSTORAGE_DSN")
    values["zodb_main"] = render(f"zodb-{backend}.conf.in", **values)
    if backend == "zeo":
        write_private(etc / "zeo.conf", render("zeo.conf.in", **values))
    zope_conf = etc / "zope.conf"
    write_private(zope_conf, render("zope.conf.in", **values))
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
