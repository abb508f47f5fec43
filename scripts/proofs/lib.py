"""What the proofs share: PostgreSQL, Zope instances, the online-form client.

Everything runs on loopback, in a temporary directory (world-traversable, so
that PostgreSQL's system user can reach its data directory when we are root),
and every process started here is stopped by :class:`Processes` (also on
errors and on SIGTERM).
"""

from contextlib import contextmanager
from pathlib import Path

import argparse
import atexit
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from luanthanh.policy.setuphandlers.pdf import make_pdf  # noqa: E402

import postgres  # noqa: E402
import seed  # noqa: E402
import timing  # noqa: E402


ADMIN = ("admin", "Proof-admin-1!")
SITE = "Plone"
FORM = "nop-ho-so/dang-ky-khai-sinh"
#: Seconds a client waits for an answer (the CI machine may be busy).
TIMEOUT = timing.TIMEOUT
#: A post that fails (5xx, connection) is sent again, up to this many times.
POST_ATTEMPTS = 3
#: The posts sent again (one entry per resend).
RESENT: list[str] = []
#: Compiled page templates shared by the proofs' instances (and the checkout's
#: own instance and tests): only the first site of a run compiles them.
CHAMELEON_CACHE = os.environ.get("CHAMELEON_CACHE") or str(ROOT / "var" / "cache")
CODE_RE = re.compile(r"tra-cuu-ho-so\?code=([^\"&<\s]+)")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def workdir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=f"luanthanh-{prefix}-"))
    path.chmod(0o755)
    return path


class Processes:
    """The servers a proof started; all stopped at exit."""

    def __init__(self):
        self.servers: list[subprocess.Popen] = []
        self.pg_dirs: list[Path] = []
        atexit.register(self.stop_all)
        signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))

    def stop_all(self) -> None:
        for server in self.servers:
            if server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
        self.servers.clear()
        for data in self.pg_dirs:
            postgres.stop(data)
        self.pg_dirs.clear()


PROCESSES = Processes()


# PostgreSQL ---------------------------------------------------------------


def start_postgres(base: Path, db: str = "luanthanh") -> tuple[Path, str]:
    data = base / "postgresql"
    port = free_port()
    PROCESSES.pg_dirs.append(data)
    dsn = postgres.start(data, port, db)
    log(f"PostgreSQL on 127.0.0.1:{port}, database {db}")
    return data, dsn


def pg_port(dsn: str) -> int:
    return int(re.search(r"port=(\d+)", dsn).group(1))


# Zope instances -------------------------------------------------------------


class Instance:
    def __init__(self, base: Path, name: str, backend: str, **env: str):
        self.base = base / name
        self.name = name
        self.port = free_port()
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT / "src"),
            "ZODB_BACKEND": backend,
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
            "ADMIN_USER": ADMIN[0],
            "ADMIN_PASSWORD": ADMIN[1],
            "DEMO_WORKSPACE": "false",  # measured data only, no demo dossiers
            # One compiled-template cache for every instance of the run.
            "CHAMELEON_CACHE": CHAMELEON_CACHE,
            "THREADS": env.pop("THREADS", "4"),
            **env,
        }
        self.backend = backend
        self.server: subprocess.Popen | None = None
        self.run([BIN / "python", "scripts/make_instance.py", *self.dirs()])

    def dirs(self) -> list[str]:
        return ["--instance", str(self.base / "instance"), "--var", str(self.var)]

    @property
    def var(self) -> Path:
        return self.base / "var"

    @property
    def zope_conf(self) -> Path:
        return self.base / "instance" / "etc" / "zope.conf"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{SITE}"

    def run(self, args, timeout=900) -> str:
        result = subprocess.run(
            [str(a) for a in args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(
                f"{args} failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return result.stdout

    def zconsole(self, script: str, *args: str) -> str:
        return self.run([BIN / "zconsole", "run", self.zope_conf, script, *args])

    def create_site(self) -> None:
        """The site, as ``scripts/create_site.py`` and ``prepare_site.py``
        make it: for real, or copied from this code's seed (scripts/proofs/seed.py)."""
        started = time.monotonic()
        if not seed.enabled():
            self.make_site()
            log(f"{self.name}: site created in {time.monotonic() - started:.0f}s")
            return
        home = seed.seed(self._make_seed)
        if self.backend == "filestorage":
            seed.copy_to_filestorage(home, self.var)
            how = "copied"
        else:
            seed.convert_to_relstorage(home, self.var, self.env["RELSTORAGE_DSN"], BIN)
            how = "converted with zodbconvert"
        log(
            f"{self.name}: site {how} from the seed {home.name}"
            f" in {time.monotonic() - started:.0f}s"
        )

    def make_site(self) -> None:
        self.zconsole("scripts/create_site.py")
        self.zconsole(str(ROOT / "scripts/proofs/prepare_site.py"))

    def _make_seed(self, base: Path) -> Path:
        started = time.monotonic()
        maker = Instance(base, "seed", "filestorage")
        maker.make_site()
        log(f"seed: site created in {time.monotonic() - started:.0f}s")
        return maker.var

    def start(self, timeout: float = 180) -> None:
        logfile = open(self.base / "server.log", "ab")  # noqa: SIM115
        self.server = subprocess.Popen(
            [str(BIN / "runwsgi"), str(self.base / "instance/etc/zope.ini")],
            env=self.env,
            cwd=ROOT,
            stdout=logfile,
            stderr=subprocess.STDOUT,
        )
        PROCESSES.servers.append(self.server)
        deadline = time.monotonic() + timeout
        import requests

        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"{self.name} exited: see {self.base}/server.log")
            try:
                if requests.get(f"{self.url}/@@ok", timeout=5).status_code < 500:
                    log(f"{self.name}: serving {self.url} ({self.backend})")
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not answer in {timeout}s")

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=60)

    def kill(self) -> None:
        """``kill -9``: no shutdown, no index written, no cleanup."""
        assert self.server is not None
        os.kill(self.server.pid, signal.SIGKILL)
        self.server.wait(timeout=30)


# The online form ----------------------------------------------------------------

ANSWERS = {
    "ho_ten": "Nguyễn Văn An",
    "so_cccd": "038090001234",
    "so_dien_thoai": "0912 345 678",
    "email": "",  # no confirmation mail: there is no SMTP server here
    "dia_chi": "Thôn Trung Thành, xã Luận Thành, tỉnh Thanh Hóa",
    "quan_he": "Cha",
    "ho_ten_tre": "Nguyễn Minh Khôi",
    "ngay_sinh": "2025-11-20",
    "gioi_tinh": "Nam",
    "noi_sinh": "Trạm Y tế xã Luận Thành, tỉnh Thanh Hóa",
    "ho_ten_me": "Lê Thị Hoa",
    "ho_ten_cha": "Nguyễn Văn An",
}
CHECKBOXES = ("cam_doan", "dong_y")


def unique_pdf() -> bytes:
    """A small valid PDF whose bytes (and so checksum) are unique.

    A real one-page PDF (the demo's writer): uploads are parsed, and a PDF
    without a cross-reference table is refused as damaged.
    """
    return make_pdf([f"Giay chung sinh (ban thu) {secrets.token_hex(16)}"])


def form_fields(html: str) -> list[tuple[str, str]]:
    """The hidden and text inputs of the form (guard stamp, empty markers...)
    and its radio buttons checked by default, with its action."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id="form") or soup.find(
        "form", attrs={"enctype": "multipart/form-data"}
    )
    fields = []
    for node in form.find_all("input"):
        kind = node.get("type", "text")
        if not node.get("name"):
            continue
        if kind in ("hidden", "text") or (kind == "radio" and node.has_attr("checked")):
            # A radio button checked by default is sent as a browser sends it
            # (the online forms' "Đăng ký nhận kết quả tại", the center).
            fields.append((node["name"], node.get("value", "")))
    return fields, form.get("action")


def submit_online(session, base_url: str, name: str = "") -> tuple[str, bytes]:
    """Open the birth registration form and submit it anonymously.

    Returns (dossier code, the attached PDF); raises on anything but a
    thank-you page with a code: only then is the submission acknowledged.
    """
    page = timing.timed_request(session, "GET", f"{base_url}/{FORM}")
    page.raise_for_status()
    hidden, action = form_fields(page.text)
    answers = dict(ANSWERS)
    if name:
        answers["ho_ten"] = name
    answers = {f"form.widgets.{k}": v for k, v in answers.items()}
    data = [(k, v) for k, v in hidden if k not in answers]
    data += list(answers.items())
    data += [(f"form.widgets.{k}:list", "selected") for k in CHECKBOXES]
    data.append(("form.buttons.submit", "Gửi"))
    pdf = unique_pdf()
    files = {
        "form.widgets.giay_chung_sinh": ("Giấy chứng sinh.pdf", pdf, "application/pdf")
    }
    # Like a person whose browser shows an error: send the same form again.
    # The form's token makes that safe: a post whose token already made a
    # dossier gets that dossier's thank-you page, never a second dossier.
    # Only an answered error (5xx: the transaction was aborted) or a refused
    # connection is sent again, never a post that may still be running.
    import requests

    for attempt in range(1, POST_ATTEMPTS + 1):
        try:
            response = timing.timed_request(
                session, "POST", action or f"{base_url}/{FORM}", data=data, files=files
            )
            response.raise_for_status()
            break
        except (requests.HTTPError, requests.ConnectionError) as exc:
            answered = getattr(exc, "response", None)
            if attempt == POST_ATTEMPTS or isinstance(exc, requests.ReadTimeout):
                raise
            if answered is not None and answered.status_code < 500:
                raise
            RESENT.append(base_url)
            # As the busy page asks (503, Retry-After): send again after that.
            time.sleep(retry_after(answered, 0.5 * attempt))
    match = CODE_RE.search(response.text)
    if match is None:
        text = response.text
        errors = re.findall(r'invalid-feedback[^"]*"[^>]*>(.*?)<', text, re.S)
        errors += re.findall(r"portalMessage[^>]*>.*?<div>(.*?)</div>", text, re.S)
        raise RuntimeError(f"no code in the answer ({response.status_code}): {errors}")
    return match.group(1), pdf


def retry_after(response, default: float) -> float:
    """The seconds of the answer's ``Retry-After`` (at most 10), else ``default``."""
    value = response.headers.get("Retry-After", "") if response is not None else ""
    return min(float(value), 10.0) if value.isdigit() else default


def admin_session(url: str | None = None):
    """A JSON session as the Zope admin: Basic credentials, or with ``url``
    (a site) a JWT from ``@login``.  Writes need the token: the CSRF guard
    exempts only ``Bearer`` requests (a browser re-sends Basic credentials
    cross-site), and a DELETE has no JSON body to prove it is not forged."""
    import requests

    session = requests.Session()
    session.headers["Accept"] = "application/json"
    if url is None:
        session.auth = ADMIN
        return session
    answer = session.post(
        f"{url}/++api++/@login",
        json={"login": ADMIN[0], "password": ADMIN[1]},
        timeout=TIMEOUT,
    )
    answer.raise_for_status()
    session.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    return session


def dossiers(instance_url: str) -> list[dict]:
    """Every dossier of the officials' search: code, state, channel, path.

    Dossiers have a catalog of their own (issue #14): ``@search`` finds none,
    ``@dossier-search`` (officials and Managers) lists them, oldest first."""
    session = admin_session()
    url = f"{instance_url}/++api++/@dossier-search?sort=received&b_size=100"
    items = []
    while url:
        answer = session.get(url, timeout=120)
        answer.raise_for_status()
        body = answer.json()
        items += body["items"]
        url = body.get("batching", {}).get("next") if body.get("batching") else None
    return [
        {
            "code": i["code"],
            "state": i["review_state"],
            "channel": i["channel"],
            "applicant": i["applicant_name"],
            "url": i["@id"],
        }
        for i in items
    ]


def wait_indexed(instance_url: str, codes, timeout: float = 30.0) -> float:
    """Wait until the officials' search of ``instance_url`` lists every code
    of ``codes``; the seconds waited (``timeout`` at most).

    The instances index a new online dossier in their follow-up thread just
    after its thank-you page (``DOSSIER_FOLLOWUP=background``): the last
    acknowledged dossiers may not be listed yet when the clients stop."""
    wanted = set(codes)
    started = time.monotonic()
    while True:
        listed = {d["code"] for d in dossiers(instance_url)}
        waited = time.monotonic() - started
        if wanted <= listed or waited >= timeout:
            return waited
        time.sleep(0.2)


def statistics(instance_url: str) -> dict:
    """Counts by state and by channel, from the catalog of one instance, and
    the report's figures from ``@dossier-statistics``."""
    by_state, by_channel = {}, {}
    items = dossiers(instance_url)
    for item in items:
        by_state[item["state"]] = by_state.get(item["state"], 0) + 1
        by_channel[item["channel"]] = by_channel.get(item["channel"], 0) + 1
    # The center's report (issue #6) over every day a dossier can have:
    # @dossier-statistics, computed from that instance's catalog indexes.
    import datetime

    today = datetime.date.today()
    report = admin_session().get(
        f"{instance_url}/@dossier-statistics",
        params={
            "start": "2025-07-01",
            "end": (today + datetime.timedelta(1)).isoformat(),
        },
        timeout=120,
    )
    report.raise_for_status()
    return {
        "total": len(items),
        "by_state": by_state,
        "by_channel": by_channel,
        "report": report.json()["total"],
    }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def applicant(n: int) -> str:
    """The applicant's name of submission ``n``: tells submissions apart."""
    return f"Nguyễn Văn Thử {n}"


def run_clients(
    targets: list[str],
    total: int,
    clients: int,
    stop: threading.Event | None = None,
    acknowledged: list | None = None,
    errors: list | None = None,
) -> tuple[list[dict], list[str]]:
    """``clients`` threads submit ``total`` forms, round-robin over targets,
    until done or ``stop`` is set.  ``acknowledged`` and ``errors`` fill up
    while they run (pass your own lists to watch them)."""
    import requests

    acknowledged = [] if acknowledged is None else acknowledged
    errors = [] if errors is None else errors
    lock = threading.Lock()
    counter = iter(range(total))

    def client(index: int) -> None:
        session = requests.Session()
        while True:
            with lock:
                n = next(counter, None)
            if n is None or (stop is not None and stop.is_set()):
                return
            target = targets[n % len(targets)]
            try:
                code, pdf = submit_online(session, target, name=applicant(n))
            except Exception as exc:  # counted, reported
                if stop is not None and stop.is_set():
                    return
                with lock:
                    errors.append(f"{target}: {type(exc).__name__}: {exc}"[:300])
                continue
            with lock:
                acknowledged.append(
                    {
                        "n": n,
                        "applicant": applicant(n),
                        "target": target,
                        "code": code,
                        "sha256": sha256(pdf),
                    }
                )

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return acknowledged, errors


def conflict_retries(instance: Instance) -> int:
    """ConflictError retries logged by luanthanh.policy.cluster (event.log)."""
    text = ""
    for name in ("event.log",):
        path = instance.var / "log" / name
        if path.exists():
            text += path.read_text(errors="replace")
    return len(re.findall(r"ConflictError retry:", text))


def server_errors(instance: Instance) -> dict:
    """The errors the instance logged (``Zope.SiteErrorLog`` at ERROR in
    event.log): how many of each exception class, and the first few
    exception line of each class with its time and URL.  A ConflictError is logged
    there when it is no longer retried (the busy page, 503); anything else
    is what a 500 answer came from."""
    path = instance.var / "log" / "event.log"
    text = path.read_text(errors="replace") if path.exists() else ""
    counts: dict[str, int] = {}
    samples: list[str] = []
    entry = re.compile(
        r"^(\S+ \S+) ERROR \[Zope\.SiteErrorLog[^\]]*\]\[[^\]]*\] \S+ (\S+)\n"
        r"Traceback \(innermost last\):\n(?:[ \t].*\n)*(.+)$",
        re.M,
    )
    for when, url, last in entry.findall(text):
        kind = last.split(":", 1)[0].strip()
        if kind not in counts:
            samples.append(f"{when} {url}: {last[:300]}")
        counts[kind] = counts.get(kind, 0) + 1
    return {"by_exception": counts, "samples": samples}


def codes_module():
    """luanthanh.policy.dossiers.codes (the code sequences) of this tree."""
    sys.path.insert(0, str(ROOT / "src"))
    from luanthanh.policy.dossiers import codes

    return codes


@contextmanager
def timed(label: str):
    started = time.monotonic()
    yield
    log(f"{label}: {time.monotonic() - started:.1f}s")


def backend_parser() -> argparse.ArgumentParser:
    """An argument parser with ``--backend filestorage|relstorage|both``."""
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--backend", choices=["filestorage", "relstorage", "both"], default="both"
    )
    return parser


def backends(args: argparse.Namespace) -> list[str]:
    """The storage backends ``--backend`` asks for."""
    return ["filestorage", "relstorage"] if args.backend == "both" else [args.backend]


def new_instance(base: Path, name: str, backend: str):
    """A new started site in ``base`` on ``backend``: ``(instance, pg_data, dsn)``.

    RelStorage gets a PostgreSQL of its own (``pg_data``, ``dsn``; else None)."""
    env, pg_data, dsn = {}, None, None
    if backend == "relstorage":
        pg_data, dsn = start_postgres(base)
        env["RELSTORAGE_DSN"] = dsn
    instance = Instance(base, name, backend, **env)
    instance.create_site()
    instance.start()
    return instance, pg_data, dsn


def check_refs(instance: Instance, failures: list[str], label: str, note="") -> dict:
    """Every object reachable in ``instance``'s database loads, and every blob.

    The message starts with ``label``; it ends with ``note`` (else the time)."""
    out = instance.base / "refs.json"
    instance.zconsole(str(ROOT / "scripts/proofs/check_refs.py"), str(out))
    refs = json.loads(out.read_text())
    check(
        refs["missing_count"] == 0 and not refs["broken_blobs"],
        f"{label} {refs['objects']} reachable objects and {refs['blobs']}"
        f" blobs load ({note or str(refs['seconds']) + 's'})",
        failures,
    )
    for line in (refs["missing"] + refs["broken_blobs"])[:10]:
        log(f"  missing or broken: {line}")
    return refs


def check(condition: bool, message: str, failures: list[str]) -> None:
    log(("OK   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def finish(name: str, failures: list[str], results: dict) -> None:
    out = ROOT / "var" / "proofs"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(
        json.dumps({"failures": failures, **results}, indent=2, ensure_ascii=False)
    )
    if failures:
        log(f"PROOF {name} FAILED: {len(failures)} check(s)")
        sys.exit(1)
    log(f"PROOF {name} PASSED")


def keep_logs(base: Path, name: str) -> Path:
    """Copy the instances' logs out of ``base`` (removed next) into
    ``var/proofs/<name>-logs/``: what a failed proof leaves to read."""
    out = ROOT / "var" / "proofs" / f"{name}-logs"
    shutil.rmtree(out, ignore_errors=True)
    for log_file in base.glob("*/var/log/*.log"):
        target = out / log_file.parts[-4]
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(log_file, target / log_file.name)
    return out


def git_commit() -> str:
    """The short commit of this tree (what a benchmark or proof measured)."""
    answer = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return answer.stdout.strip()


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
