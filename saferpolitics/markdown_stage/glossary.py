"""The glossary on pages: the Glossary page's list and the site's tooltips, from the terms of
data/glossary.yml (read and checked in saferpolitics.core.glossary_terms).

Tooltips use Python-Markdown's `abbr` extension: every page gets the glossary's matches as
abbreviation definitions, so each match in running text becomes `<abbr title="...">`. Hover-only
titles are useless on a phone and to keyboard users, so `FirstUseExtension` makes the first use of
each term on a page focusable and marks it for the CSS tooltip (docs/assets/css/tools.css), which
also shows on focus and tap. Code is never touched: `abbr` skips code spans and blocks.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from saferpolitics.core.glossary_terms import Term, variants

TERM_CLASS = "sp-term"


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """The `abbr` extension's glossary: every matching word or phrase and its tooltip text."""
    return {variant: term.tooltip_text for term in terms for match in term.matches for variant in variants(match)}


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
