"""Every message has its Vietnamese text and its English translation."""

from pathlib import Path

import pytest
import re


LOCALES = Path(__file__).resolve().parent.parent / "src/luanthanh/policy/locales"
ENTRY = re.compile(r'^msgid "(.+)"\nmsgstr "(.*)"$', re.MULTILINE)
VIETNAMESE = re.compile(
    r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I
)


def _entries(path: Path) -> dict[str, str]:
    return dict(ENTRY.findall(path.read_text(encoding="utf-8")))


def _msgids() -> set[str]:
    return set(_entries(LOCALES / "luanthanh.policy.pot"))


def test_template_is_not_empty():
    assert len(_msgids()) > 20


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalogue_complete(language):
    entries = _entries(LOCALES / language / "LC_MESSAGES" / "luanthanh.policy.po")
    missing = sorted(m for m in _msgids() if not entries.get(m))
    assert missing == [], f"untranslated in {language}: {missing}"


def test_vietnamese_has_diacritics():
    entries = _entries(LOCALES / "vi" / "LC_MESSAGES" / "luanthanh.policy.po")
    texts = [t for t in entries.values() if len(t) > 12]
    with_marks = [t for t in texts if VIETNAMESE.search(t)]
    assert len(with_marks) == len(texts), set(texts) - set(with_marks)


def test_english_is_not_vietnamese():
    vi = _entries(LOCALES / "vi" / "LC_MESSAGES" / "luanthanh.policy.po")
    en = _entries(LOCALES / "en" / "LC_MESSAGES" / "luanthanh.policy.po")
    same = sorted(
        m for m in en if en[m] and en[m] == vi.get(m) and VIETNAMESE.search(en[m])
    )
    assert same == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalogue_compiles(language):
    """Zope compiles the .po files with python-gettext when it starts."""
    from pythongettext.msgfmt import Msgfmt

    path = LOCALES / language / "LC_MESSAGES" / "luanthanh.policy.po"
    text = path.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text  # fuzzy entries are left out of the .mo
    assert Msgfmt(str(path), name=str(path)).get()
