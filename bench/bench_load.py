"""Load test: one FileStorage instance against two RelStorage instances
behind haproxy, with the same realistic mix, in one run.

Run with ``make bench-load`` (``python bench/bench_load.py``).  For each
target, ``BENCH_USERS`` (16) threads run for ``BENCH_SECONDS`` (60) seconds,
each request chosen at random with these weights:

=============  ======  ==========================================================
type           weight  request
=============  ======  ==========================================================
browse         25      the procedure catalogue page (``thu-tuc-hanh-chinh``)
search         15      the site search for a procedure (``@@search``)
lookup         15      the public status lookup of a dossier (code + phone)
form           10      open the online form (a new signed token)
submit         10      post it with a PDF: a new dossier (counts as a "form" too)
dashboard      15      an official opens the dashboard ``ho-so/@@ban-lam-viec``
transition     10      an official accepts a dossier in intake (REST @workflow)
=============  ======  ==========================================================

Reported per target and request type: count, errors, p50/p95/p99 in ms,
throughput, and the ConflictError retries the instances logged during the
run (``luanthanh.policy.cluster``).  Results go to ``bench/results/``.
The FileStorage instance has ``THREADS`` (4) threads, each RelStorage
instance as many; everything runs on 127.0.0.1.
"""

from pathlib import Path

import collections
import json
import math
import os
import random
import subprocess
import sys
import threading
import time


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "proofs"))

import lib  # noqa: E402


TIMEOUT = lib.TIMEOUT


SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
USERS = int(os.environ.get("BENCH_USERS", "16"))
THREADS = os.environ.get("THREADS", "4")
SEED_DOSSIERS = int(os.environ.get("BENCH_SEED", "20"))
PHONE = "0912345678"
MIX = {
    "browse": 25,
    "search": 15,
    "lookup": 15,
    "submit": 10,
    "dashboard": 15,
    "transition": 10,
}
TYPES = ["browse", "search", "lookup", "form", "submit", "dashboard", "transition"]


def start_haproxy(base: Path, backends: list[lib.Instance]) -> tuple[str, int]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import cluster

    port = lib.free_port()
    config = base / "haproxy.cfg"
    # The cluster's own configuration (scripts/cluster.py), so the bench
    # measures what `make cluster` runs.
    config.write_text(
        cluster.haproxy_config(
            base / "haproxy.pid",
            "127.0.0.1",
            port,
            lib.SITE,
            [
                f"    server {i.name} 127.0.0.1:{i.port} check inter 5s maxconn {THREADS}"
                for i in backends
            ],
        )
    )
    process = subprocess.Popen(
        [cluster.haproxy(), "-db", "-f", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    lib.PROCESSES.servers.append(process)
    url = f"http://127.0.0.1:{port}/{lib.SITE}"
    cluster.wait_for(f"{url}/@@ok", timeout=TIMEOUT)
    return url, port


class Recorder:
    def __init__(self):
        self.times = collections.defaultdict(list)
        self.errors = collections.Counter()
        self.error_samples = []
        self.lock = threading.Lock()

    def record(self, kind: str, seconds: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            if ok:
                self.times[kind].append(seconds)
            else:
                self.errors[kind] += 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(f"{kind}: {detail[:200]}")


def timed(recorder: Recorder, kind: str, call):
    started = time.monotonic()
    try:
        result = call()
    except Exception as exc:  # counted as an error of this type
        recorder.record(kind, time.monotonic() - started, False, repr(exc))
        return None
    recorder.record(kind, time.monotonic() - started, True)
    return result


def user(url: str, codes: list[str], intake: list[str], recorder, stop) -> None:
    import requests

    citizen = requests.Session()
    official = lib.admin_session()  # REST (JSON)
    desk = requests.Session()  # the same official in the browser
    desk.auth = lib.ADMIN
    kinds, weights = zip(*MIX.items(), strict=True)
    rng = random.Random()

    def get(session, path, **params):
        answer = session.get(f"{url}/{path}", params=params, timeout=TIMEOUT)
        answer.raise_for_status()
        return answer

    while not stop.is_set():
        kind = rng.choices(kinds, weights)[0]
        if kind == "browse":
            timed(recorder, kind, lambda: get(citizen, "thu-tuc-hanh-chinh"))
        elif kind == "search":
            word = rng.choice(["khai sinh", "hôn nhân", "mai táng", "chứng thực"])
            timed(
                recorder,
                kind,
                lambda w=word: get(citizen, "@@search", SearchableText=w),
            )
        elif kind == "lookup" and codes:
            code = rng.choice(codes)

            def lookup(code=code):
                answer = citizen.post(
                    f"{url}/tra-cuu-ho-so/@@tra-cuu-ho-so",
                    data={"code": code, "phone": PHONE, "action": "lookup"},
                    timeout=TIMEOUT,
                )
                answer.raise_for_status()
                if code not in answer.text:
                    raise RuntimeError("dossier not found")

            timed(recorder, kind, lookup)
        elif kind == "submit":
            started = time.monotonic()
            try:
                page = get(citizen, lib.FORM)
                recorder.record("form", time.monotonic() - started, True)
            except Exception as exc:
                recorder.record("form", time.monotonic() - started, False, repr(exc))
                continue
            code = timed(recorder, "submit", lambda p=page: post_form(citizen, url, p))
            if code:
                with recorder.lock:
                    codes.append(code)
                    intake.append(code)
        elif kind == "dashboard":
            timed(recorder, kind, lambda: get(desk, "ho-so/@@ban-lam-viec"))
        elif kind == "transition":
            with recorder.lock:
                code = intake.pop(rng.randrange(len(intake))) if intake else None
            if code is None:
                continue
            path = f"ho-so/{code.lower().replace('.', '-')}/@workflow/accept"

            def accept(path=path):
                answer = official.post(f"{url}/{path}", json={}, timeout=TIMEOUT)
                answer.raise_for_status()

            timed(recorder, kind, accept)


def post_form(session, url: str, page) -> str:
    """The POST half of :func:`lib.submit_online`, for an opened form."""
    hidden, action = lib.form_fields(page.text)
    answers = {f"form.widgets.{k}": v for k, v in lib.ANSWERS.items()}
    data = [(k, v) for k, v in hidden if k not in answers]
    data += list(answers.items())
    data += [(f"form.widgets.{k}:list", "selected") for k in lib.CHECKBOXES]
    data.append(("form.buttons.submit", "Gửi"))
    files = {
        "form.widgets.giay_chung_sinh": (
            "Giấy chứng sinh.pdf",
            lib.unique_pdf(),
            "application/pdf",
        )
    }
    answer = session.post(action, data=data, files=files, timeout=300)
    answer.raise_for_status()
    match = lib.CODE_RE.search(answer.text)
    if match is None:
        raise RuntimeError("no code in the answer")
    return match.group(1)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return (values[lo] + (values[hi] - values[lo]) * (k - lo)) * 1000


def rounded(value: float) -> int | None:
    """Milliseconds as an int; None when no request of the kind succeeded."""
    return None if math.isnan(value) else round(value)


def run_target(name: str, url: str, instances: list[lib.Instance]) -> dict:
    lib.log(f"{name}: seeding {SEED_DOSSIERS} dossiers")
    acknowledged, errors = lib.run_clients([url], SEED_DOSSIERS, 8)
    codes = [a["code"] for a in acknowledged]
    intake = list(codes)
    retries_before = sum(lib.conflict_retries(i) for i in instances)
    recorder = Recorder()
    stop = threading.Event()
    # Warm every server thread on the pages of the mix before timing.
    warm = lib.admin_session()
    for _ in range(int(THREADS) * len(instances)):
        for path in ("thu-tuc-hanh-chinh", lib.FORM, "ho-so/@@ban-lam-viec"):
            warm.get(f"{url}/{path}", timeout=TIMEOUT)
    lib.log(f"{name}: {USERS} users for {SECONDS:.0f}s")
    threads = [
        threading.Thread(target=user, args=(url, codes, intake, recorder, stop))
        for _ in range(USERS)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)
    stop.set()
    for thread in threads:
        thread.join(timeout=300)
    elapsed = time.monotonic() - started
    retries = sum(lib.conflict_retries(i) for i in instances) - retries_before
    rows = {}
    for kind in TYPES:
        times = recorder.times.get(kind, [])
        rows[kind] = {
            "count": len(times),
            "errors": recorder.errors.get(kind, 0),
            "per_second": round(len(times) / elapsed, 2),
            "p50_ms": rounded(percentile(times, 50)),
            "p95_ms": rounded(percentile(times, 95)),
            "p99_ms": rounded(percentile(times, 99)),
        }
    total = sum(r["count"] for r in rows.values())
    return {
        "target": name,
        "seconds": round(elapsed, 1),
        "requests": total,
        "requests_per_second": round(total / elapsed, 2),
        "errors": sum(r["errors"] for r in rows.values()),
        "error_samples": recorder.error_samples,
        "conflict_retries": retries,
        "by_type": rows,
        "seed_errors": len(errors),
    }


def table(results: list[dict]) -> str:
    head = "| type | " + " | ".join(
        f"{r['target']}: n / err / p50 / p95 / p99 ms" for r in results
    )
    lines = [head + " |", "|---" * (len(results) + 1) + "|"]
    for kind in TYPES:
        cells = []
        for r in results:
            row = r["by_type"][kind]
            cells.append(
                f"{row['count']} / {row['errors']} / {row['p50_ms']} /"
                f" {row['p95_ms']} / {row['p99_ms']}"
            )
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines.append(
        "| **requests/s** | "
        + " | ".join(f"{r['requests_per_second']}" for r in results)
        + " |"
    )
    lines.append(
        "| **errors** | " + " | ".join(str(r["errors"]) for r in results) + " |"
    )
    lines.append(
        "| **ConflictError retries** | "
        + " | ".join(str(r["conflict_retries"]) for r in results)
        + " |"
    )
    return "\n".join(lines)


def main() -> None:
    results = []
    base = lib.workdir("bench-load")

    single = lib.Instance(base, "filestorage", "filestorage", THREADS=THREADS)
    single.create_site()
    single.start()
    results.append(run_target("1 × FileStorage", single.url, [single]))
    single.stop()

    _pg, dsn = lib.start_postgres(base)
    pair = [
        lib.Instance(
            base, f"relstorage{n}", "relstorage", RELSTORAGE_DSN=dsn, THREADS=THREADS
        )
        for n in (1, 2)
    ]
    pair[0].create_site()
    for instance in pair:
        instance.start()
    url, _port = start_haproxy(base, pair)
    results.append(run_target("2 × RelStorage + haproxy", url, pair))
    lib.PROCESSES.stop_all()

    text = table(results)
    print()
    print(
        f"Load test: {USERS} users, {SECONDS:.0f}s per target, {THREADS} threads"
        f" per instance, {os.cpu_count()} CPUs, load average"
        f" {os.getloadavg()[0]:.1f}"
    )
    print(text)
    for r in results:
        for sample in r["error_samples"]:
            print(f"  {r['target']} error: {sample}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"load-{stamp}.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False)
    )
    (out / f"load-{stamp}.md").write_text(text + "\n")
    lib.remove(base)


if __name__ == "__main__":
    main()
