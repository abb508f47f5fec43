"""The shape of the package (issue #13): small modules, thin ``__init__``, every
module in a layer of the import-linter contract that ``make lint`` checks."""

from pathlib import Path

import ast
import pytest
import tomllib


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "luanthanh" / "policy"
MAX_LINES = 500


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    return [name.strip() for layer in layers for name in layer.split(":")]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def _is_reexport(node) -> bool:
    if isinstance(node, ast.Import | ast.ImportFrom):
        return True
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return isinstance(node.value.value, str)  # the docstring
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return all(getattr(t, "id", "") == "__all__" for t in targets)
    return False


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if p.name == "__init__.py"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_init_only_reexports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    extra = [node.lineno for node in tree.body if not _is_reexport(node)]
    assert not extra, f"{path.relative_to(ROOT)}: code on lines {extra}"


def test_every_top_level_module_is_in_a_layer():
    layered = set(_layers())
    names = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" and p.name != "__init__.py")
        or (p.is_dir() and (p / "__init__.py").exists())
    }
    missing = sorted(names - layered)
    assert not missing, f"not in any layer of pyproject.toml: {missing}"
    stale = sorted(layered - names)
    assert not stale, f"layers name modules that do not exist: {stale}"


def test_no_test_imports_a_conftest():
    """Shared fixtures and builders live in luanthanh.policy.testing."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("tests", "bench")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.lstrip().startswith(("from tests.", "import tests."))
        and "conftest" in line
    ]
    assert not offenders, offenders


#: Test folders that test something other than a module of the package.
NOT_MIRRORED = {"e2e", "scripts", "fixtures", "__pycache__"}


def test_tests_mirror_the_package():
    """``tests/a/b`` tests ``luanthanh.policy.a.b`` (a package or a module)."""
    tests = ROOT / "tests"
    strays = []
    for folder in sorted(p for p in tests.rglob("*") if p.is_dir()):
        parts = folder.relative_to(tests).parts
        if NOT_MIRRORED & set(parts):
            continue
        target = PACKAGE.joinpath(*parts)
        if not (target.is_dir() or target.with_suffix(".py").is_file()):
            strays.append("/".join(parts))
    assert not strays, f"test folders with no module of the same name: {strays}"
