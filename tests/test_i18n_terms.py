"""The terms of issue #17 in every Vietnamese text: no "CCCD", no "căn cước
công dân" (Luật Căn cước 2023: "số định danh cá nhân", "thẻ căn cước") and no
"bạn" (the center says "ông/bà").

Checked: the messages (the .pot's msgids and defaults, the Vietnamese .po
files), the page templates, and every Vietnamese string of the Python sources
(schema titles, online form models, mails, demo texts), plus the demo
procedures' data.  Code identifiers (``so_cccd``, ``isCCCD``) are no words and
do not match.  The exceptions are listed here, each with its reason, and
tested to be still needed.
"""

from pathlib import Path

import ast
import json
import pytest
import re


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "luanthanh" / "policy"
LOCALES = PACKAGE / "locales"

FORBIDDEN = re.compile(r"\bCCCD\b|căn\s+cước\s+công\s+dân|\bbạn\b", re.IGNORECASE)

#: Folders left out of the check (none: the printed slips, the last ones,
#: follow the terms too).
EXEMPT_FOLDERS: tuple[str, ...] = ()
#: Phrases that may stay, with their reason.
EXEMPT_PHRASES = {
    # The documents a procedure asks for: a citizen's old "Căn cước công dân"
    # card stays valid until its expiry (Luật Căn cước 2023, Điều 46), so the
    # procedure texts name both cards.
    "Căn cước hoặc Căn cước công dân",
}


def offences(text: str) -> list[str]:
    """The forbidden words of ``text``, exempt phrases left out."""
    for phrase in EXEMPT_PHRASES:
        text = text.replace(phrase, "")
    return [m.group(0) for m in FORBIDDEN.finditer(text)]


def exempt(path: Path | str) -> bool:
    path = str(path)
    return any(f"/policy/{folder}" in path or path.startswith(folder)
               for folder in EXEMPT_FOLDERS)  # fmt: skip


def po_texts(path: Path):
    """(where, text) for each msgid, default and msgstr of a catalogue whose
    references are not all in an exempt folder."""
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        refs = re.findall(r"^#: (\S+)", block, re.MULTILINE)
        if refs and all(exempt(ref.rsplit(":", 1)[0]) for ref in refs):
            continue
        strings = re.findall(
            r'^(?:#\. Default: |msgid |msgstr )"((?:[^"\\]|\\.)*)"', block, re.MULTILINE
        )
        for string in strings:
            yield f"{path.name}: {block.splitlines()[-2][:60]}", string


def python_strings(path: Path):
    """(where, text) for each non-ASCII string constant that is no docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ):
            body = node.body
            if body and isinstance(body[0], ast.Expr):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and not node.value.isascii()
        ):
            yield f"{path.relative_to(PACKAGE)}:{node.lineno}", node.value


def all_texts():
    yield from po_texts(LOCALES / "luanthanh.policy.pot")
    for po in sorted((LOCALES / "vi" / "LC_MESSAGES").glob("*.po")):
        yield from po_texts(po)
    for template in sorted(PACKAGE.rglob("*.pt")):
        if not exempt(template):
            yield str(template.relative_to(PACKAGE)), template.read_text("utf-8")
    for module in sorted(PACKAGE.rglob("*.py")):
        if not exempt(module) and "/testing/" not in str(module):
            yield from python_strings(module)
    for data in sorted(PACKAGE.rglob("*.json")):
        yield (
            str(data.relative_to(PACKAGE)),
            json.dumps(json.loads(data.read_text("utf-8")), ensure_ascii=False),
        )


def test_no_old_terms_and_no_ban():
    found = [(where, offences(text)) for where, text in all_texts()]
    assert [f for f in found if f[1]] == []


@pytest.mark.parametrize(
    "text",
    [
        "Số CCCD",
        "số căn cước công dân",
        "Cảm ơn bạn đã đánh giá",
        "Bạn hài lòng thế nào?",
        "(hoặc số cccd)",
    ],
)
def test_the_check_finds_them(text):
    """Positive control: the check catches each old term."""
    assert offences(text)


@pytest.mark.parametrize(
    "text",
    ["so_cccd", "luanthanh.isCCCD", "Số định danh cá nhân", "thẻ căn cước", "ông/bà"],
)
def test_the_check_leaves_identifiers_and_new_terms(text):
    assert not offences(text)


def test_each_exemption_is_still_needed():
    """An exempt phrase or folder that no text uses any more leaves the list."""
    texts = [text for _where, text in all_texts()]
    for phrase in EXEMPT_PHRASES:
        assert any(phrase in text for text in texts), phrase
    for folder in EXEMPT_FOLDERS:
        folder_texts = [t.read_text("utf-8") for t in (PACKAGE / folder).rglob("*.pt")]
        assert any(FORBIDDEN.search(t) for t in folder_texts), folder
