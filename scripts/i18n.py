"""Rebuild the translation template and sync the Vietnamese and English catalogues.

Usage: ``make i18n`` (runs ``python scripts/i18n.py``).

* ``i18ndude rebuild-pot`` collects every message of the ``luanthanh.policy``
  domain from Python, page templates, ZCML and GenericSetup XML;
* ``i18ndude sync`` adds new messages to ``vi`` and ``en`` and drops old ones;
* Vietnamese is the source language: our defaults are Vietnamese, so empty
  ``vi`` entries are filled with their default.  English entries stay for a
  person to translate; tests/test_i18n.py fails while any is missing.
"""

from pathlib import Path

import re
import subprocess
import sys


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "luanthanh" / "policy"
LOCALES = PACKAGE / "locales"
DOMAIN = "luanthanh.policy"
POT = LOCALES / f"{DOMAIN}.pot"
LANGUAGES = ("vi", "en")
I18NDUDE = Path(sys.executable).with_name("i18ndude")

# One catalogue entry: its comment lines, msgid and msgstr (single-line forms,
# which is what i18ndude writes for our messages).
ENTRY = re.compile(
    r'(?P<comments>(?:#[^\n]*\n)*)msgid "(?P<msgid>(?:[^"\\]|\\.)+)"\n'
    r'msgstr "(?P<msgstr>(?:[^"\\]|\\.)*)"\n'
)
DEFAULT = re.compile(r'^#\. Default: "((?:[^"\\]|\\.)*)"$', re.MULTILINE)


def po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def header(language: str) -> str:
    return (
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: luanthanh.policy\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
        f'"Language-Code: {language}\\n"\n'
        f'"Language-Name: {"Tiếng Việt" if language == "vi" else "English"}\\n"\n'
        '"Preferred-Encodings: utf-8\\n"\n'
        f'"Domain: {DOMAIN}\\n"\n'
        f'"Language: {language}\\n"\n\n'
    )


# A message that i18ndude wrapped over several lines: ``msgstr ""`` followed by
# continuation strings.  The header entry (empty msgid) keeps its layout.
WRAPPED = re.compile(r'^(msgid|msgstr) ""\n((?:"(?:[^"\\\n]|\\.)*"\n)+)', re.MULTILINE)
CONTINUATION = re.compile(r'^"((?:[^"\\\n]|\\.)*)"$', re.MULTILINE)


def unwrap(text: str) -> str:
    """Join wrapped msgid/msgstr strings into one line each (except the header)."""
    header, sep, body = text.partition("\n\n")

    def join(match: re.Match) -> str:
        parts = CONTINUATION.findall(match.group(2))
        return f'{match.group(1)} "{"".join(parts)}"\n'

    return header + sep + WRAPPED.sub(join, body)


def fill_vietnamese(path: Path) -> int:
    text = unwrap(path.read_text(encoding="utf-8"))
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        if match.group("msgstr"):
            return match.group(0)
        count += 1
        # Messages without a default are written in Vietnamese as their msgid.
        default = DEFAULT.search(match.group("comments"))
        text = default.group(1) if default else match.group("msgid")
        return (
            f'{match.group("comments")}msgid "{match.group("msgid")}"\n'
            f'msgstr "{text}"\n'
        )

    path.write_text(ENTRY.sub(replace, text), encoding="utf-8")
    return count


def main() -> None:
    subprocess.run(
        [
            str(I18NDUDE),
            "rebuild-pot",
            "--pot",
            str(POT),
            "--create",
            DOMAIN,
            str(PACKAGE),
        ],
        check=True,
    )
    for language in LANGUAGES:
        po = po_path(language)
        po.parent.mkdir(parents=True, exist_ok=True)
        if not po.exists():
            po.write_text(header(language), encoding="utf-8")
        subprocess.run([str(I18NDUDE), "sync", "--pot", str(POT), str(po)], check=True)
        po.write_text(unwrap(po.read_text(encoding="utf-8")), encoding="utf-8")
    filled = fill_vietnamese(po_path("vi"))
    print(f"Filled {filled} Vietnamese entries from their defaults.")


if __name__ == "__main__":
    main()
