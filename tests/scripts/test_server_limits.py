"""The shipped server configuration, for real (issue #14, findings 4, 6, 14).

``scripts/make_instance.py`` writes the instance into a temporary directory;
the tests then parse it with Zope's own schema, start the real waitress
(``runwsgi`` with the written ``zope.ini``) and the real haproxy with the
configuration ``scripts/cluster.py`` writes, and send requests over TCP.
"""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from luanthanh.policy.config import max_request_body
from luanthanh.policy.config import MB
from luanthanh.policy.testing.processes import free_port
from pathlib import Path
from scripts.cluster import haproxy_config
from scripts.make_instance import command as make_instance_command
from Zope2.Startup.handlers import root_wsgi_handler
from Zope2.Startup.options import ZopeWSGIOptions
from ZPublisher import HTTPRequest as request_module
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.HTTPResponse import HTTPResponse

import io
import os
import pytest
import requests
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CLEAN = ("ZODB_BACKEND", "RELSTORAGE_DSN", "TRUSTED_PROXY", "MAX_REQUEST_BODY_MB")
LIMIT = max_request_body()


def make_instance(base: Path, **env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in CLEAN}
    environment.update(PORT=str(free_port()), **env)
    result = subprocess.run(
        make_instance_command(base),
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return environment


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_body_cap_is_a_dossier_plus_a_margin():
    """One place: the control panel's default per-dossier limit + margin."""
    assert LIMIT == (30 + 2) * MB


def test_zope_conf_trusts_the_proxy_and_is_private(tmp_path):
    etc = tmp_path / "instance" / "etc"
    etc.mkdir(parents=True)
    (etc / "zope.conf").write_text("old")
    (etc / "zope.conf").chmod(0o644)  # as the previous version wrote it
    make_instance(tmp_path, TRUSTED_PROXY="127.0.0.1, ::1")
    config = ZopeWSGIOptions(str(etc / "zope.conf"))().configroot
    assert list(config.trusted_proxies) == ["127.0.0.1", "::1"]
    assert mode(etc / "zope.conf") == 0o600
    assert f"max_request_body_size = {LIMIT}" in (etc / "zope.ini").read_text()
    # Without TRUSTED_PROXY nobody may name the client (positive control of
    # the option: it is not always on).
    make_instance(tmp_path)
    config = ZopeWSGIOptions(str(etc / "zope.conf"))().configroot
    assert not config.trusted_proxies
    assert mode(etc / "zope.conf") == 0o600


def test_relstorage_dsn_stays_private(tmp_path):
    dsn = "host=127.0.0.1 port=5432 dbname=x user=luanthanh_app password=secret"
    make_instance(tmp_path, ZODB_BACKEND="relstorage", RELSTORAGE_DSN=dsn)
    zope_conf = tmp_path / "instance" / "etc" / "zope.conf"
    assert "password=secret" in zope_conf.read_text()
    assert mode(zope_conf) == 0o600


def request_from(peer: str, forwarded_for: str | None) -> HTTPRequest:
    environ = {
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8080",
        "REQUEST_METHOD": "GET",
        "REMOTE_ADDR": peer,
    }
    if forwarded_for is not None:
        environ["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return HTTPRequest(io.BytesIO(), environ, HTTPResponse())


def test_forwarded_for_only_from_the_trusted_proxy(tmp_path, monkeypatch):
    """zope.conf's trusted-proxy, applied as runwsgi applies it: a spoofed
    X-Forwarded-For from anyone else is ignored; haproxy's is believed."""
    monkeypatch.setattr(request_module, "trusted_proxies", ())
    make_instance(tmp_path, TRUSTED_PROXY="127.0.0.1")
    config = ZopeWSGIOptions(str(tmp_path / "instance/etc/zope.conf"))().configroot
    environment = dict(os.environ)
    try:
        root_wsgi_handler(config)
    finally:
        os.environ.clear()
        os.environ.update(environment)
    assert request_module.trusted_proxies == ("127.0.0.1",)
    # A client on the internet that claims to be someone else.
    spoofed = request_from("203.0.113.5", "198.51.100.1")
    assert spoofed.getClientAddr() == "203.0.113.5"
    # haproxy on loopback names the client.
    proxied = request_from("127.0.0.1", "203.0.113.5")
    assert proxied.getClientAddr() == "203.0.113.5"
    # Without trusted-proxy (today's main) every client is haproxy's address.
    monkeypatch.setattr(request_module, "trusted_proxies", ())
    assert request_from("127.0.0.1", "203.0.113.5").getClientAddr() == "127.0.0.1"


def status_of_post(port: int, length: int, send: int) -> int:
    """POST ``send`` bytes announced as ``length``; the answer's status."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/octet-stream\r\n"
            + f"Content-Length: {length}\r\nConnection: close\r\n\r\n".encode()
        )
        chunk = b"x" * MB
        left = send
        try:
            while left > 0:
                sock.sendall(chunk[: min(left, MB)])
                left -= MB
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the end
        answer = b""
        while b"\r\n" not in answer:
            data = sock.recv(4096)
            if not data:
                break
            answer += data
    return int(answer.split(b" ", 2)[1])


def status_of_chunked_post(port: int, size: int) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/octet-stream\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        chunk = f"{MB:x}\r\n".encode() + b"x" * MB + b"\r\n"
        try:
            for _ in range(size // MB):
                sock.sendall(chunk)
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = sock.recv(4096)
    return int(answer.split(b" ", 2)[1])


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing listens on {port}")


@pytest.mark.slow
def test_real_waitress_refuses_an_oversize_body(tmp_path):
    env = make_instance(tmp_path)
    port = int(env["PORT"])
    server = subprocess.Popen(
        [str(BIN / "runwsgi"), str(tmp_path / "instance/etc/zope.ini")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, server)
        # Announced too large: refused before the body is read.
        assert status_of_post(port, LIMIT + 1, 0) == 413
        # A chunked body (no length announced) is cut at the cap too.
        assert status_of_chunked_post(port, LIMIT + MB) == 413
        # Positive control: a body just under the cap reaches Zope.
        assert status_of_post(port, LIMIT - 1024, LIMIT - 1024) != 413
    finally:
        server.terminate()
        server.wait(timeout=60)


class Echo(BaseHTTPRequestHandler):
    """The backend: answers with the X-Forwarded-For it was given."""

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = (self.headers.get("X-Forwarded-For") or "").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.mark.slow
def test_real_haproxy_replaces_forwarded_for_and_caps_the_body(tmp_path):
    binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(binary).exists():
        pytest.skip("haproxy is not installed")
    backend = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    port = free_port()
    config = tmp_path / "haproxy.cfg"
    config.write_text(
        haproxy_config(
            tmp_path / "haproxy.pid",
            "127.0.0.1",
            port,
            "Plone",
            [f"    server one 127.0.0.1:{backend.server_port}"],
        )
    )
    proxy = subprocess.Popen(
        [binary, "-db", "-f", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, proxy)
        url = f"http://127.0.0.1:{port}/Plone"
        spoofed = requests.get(url, headers={"X-Forwarded-For": "198.51.100.1"})
        assert spoofed.status_code == 200
        assert spoofed.text == "127.0.0.1"  # the real peer, nothing appended
        assert requests.get(url).text == "127.0.0.1"
        assert status_of_post(port, LIMIT + 1, 0) == 413
        # Positive control: an upload within the cap goes through.
        assert status_of_post(port, 5 * MB, 5 * MB) == 200
    finally:
        proxy.terminate()
        proxy.wait(timeout=30)
        backend.shutdown()
