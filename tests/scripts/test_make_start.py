"""What ``make start`` does, for real: instance, site creation, serving, re-run.

This runs the same scripts as the Makefile in a temporary directory, against a
real FileStorage, in a separate Zope process.
"""

from html import unescape
from luanthanh.policy.setuphandlers.demo_officials import DEMO_OFFICIALS
from luanthanh.policy.testing.processes import free_port
from luanthanh.policy.testing.processes import run
from pathlib import Path
from scripts.make_instance import command as make_instance_command
from urllib.request import urlopen

import os
import pytest
import re
import requests
import stat
import subprocess
import sys
import time


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    base = tmp_path_factory.mktemp("make-start")
    env = {
        **os.environ,
        "PORT": str(free_port()),
        "ADMIN_PASSWORD": "Mật-khẩu-thử-1",
    }
    run(make_instance_command(base), env, ROOT)
    zope_conf = base / "instance" / "etc" / "zope.conf"
    return {"base": base, "env": env, "zope_conf": zope_conf}


def _create_site(instance, **env: str) -> str:
    return run(
        [
            str(BIN / "zconsole"),
            "run",
            str(instance["zope_conf"]),
            "scripts/create_site.py",
        ],
        {**instance["env"], **env},
        ROOT,
    )


def _passwords(output: str) -> dict[str, str]:
    """login → password, from the table ``make start`` prints."""
    logins = {official.userid for official in DEMO_OFFICIALS}
    return {
        words[-2]: words[-1]
        for words in (line.split() for line in output.splitlines())
        if len(words) > 2 and words[-2] in logins
    }


@pytest.mark.slow
def test_make_start_creates_serves_and_keeps(instance):
    var = instance["base"] / "var"
    first = _create_site(instance)
    assert "Created site 'Plone'" in first
    assert (var / "filestorage" / "Data.fs").stat().st_size > 0
    assert (var / "blobstorage").is_dir()
    # DEMO=true (the default): the demo officials, their passwords printed once.
    assert "1994 hồ sơ nửa năm / half-year dossiers" in first
    passwords = _passwords(first)
    assert len(passwords) == len(DEMO_OFFICIALS) == len(set(passwords.values()))
    saved = var / "demo-officials.txt"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert all(p in saved.read_text(encoding="utf-8") for p in passwords.values())

    port = instance["env"]["PORT"]
    server = subprocess.Popen(
        [str(BIN / "runwsgi"), str(instance["base"] / "instance/etc/zope.ini")],
        env=instance["env"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        html = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urlopen(f"http://127.0.0.1:{port}/Plone", timeout=10) as r:
                    html = r.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(1)
        assert html is not None, "the site did not answer"
        assert 'lang="vi"' in html
        assert "Trung tâm Phục vụ hành chính công xã Luận Thành" in html
        assert "Trung tâm Phục vụ hành chính công xã Luận Thành đi vào hoạt động" in (
            html
        ), "the demo profile was applied"
        desk = DEMO_OFFICIALS[0].userid
        dashboard = requests.get(
            f"http://127.0.0.1:{port}/Plone/ho-so/@@ban-lam-viec?due=today",
            auth=(desk, passwords[desk]),
            timeout=60,
        )
        assert dashboard.status_code == 200
        page = unescape(dashboard.text)  # unthemed on 127.0.0.1: &#...; entities
        assert "Bàn làm việc" in page and DEMO_OFFICIALS[0].fullname in page
        assert re.search(r"H56-\d{6}-\d{4}", page)  # dossiers listed
    finally:
        server.terminate()
        server.wait(timeout=60)

    second = _create_site(instance)
    assert "exists: kept as it is" in second
    assert "Created site" not in second
    assert "Demo officials exist: motcua.lan" in second
    assert "make demo-passwords" in second
    assert _passwords(second) == {}
    assert not any(p in second for p in passwords.values())


@pytest.mark.slow
def test_demo_false_creates_no_demo(tmp_path):
    """DEMO=false: no demo profile, no officials, no dossiers, nothing printed."""
    env = {**os.environ, "PORT": str(free_port()), "ADMIN_PASSWORD": "Mật-khẩu-thử-1"}
    run(make_instance_command(tmp_path), env, ROOT)
    zope_conf = str(tmp_path / "instance" / "etc" / "zope.conf")
    zconsole = str(BIN / "zconsole")
    output = run(
        [zconsole, "run", zope_conf, "scripts/create_site.py"],
        {**env, "DEMO": "false"},
        ROOT,
    )
    assert "Created site 'Plone'" in output
    assert "Demo" not in output
    assert not (tmp_path / "var" / "demo-officials.txt").exists()
    # The site has no demo official (demo_site.py says which exist: none).
    check = run([zconsole, "run", zope_conf, "scripts/demo_site.py"], env, ROOT)
    assert "Demo officials exist" not in check
