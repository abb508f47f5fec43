"""A whole cluster on this machine: PostgreSQL, N Zope instances, haproxy.

Usage::

    python scripts/cluster.py start   # what ``make start-cluster`` runs
    python scripts/cluster.py stop    # ``make stop-cluster``
    python scripts/cluster.py status

``start``:

1. PostgreSQL (``scripts/postgres.py``: installed from Debian when missing,
   data in ``var/postgresql``, 127.0.0.1:``PG_PORT``);
2. ``INSTANCES`` Zope instances on RelStorage (history-free, blobs in the
   database), ``var/cluster/instance<N>``, ports ``INSTANCE_PORT``,
   ``INSTANCE_PORT``+1, ...; the site is created by the first one when the
   database has none (``scripts/create_site.py``);
3. haproxy (installed from Debian when missing) on 127.0.0.1:``PORT``,
   ``leastconn`` over the instances with a health check, its statistics
   page on ``PORT``+1.

Every process runs in the background; its pid is kept in ``var/cluster``,
and ``stop`` ends exactly those.

Environment: ``INSTANCES`` (2), ``PORT`` (18380), ``INSTANCE_PORT`` (18311),
``PG_PORT`` (18350), ``THREADS`` (4 per instance), ``SITE_ID`` (Plone),
``ADMIN_USER`` / ``ADMIN_PASSWORD`` (for a new site), ``PROOF_SETTINGS``
(``true``: switch off the online forms' minimum fill time and rate limit,
for load tests).
"""

from pathlib import Path
from urllib.request import urlopen

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_instance import command as make_instance_command  # noqa: E402
from make_instance import request_body_limit  # noqa: E402

import postgres  # noqa: E402


CLUSTER = ROOT / "var" / "cluster"
PG_DATA = ROOT / "var" / "postgresql"


def settings() -> dict:
    return {
        "instances": int(os.environ.get("INSTANCES", "2")),
        "port": int(os.environ.get("PORT", "18380")),
        "instance_port": int(os.environ.get("INSTANCE_PORT", "18311")),
        "pg_port": int(os.environ.get("PG_PORT", "18350")),
        "threads": os.environ.get("THREADS", "4"),
        "site": os.environ.get("SITE_ID", "Plone"),
    }


def haproxy() -> str:
    found = shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None
    )
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("haproxy is missing: apt-get install haproxy (as root)")
    print("Installing haproxy from Debian's packages...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-q", "haproxy"], check=True, env=env)
    return "/usr/sbin/haproxy"


def pidfile(name: str) -> Path:
    return CLUSTER / f"{name}.pid"


def alive(name: str) -> int | None:
    path = pidfile(name)
    if not path.exists():
        return None
    pid = int(path.read_text().strip())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        path.unlink()
        return None
    return pid


def wait_for(url: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    sys.exit(f"{url} did not answer in {timeout:.0f}s")


def instance_env(s: dict, dsn: str, n: int) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "ZODB_BACKEND": "relstorage",
        "RELSTORAGE_DSN": dsn,
        "HOST": "127.0.0.1",
        "PORT": str(s["instance_port"] + n - 1),
        "THREADS": s["threads"],
        # haproxy, on this machine, names the client in X-Forwarded-For.
        "TRUSTED_PROXY": "127.0.0.1",
    }


def haproxy_config(
    pidfile: Path, host: str, port: int, site: str, servers: list[str]
) -> str:
    """etc/haproxy.cfg.in filled in: the balancer in front of ``servers``."""
    template = (ROOT / "etc" / "haproxy.cfg.in").read_text()
    return template.format(
        pidfile=pidfile,
        host=host,
        port=port,
        stats_port=port + 1,
        site=site,
        servers="\n".join(servers),
        max_body=request_body_limit(),
    )


def start() -> None:
    s = settings()
    CLUSTER.mkdir(parents=True, exist_ok=True)
    dsn = postgres.start(PG_DATA, s["pg_port"], "luanthanh")
    print(f"PostgreSQL: 127.0.0.1:{s['pg_port']} (var/postgresql)")
    servers = []
    for n in range(1, s["instances"] + 1):
        name = f"instance{n}"
        base = CLUSTER / name
        env = instance_env(s, dsn, n)
        subprocess.run(
            make_instance_command(base),
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        zope_conf = base / "instance" / "etc" / "zope.conf"
        if n == 1:
            scripts = ["scripts/create_site.py"]
            if os.environ.get("PROOF_SETTINGS", "").lower() in ("1", "true", "yes"):
                scripts.append("scripts/proofs/prepare_site.py")
            for script in scripts:
                subprocess.run(
                    [str(BIN / "zconsole"), "run", str(zope_conf), script],
                    env=env,
                    cwd=ROOT,
                    check=True,
                )
        if alive(name) is None:
            log = open(base / "server.log", "ab")  # noqa: SIM115
            process = subprocess.Popen(
                [str(BIN / "runwsgi"), str(base / "instance/etc/zope.ini")],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            pidfile(name).write_text(str(process.pid))
        servers.append(
            f"    server {name} 127.0.0.1:{env['PORT']} check inter 5s"
            f" maxconn {s['threads']}"
        )
    for n in range(1, s["instances"] + 1):
        wait_for(f"http://127.0.0.1:{s['instance_port'] + n - 1}/{s['site']}/@@ok")
        print(f"instance{n}: http://127.0.0.1:{s['instance_port'] + n - 1}")

    config = CLUSTER / "haproxy.cfg"
    config.write_text(
        haproxy_config(pidfile("haproxy"), "127.0.0.1", s["port"], s["site"], servers)
    )
    old = alive("haproxy")
    if old is not None:
        os.kill(old, signal.SIGTERM)
        time.sleep(1)
    subprocess.run([haproxy(), "-c", "-q", "-f", str(config)], check=True)
    subprocess.run([haproxy(), "-D", "-f", str(config)], check=True)
    wait_for(f"http://127.0.0.1:{s['port']}/{s['site']}/@@ok")
    print(f"haproxy: http://127.0.0.1:{s['port']}/{s['site']}")
    print(f"haproxy statistics: http://127.0.0.1:{s['port'] + 1}/")


def stop() -> None:
    instances = sorted(p.stem for p in CLUSTER.glob("instance*.pid"))
    names = ["haproxy", *instances]
    for name in names:
        pid = alive(name)
        if pid is None:
            continue
        os.kill(pid, signal.SIGTERM)
        for _ in range(60):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.5)
        else:
            os.kill(pid, signal.SIGKILL)
        pidfile(name).unlink(missing_ok=True)
        print(f"stopped {name} ({pid})")
    postgres.stop(PG_DATA)
    print("stopped PostgreSQL")


def status() -> None:
    for path in sorted(CLUSTER.glob("*.pid")):
        pid = alive(path.stem)
        print(f"{path.stem}: {'running, pid ' + str(pid) if pid else 'stopped'}")
    print(f"postgresql: {'running' if postgres.running(PG_DATA) else 'stopped'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    args = parser.parse_args()
    {"start": start, "stop": stop, "status": status}[args.command]()


if __name__ == "__main__":
    main()
