"""Back up and restore the site's data, for either storage.

Usage::

    python scripts/backup.py backup  [--var DIR] [--to BACKUP_DIR]
    python scripts/backup.py restore [--var DIR] [--from BACKUP_DIR]

The storage is the one ``scripts/make_instance.py`` configures, from the same
environment (``ZODB_BACKEND``, ``RELSTORAGE_DSN``):

filestorage (and the ZEO server's data)
    ``repozo`` backs up ``var/filestorage/Data.fs`` (a full backup the first
    time, then incremental ones, gzipped, in ``BACKUP_DIR/filestorage``),
    then the blobs are copied as ``BACKUP_DIR/blobstorage-<time>.tar.gz``
    (after repozo, so every blob the backed-up Data.fs refers to is in it).
    Both run fine while the site is serving.  ``restore`` (site stopped)
    rebuilds Data.fs with ``repozo -R`` (optionally ``--date``) and unpacks
    the newest blob archive not newer than it.
relstorage
    ``pg_dump -Fc`` of the database (objects and blobs: they live in the
    database), as ``BACKUP_DIR/relstorage-<time>.dump``; a consistent
    snapshot even while instances write.  ``restore`` runs ``pg_restore
    --clean --if-exists`` of the newest dump into the database of
    ``RELSTORAGE_DSN`` (created when missing); stop the instances first.

Default BACKUP_DIR: ``var/backup``.  Prints how long each step took.
"""

from pathlib import Path

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))

import postgres  # noqa: E402


def stamp() -> str:
    return time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())


def run(args: list, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, **kwargs)


def dsn_parts(dsn: str) -> dict:
    return dict(re.findall(r"(\w+)=(\S+)", dsn))


def pg_env(dsn: str) -> tuple[dict, list[str]]:
    """Environment and connection arguments for pg_dump / pg_restore."""
    parts = dsn_parts(dsn)
    env = {**os.environ}
    if "password" in parts:
        env["PGPASSWORD"] = parts["password"]
    args = [
        "-h",
        parts.get("host", "127.0.0.1"),
        "-p",
        parts.get("port", "5432"),
        "-U",
        parts.get("user", "postgres"),
    ]
    return env, args


def backup_filestorage(var: Path, dest: Path) -> list[Path]:
    repository = dest / "filestorage"
    repository.mkdir(parents=True, exist_ok=True)
    run(
        [
            BIN / "repozo",
            "--backup",
            "--gzip",
            "--quick",
            "--repository",
            repository,
            "--file",
            var / "filestorage" / "Data.fs",
        ]
    )
    blobs = dest / f"blobstorage-{stamp()}.tar.gz"
    with tarfile.open(blobs, "w:gz") as tar:
        tar.add(var / "blobstorage", arcname="blobstorage")
    return [repository, blobs]


def restore_filestorage(var: Path, source: Path, date: str | None) -> None:
    data_fs = var / "filestorage" / "Data.fs"
    data_fs.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", ".index", ".lock", ".tmp"):
        Path(f"{data_fs}{suffix}").unlink(missing_ok=True)
    args = [BIN / "repozo", "--recover", "--repository", source / "filestorage"]
    args += ["--output", data_fs]
    if date:
        args += ["--date", date]
    run(args)
    archives = sorted(source.glob("blobstorage-*.tar.gz"))
    if date:
        archives = [a for a in archives if a.name[len("blobstorage-") :] <= date]
    if not archives:
        sys.exit(f"no blob archive in {source}")
    blobs = var / "blobstorage"
    shutil.rmtree(blobs, ignore_errors=True)
    with tarfile.open(archives[-1]) as tar:
        tar.extractall(var, filter="tar")
    blobs.chmod(0o700)


def backup_relstorage(dsn: str, dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    env, args = pg_env(dsn)
    target = dest / f"relstorage-{stamp()}.dump"
    run(
        [
            postgres.bindir() / "pg_dump",
            *args,
            "--format=custom",
            "--no-owner",
            "--file",
            target,
            dsn_parts(dsn)["dbname"],
        ],
        env=env,
    )
    return [target]


def restore_relstorage(dsn: str, source: Path) -> None:
    dumps = sorted(source.glob("relstorage-*.dump"))
    if not dumps:
        sys.exit(f"no relstorage-*.dump in {source}")
    env, args = pg_env(dsn)
    db = dsn_parts(dsn)["dbname"]
    exists = subprocess.run(
        [
            postgres.bindir() / "psql",
            *args,
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{db}'",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists != "1":
        created = subprocess.run(
            [postgres.bindir() / "createdb", *args, db], env=env, check=False
        )
        if created.returncode:
            sys.exit(
                f"Cơ sở dữ liệu {db} chưa có và vai trò của ứng dụng không được tạo"
                f" nó: quản trị viên PostgreSQL tạo trước (chủ sở hữu: vai trò của"
                f" ứng dụng), rồi chạy lại. / Database {db} does not exist and the"
                " application's role may not create it: have the PostgreSQL"
                " administrator create it (owned by the application's role), then"
                " run the restore again."
            )
    run(
        [
            postgres.bindir() / "pg_restore",
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            db,
            dumps[-1],
        ],
        env=env,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["backup", "restore"])
    parser.add_argument("--var", type=Path, default=ROOT / "var")
    parser.add_argument(
        "--to", "--from", dest="backups", type=Path, default=None, help="BACKUP_DIR"
    )
    parser.add_argument("--date", help="restore: repozo's --date (yyyy-mm-dd-hh-mm-ss)")
    args = parser.parse_args()
    backend = os.environ.get("ZODB_BACKEND", "filestorage").strip().lower()
    backups = (args.backups or args.var / "backup").resolve()
    var = args.var.resolve()
    dsn = os.environ.get("RELSTORAGE_DSN", "")
    if backend == "relstorage" and not dsn:
        sys.exit("ZODB_BACKEND=relstorage needs RELSTORAGE_DSN")
    started = time.monotonic()
    if args.command == "backup":
        if backend == "relstorage":
            written = backup_relstorage(dsn, backups)
        else:  # filestorage, or the ZEO server's FileStorage
            written = backup_filestorage(var, backups)
        for path in written:
            print(f"Wrote {path}")
        print(f"Backup ({backend}) took {time.monotonic() - started:.1f}s")
    else:
        if backend == "relstorage":
            restore_relstorage(dsn, backups)
        else:
            restore_filestorage(var, backups, args.date)
        print(f"Restore ({backend}) took {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    main()
