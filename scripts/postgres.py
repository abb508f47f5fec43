"""A local PostgreSQL for RelStorage: install, initialise, start, stop.

Usage::

    python scripts/postgres.py start  [--data DIR] [--port N] [--db NAME]
    python scripts/postgres.py stop   [--data DIR]
    python scripts/postgres.py dsn    [--data DIR] [--port N] [--db NAME]
    python scripts/postgres.py status [--data DIR]

``start`` installs Debian's ``postgresql`` when no ``initdb`` is found under
``/usr/lib/postgresql/*/bin`` (``apt-get``, as root), initialises a cluster in
``DIR`` (default ``var/postgresql``) on first use, starts it listening on
127.0.0.1 only (default port 18350), creates the database (default
``luanthanh``) and prints the DSN for ``RELSTORAGE_DSN``.  PostgreSQL refuses
to run as root: as root the server runs as the system user ``luanthanh-pg``
(created when missing), which then owns ``DIR``.  Connections over TCP need a
password (scram-sha-256).

Two roles: ``luanthanh``, the cluster's superuser (initdb's; its random
password in ``DIR/password``, mode 0600), used only by this script to create
the other, and ``luanthanh_app``, the application's: LOGIN, not superuser,
no CREATEDB, no CREATEROLE, owner of the database (so RelStorage, the code
sequences and the throttle table can create their tables there), with its own
random password in ``DIR/app-password`` (mode 0600).  The DSN printed (and
given to the instances) is the application role's.  A database created by an
older version (owned by the superuser) is handed over to the application role
with its tables, sequences and large objects.  ``stop`` is a fast shutdown.

Environment: ``PGPORT_LUANTHANH`` (port), ``PG_DATA`` (directory).
"""

from pathlib import Path

import argparse
import glob
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import time


ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("PG_DATA", ROOT / "var" / "postgresql"))
DEFAULT_PORT = int(os.environ.get("PGPORT_LUANTHANH", "18350"))
SYSTEM_USER = "luanthanh-pg"
ROLE = "luanthanh"
APP_ROLE = "luanthanh_app"


def bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        if os.geteuid() != 0:
            sys.exit("PostgreSQL is missing: apt-get install postgresql (as root)")
        print("Installing PostgreSQL from Debian's packages...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "postgresql"], check=True, env=env
        )
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    # The newest version installed.
    return Path(sorted(found, key=lambda p: int(Path(p).parts[-3]))[-1]).parent


def server_user() -> str | None:
    """The user the server runs as: None for the current (non-root) user."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                SYSTEM_USER,
            ],
            check=True,
        )
    return SYSTEM_USER


def as_server(args: list[str], **kwargs):
    user = server_user()
    if user is not None:
        args = ["runuser", "-u", user, "--", *args]
    return subprocess.run(args, **kwargs)


def password(data: Path) -> str:
    """The superuser's password (administration only)."""
    return (data / "password").read_text().strip()


def app_password(data: Path) -> str:
    """The application role's password, generated on first use (mode 0600)."""
    path = data / "app-password"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(16) + "\n")
    path.chmod(0o600)
    return path.read_text().strip()


def dsn(data: Path, port: int, db: str) -> str:
    """The application's DSN (its own role, not the superuser)."""
    return (
        f"host=127.0.0.1 port={port} dbname={db} user={APP_ROLE}"
        f" password={app_password(data)}"
    )


#: Hand a database over to the application role: everything the superuser
#: created in it (RelStorage tables, code sequences, blobs as large objects).
HAND_OVER = f"""
DO $$
DECLARE item record;
BEGIN
  FOR item IN SELECT c.relname, c.relkind FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relowner = '{ROLE}'::regrole
        AND c.relkind IN ('r', 'S', 'v', 'm', 'p') LOOP
    EXECUTE format('ALTER %s %I OWNER TO {APP_ROLE}',
      CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
        WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, item.relname);
  END LOOP;
  FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.proowner = '{ROLE}'::regrole LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO {APP_ROLE}', item.signature);
  END LOOP;
  FOR item IN SELECT oid FROM pg_largeobject_metadata
      WHERE lomowner = '{ROLE}'::regrole LOOP
    EXECUTE format('ALTER LARGE OBJECT %s OWNER TO {APP_ROLE}', item.oid);
  END LOOP;
END $$;
"""


def ensure_app_role(data: Path, port: int, db: str) -> None:
    """The application role exists with its password and owns ``db``."""
    secret = app_password(data)  # hex digits: safe inside quotes
    exists = psql(data, port, f"SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}'")
    verb = "ALTER" if exists == "1" else "CREATE"
    psql(
        data,
        port,
        f"{verb} ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
        f" NOREPLICATION NOBYPASSRLS PASSWORD '{secret}'",
    )
    if psql(data, port, f"SELECT 1 FROM pg_database WHERE datname = '{db}'") != "1":
        psql(data, port, f'CREATE DATABASE "{db}" OWNER {APP_ROLE}')
        return
    owner = psql(
        data,
        port,
        f"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{db}'",
    )
    if owner != APP_ROLE:
        psql(data, port, f'ALTER DATABASE "{db}" OWNER TO {APP_ROLE}')
        psql(data, port, HAND_OVER, db=db)


def initialise(data: Path) -> None:
    cluster = data / "cluster"
    if (cluster / "PG_VERSION").exists():
        return
    data.mkdir(parents=True, exist_ok=True)
    user = server_user()
    pwfile = data / "password"
    if not pwfile.exists():
        pwfile.write_text(secrets.token_hex(16) + "\n")
    pwfile.chmod(0o600)
    if user is not None:
        # The server user must reach DIR: check every parent is traversable.
        for parent in data.resolve().parents:
            if not os.stat(parent).st_mode & 0o001:
                sys.exit(
                    f"{parent} is not traversable by {user}: choose a --data"
                    " directory below world-traversable folders"
                )
        shutil.chown(data, user)
        shutil.chown(pwfile, user)
    result = as_server(
        [
            str(bindir() / "initdb"),
            "-D",
            str(cluster),
            "-U",
            ROLE,
            "--pwfile",
            str(pwfile),
            "--auth-local=peer",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"initdb failed:\n{result.stdout}\n{result.stderr}")
    conf = cluster / "postgresql.conf"
    with conf.open("a") as f:
        # Loopback only; modest settings for a shared 2-core machine.
        f.write(
            "\n# luanthanh.policy (scripts/postgres.py)\n"
            "listen_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{cluster}'\n"
            "max_connections = 200\n"
            "shared_buffers = 128MB\n"
            "fsync = on\n"
            "synchronous_commit = on\n"
        )


def running(data: Path) -> bool:
    cluster = data / "cluster"
    if not (cluster / "PG_VERSION").exists():
        return False
    result = as_server(
        [str(bindir() / "pg_ctl"), "-D", str(cluster), "status"],
        capture_output=True,
    )
    return result.returncode == 0


def psql(data: Path, port: int, sql: str, db: str = "postgres") -> str:
    env = {**os.environ, "PGPASSWORD": password(data)}
    result = subprocess.run(
        [
            str(bindir() / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            ROLE,
            "-d",
            db,
            "-tAc",
            sql,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def start(data: Path, port: int, db: str) -> str:
    initialise(data)
    cluster = data / "cluster"
    if not running(data):
        result = as_server(
            [
                str(bindir() / "pg_ctl"),
                "-D",
                str(cluster),
                "-l",
                str(cluster / "server.log"),
                "-o",
                f"-p {port}",
                "-w",
                "-t",
                "60",
                "start",
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            log = (cluster / "server.log").read_text(errors="replace")[-2000:]
            sys.exit(f"pg_ctl start failed:\n{result.stdout}{result.stderr}\n{log}")
    deadline = time.monotonic() + 30
    while True:
        try:
            psql(data, port, "SELECT 1")
            break
        except subprocess.CalledProcessError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    ensure_app_role(data, port, db)
    return dsn(data, port, db)


def stop(data: Path) -> None:
    cluster = data / "cluster"
    if running(data):
        as_server(
            [str(bindir() / "pg_ctl"), "-D", str(cluster), "-m", "fast", "-w", "stop"],
            check=True,
            capture_output=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop", "dsn", "status"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--db", default="luanthanh")
    args = parser.parse_args()
    data = args.data.resolve()
    if args.command == "start":
        print(start(data, args.port, args.db))
    elif args.command == "stop":
        stop(data)
        print("PostgreSQL stopped")
    elif args.command == "dsn":
        print(dsn(data, args.port, args.db))
    else:
        print("running" if running(data) else "stopped")
        sys.exit(0 if running(data) else 3)


if __name__ == "__main__":
    main()
