"""What a visitor types into a search box, made safe for the full-text index."""

import re


MAX_QUERY_LENGTH = 200


def clean_query(text: str | None) -> str:
    """Keep a visitor's search text short: words, digits and the dots of codes.

    Quotes, brackets and operators are dropped, so that no input can make an
    invalid full-text query.
    """
    text = re.sub(r"[^\w\s.]", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def text_query(q: str, prefix: bool = False) -> str:
    """A ZCTextIndex query: every word must match; the last may be a prefix."""
    words = [f'"{w}"' if w.lower() in ("and", "or", "not") else w for w in q.split()]
    if prefix and words and not words[-1].startswith('"'):
        words[-1] += "*"
    return " AND ".join(words)
