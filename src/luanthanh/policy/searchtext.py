"""What a visitor types into a search box, made safe for the full-text index."""

import re


MAX_QUERY_LENGTH = 200


#: A hyphen that is not between two letters or digits: ZCTextIndex reads a
#: leading one as NOT.
_LOOSE_HYPHEN = re.compile(r"(?<!\w)-|-(?!\w)")


def clean_query(text: str | None) -> str:
    """Keep a visitor's search text short: words, digits, and the dots and
    hyphens of codes (``000.00.99.H56-251205-0001`` stays whole, so that
    :func:`luanthanh.policy.dossiers.codes.whole_code` recognises it).

    Quotes, brackets, operators and hyphens outside a word are dropped, so
    that no input can make an invalid full-text query.
    """
    text = re.sub(r"[^\w\s.-]", " ", text or "")
    text = _LOOSE_HYPHEN.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def text_query(q: str, prefix: bool = False) -> str:
    """A ZCTextIndex query: every word must match; the last may be a prefix."""
    words = [f'"{w}"' if w.lower() in ("and", "or", "not") else w for w in q.split()]
    if prefix and words and not words[-1].startswith('"'):
        words[-1] += "*"
    return " AND ".join(words)
