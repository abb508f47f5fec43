"""The documentation stays true: the package map, the README's size, links, REST pages.

Plain file checks, no Zope: run with ``pytest tests/test_docs.py``.
"""

from luanthanh.policy.testing.processes import load_script
from pathlib import Path

import pytest
import re
import warnings


ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
SECURITY = ROOT / "SECURITY.md"
ZCML_ROOT = ROOT / "src" / "luanthanh" / "policy"
MAX_README_LINES = 200

# [text](target) and ![alt](target); the target ends at a space or ")".
LINK_RE = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE_RE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
INLINE_CODE_RE = re.compile(r"`[^`\n]*`")
EXTERNAL = ("http://", "https://", "mailto:", "ftp://", "tel:")
SERVICE_RE = re.compile(r'name\s*=\s*"(@[^"/]+)"')


def load_package_map():
    return load_script("package_map")


def markdown_files() -> list[Path]:
    return [README, SECURITY, *sorted(DOCS.rglob("*.md"))]


def relative_links(text: str) -> list[str]:
    """Link targets of a Markdown text, outside code, that are local paths."""
    text = INLINE_CODE_RE.sub("", FENCE_RE.sub("", text))
    targets = []
    for target in LINK_RE.findall(text):
        if target.startswith(EXTERNAL) or target.startswith("#"):
            continue
        targets.append(target)
    return targets


def registered_services() -> set[str]:
    """The ``@name`` of every REST service registered in the package's ZCML."""
    names = set()
    for zcml in ZCML_ROOT.rglob("*.zcml"):
        text = zcml.read_text(encoding="utf-8")
        for directive in re.findall(r"<plone:service\b.*?/?>", text, re.DOTALL):
            names.update(SERVICE_RE.findall(directive))
    return names


def test_package_map_is_current():
    package_map = load_package_map()
    missing = package_map.missing_docstrings()
    if missing:
        warnings.warn(
            f"{len(missing)} modules without a docstring in docs/map.md: "
            + ", ".join(missing),
            stacklevel=1,
        )
    expected = package_map.build_map()
    current = (DOCS / "map.md").read_text(encoding="utf-8")
    assert current == expected, "docs/map.md is stale: run `make map`"


def test_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, (
        f"README.md has {len(lines)} lines, at most {MAX_README_LINES}: "
        "move the details into docs/"
    )


def test_link_parser():
    text = (
        "[a](docs/a.md) ![b](img/b.png) [c](https://plone.org) [d](#top) "
        '[e](../e.md#part "title") `[f](not/a/link.md)`\n'
        "```\n[g](code/block.md)\n```\n"
    )
    assert relative_links(text) == ["docs/a.md", "img/b.png", "../e.md#part"]


@pytest.mark.parametrize(
    "path", markdown_files(), ids=lambda path: str(path.relative_to(ROOT))
)
def test_relative_links_exist(path):
    broken = []
    for target in relative_links(path.read_text(encoding="utf-8")):
        file_part = target.split("#", 1)[0].split("?", 1)[0]
        if file_part and not (path.parent / file_part).exists():
            broken.append(target)
    assert not broken, f"{path.relative_to(ROOT)} links to missing files: {broken}"


def test_services_are_found():
    services = registered_services()
    assert "@dossier-lookup" in services
    assert all(name.startswith("@") for name in services)


def title_of(text: str) -> str:
    """The first level-one heading of a Markdown page."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line
    return ""


def test_every_rest_service_has_a_page():
    """One page per endpoint: its title names the service (the index does not count)."""
    titles = [
        title_of(page.read_text(encoding="utf-8"))
        for page in sorted((DOCS / "rest").glob("*.md"))
        if page.name not in ("index.md", "README.md")
    ]
    missing = []
    for name in sorted(registered_services()):
        pattern = re.compile(re.escape(name) + r"(?![\w-])")
        if not any(pattern.search(title) for title in titles):
            missing.append(name)
    assert not missing, f"no page in docs/rest/ is titled with {missing}"
