"""The glossary (data/glossary.yml): one source for the Glossary page and the site's tooltips.

Tooltips use Python-Markdown's `abbr` extension: every page gets the glossary's matches as
abbreviation definitions, so each match in running text becomes `<abbr title="...">`. Hover-only
titles are useless on a phone and to keyboard users, so `FirstUseExtension` makes the first use of
each term on a page focusable and marks it for the CSS tooltip (docs/assets/css/tools.css), which
also shows on focus and tap. Code is never touched: `abbr` skips code spans and blocks.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from saferpolitics.core.datafile import Located, entries, load_data_file, schema_for
from saferpolitics.core.problems import Problem

GLOSSARY_FILE = "data/glossary.yml"
TERM_CLASS = "sp-term"


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    stands_for: str = ""
    tooltip: str = ""
    matches: tuple[str, ...] = field(default_factory=tuple)
    line: int = 0

    @property
    def anchor(self) -> str:
        return slug(self.term)

    @property
    def tooltip_text(self) -> str:
        """What the tooltip says: the expansion of an abbreviation, else a short definition."""
        if self.tooltip:
            return self.tooltip
        if self.stands_for:
            return self.stands_for[0].upper() + self.stands_for[1:]
        return self.definition


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _variants(match: str) -> list[str]:
    """A match as written and with a capital first letter, for the start of a sentence."""
    capitalised = match[0].upper() + match[1:]
    return [match] if capitalised == match else [match, capitalised]


def parse_glossary(
    text: str, file: str = GLOSSARY_FILE, cache_dir: Path | None = None
) -> tuple[list[Term], list[Problem]]:
    """Validate the glossary and return its terms in page order, with every problem found."""
    root, problems = load_data_file(text, file, schema_for("glossary"), cache_dir=cache_dir)
    terms: list[Term] = []
    seen_anchor: dict[str, int] = {}
    seen_match: dict[str, tuple[str, int]] = {}
    for entry in entries(root, "terms"):
        if not entry.valid:
            continue  # the schema has said why
        values: dict[str, Located] = entry.value
        term = str(values["term"].value).strip()
        matches_node = values.get("matches")
        matches = [m.value.strip() for m in matches_node.value] if matches_node else [term]
        anchor = slug(term)
        if anchor in seen_anchor:
            problems.append(
                Problem(
                    file,
                    entry.line,
                    f"term {term!r} is listed twice (first on line {seen_anchor[anchor]})",
                    "merge the two entries",
                )
            )
            continue
        seen_anchor[anchor] = entry.line
        for match in matches:
            for variant in _variants(match):
                if variant in seen_match:
                    other, line = seen_match[variant]
                    problems.append(
                        Problem(
                            file,
                            matches_node.line if matches_node else entry.line,
                            f"{variant!r} would show the tooltip of both {other!r} (line {line}) and {term!r}",
                            "keep each word or phrase under one term's `matches`",
                        )
                    )
                seen_match.setdefault(variant, (term, entry.line))
        terms.append(
            Term(
                term=term,
                definition=" ".join(str(values["definition"].value).split()),
                stands_for=str(values["stands_for"].value).strip() if "stands_for" in values else "",
                tooltip=" ".join(str(values["tooltip"].value).split()) if "tooltip" in values else "",
                matches=tuple(matches),
                line=entry.line,
            )
        )
    return sorted(terms, key=lambda t: t.term.casefold()), problems


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """The `abbr` extension's glossary: every matching word or phrase and its tooltip text."""
    return {variant: term.tooltip_text for term in terms for match in term.matches for variant in _variants(match)}


# --- First use on a page: focusable and visibly explained --------------------------------------

# A focusable term inside these would nest a tab stop in a control or repeat it in the contents.
_NO_FOCUS_INSIDE = {"a", "button", "label", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "dt"}


class FirstUseTreeprocessor(Treeprocessor):
    """Runs after `abbr`: the first `<abbr>` of each title on a page gets a tab stop and a class."""

    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        self._walk(root, seen, blocked=False)

    def _walk(self, element: etree.Element, seen: set[str], blocked: bool) -> None:
        for child in element:
            if child.tag == "abbr" and not blocked:
                title = child.get("title", "")
                if title and title not in seen:
                    seen.add(title)
                    child.set("tabindex", "0")
                    child.set("class", TERM_CLASS)
            self._walk(child, seen, blocked or child.tag in _NO_FOCUS_INSIDE)


class FirstUseExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # `abbr` runs at 7 and `toc` at 5: mark terms after they exist, before headings are read.
        md.treeprocessors.register(FirstUseTreeprocessor(md), "sp_glossary_first_use", 6)


# --- The Glossary page ---------------------------------------------------------------------------


class GlossaryBlock(Block):
    """`/// glossary` then `///`: the whole glossary as a definition list with an anchor per term."""

    NAME = "glossary"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        terms: list[Term] = self.config["terms"]
        # Left out of the page's search entry: saferpolitics/post_build/search_index.py indexes each term alone.
        glossary = etree.SubElement(parent, "dl", {"class": "sp-glossary", "data-search-exclude": ""})
        for term in terms:
            title = etree.SubElement(glossary, "dt", {"id": term.anchor})
            # AtomicString: the term itself must not become its own tooltip.
            title.text = AtomicString(term.term)
            if term.stands_for:
                expansion = etree.SubElement(title, "span", {"class": "sp-glossary__stands-for"})
                expansion.text = AtomicString(f" ({term.stands_for})")
            etree.SubElement(glossary, "dd").text = AtomicString(term.definition)
        return glossary


class GlossaryBlockExtension(BlocksExtension):
    def __init__(self, *args, **kwargs):
        self.config = {"terms": [[], "The validated glossary terms"]}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr) -> None:
        block_mgr.register(GlossaryBlock, {"terms": self.getConfig("terms")})
