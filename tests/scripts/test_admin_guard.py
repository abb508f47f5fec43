"""``make start`` refuses a non-loopback HOST while the admin password is the
default (issue #14, finding 8): the rule, and ``create_site.py`` for real."""

from luanthanh.policy.testing.processes import free_port
from OFS.userfolder import UserFolder
from pathlib import Path
from scripts import admin_guard
from scripts.make_instance import command as make_instance_command

import os
import pytest
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "plone.example"])
def test_refused_on_the_network_with_the_default(host):
    message = admin_guard.refusal(host, default_password=True)
    assert "Từ chối khởi động" in message and "Refusing to start" in message
    assert "ADMIN_PASSWORD" in message
    with pytest.raises(SystemExit) as exit_:
        admin_guard.check(host, default_password=True)
    assert exit_.value.code == 2


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "LOCALHOST"])
def test_loopback_is_fine_with_the_default(host):
    assert admin_guard.refusal(host, default_password=True) is None
    admin_guard.check(host, default_password=True)  # no exit


def test_network_is_fine_with_a_real_password():
    """Positive control: the same host with a changed password is served."""
    assert admin_guard.refusal("0.0.0.0", default_password=False) is None


def test_which_password_counts():
    acl = UserFolder()
    # No admin yet: it would be created with "admin" unless one is given.
    assert admin_guard.password_is_default(acl, "admin", None)
    assert admin_guard.password_is_default(acl, "admin", "")
    assert admin_guard.password_is_default(acl, "admin", "admin")
    assert not admin_guard.password_is_default(acl, "admin", "Mật-khẩu-mạnh-1")
    # An existing admin: its stored password decides when none is given.
    acl._doAddUser("admin", "admin", ["Manager"], [])
    assert admin_guard.password_is_default(acl, "admin", None)
    acl._doChangeUser("admin", "Mật-khẩu-mạnh-1", ["Manager"], [])
    assert not admin_guard.password_is_default(acl, "admin", None)
    assert admin_guard.password_is_default(acl, "admin", "admin")


@pytest.mark.slow
def test_create_site_refuses_before_touching_anything(tmp_path):
    """``make start HOST=0.0.0.0`` without ADMIN_PASSWORD: create_site.py (the
    first step of ``make start``) exits non-zero, says why, creates nothing."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("ADMIN_PASSWORD", "ZODB_BACKEND", "RELSTORAGE_DSN")
    }
    env.update(PORT=str(free_port()), HOST="0.0.0.0")
    subprocess.run(make_instance_command(tmp_path), env=env, cwd=ROOT, check=True)
    result = subprocess.run(
        [
            str(BIN / "zconsole"),
            "run",
            str(tmp_path / "instance/etc/zope.conf"),
            "scripts/create_site.py",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Từ chối khởi động: HOST=0.0.0.0" in result.stderr
    assert "Refusing to start: HOST=0.0.0.0" in result.stderr
    assert "Created" not in result.stdout
