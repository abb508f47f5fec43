"""The site the proofs and benchmarks start from, created once per code state.

Creating the site (``scripts/create_site.py`` with the demo profile, then
``prepare_site.py``) costs about 30 s with warm compiled templates; the proofs
need five sites, on both storages.  The first one is created for real in a
FileStorage and its data kept in ``var/proofs/seed-<key>/``; every later site
starts from a copy of it:

- a FileStorage copies ``Data.fs`` (with its index) and the blob directory;
- a RelStorage gets it by ``zodbconvert``, RelStorage's own migration path
  from a FileStorage (the one a commune moving to the cluster follows).

The key is a digest of what makes the site: the code under ``src/``, the
site scripts, ``etc/`` and the pins.  Any change to them makes a new seed (the
old ones are removed).  ``PROOF_SEED=off`` creates every site for real.
"""

from collections.abc import Callable
from pathlib import Path

import hashlib
import os
import shutil
import subprocess
import tempfile


ROOT = Path(__file__).resolve().parents[2]
#: What the site's content depends on, besides ``src/``.
INPUTS = (
    "constraints.txt",
    "etc",
    "scripts/create_site.py",
    "scripts/demo_site.py",
    "scripts/admin_guard.py",
    "scripts/zope_session.py",
    "scripts/make_instance.py",
    "scripts/proofs/prepare_site.py",
)
#: Files that change while the code does not (bytecode, catalogs compiled at start).
SKIPPED_SUFFIXES = (".pyc", ".mo")


def enabled() -> bool:
    return os.environ.get("PROOF_SEED", "on").strip().lower() not in {
        "0",
        "off",
        "false",
        "no",
    }


def _files(path: Path):
    if path.is_file():
        yield path
        return
    for child in sorted(path.rglob("*")):
        if (
            child.is_file()
            and "__pycache__" not in child.parts
            and not child.name.endswith(SKIPPED_SUFFIXES)
        ):
            yield child


def key() -> str:
    """A digest of the code and settings the site is made from."""
    digest = hashlib.sha256()
    for top in ("src", *INPUTS):
        for path in _files(ROOT / top):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def seed(create: Callable[[Path], Path]) -> Path:
    """The seed's directory (``Data.fs``, its index, ``blobstorage/``).

    ``create(workdir)`` makes a FileStorage site for real under ``workdir``
    and returns its ``var`` directory; it runs only when this code state has
    no seed yet."""
    home = ROOT / "var" / "proofs" / f"seed-{key()}"
    if (home / "ready").exists():
        return home
    for old in home.parent.glob("seed-*"):
        shutil.rmtree(old, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix="luanthanh-seed-"))
    try:
        var = create(work)
        staging = home.with_name(home.name + ".part")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for name in ("Data.fs", "Data.fs.index"):
            shutil.copy2(var / "filestorage" / name, staging / name)
        shutil.copytree(var / "blobstorage", staging / "blobstorage")
        (staging / "ready").write_text("seed\n", encoding="utf-8")
        staging.rename(home)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return home


def copy_to_filestorage(home: Path, var: Path) -> None:
    """The seed as this instance's FileStorage and blobs."""
    for name in ("Data.fs", "Data.fs.index"):
        shutil.copy2(home / name, var / "filestorage" / name)
    shutil.rmtree(var / "blobstorage", ignore_errors=True)
    shutil.copytree(home / "blobstorage", var / "blobstorage")
    (var / "blobstorage").chmod(0o700)


def convert_to_relstorage(home: Path, var: Path, dsn: str, bin_dir: Path) -> None:
    """The seed copied into the (empty) RelStorage of ``dsn`` by ``zodbconvert``."""
    config = var / "zodbconvert.conf"
    config.write_text(
        f"""%import relstorage
<filestorage source>
  path {home / "Data.fs"}
  blob-dir {home / "blobstorage"}
  read-only true
</filestorage>
<relstorage destination>
  keep-history false
  shared-blob-dir false
  blob-dir {var / "blobcache"}
  <postgresql>
    dsn {dsn}
  </postgresql>
</relstorage>
""",
        encoding="utf-8",
    )
    config.chmod(0o600)
    subprocess.run(
        [str(bin_dir / "zodbconvert"), str(config)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    config.unlink()
