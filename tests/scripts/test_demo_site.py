"""The living demo of ``make start`` (scripts/demo_site.py): the passwords are
printed and saved once, a second run prints none, DEMO=false makes nothing."""

from luanthanh.policy.setuphandlers.demo import demo_procedures
from luanthanh.policy.setuphandlers.demo_officials import DEMO_OFFICIALS
from luanthanh.policy.testing.processes import load_script
from plone import api

import pytest
import stat


URL = "http://localhost:8080/Plone"


@pytest.fixture
def script():
    return load_script("demo_site")


@pytest.fixture
def site(portal):
    with api.env.adopt_roles(["Manager"]):
        demo_procedures(portal)
        yield portal


@pytest.mark.parametrize(
    "environ, demo, workspace",
    [
        ({}, True, True),
        ({"DEMO": "true"}, True, True),
        ({"DEMO": "false"}, False, False),
        ({"DEMO": "0"}, False, False),
        ({"DEMO": "false", "DEMO_WORKSPACE": "true"}, False, False),
        ({"DEMO_WORKSPACE": "false"}, True, False),
    ],
)
def test_switches(script, environ, demo, workspace):
    assert script.demo_enabled(environ) is demo
    assert script.workspace_enabled(environ) is workspace


def test_passwords_printed_and_saved_once(script, site, tmp_path, capsys):
    result = script.create_demo(site, dossiers=False)
    passwords = result["passwords"]
    assert sorted(passwords) == sorted(o.userid for o in DEMO_OFFICIALS)
    assert result["current"] == 16  # 7 pending + 9 living (demo_current)
    script.announce(result, tmp_path, URL)
    out = capsys.readouterr().out
    saved = tmp_path / "demo-officials.txt"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    text = saved.read_text(encoding="utf-8")
    for userid, password in passwords.items():
        [line] = [line for line in out.splitlines() if f" {userid} " in line]
        assert line.split()[-1] == password
        assert password in text
    assert f"{URL}/login" in out

    again = script.create_demo(site, dossiers=False)
    assert again["passwords"] == {}
    assert again["current"] == 0
    script.announce(again, tmp_path, URL)
    out = capsys.readouterr().out
    assert "Demo officials exist: motcua.lan, kinhte.hung" in out
    assert "make demo-passwords" in out
    assert not any(password in out for password in passwords.values())
    assert saved.read_text(encoding="utf-8") == text  # not rewritten


def test_nothing_is_reported_without_demo_officials(script, site, tmp_path, capsys):
    assert script.report_existing(tmp_path) == []
    assert capsys.readouterr().out == ""
    assert not (tmp_path / "demo-officials.txt").exists()
