"""Phone numbers in the words a reader reads: a link that calls one (`[101](tel:101)`) must call the
number it shows, and a number to call written as plain words cannot be tapped. Shared by the
pages' check (markdown_stage/links.py) and the data files' steps (markdown_stage/first_hour.py),
which are not Markdown until a page shows them."""

from __future__ import annotations

import re

from saferpolitics.core.lazy_pattern import lazy_compile

# Links that call or text a number: a reader taps the number they read.
NUMBER_LINK_SCHEMES = ("tel:", "sms:")
_NUMBER = lazy_compile(r"\+?\d+")
# A phone number as people write one in a link's words: "999", "0808 802 0300", "+44 20 7219 3000",
# "+44 (0)20 7219 3000", with ordinary or non-breaking spaces; "Call 999" holds one too.
_WRITTEN_NUMBER = lazy_compile(r"\+?\d(?:[\d\s()-]*\d)?")

# A number to call or text as people write one in words: 999, 101, 111, 112, 159, 116 123,
# 0300 123 2040, 020 7219 3000, 020-7219-3000, (020) 7219 3000, 0800 1111, +44 20 7219 3000,
# +44 (0)20 7219 3000, 0044 20 7219 3000, with ordinary or non-breaking spaces, and a five-digit
# number to text ("text SHOUT to 85258"). Not 7726: a scam text is forwarded to it, not written
# afresh. Not part of an amount ("£999", "6,999"), an address or a longer number ("10 999"); not a
# year, a count, a time or a section of an Act (numbers of four digits or fewer other than those
# above); not a reference of five digits ("Form 12345").
_PHONE_NUMBER = re.compile(
    r"(?<![\w/.:#+,£$€-])(?<!\d[ \u00a0])"
    r"(?:(?:(?:\+|00)44[ \u00a0]?(?:\(0\)[ \u00a0]?)?|0)\d(?:[ \u00a0-]?\d){6,9}"
    r"|\(0\d{2,4}\)[ \u00a0]?\d(?:[ \u00a0-]?\d){5,7}"
    r"|999|101|111|112|159|116[ \u00a0]?\d{3}"
    r"|(?:(?<=text )|(?<=to )|(?<=SMS ))\d{5})"
    r"(?![\w-])"
)

HINT = (
    "write a phone link as [0808 802 0300](tel:08088020300): the same number in the words and after tel:, "
    "digits only (+44 for an international number)"
)


def _digits(number: str) -> str:
    """A UK number's digits as dialled at home: +44 20..., +44 (0)20... and 020... are the same."""
    digits = re.sub(r"[^\d+]", "", number.replace("(0)", ""))
    return "0" + digits[3:] if digits.startswith("+44") else digits.lstrip("+")


def phone_link_mistake(words: str, href: str) -> str | None:
    """What is wrong with a tel: (or sms:) link shown with these words, or None: no number after
    the colon, or words that show a number (of three digits or more) and none of them the one it
    calls (or texts)."""
    scheme, _, number = href.partition(":")
    call = "text" if scheme == "sms" else "call"
    if not _NUMBER.fullmatch(number):
        return f"link '{href}' {call}s no number"
    shown = [_digits(run) for run in _WRITTEN_NUMBER.findall(words) if len(re.sub(r"\D", "", run)) >= 3]
    if shown and _digits(number) not in shown:
        return f"the words '{words.strip()}' {call} {href}, another number: a reader who taps them {call}s that one"
    return None


def written_numbers(words: str) -> list[str]:
    """The numbers to call or text written in these words (as _PHONE_NUMBER reads them)."""
    return _PHONE_NUMBER.findall(words)


def with_number_links(words: str) -> list[tuple[str, str | None]]:
    """The words in runs, each number to call or text (as written_numbers reads them) a run of its
    own with the link that calls or texts it, the rest with None: for words kept as plain text in
    a data file that a phone must still tap (the crisis card's "Where to report"). A five-digit
    number is only ever one to text ("text SHOUT to 85258"), so it gets sms:."""
    runs: list[tuple[str, str | None]] = []
    position = 0
    for match in _PHONE_NUMBER.finditer(words):
        if match.start() > position:
            runs.append((words[position : match.start()], None))
        number = match.group(0)
        scheme = "sms" if len(re.sub(r"\D", "", number)) == 5 else "tel"
        runs.append((number, f"{scheme}:{dialled(number)}"))
        position = match.end()
    if position < len(words):
        runs.append((words[position:], None))
    return runs


def dialled(number: str) -> str:
    """A written number as a tel: link dials it: digits, and + for an international one."""
    return re.sub(r"[^\d+]", "", number.replace("(0)", ""))
