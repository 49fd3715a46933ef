"""One way to make an id from words: for a glossary term's section, an evidence log field's key,
a page's prefix for the ids of its link cards."""

from __future__ import annotations

import re

_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case letters and digits, every other run of characters one hyphen, none at the ends:
    "Two-step verification (2SV)" -> "two-step-verification-2sv". Case-folded first, so words that
    differ only in case (or ß and ss) give the same id."""
    return _NOT_LETTER_OR_DIGIT.sub("-", text.casefold()).strip("-")
