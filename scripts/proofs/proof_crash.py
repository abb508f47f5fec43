"""Proof 2, crash safety: ``kill -9`` in the middle of a write load.

For a FileStorage instance and for a RelStorage instance (whose PostgreSQL
is stopped in ``immediate`` mode at the same moment: no checkpoint, WAL
recovery at restart), while 8 clients submit online forms:

1. wait until some submissions are acknowledged, then ``kill -9`` the Zope
   process mid-load;
2. restart: the storage opens and the site answers;
3. every submission acknowledged (thank-you page with a code) before the
   kill is there: in the catalog, and its dossier page opens;
4. FileStorage: ZODB's ``fstest`` and ``fsrefs`` report nothing wrong; both:
   every object reachable from the root loads (``check_refs.py``).

Usage: ``python scripts/proofs/proof_crash.py [--backend filestorage|relstorage]``
"""

import subprocess
import sys
import threading
import time


sys.path.insert(0, __file__.rsplit("/", 1)[0])

import lib


TIMEOUT = lib.TIMEOUT


def crash_round(backend: str, failures: list[str], min_acks: int) -> dict:
    base = lib.workdir(f"crash-{backend}")
    instance, pg_data, dsn = lib.new_instance(base, "instance", backend)

    stop = threading.Event()
    acknowledged, errors = [], []
    load = threading.Thread(
        target=lib.run_clients,
        args=([instance.url], 100000, 8, stop, acknowledged, errors),
    )
    load.start()
    deadline = time.monotonic() + 240
    while len(acknowledged) < min_acks and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)  # in the middle of the next requests
    errors_before = len(errors)
    instance.kill()
    if pg_data is not None:
        lib.postgres.as_server(
            [
                str(lib.postgres.bindir() / "pg_ctl"),
                "-D",
                str(pg_data / "cluster"),
                "-m",
                "immediate",
                "stop",
            ],
            check=True,
            capture_output=True,
        )
    before_kill = list(acknowledged)
    stop.set()
    load.join(timeout=TIMEOUT)
    lib.log(
        f"{backend}: killed (-9) with {len(before_kill)} acknowledged,"
        f" {errors_before} client errors before the kill"
    )
    lib.check(len(before_kill) >= 1, f"{backend}: load was running", failures)

    if pg_data is not None:
        lib.postgres.start(pg_data, lib.pg_port(dsn), "luanthanh")
    instance.start()
    # start() waits for Zope's @@ok only: the site itself must open and answer.
    site = lib.admin_session().get(instance.url, timeout=TIMEOUT)
    lib.check(
        site.ok
        and site.headers.get("Content-Type", "").startswith("application/json")
        and site.json().get("@type") == "Plone Site",
        f"{backend}: storage opened after the crash, site answers ({site.status_code})",
        failures,
    )
    found = {d["code"]: d for d in lib.dossiers(instance.url)}
    missing = [a["code"] for a in before_kill if a["code"] not in found]
    lib.check(
        not missing,
        f"{backend}: every acknowledged submission present"
        f" ({len(before_kill) - len(missing)}/{len(before_kill)};"
        f" {len(found)} dossiers in all)",
        failures,
    )
    session = lib.admin_session()
    unreadable = []
    for ack in before_kill:
        dossier = found.get(ack["code"])
        if dossier is None:
            continue
        answer = session.get(dossier["url"], timeout=TIMEOUT)
        items = answer.json().get("items", []) if answer.ok else []
        files = [i for i in items if i["@type"] == "File"]
        if not answer.ok or not files:
            unreadable.append(ack["code"])
            lib.log(f"  {ack['code']}: dossier {answer.status_code}, files {files}")
            continue
        data = session.get(f"{files[0]['@id']}/@@download/file", timeout=TIMEOUT)
        if lib.sha256(data.content) != ack["sha256"]:
            unreadable.append(ack["code"])
            lib.log(
                f"  {ack['code']}: {files[0]['@id']} answers {data.status_code},"
                f" {len(data.content)} bytes, not the PDF that was sent"
            )
    lib.check(
        not unreadable,
        f"{backend}: every acknowledged dossier opens, its PDF has the sent"
        f" sha256 ({len(before_kill) - len(unreadable)}/{len(before_kill)})",
        failures,
    )
    instance.stop()

    result = {"acknowledged_before_kill": len(before_kill), "dossiers": len(found)}
    if backend == "filestorage":
        data_fs = instance.var / "filestorage" / "Data.fs"
        for tool in ("fstest", "fsrefs"):
            run = subprocess.run(
                [str(lib.BIN / "python"), "-m", f"ZODB.scripts.{tool}", str(data_fs)],
                capture_output=True,
                text=True,
                timeout=600,
            )
            output = (run.stdout + run.stderr).strip()
            lib.check(
                run.returncode == 0 and not output,
                f"{backend}: {tool} reports nothing wrong"
                + (f": {output[:500]}" if output else ""),
                failures,
            )
            result[tool] = output[:2000]
    result["refs"] = lib.check_refs(instance, failures, f"{backend}: all")
    if pg_data is not None:
        lib.postgres.stop(pg_data)
    lib.remove(base)
    return result


def main() -> None:
    parser = lib.backend_parser()
    parser.add_argument("--min-acks", type=int, default=20)
    args = parser.parse_args()
    failures: list[str] = []
    results = {b: crash_round(b, failures, args.min_acks) for b in lib.backends(args)}
    lib.finish("crash", failures, results)


if __name__ == "__main__":
    main()
