"""The pins: Plone 6.2.2, the known traps, and buildout's copy of them."""

from importlib.metadata import version
from pathlib import Path

import re
import sys


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import versions_cfg  # noqa: E402


def _pins() -> dict[str, str]:
    return versions_cfg.read_constraints(ROOT / "constraints.txt")


def test_plone_version():
    assert _pins()["Products.CMFPlone"] == "6.2.2"
    assert version("Products.CMFPlone") == "6.2.2"


def test_plone_app_layout_below_7():
    assert int(_pins()["plone.app.layout"].split(".")[0]) < 7
    assert int(version("plone.app.layout").split(".")[0]) < 7


def test_every_pin_is_exact():
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            assert re.match(r"^[A-Za-z0-9_.\-]+==\S+$", line), line


def test_installed_versions_match_pins():
    """The venv the tests run in was installed with these pins."""
    checked = 0
    for name in ("plone.restapi", "collective.easyform", "pytest-plone", "Zope"):
        assert version(name) == _pins()[name], name
        checked += 1
    assert checked == 4


def test_versions_cfg_in_sync():
    expected = versions_cfg.render(_pins())
    actual = (ROOT / "versions.cfg").read_text(encoding="utf-8")
    assert actual == expected, "run `make versions.cfg`"
