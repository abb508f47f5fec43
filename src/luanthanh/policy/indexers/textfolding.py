"""Vietnamese-aware folding for Plone's full-text lexicon.

Citizens type without accents: "dang ky ket hon" must find "Đăng ký kết hôn".
Plone's own "Unicode Ignoring Accents Case Normalizer" folds only words whose
first letter lies below U+0250, so Vietnamese words that begin with a letter of
the Latin Extended Additional block (Ủy, Ấp, Ở, Ước, ...) keep their marks.

This normalizer folds every Latin word: đ/Đ become d, the text is decomposed
(NFKD) and combining marks are dropped, then it is lower-cased.  Words of other
scripts are only lower-cased.  It is a lexicon pipeline element, so the same
folding applies to what is indexed and to every query that goes through the
catalog: Plone's search page, plone.restapi ``@search``, our catalogue and kiosk.
"""

from Products.ZCTextIndex.PipelineFactory import element_factory

import contextlib
import functools
import unicodedata


NAME = "Vietnamese Accent Folding Normalizer"
GROUP = "Case Normalizer"

_D = str.maketrans({"đ": "d", "Đ": "d"})


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def fold(text: str) -> str:
    """Fold one word or phrase: no marks, đ as d, lower case."""
    text = text.translate(_D)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _fold_word(word: str | bytes) -> str:
    if isinstance(word, bytes):
        word = word.decode("utf-8", "ignore")
    return _folded(word)


@functools.lru_cache(maxsize=50_000)
def _folded(word: str) -> str:
    """A word folded, remembered: the same words come again and again (the
    procedures' titles in every dossier's full text, names, code parts)."""
    if word and _is_latin(word[0]):
        return fold(word)
    return word.lower()


class VietnameseNormalizer:
    """Lexicon element: folds accents for Latin words (globs keep * and ?)."""

    def process(self, words: list) -> list[str]:
        return [_fold_word(w) for w in words]

    def processGlob(self, words: list) -> list[str]:
        return [_fold_word(w) for w in words]


with contextlib.suppress(ValueError):  # already registered (module reloaded)
    element_factory.registerFactory(GROUP, NAME, VietnameseNormalizer)
