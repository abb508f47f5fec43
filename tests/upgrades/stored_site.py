"""A stored site of an earlier release, opened in a Zope process of its own.

Used by ``test_stored_site.py`` and by ``scripts/make_upgrade_fixture.py``
(which runs the same check on the site it has just made, to write the list of
stored names).  Not a conftest: import what you need from here.

The fixture (``fixtures/site-<version>.fs.xz`` and its blobs) is unpacked
into ``var/filestorage/Data.fs`` and ``var/blobstorage`` of a directory, the
instance configuration is written by ``scripts/make_instance.py`` for a
FileStorage, exactly as ``make start`` does, and ``check_stored_site.py`` runs
in it with ``zconsole run``.
"""

from pathlib import Path
from scripts.make_instance import command as make_instance_command

import json
import lzma
import os
import shutil
import subprocess
import sys
import tarfile


ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
CHECK_SCRIPT = HERE / "check_stored_site.py"
#: The venv of the interpreter that runs the tests (CI's or /work/main/.venv).
BIN = Path(sys.executable).parent
MARKER = "STORED_SITE "


def fixture_paths(version: str = "1007", directory: Path = FIXTURES) -> dict:
    return {
        "data": directory / f"site-{version}.fs.xz",
        "blobs": directory / f"site-{version}-blobs.tar.xz",
        "names": directory / f"site-{version}-names.json",
    }


def environment() -> dict[str, str]:
    """The environment of the Zope process: ours (PYTHONPATH included, so that
    a worktree's ``src`` wins), with a FileStorage instance."""
    return {
        **os.environ,
        "ZODB_BACKEND": "filestorage",
        "DOSSIER_CODE_SEQUENCE": "transaction",
        "SITE_ID": "Plone",
        "TZ": "Asia/Ho_Chi_Minh",
    }


def unpack(base: Path, version: str = "1007", directory: Path = FIXTURES) -> Path:
    """Unpack the fixture into ``base/var``; return the var directory."""
    paths = fixture_paths(version, directory)
    var = base / "var"
    (var / "filestorage").mkdir(parents=True, exist_ok=True)
    with (
        lzma.open(paths["data"], "rb") as src,
        (var / "filestorage" / "Data.fs").open("wb") as dst,
    ):
        shutil.copyfileobj(src, dst)
    with tarfile.open(paths["blobs"], "r:xz") as tar:
        tar.extractall(var, filter="data")
    (var / "blobstorage").chmod(0o700)
    return var


def write_zope_conf(base: Path, env: dict[str, str] | None = None) -> Path:
    """The instance configuration of ``base`` by ``scripts/make_instance.py``."""
    env = env or environment()
    result = subprocess.run(
        make_instance_command(base),
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode:
        raise RuntimeError(result.stdout + result.stderr)
    return base / "instance" / "etc" / "zope.conf"


def run_check(
    zope_conf: Path, names: Path | None = None, env: dict[str, str] | None = None
) -> tuple[dict, str]:
    """Run ``check_stored_site.py`` in the instance; return (summary, output).

    ``names`` is the JSON list of stored names that resolved when the fixture
    was made; the check says which of them no longer do.
    """
    args = [str(BIN / "zconsole"), "run", str(zope_conf), str(CHECK_SCRIPT)]
    if names is not None:
        args.append(str(names))
    result = subprocess.run(
        args,
        env=env or environment(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = result.stdout + result.stderr
    lines = [
        line[len(MARKER) :]
        for line in result.stdout.splitlines()
        if line.startswith(MARKER)
    ]
    if not lines:
        raise AssertionError(
            f"the check printed no summary (exit {result.returncode}):\n{output}"
        )
    return json.loads(lines[-1]), output
