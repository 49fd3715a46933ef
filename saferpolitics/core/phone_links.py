"""A link that calls a phone number (`[101](tel:101)`): on a crisis page, the number a reader taps
must be the number they read. Shared by the pages' check (markdown_stage/links.py) and the data
files' steps (markdown_stage/first_hour.py), which are not Markdown until a page shows them."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\+?\d+")
# Words that are a phone number as people write one: "999", "0808 802 0300", "+44 20 7219 3000".
_WRITTEN_NUMBER = re.compile(r"\+?[\d ()-]{3,}")

HINT = (
    "write a phone link as [0808 802 0300](tel:08088020300): the same number in the words and after tel:, digits only"
)


def _digits(number: str) -> str:
    """A UK number's digits as dialled at home: +44 20... and 020... are the same number."""
    digits = re.sub(r"[^\d+]", "", number)
    return "0" + digits[3:] if digits.startswith("+44") else digits.lstrip("+")


def phone_link_mistake(words: str, href: str) -> str | None:
    """What is wrong with a tel: link shown with these words, or None: no number after tel:, or
    words that are another number than the one it calls."""
    number = href.partition(":")[2]
    if not _NUMBER.fullmatch(number):
        return f"link '{href}' calls no number"
    if _WRITTEN_NUMBER.fullmatch(words.strip()) and _digits(words) != _digits(number):
        return f"the words '{words.strip()}' call {href}, another number: a reader who taps them calls that one"
    return None
