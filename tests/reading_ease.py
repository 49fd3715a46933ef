"""How easy a page is to read: the Flesch reading ease of its Markdown prose (tests/unit/test_readability.py
holds every page and checklist to MINIMUM; nothing in the build uses it).

Readers are stressed and often on a phone, so every page must stay at 50 or above (plain
English; GOV.UK aims higher). The score is measured on what a reader reads: link text but not
addresses, headings, list items and table cells as sentences of their own, and without code,
front matter, block syntax or quotations (quoted policies keep their authors' words).

    score = flesch_reading_ease(prose_of_markdown(text))

Syllables are counted with the usual vowel-group rule of thumb, which is close enough to rank
pages and catch long sentences and long words; it is not a dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from saferpolitics.core.source_lines import split_front_matter

MINIMUM = 50.0

_FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1\s*$", re.S | re.M)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]*>")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_TAG = re.compile(r"<[^>]+>")
_ATTR = re.compile(r"\{[#.:][^}]*\}")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+\S+(?:\s+"([^"]*)")?\s*$')
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    syllables: int

    @property
    def score(self) -> float:
        """Flesch reading ease: 206.835 - 1.015 words/sentence - 84.6 syllables/word."""
        if not self.words:
            return 100.0
        return 206.835 - 1.015 * self.words / max(self.sentences, 1) - 84.6 * self.syllables / self.words


def syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # a silent final e: "advise", "code"
    elif (
        word.endswith(("ed", "es"))
        and not word.endswith(("ted", "ded", "ses", "ces", "zes", "ges", "xes"))
        and count > 1
    ):
        count -= 1  # "used", "names" are one syllable fewer than their vowel groups
    return max(count, 1)


def _clean(line: str) -> str:
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(" ", line)
    line = _URL.sub(" ", line)
    line = _TAG.sub(" ", line)
    line = _ATTR.sub(" ", line)
    return re.sub(r"[*_`#|]", " ", line)


def prose_of_markdown(text: str) -> list[str]:
    """The blocks a reader reads as units (paragraphs, headings, list items, table cells)."""
    text = split_front_matter(text.replace("\r\n", "\n"))[1]
    text = _FENCE.sub("", text)
    blocks: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        admonition = _ADMONITION.match(raw)
        if not line or line.startswith((">", "///", "*[")) or re.fullmatch(r"[|:\-\s]+", line):
            flush()  # blank lines, quotations, block syntax, abbreviations and table rules
        elif admonition:
            flush()
            if admonition.group(1):
                blocks.append(admonition.group(1))
        elif line.startswith("#"):
            flush()
            blocks.append(_clean(line))
        elif line.startswith("|"):
            flush()
            blocks.extend(_clean(cell) for cell in line.strip("|").split("|"))
        elif _LIST_ITEM.match(raw):
            flush()
            current.append(_clean(_LIST_ITEM.sub("", raw)))
        elif _TAG.fullmatch(line):
            flush()
        else:
            current.append(_clean(line))
    flush()
    return [b for b in (" ".join(block.split()) for block in blocks) if _WORD.search(b)]


def measure(blocks: list[str]) -> Readability:
    sentences = words = syllable_count = 0
    for block in blocks:
        found = _WORD.findall(block)
        if not found:
            continue
        words += len(found)
        syllable_count += sum(syllables(w) for w in found)
        # Each piece between full stops is a sentence; so is a block's last piece without one.
        sentences += sum(1 for piece in _SENTENCE_END.split(block) if _WORD.search(piece))
    return Readability(sentences, words, syllable_count)


def flesch_reading_ease(markdown_text: str) -> float:
    return measure(prose_of_markdown(markdown_text)).score


def hardest(blocks: list[str], count: int = 3) -> list[str]:
    """The blocks that pull a page's score down most, so a maintainer knows what to rewrite."""
    return sorted(blocks, key=lambda b: (measure([b]).score - 206.835) * len(_WORD.findall(b)))[:count]


def page_problem(file: str, markdown_text: str, minimum: float = MINIMUM) -> str | None:
    """A maintainer-facing message when a page reads too hard, or None when it is fine."""
    blocks = prose_of_markdown(markdown_text)
    score = measure(blocks).score
    if score >= minimum:
        return None
    worst = "; ".join(f'"{b[:90]}"' for b in hardest(blocks))
    return (
        f"{file}: reading ease {score:.0f} is below {minimum:.0f}\n"
        f'    hint: use shorter sentences and shorter words, and speak to the reader as "you". '
        f"Hardest to read: {worst}"
    )
