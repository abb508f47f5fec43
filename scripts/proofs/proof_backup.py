"""Proofs 3 and 4: backup and restore round trip, then pack of the copy.

For FileStorage (repozo + blob archive) and RelStorage (pg_dump/pg_restore):

1. a site with online dossiers and their PDFs; some accepted, some deleted
   (garbage for the pack);
2. ``scripts/backup.py backup`` while the site serves (what ``make backup``
   runs);
3. ``scripts/backup.py restore`` into a fresh instance (new var/, or a new
   PostgreSQL database), timed;
4. the restored site has the same dossier count, the same statistics and
   every attachment with the same sha256;
5. the restored copy is packed: every current dossier and attachment still
   reads, every object reachable from the root loads (no POSKeyError).

Usage: ``python scripts/proofs/proof_backup.py [--backend ...] [--dossiers N]``
"""

import sys
import time


sys.path.insert(0, __file__.rsplit("/", 1)[0])

import lib


TIMEOUT = lib.TIMEOUT


def attachments(url: str) -> dict[str, list[str]]:
    """code -> sorted sha256 of the dossier's files, read over HTTP."""
    session = lib.admin_session()
    result = {}
    for dossier in lib.dossiers(url):
        body = session.get(dossier["url"], timeout=TIMEOUT).json()
        sums = []
        for item in body.get("items", []):
            if item["@type"] == "File":
                data = session.get(f"{item['@id']}/@@download/file", timeout=TIMEOUT)
                data.raise_for_status()
                sums.append(lib.sha256(data.content))
        result[dossier["code"]] = sorted(sums)
    return result


def backup_script(instance: lib.Instance, command: str, backups) -> float:
    started = time.monotonic()
    output = instance.run(
        [
            lib.BIN / "python",
            "scripts/backup.py",
            command,
            "--var",
            instance.var,
            "--to",
            backups,
        ]
    )
    lib.log(output.strip().replace("\n", " | "))
    return time.monotonic() - started


def storage_size(instance: lib.Instance, pg_data, dsn) -> int:
    if instance.backend == "filestorage":
        return (instance.var / "filestorage" / "Data.fs").stat().st_size
    db = dsn.split("dbname=")[1].split()[0]
    return int(
        lib.postgres.psql(
            pg_data, lib.pg_port(dsn), f"SELECT pg_database_size('{db}')", db=db
        )
    )


def round_trip(backend: str, dossiers: int, failures: list[str]) -> dict:
    base = lib.workdir(f"backup-{backend}")
    source, pg_data, dsn = lib.new_instance(base, "source", backend)
    acknowledged, errors = lib.run_clients([source.url], dossiers, 8)
    # The round trip is what is proved here; a failed submission (reported
    # by the cluster proof) must not hide it, but most must go through.
    lib.check(
        len(acknowledged) >= 0.9 * dossiers,
        f"{backend}: {len(acknowledged)} online dossiers"
        f" ({len(errors)} submissions failed: {errors[:2]})",
        failures,
    )
    lib.wait_indexed(source.url, [a["code"] for a in acknowledged])
    session = lib.admin_session(source.url)  # writes: a Bearer token
    listing = lib.dossiers(source.url)
    for dossier in listing[:5]:
        session.post(f"{dossier['url']}/@workflow/accept", json={}, timeout=TIMEOUT)
    deleted = [d["code"] for d in listing[5:8]]
    for dossier in listing[5:8]:
        session.delete(dossier["url"], timeout=TIMEOUT).raise_for_status()
    stats = lib.statistics(source.url)
    sums = attachments(source.url)
    lib.log(f"{backend}: source {stats}, {sum(map(len, sums.values()))} attachments")

    backups = base / "backup"
    backup_seconds = backup_script(source, "backup", backups)
    source.stop()

    restored_env = {}
    if dsn is not None:
        # A new, empty database, made by the PostgreSQL administrator for the
        # application's role (which may not create databases: issue #14).
        lib.postgres.ensure_app_role(pg_data, lib.pg_port(dsn), "luanthanh_restored")
        restored_env["RELSTORAGE_DSN"] = dsn.replace(
            "dbname=luanthanh", "dbname=luanthanh_restored"
        )
    restored = lib.Instance(base, "restored", backend, **restored_env)
    restore_seconds = backup_script(restored, "restore", backups)
    lib.log(f"{backend}: restore took {restore_seconds:.1f}s")
    restored.start()
    restored_stats = lib.statistics(restored.url)
    restored_sums = attachments(restored.url)
    lib.check(
        restored_stats["total"] == stats["total"],
        f"{backend}: dossier count {restored_stats['total']} == {stats['total']}",
        failures,
    )
    lib.check(restored_stats == stats, f"{backend}: same statistics", failures)
    lib.check(
        restored_sums == sums and all(sums.values()),
        f"{backend}: every attachment's sha256 equal"
        f" ({sum(map(len, restored_sums.values()))} files)",
        failures,
    )
    restored.stop()

    # Pack the restored copy.
    restored_dsn = restored_env.get("RELSTORAGE_DSN")
    size_before = storage_size(restored, pg_data, restored_dsn)
    output = restored.zconsole(str(lib.ROOT / "scripts/proofs/pack.py"))
    size_after = storage_size(restored, pg_data, restored_dsn)
    lib.log(
        f"{backend}: {output.strip().splitlines()[-1]}, {size_before:,} ->"
        f" {size_after:,} bytes"
    )
    refs = lib.check_refs(
        restored, failures, f"{backend}: after pack all", note="no POSKeyError"
    )
    restored.start()
    packed_sums = attachments(restored.url)
    lib.check(
        packed_sums == sums and lib.statistics(restored.url) == stats,
        f"{backend}: after pack every dossier and attachment reads, same sha256",
        failures,
    )
    lib.check(
        not set(deleted) & set(packed_sums),
        f"{backend}: deleted dossiers stay deleted {deleted}",
        failures,
    )
    restored.stop()
    if pg_data is not None:
        lib.postgres.stop(pg_data)
    lib.remove(base)
    return {
        "dossiers": stats["total"],
        "attachments": sum(map(len, sums.values())),
        "backup_seconds": round(backup_seconds, 1),
        "restore_seconds": round(restore_seconds, 1),
        "size_before_pack": size_before,
        "size_after_pack": size_after,
        "refs_after_pack": refs,
    }


def main() -> None:
    parser = lib.backend_parser()
    parser.add_argument("--dossiers", type=int, default=30)
    args = parser.parse_args()
    failures: list[str] = []
    results = {b: round_trip(b, args.dossiers, failures) for b in lib.backends(args)}
    for backend, result in results.items():
        lib.log(
            f"{backend}: restore of {result['dossiers']} dossiers /"
            f" {result['attachments']} attachments took {result['restore_seconds']}s"
        )
    lib.finish("backup", failures, results)


if __name__ == "__main__":
    main()
