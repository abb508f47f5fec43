"""Proof 1, the cluster: PostgreSQL + two Zope instances on RelStorage.

400 anonymous online submissions (the demo form "Đăng ký khai sinh" with a
PDF) from 16 concurrent clients, split over both instances; then:

* every acknowledged submission (a thank-you page with a code) has exactly
  one dossier, and there are no dossiers nobody was told about;
* all codes are unique (PostgreSQL sequence of the day, checked against
  PostgreSQL's own ``last_value`` too);
* both instances report the same statistics (counts by state and channel
  from their own catalogs);
* a dossier accepted on one instance is seen accepted on the other at once;
* no request of the submissions took more than ``--max-seconds`` (30 s):
  the time of every GET and POST, their p50/p95/max, the ConflictError
  retries and the load average are reported (``var/proofs/cluster.json``);
* 11 status lookups from one client (named by ``X-Forwarded-For`` as haproxy
  names it), spread over both instances, give a 429: the counts are shared in
  PostgreSQL and kept per real client (``lookups.py``).

Usage: ``python scripts/proofs/proof_cluster.py [--submissions N] [--clients N]
[--max-seconds S]``
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import argparse
import sys
import threading
import time


sys.path.insert(0, __file__.rsplit("/", 1)[0])

import lib
import lookups
import timing


TIMEOUT = lib.TIMEOUT


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=400)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=30.0,
        help="no request of the submissions may take longer (default 30)",
    )
    args = parser.parse_args()
    proof_started = time.monotonic()
    load_at_start = timing.load_average()
    lib.log(f"load average {load_at_start}")
    failures: list[str] = []
    base = lib.workdir("cluster")
    _data, dsn = lib.start_postgres(base)

    instances = [
        lib.Instance(
            base,
            name,
            "relstorage",
            RELSTORAGE_DSN=dsn,
            THREADS="4",
            # As behind the cluster's haproxy: loopback names the client.
            TRUSTED_PROXY="127.0.0.1",
        )
        for name in ("instance1", "instance2")
    ]
    instances[0].create_site()
    for instance in instances:
        instance.start()
    urls = [instance.url for instance in instances]

    lib.log(f"{args.submissions} submissions, {args.clients} clients, 2 instances")
    started = time.monotonic()
    acknowledged, errors = lib.run_clients(urls, args.submissions, args.clients)
    elapsed = time.monotonic() - started
    load_after = timing.load_average()
    lib.log(
        f"{len(acknowledged)} acknowledged, {len(errors)} errors in {elapsed:.0f}s"
        f" ({len(acknowledged) / elapsed:.1f} submissions/s;"
        f" load average {load_after})"
    )
    for error in errors[:5]:
        lib.log(f"  error: {error}")
    retries_during = {i.name: lib.conflict_retries(i) for i in instances}
    latency = timing.summary(timing.LATENCIES, args.max_seconds)
    for method in ("GET", "POST"):
        figures = latency[method]
        lib.log(
            f"{method} x{figures['n']}: p50 {figures['p50']}s, p95"
            f" {figures['p95']}s, max {figures['max']}s (load average {load_after})"
        )
    lib.log(
        f"answers {latency['answers']}; ConflictError retries {retries_during};"
        f" posts sent again {len(lib.RESENT)}"
    )
    lib.check(
        not latency["over_limit"],
        f"no request over {args.max_seconds:.0f}s (longest"
        f" {latency['all']['max']}s; over: {latency['over_limit'][:5]})",
        failures,
    )

    lib.check(
        len(acknowledged) == args.submissions,
        f"every submission acknowledged ({len(acknowledged)}/{args.submissions})",
        failures,
    )
    per_target = dict.fromkeys(urls, 0)
    for item in acknowledged:
        per_target[item["target"]] += 1
    lib.check(
        all(count > 0 for count in per_target.values()),
        f"both instances took submissions {list(per_target.values())}",
        failures,
    )

    acked_codes = [item["code"] for item in acknowledged]
    for url in urls:
        waited = lib.wait_indexed(url, acked_codes)
        lib.log(f"every acknowledged dossier listed by {url} after {waited:.1f}s")
    listings = [lib.dossiers(url) for url in urls]
    codes = [d["code"] for d in listings[0]]
    lib.check(
        len(set(acked_codes)) == len(acked_codes), "acknowledged codes unique", failures
    )
    lib.check(
        len(set(codes)) == len(codes), "dossier codes unique in the catalog", failures
    )
    by_applicant = {}
    for dossier in listings[0]:
        by_applicant.setdefault(dossier["applicant"], []).append(dossier["code"])
    wrong = [a for a in acknowledged if by_applicant.get(a["applicant"]) != [a["code"]]]
    lib.check(
        not wrong,
        f"every acknowledged submission has exactly one dossier, the one whose"
        f" code it was given ({len(acknowledged) - len(wrong)}/{len(acknowledged)})",
        failures,
    )
    extra = len(codes) - len(acknowledged)
    lib.check(
        0 <= extra <= len(errors),
        f"no other dossiers than those of the submissions ({len(codes)} dossiers,"
        f" {len(acknowledged)} acknowledged, {len(errors)} not acknowledged)",
        failures,
    )
    day = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%y%m%d")
    numbers = sorted(int(c.rsplit("-", 1)[1]) for c in codes if f"-{day}-" in c)
    last = int(
        lib.postgres.psql(
            _data,
            lib.pg_port(dsn),
            f"SELECT last_value FROM luanthanh_code_{day}",
            db="luanthanh",
        )
    )
    lib.check(
        bool(numbers) and numbers[-1] <= last,
        f"codes come from the PostgreSQL sequence (last_value {last},"
        f" highest code {numbers[-1] if numbers else None})",
        failures,
    )

    stats = [lib.statistics(url) for url in urls]
    lib.check(stats[0] == stats[1], f"same statistics on both: {stats[0]}", failures)

    # Accept on one instance, read on the other at once (both directions).
    session = lib.admin_session(urls[0])  # writes: a Bearer token
    seen = []
    for i, dossier in enumerate(listings[0][:6]):
        here, there = urls[i % 2], urls[(i + 1) % 2]
        path = dossier["url"].split(f"/{lib.SITE}/", 1)[1]
        answer = session.post(
            f"{here}/{path}/@workflow/accept", json={}, timeout=TIMEOUT
        )
        if answer.status_code != 200:
            failures.append(f"accept {dossier['code']}: {answer.status_code}")
            lib.log(f"FAIL accept {dossier['code']}: {answer.text[:300]}")
            continue
        state = session.get(f"{there}/{path}/@workflow", timeout=TIMEOUT)
        state = state.json()["state"]
        found = session.get(
            f"{there}/++api++/@dossier-search",
            params={"q": dossier["code"]},
            timeout=TIMEOUT,
        ).json()["items"]
        new_state = answer.json()["review_state"]
        seen.append((new_state, state["id"], [f["review_state"] for f in found]))
    lib.check(
        len(seen) == 6 and all(s[0] == s[1] and [s[0]] == s[2] for s in seen),
        f"accepted on one instance, accepted on the other at once: {seen}",
        failures,
    )
    stats = [lib.statistics(url) for url in urls]
    lib.check(
        stats[0] == stats[1] and stats[0]["by_state"].get(seen[0][0]) == 6,
        f"same statistics after the transitions: {stats[0]['by_state']}",
        failures,
    )

    # The sequence alone, hammered by 8 threads on their own connections.
    taken, lock = [], threading.Lock()

    class Folder:  # no ZODB counter: the sequence starts at 1
        _p_jar = None

    lib.codes_module().current_value = lambda folder, day: 0

    def take():
        for _ in range(100):
            number = lib.codes_module().take_from_postgresql(Folder(), "991231", dsn)
            with lock:
                taken.append(number)

    threads = [threading.Thread(target=take) for _ in range(8)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rate = len(taken) / (time.monotonic() - started)
    lib.check(
        sorted(taken) == list(range(1, 801)),
        f"PostgreSQL sequence: 800 numbers from 8 threads, each once ({rate:.0f}/s)",
        failures,
    )

    lookup_results = lookups.check_shared_limit(urls, failures)

    retries = {i.name: lib.conflict_retries(i) for i in instances}
    lib.log(f"ConflictError retries in the logs: {retries}")
    lib.log(f"posts sent again by the clients after an error: {len(lib.RESENT)}")
    server_errors = {i.name: lib.server_errors(i) for i in instances}
    lib.log(f"errors the instances logged: {server_errors}")
    lib.PROCESSES.stop_all()
    if failures or latency["answers"].get("500"):
        lib.log(f"the instances' logs are in {lib.keep_logs(base, 'cluster')}")
    lib.remove(base)
    total = time.monotonic() - proof_started
    lib.log(f"proof took {total:.0f}s (load average {timing.load_average()})")
    lib.finish(
        "cluster",
        failures,
        {
            "submissions": args.submissions,
            "clients": args.clients,
            "acknowledged": len(acknowledged),
            "errors": errors[:20],
            "seconds": round(elapsed, 1),
            "proof_seconds": round(total, 1),
            "load_average": {"start": load_at_start, "after_submissions": load_after},
            "latency_seconds": latency,
            "conflict_retries_during_submissions": retries_during,
            "per_instance": list(per_target.values()),
            "statistics": stats[0],
            "conflict_retries_logged": retries,
            "server_errors": server_errors,
            "posts_resent": len(lib.RESENT),
            "pg_sequence_numbers_per_second": round(rate),
            "shared_lookup_limit": lookup_results,
        },
    )


if __name__ == "__main__":
    main()
