"""The glossary on pages: the Glossary page's list and the site's tooltips, from the terms of
data/glossary.yml (read and checked in saferpolitics.core.glossary_terms).

Tooltips use Python-Markdown's `abbr` extension: every page gets the glossary's matches as
abbreviation definitions, so each match in running text becomes `<abbr title="...">`. Hover-only
titles are useless on a phone and to keyboard users, so `FirstUseExtension` makes the first use of
each term on a page focusable and marks it for the CSS tooltip (docs/assets/css/tools.css), which
also shows on focus and tap. Code is never touched: `abbr` skips code spans and blocks.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
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


class QuickerAbbrTreeprocessor(AbbrTreeprocessor):
    """Python-Markdown's `abbr` treeprocessor with the same result, in half the time: with the
    glossary's 93 words and phrases it was a fifth of our Markdown stage (21 ms a build). Its
    pattern tried every term at each word boundary of every text, and was built again for every
    page; this one is built once per set of terms (a page may add its own, `*[X]: ...`) and tries
    terms letter by letter (_term_pattern). Its walk of the tree is abbr's, except that a text
    is first searched for one term (most of a page's 150 texts hold none, and a search makes no
    list of matches: half the time of listing them), and the position of an element in its parent
    is looked up only when its tail holds a term."""

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        self.RE = _term_pattern(tuple(self.abbrs))
        self.iter_element(root)

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        for child in reversed(el):
            self.iter_element(child, el)
        if (text := el.text) and not isinstance(text, AtomicString) and self.RE.search(text):
            for m in reversed(list(self.RE.finditer(text))):
                if self.abbrs[m.group(0)]:
                    el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end() :]))
                    text = text[: m.start()]
            el.text = text
        if parent is not None and (tail := el.tail) and not isinstance(tail, AtomicString) and self.RE.search(tail):
            index = list(parent).index(el) + 1
            for m in reversed(list(self.RE.finditer(tail))):
                if self.abbrs[m.group(0)]:
                    parent.insert(index, self.create_element(self.abbrs[m.group(0)], m.group(0), tail[m.end() :]))
                    tail = tail[: m.start()]
            el.tail = tail


@functools.lru_cache(maxsize=8)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern:
    """abbr's pattern for these terms, matching exactly what it matches: at a word boundary, the
    longest term that ends at one (of two as long, the first). Written as a tree of letters
    (`\\b(?:s(?:ocial ...|pear...)|S...)\\b`): two terms that differ at a letter can never both
    match there, so grouping them by that letter changes no match, and within a group the longer
    terms still come first."""

    def tree(ends: list[str]) -> str:
        if ends == [""]:
            return ""
        groups: dict[str, list[str]] = {}
        for end in ends:  # "" (a term that ends here) is the shortest: it stays last, as in abbr's
            groups.setdefault(end[:1], []).append(end[1:])
        branches = [re.escape(letter) + tree(rest) for letter, rest in groups.items()]
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return re.compile(rf"\b{tree(sorted(terms, key=len, reverse=True))}\b")


class FirstUseExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # abbr's own treeprocessor, made quicker, at its place (7), sharing its terms.
        if "abbr" in md.treeprocessors and type(md.treeprocessors["abbr"]) is AbbrTreeprocessor:
            md.treeprocessors.register(QuickerAbbrTreeprocessor(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)
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
