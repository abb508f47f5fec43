"""Write buildout's ``versions.cfg`` from pip's ``constraints.txt``.

The two must pin the same versions; tests/test_pins.py checks that they do.
Usage: ``python scripts/versions_cfg.py``.
"""

from pathlib import Path

import re


ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;#]+)")

# What zc.buildout itself needs, beyond the add-on's dependencies: the
# recipes and what they pull in (ZEO, zdaemon, python-dotenv), and buildout's
# own requirements (pip, wheel, platformdirs), which `make buildout` installs
# into .buildout-venv at these same versions.  setuptools and packaging are
# pinned in constraints.txt already.  With `allow-picked-versions = false`
# every one of these must be here.
BUILDOUT_PINS = {
    "zc.buildout": "6.0.1",
    "zc.recipe.egg": "6.0.0",
    "plone.recipe.zope2instance": "9.1.0",
    "ZEO": "6.2",
    "zdaemon": "5.2.1",
    "python-dotenv": "1.2.4",
    "pip": "26.3",
    "wheel": "0.48.0",
    "platformdirs": "4.14.8",
}


def read_constraints(path: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[match.group(1)] = match.group(2)
    return pins


def render(pins: dict[str, str]) -> str:
    lines = [
        "# Generated from constraints.txt by scripts/versions_cfg.py:",
        "# change constraints.txt, then run `make versions.cfg`.",
        "[versions]",
    ]
    everything = {**pins, **BUILDOUT_PINS}
    for name in sorted(everything, key=str.lower):
        lines.append(f"{name} = {everything[name]}")
    lines.append("# Our own package is developed from this checkout.")
    lines.append("luanthanh.policy =")
    return "\n".join(lines) + "\n"


def main() -> None:
    pins = read_constraints(ROOT / "constraints.txt")
    (ROOT / "versions.cfg").write_text(render(pins), encoding="utf-8")
    print(f"Wrote versions.cfg with {len(pins) + len(BUILDOUT_PINS)} pins")


if __name__ == "__main__":
    main()
