"""Benchmark: concurrent anonymous online submissions against REST Document creation.

Run: ``make bench-submissions`` (or ``.venv/bin/pytest bench/bench_submissions.py -s``).

A real instance, as ``make start`` makes it, in a temporary directory with
its own ``var/`` (FileStorage + blobs): ``scripts/make_instance.py``,
``scripts/create_site.py`` (with the demo profile, so the demo form
"Tờ khai đăng ký khai sinh trực tuyến" exists), then ``runwsgi`` as a
separate process on a free loopback port (18100-18199), with
``BENCH_SUBMIT_THREADS`` waitress threads (4, as ``make start``).

Before the server starts, ``bench/zconsole_submissions.py`` turns the per-IP
rate limit off (``luanthanh.policy.online.submission_limit`` = 0: every
client is 127.0.0.1 here) and creates the folder for the Documents.  The
rest of the guard stays as in production: the honeypot is sent empty, the
signed stamp is checked, and the minimum fill time (3 s) is respected by the
clients themselves.  Each client keeps a queue of rendered forms: it renders
forms for a little more than 3 s before the clock starts, then in every round
renders one form (GET) and posts the oldest one it holds, which is always
older than 3 s.  So every dossier costs one GET and one POST.

Phase 1, ``BENCH_SUBMIT_CLIENTS`` (8) clients for ``BENCH_SUBMIT_SECONDS``
(60) seconds: each POST is a valid submission of the birth registration form
(answers unique per submission, a small PDF as "Giấy chứng sinh", no e-mail
address so that no confirmation mail is sent); the dossier code is read from
the thank-you page.  The first submission of each client, and every
``BENCH_SUBMIT_DOUBLE_EVERY`` (10)-th after it, is a double click: the same rendering (same stamp, same token)
posted twice at the same moment over two connections; both answers must show
the same code, and only one dossier may exist.

Phase 2, the same clients for the same time: plone.restapi Document creation
(``POST ++api++/bench-documents``, Basic auth as the Zope admin, a Manager).

Then the server is stopped and the database is read back (catalog and
objects, ``BENCH_ACTION=verify``): the number of dossiers equals the number
of acknowledged submissions, codes are unique, each submission token has
exactly one dossier (objects and the ``submission_token`` index), with the
code the client was shown and its attachment; the Documents in the folder
equal the 201 responses.  ConflictErrors are counted, by class of the
conflicting object, from the server's event log: Products.SiteErrorLog logs
each one the publisher retries ("Request will be retried") and the traceback
of each one it gave up on after 3 retries (HTTP 500).

The clients run as threads of this process, on the same (shared) machine as
the server: the figures are for the whole loop on one box.  It measures and
then checks the integrity of what was written; a broken invariant fails.
"""

from collections import Counter
from collections import deque
from html.parser import HTMLParser
from luanthanh.policy.easyform.guard import GUARD
from luanthanh.policy.easyform.guard import MIN_FILL_SECONDS
from luanthanh.policy.testing.files import PDF
from pathlib import Path
from scripts.make_instance import command as make_instance_command

import json
import os
import re
import requests
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time


ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CLIENTS = int(os.environ.get("BENCH_SUBMIT_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_SUBMIT_SECONDS", "60"))
THREADS = os.environ.get("BENCH_SUBMIT_THREADS", "4")
DOUBLE_EVERY = int(os.environ.get("BENCH_SUBMIT_DOUBLE_EVERY", "10"))
PORTS = range(18100, 18200)
SITE_ID = "Plone"
FORM = "nop-ho-so/dang-ky-khai-sinh"
FOLDER = "bench-documents"
ADMIN = "admin"
PASSWORD = f"Bench-{secrets.token_hex(8)}"
#: A little more than the guard's minimum fill time.
FILL_SECONDS = MIN_FILL_SECONDS + 0.5
TIMEOUT = 300
RESULTS = ROOT / "bench" / "results"

CODE_RE = re.compile(r'class="[^"]*online-receipt-code[^"]*"[^>]*>\s*([^<\s]+)\s*<')
ERROR_RE = re.compile(
    r'class="[^"]*(?:invalid-feedback|portalMessage|alert-danger)[^"]*"[^>]*>(.*?)</',
    re.S,
)
#: What Products.SiteErrorLog logs for a ConflictError the publisher retries,
#: and the last line of the traceback of one it gave up on (HTTP 500).
RETRIED = re.compile(
    r"ConflictError at \S+: .*?oid (0x[0-9a-f]+), class ([\w.]+).*Request will be retried"
)
GAVE_UP = re.compile(
    r"^ZODB\.POSException\.ConflictError: .*?oid (0x[0-9a-f]+), class ([\w.]+)", re.M
)


# The instance ------------------------------------------------------------------


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18100-18199")


class Instance:
    """A Zope instance in ``base``, served by ``runwsgi`` in its own process."""

    def __init__(self, base: Path):
        self.base = base
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/{SITE_ID}"
        self.zope_conf = base / "instance" / "etc" / "zope.conf"
        self.event_log = base / "var" / "log" / "event.log"
        self.process = None
        path = [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
        self.env = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "THREADS": THREADS,
            "ADMIN_USER": ADMIN,
            "ADMIN_PASSWORD": PASSWORD,
            "DEMO_WORKSPACE": "false",  # the demo forms, no demo dossiers
            "SITE_ID": SITE_ID,
            "BENCH_FOLDER": FOLDER,
            "PYTHONPATH": os.pathsep.join(p for p in path if p),
        }

    def run(self, *args: str, **env: str) -> str:
        result = subprocess.run(
            args,
            env={**self.env, **env},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def zconsole(self, script: str, **env: str) -> str:
        return self.run(
            str(BIN / "zconsole"), "run", str(self.zope_conf), script, **env
        )

    def build(self) -> None:
        self.run(*make_instance_command(self.base))
        self.zconsole("scripts/create_site.py")
        self.zconsole("bench/zconsole_submissions.py", BENCH_ACTION="setup")

    def start(self) -> None:
        self.log = open(self.base / "server.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(BIN / "runwsgi"), str(self.base / "instance/etc/zope.ini")],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server stopped"
            try:
                if requests.get(f"{self.url}/{FORM}", timeout=30).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError("the server did not answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=120)
        if self.process is not None:
            self.log.close()
        self.process = None

    def log_size(self) -> int:
        return self.event_log.stat().st_size if self.event_log.exists() else 0

    def conflicts(self, start: int, end: int) -> dict:
        """ConflictErrors in the event log between two offsets, by class."""
        with open(self.event_log, "rb") as log:
            log.seek(start)
            text = log.read(end - start).decode("utf-8", "replace")
        retried = RETRIED.findall(text)
        gave_up = GAVE_UP.findall(text)
        return {
            "retried": len(retried),
            "gave_up": len(gave_up),
            "retried_by_class": dict(Counter(cls for _oid, cls in retried)),
            "gave_up_by_class": dict(Counter(cls for _oid, cls in gave_up)),
            "by_oid": dict(Counter(oid for oid, _cls in retried + gave_up)),
        }


# The clients -------------------------------------------------------------------


class FormInputs(HTMLParser):
    """The hidden inputs of the page's dossier form (stamp, markers...)."""

    def __init__(self):
        super().__init__()
        self.hidden: list[tuple[str, str]] = []
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == "form"
        elif tag == "input" and self.in_form and attrs.get("type") == "hidden":
            self.hidden.append((attrs.get("name") or "", attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


def hidden_inputs(html: str) -> list[tuple[str, str]]:
    parser = FormInputs()
    parser.feed(html)
    return parser.hidden


def answers(client: int, n: int) -> list[tuple[str, str]]:
    """A valid birth registration, unique per client and submission."""
    return [
        ("form.widgets.ho_ten", f"Nguyễn Văn Khách {client}-{n}"),
        ("form.widgets.so_cccd", f"0380{client:02d}{n:06d}"),
        ("form.widgets.so_dien_thoai", f"09{client:02d}{n:06d}"),
        ("form.widgets.email", ""),
        ("form.widgets.dia_chi", "Thôn Trung Thành, xã Luận Thành, tỉnh Thanh Hóa"),
        ("form.widgets.quan_he", "Cha"),
        ("form.widgets.ho_ten_tre", f"Nguyễn Minh Khôi {client}-{n}"),
        ("form.widgets.ngay_sinh", "2025-11-20"),
        ("form.widgets.gioi_tinh", "Nam"),
        ("form.widgets.noi_sinh", "Trạm Y tế xã Luận Thành, tỉnh Thanh Hóa"),
        ("form.widgets.dan_toc", "Kinh"),
        ("form.widgets.quoc_tich", "Việt Nam"),
        ("form.widgets.ho_ten_me", "Lê Thị Hoa"),
        ("form.widgets.ho_ten_cha", f"Nguyễn Văn Khách {client}-{n}"),
        ("form.widgets.nhan_ket_qua", "center"),  # Đăng ký nhận kết quả tại
        ("form.widgets.luanthanh_homepage", ""),  # the honeypot, empty
        ("form.widgets.cam_doan:list", "selected"),
        ("form.widgets.dong_y:list", "selected"),
        ("form.buttons.submit", "Gửi hồ sơ"),
    ]


def token_of(hidden: list[tuple[str, str]]) -> str:
    stamp = dict(hidden).get(f"form.widgets.{GUARD}", "")
    parts = stamp.split(".")
    return parts[1] if len(parts) == 3 else ""


class Client(threading.Thread):
    """One visitor (or one REST client) looping until the clock runs out."""

    def __init__(self, number: int, kind: str, url: str, barrier, clock):
        super().__init__(name=f"{kind}-{number}", daemon=True)
        self.number = number
        self.kind = kind
        self.url = url
        self.barrier = barrier
        self.clock = clock  # {"end": monotonic time}, set after the barrier
        self.session = requests.Session()
        self.records: list[dict] = []
        self.error_samples: list[str] = []
        self.conflict_bodies = 0

    def run(self):
        try:
            if self.kind == "submit":
                self.submissions()
            else:
                self.documents()
        finally:
            self.session.close()

    def record(self, kind, status, seconds, **extra):
        self.records.append(
            {"kind": kind, "status": status, "ms": seconds * 1000, **extra}
        )

    def fail(self, text: str):
        if "database conflict error" in text:  # plone.restapi's JSON error
            self.conflict_bodies += 1
        if len(self.error_samples) < 3:
            self.error_samples.append(text[:2000])

    # Submissions ----------------------------------------------------------

    def render(self, queue: deque, timed: bool = True) -> None:
        start = time.monotonic()
        try:
            response = self.session.get(f"{self.url}/{FORM}", timeout=TIMEOUT)
            status = response.status_code
        except requests.RequestException as error:
            status, response = f"{type(error).__name__}", None
        seconds = time.monotonic() - start
        if timed:
            self.record("form", status, seconds)
        if response is not None and response.ok:
            hidden = hidden_inputs(response.text)
            if token_of(hidden):
                queue.append((time.monotonic(), hidden))
                return
        self.fail(f"GET form: {status}")

    def post(self, hidden, n: int, kind: str, session=None) -> dict:
        """POST one rendering of the form; the record, with the code shown."""
        data = hidden + answers(self.number, n)
        files = {
            "form.widgets.giay_chung_sinh": (
                "Giấy chứng sinh.pdf",
                PDF,
                "application/pdf",
            )
        }
        start = time.monotonic()
        try:
            response = (session or self.session).post(
                f"{self.url}/{FORM}", data=data, files=files, timeout=TIMEOUT
            )
            status = response.status_code
        except requests.RequestException as error:
            status, response = f"{type(error).__name__}", None
        seconds = time.monotonic() - start
        match = CODE_RE.search(response.text) if response is not None else None
        code = match.group(1) if match else None
        record = {
            "kind": kind,
            "status": status,
            "ms": seconds * 1000,
            "token": token_of(hidden),
            "code": code,
            "ok": bool(code),
        }
        self.records.append(record)
        if code is None:
            detail = ""
            if response is not None:
                found = ERROR_RE.findall(response.text)
                detail = " | ".join(" ".join(m.split()) for m in found if m.strip())
            self.fail(f"POST {kind}: {status} {detail}")
        return record

    def double_post(self, hidden, n: int) -> None:
        """A double click: the same rendering posted twice at the same time."""
        with requests.Session() as other:
            twin = threading.Thread(
                target=self.post, args=(hidden, n, "double", other), daemon=True
            )
            twin.start()
            first = self.post(hidden, n, "submit")
            twin.join(timeout=2 * TIMEOUT)
        [second] = [
            r
            for r in self.records
            if r["kind"] == "double" and r["token"] == first["token"]
        ]
        same = first["code"] == second["code"]
        first["same_code"] = second["same_code"] = (
            same if first["ok"] and second["ok"] else None
        )

    def submissions(self):
        queue: deque = deque()
        # Render forms for a little more than the minimum fill time.
        first = time.monotonic()
        while time.monotonic() - first < FILL_SECONDS:
            self.render(queue, timed=False)
        self.barrier.wait()
        n = 0
        while time.monotonic() < self.clock["end"]:
            self.render(queue)
            if not queue:
                continue
            rendered_at, hidden = queue.popleft()
            wait = rendered_at + FILL_SECONDS - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            n += 1
            if DOUBLE_EVERY and (n - 1) % DOUBLE_EVERY == 0:
                self.double_post(hidden, n)
            else:
                self.post(hidden, n, "submit")

    # Documents ------------------------------------------------------------

    def document_session(self) -> str:
        self.session.auth = (ADMIN, PASSWORD)
        self.session.headers.update(
            {"Accept": "application/json", "Content-Type": "application/json"}
        )
        return self.url.replace(f"/{SITE_ID}", f"/{SITE_ID}/++api++") + f"/{FOLDER}"

    def create_document(self, target: str, n: int, kind: str = "document") -> None:
        body = {
            "@type": "Document",
            "title": f"Văn bản thử {self.number}-{n}",
            "description": "Tạo bởi bench_submissions.py",
            "text": {
                "data": f"<p>Nội dung văn bản thử {self.number}-{n}.</p>",
                "content-type": "text/html",
                "encoding": "utf-8",
            },
        }
        start = time.monotonic()
        try:
            response = self.session.post(target, json=body, timeout=TIMEOUT)
            status = response.status_code
        except requests.RequestException as error:
            status, response = f"{type(error).__name__}", None
        seconds = time.monotonic() - start
        ok = status == 201
        self.record(kind, status, seconds, ok=ok)
        if not ok:
            # (a Response with an error status is falsy: test for None)
            body = response.text if response is not None else ""
            self.fail(f"POST {kind}: {status} {body}")

    def documents(self):
        target = self.document_session()
        # Warm up as the submission clients do (not counted, nothing created).
        first = time.monotonic()
        while time.monotonic() - first < FILL_SECONDS:
            self.session.get(target, timeout=TIMEOUT)
        self.barrier.wait()
        n = 0
        while time.monotonic() < self.clock["end"]:
            n += 1
            self.create_document(target, n)

    def warm_up(self) -> None:
        """One submission and one Document, alone, before the timed phases.

        The first rendering of a page template compiles it; Chameleon
        compiling the same template in several threads at once fails on
        Python 3.11 (malthe/chameleon#387), which is not what this measures.
        The dossier and the Document count in the checks like the others.
        """
        queue: deque = deque()
        self.render(queue, timed=False)
        rendered_at, hidden = queue.popleft()
        time.sleep(max(0.0, rendered_at + FILL_SECONDS - time.monotonic()))
        self.post(hidden, 0, "warmup")
        self.create_document(self.document_session(), 0, "warmup-document")


def run_phase(kind: str, url: str) -> dict:
    clock: dict = {}

    def start_clock():  # run by the barrier before any client goes on
        clock["start"] = time.monotonic()
        clock["end"] = clock["start"] + SECONDS

    barrier = threading.Barrier(CLIENTS + 1, action=start_clock)
    clients = [Client(i + 1, kind, url, barrier, clock) for i in range(CLIENTS)]
    for client in clients:
        client.start()
    barrier.wait(timeout=600)
    start = clock["start"]
    for client in clients:
        client.join(timeout=SECONDS + 2 * TIMEOUT + 60)
    elapsed = time.monotonic() - start
    records = [r for client in clients for r in client.records]
    samples = [s for client in clients for s in client.error_samples]
    return {
        "elapsed": elapsed,
        "records": records,
        "error_samples": samples,
        "conflict_500_bodies": sum(client.conflict_bodies for client in clients),
    }


# Figures -----------------------------------------------------------------------


def percentile(values: list[float], q: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 1)


def summary(records: list[dict], kind: str, elapsed: float) -> dict:
    rows = [r for r in records if r["kind"] == kind]
    good = [r for r in rows if r.get("ok", r["status"] == 200)]
    latencies = [r["ms"] for r in rows]
    return {
        "requests": len(rows),
        "ok": len(good),
        "errors": len(rows) - len(good),
        "statuses": dict(Counter(str(r["status"]) for r in rows)),
        "per_second": round(len(good) / elapsed, 2) if elapsed else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "max_ms": round(max(latencies), 1) if latencies else 0.0,
    }


def verify(submitted: dict, documents: dict, database: dict) -> dict:
    """What the database holds against what the clients were told."""
    posts = [
        r for r in submitted["records"] if r["kind"] in ("warmup", "submit", "double")
    ]
    acknowledged: dict[str, set] = {}
    for r in posts:
        if r["ok"]:
            acknowledged.setdefault(r["token"], set()).add(r["code"])
    posted_tokens = {r["token"] for r in posts}
    rows = database["dossiers"]
    by_token = Counter(d["token"] for d in rows if d["token"] in posted_tokens)
    codes = Counter(d["code"] for d in rows)
    run_rows = [d for d in rows if d["token"] in posted_tokens]
    db_code = {d["token"]: d["code"] for d in run_rows}
    doubles = [r for r in submitted["records"] if r["kind"] == "double"]
    doc_ok = sum(1 for r in documents["records"] if r.get("ok"))
    doc_ok += sum(
        1 for r in submitted["records"] if r["kind"] == "warmup-document" and r["ok"]
    )
    timed = {r["token"] for r in posts if r["ok"] and r["kind"] != "warmup"}
    checks = {
        "acknowledged_submissions": len(acknowledged),
        "acknowledged_in_timed_phase": len(timed),
        "dossiers_from_this_run": len(run_rows),
        "dossiers_equal_acknowledged": len(run_rows) == len(acknowledged),
        "codes_unique_in_database": all(n == 1 for n in codes.values()),
        "duplicate_codes": sorted(c for c, n in codes.items() if n > 1),
        "one_dossier_per_acknowledged_token": all(
            by_token[t] == 1 for t in acknowledged
        ),
        "tokens_with_more_than_one_dossier": sum(1 for n in by_token.values() if n > 1),
        "catalog_one_per_token": all(
            n == 1 for n in database["catalog_by_token"].values()
        ),
        "code_shown_is_code_stored": all(
            codes_shown == {db_code.get(t)} for t, codes_shown in acknowledged.items()
        ),
        "dossiers_without_acknowledgement": sum(
            1 for d in run_rows if d["token"] not in acknowledged
        ),
        "every_dossier_has_its_pdf": all(d["files"] == 1 for d in run_rows),
        "all_online": all(d["channel"] == "online" for d in run_rows),
        "double_posts": len(doubles),
        "doubles_both_acknowledged": sum(
            1 for r in doubles if r.get("same_code") is not None
        ),
        "doubles_show_same_code": all(r.get("same_code") is not False for r in doubles),
        "documents_acknowledged": doc_ok,
        "documents_in_folder": database["documents_in_folder"],
        "documents_cataloged": database["documents_cataloged"],
        "documents_equal_acknowledged": database["documents_in_folder"] == doc_ok
        and database["documents_cataloged"] == doc_ok,
    }
    return checks


MUST_HOLD = (
    "dossiers_equal_acknowledged",
    "codes_unique_in_database",
    "one_dossier_per_acknowledged_token",
    "catalog_one_per_token",
    "code_shown_is_code_stored",
    "every_dossier_has_its_pdf",
    "all_online",
    "doubles_show_same_code",
    "documents_equal_acknowledged",
)


def test_bench_submissions(tmp_path_factory):
    instance = Instance(tmp_path_factory.mktemp("bench-submissions"))
    print(
        f"\nBuilding an instance in {instance.base} (port {instance.port}, "
        f"{THREADS} waitress threads)"
    )
    instance.build()
    try:
        instance.start()
        warm = Client(0, "warmup", instance.url, None, {})
        warm.warm_up()
        warm.session.close()
        mark = instance.log_size()
        print(f"Phase 1: {CLIENTS} anonymous clients submit for {SECONDS:g} s")
        submitted = run_phase("submit", instance.url)
        mark_between = instance.log_size()
        print(f"Phase 2: {CLIENTS} REST clients create Documents for {SECONDS:g} s")
        documents = run_phase("document", instance.url)
        mark_end = instance.log_size()
    finally:
        instance.stop()
    conflicts = {
        "submissions": instance.conflicts(mark, mark_between),
        "documents": instance.conflicts(mark_between, mark_end),
    }
    # plone.restapi answers a ConflictError it gives up on with a JSON error
    # that names it, and Products.SiteErrorLog does not log it.
    for side, phase in (("submissions", submitted), ("documents", documents)):
        conflicts[side]["500_bodies_naming_conflict"] = phase["conflict_500_bodies"]

    # The warm-up dossier and Document are checked with the others.
    submitted["records"] += warm.records
    submitted["error_samples"] += warm.error_samples
    tokens = sorted(
        {r["token"] for r in submitted["records"] if r.get("token") and r.get("ok")}
    )
    tokens_file = instance.base / "tokens.json"
    tokens_file.write_text(json.dumps(tokens))
    database_file = instance.base / "database.json"
    oids_file = instance.base / "oids.json"
    oids_file.write_text(
        json.dumps(sorted({o for c in conflicts.values() for o in c["by_oid"]}))
    )
    instance.zconsole(
        "bench/zconsole_submissions.py",
        BENCH_ACTION="verify",
        BENCH_TOKENS=str(tokens_file),
        BENCH_OIDS=str(oids_file),
        BENCH_OUTPUT=str(database_file),
    )
    database = json.loads(database_file.read_text())
    # Which object each conflict was on (a catalog index, a lexicon, ...).
    owners = database["conflict_owners"]
    for found in conflicts.values():
        by_owner = Counter()
        for oid, count in found.pop("by_oid").items():
            by_owner[owners.get(oid, oid)] += count
        found["by_owner"] = dict(by_owner.most_common())
    checks = verify(submitted, documents, database)

    rows = {
        "GET form (submission side)": summary(
            submitted["records"], "form", submitted["elapsed"]
        ),
        "POST submission -> dossier": summary(
            submitted["records"], "submit", submitted["elapsed"]
        ),
        "POST double click (same stamp)": summary(
            submitted["records"], "double", submitted["elapsed"]
        ),
        "POST ++api++ Document": summary(
            documents["records"], "document", documents["elapsed"]
        ),
    }
    print(
        f"\n{CLIENTS} clients x {SECONDS:g} s per side, {THREADS} waitress threads, "
        "loopback, shared 2-core machine"
    )
    print(
        f"{'':30} {'requests':>8} {'ok':>6} {'errors':>6} {'ok/s':>7} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    )
    for label, row in rows.items():
        print(
            f"{label:30} {row['requests']:8} {row['ok']:6} {row['errors']:6} "
            f"{row['per_second']:7} {row['p50_ms']:8} {row['p95_ms']:8} "
            f"{row['max_ms']:8}"
        )
    # Dossiers acknowledged (a double click counts once) per second.
    dossier_rate = round(
        checks["acknowledged_in_timed_phase"] / submitted["elapsed"], 2
    )
    document_rate = rows["POST ++api++ Document"]["per_second"]
    ratio = round(dossier_rate / document_rate, 2) if document_rate else None
    print(f"dossiers/s {dossier_rate} vs documents/s {document_rate} (ratio {ratio})")
    print(f"load average at the end: {os.getloadavg()}")
    for side, found in conflicts.items():
        print(
            f"ConflictErrors, {side}: {found['retried']} retried "
            f"{found['retried_by_class']}, {found['gave_up']} given up (answered HTTP 503, nothing saved) "
            f"{found['gave_up_by_class']}; "
            f"{found['500_bodies_naming_conflict']} HTTP 500 bodies name one"
        )
        for owner, count in found["by_owner"].items():
            print(f"    {count:4d} on {owner}")
    for name, value in checks.items():
        print(f"  {name}: {value}")
    for sample in submitted["error_samples"] + documents["error_samples"]:
        print(f"  error sample: {sample[:300]}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    with open(RESULTS / "submissions.json", "w", encoding="utf-8") as out:
        json.dump(
            {
                "clients": CLIENTS,
                "seconds": SECONDS,
                "waitress_threads": int(THREADS),
                "double_every": DOUBLE_EVERY,
                "min_fill_seconds": MIN_FILL_SECONDS,
                "elapsed": {
                    "submissions": round(submitted["elapsed"], 2),
                    "documents": round(documents["elapsed"], 2),
                },
                "results": rows,
                "dossiers_per_second": dossier_rate,
                "documents_per_second": document_rate,
                "ratio": ratio,
                "conflict_error_retries": conflicts,
                "checks": checks,
                "error_samples": submitted["error_samples"]
                + documents["error_samples"],
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
    failed = [name for name in MUST_HOLD if not checks[name]]
    assert not failed, f"broken invariants: {failed}"
    assert checks["acknowledged_submissions"] > 0
