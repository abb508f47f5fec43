"""What ``make start`` does, for real: instance, site creation, serving, re-run.

This runs the same scripts as the Makefile in a temporary directory, against a
real FileStorage, in a separate Zope process.
"""

from luanthanh.policy.testing.processes import free_port
from luanthanh.policy.testing.processes import run
from pathlib import Path
from scripts.make_instance import command as make_instance_command
from urllib.request import urlopen

import os
import pytest
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


def _create_site(instance) -> str:
    return run(
        [
            str(BIN / "zconsole"),
            "run",
            str(instance["zope_conf"]),
            "scripts/create_site.py",
        ],
        instance["env"],
        ROOT,
    )


@pytest.mark.slow
def test_make_start_creates_serves_and_keeps(instance):
    var = instance["base"] / "var"
    first = _create_site(instance)
    assert "Created site 'Plone'" in first
    assert (var / "filestorage" / "Data.fs").stat().st_size > 0
    assert (var / "blobstorage").is_dir()

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
    finally:
        server.terminate()
        server.wait(timeout=60)

    second = _create_site(instance)
    assert "exists: kept as it is" in second
    assert "Created site" not in second
