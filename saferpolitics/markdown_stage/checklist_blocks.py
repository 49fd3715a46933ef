"""Markdown syntax for checklists, built on the pymdown-extensions Blocks API.

    /// checklist | account-security
    ///

places one checklist from data/checklists.yml, and

    /// checklists
    ///

places every checklist, each under its own heading (the Checklists page).

Blocks fail silently by design. A header Blocks rejects (an unknown option) stays as literal
text, which the plugin (saferpolitics/engine/plugin.py) reports for every kind of block. Every
other mistake (an unknown id, content inside the block, a checklist placed twice) is kept as a
`BlockFinding`: the block renders nothing harmful, and the plugin reports the finding with
the page's file and line so a strict build fails.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import Counter
from typing import NamedTuple

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.source_lines import line_of
from saferpolitics.markdown_stage.checklists import Checklist, render_checklist, render_collection, suggestion

ONE = "checklist"
ALL = "checklists"
USAGE = "write `/// checklist | <id>` on one line and `///` alone on the next line"
# The header line of a Blocks block, as pymdownx.blocks reads it.
HEADER_PATTERN = lazy_compile(r"[ ]{0,3}/{3,}[ ]*([\w-]+)[ ]*(?:\|[ ]*(.*?)[ ]*)?")


class BlockFinding(NamedTuple):
    """A mistake in a page, located by its block header (and which occurrence of that header)."""

    header: str
    message: str
    hint: str
    occurrence: int = 1


def header_key(name: str, argument: str | None) -> str:
    """A block header in one spelling, so a header can be found again in the page source."""
    return f"/// {name.lower()} | {argument.strip()}" if argument and argument.strip() else f"/// {name.lower()}"


def parse_header(line: str) -> str | None:
    match = HEADER_PATTERN.fullmatch(line.rstrip())
    return header_key(match[1], match[2]) if match else None


def header_line(source: str, header: str, file: str, occurrence: int = 1) -> int | None:
    """1-based line of the given occurrence of a block header in a page, outside code fences."""
    return line_of(source, lambda line: parse_header(line) == header, file, occurrence=occurrence)


class PageState:
    """What the extension learned about the page being converted. A plain class: as a dataclass
    it cost 0.8 ms to make at every import."""

    def __init__(self) -> None:
        self.findings: list[BlockFinding] = []
        self.headers_seen: Counter = Counter()
        self.placed_here: set[str] = set()
        self.blocks: list[_ChecklistBlockBase] = []


class _ChecklistBlockBase(Block):
    """Shared by both blocks: accept any header, record mistakes, never let content through."""

    ARGUMENT = None  # checked in on_validate, so a missing or extra argument gets a clear message
    OPTIONS: dict = {}

    @property
    def extension(self) -> ChecklistExtension:
        return self.config["extension"]

    def on_init(self) -> None:
        self.spill = etree.Element("div")

    def _validate(self, parent: etree.Element, arg, **options) -> bool:
        # Wraps Block._validate (pymdownx.blocks 10+) to count every header in page order, rejected
        # ones included, so a finding names the right line. A header Blocks rejects (an unknown
        # option) stays as text, and the plugin (saferpolitics/engine/plugin.py) reports it.
        state = self.extension.page_state
        self.key = header_key(self.NAME, arg)
        state.headers_seen[self.key] += 1
        self.occurrence = state.headers_seen[self.key]
        return super()._validate(parent, arg, **options)

    def on_validate(self, parent: etree.Element) -> bool:
        self.extension.page_state.blocks.append(self)
        if self.options.get("attrs"):
            self.report("a checklist block takes no options", USAGE)
        return True

    def report(self, message: str, hint: str) -> None:
        self.extension.page_state.findings.append(BlockFinding(self.key, message, hint, self.occurrence))

    def place(self, parent: etree.Element, checklist: Checklist) -> bool:
        """Record a placement; a second one on the same page would duplicate element ids."""
        state = self.extension.page_state
        if checklist.id in state.placed_here:
            self.report(
                f"checklist `{checklist.id}` is already on this page",
                "place each checklist once per page (a `/// checklists` block already includes every checklist)",
            )
            return False
        state.placed_here.add(checklist.id)
        return True

    def on_add(self, block: etree.Element) -> etree.Element:
        # Content between the header and `///` goes to a detached element: it is never shown.
        # It is checked once the page is parsed (an unclosed block never reaches on_end).
        return self.spill

    def check_spill(self) -> None:
        if len(self.spill) or (self.spill.text or "").strip():
            self.report(
                "a checklist block has content, or its closing `///` is missing",
                f"{USAGE}; the checklist's items live in data/checklists.yml",
            )


class ChecklistBlock(_ChecklistBlockBase):
    NAME = ONE

    def on_create(self, parent: etree.Element) -> etree.Element:
        checklists = self.extension.checklists
        checklist_id = (self.argument or "").strip()
        if not checklist_id:
            self.report(
                "a checklist block needs a checklist id",
                "write `/// checklist | <id>`, e.g. `/// checklist | account-security`",
            )
        elif checklist_id not in checklists:
            self.report(
                f"unknown checklist `{checklist_id}`",
                f"{suggestion(checklist_id, checklists)}checklist ids are the `id:` keys in data/checklists.yml",
            )
        elif self.place(parent, checklists[checklist_id]):
            self.extension.placements.setdefault(checklist_id, []).append(self.extension.page)
            element = render_checklist(checklists[checklist_id], self.extension.page)
            parent.append(element)
            return element
        return etree.SubElement(parent, "div")


class ChecklistCollectionBlock(_ChecklistBlockBase):
    NAME = ALL

    def on_create(self, parent: etree.Element) -> etree.Element:
        if self.argument:
            self.report(
                "a `/// checklists` block takes no id",
                "write `/// checklists` alone to show every checklist, or `/// checklist | <id>` for one",
            )
        checklists = [c for c in self.extension.checklists.values() if self.place(parent, c)]
        element = render_collection(checklists, self.extension.page)
        parent.append(element)
        return element


class SpillCheckTreeprocessor(Treeprocessor):
    """After parsing: report content a block swallowed (text under its header, or a missing `///`)."""

    def __init__(self, md: Markdown, extension: ChecklistExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for block in self.extension.page_state.blocks:
            block.check_spill()


class ChecklistExtension(BlocksExtension):
    """Renders checklist blocks from validated checklists and keeps what it learned per page.

    The plugin calls `start_page` before each page and reads `page_state` after it."""

    def __init__(self, checklists: list[Checklist]):
        super().__init__()
        self.checklists = {checklist.id: checklist for checklist in checklists}
        self.placements: dict[str, list[str]] = {}  # checklist id -> pages with a `/// checklist` block
        self.start_page("index.md")

    def start_page(self, page: str) -> None:
        """Begin a page: `page` is its path relative to docs/, used for relative links."""
        self.page = page
        self.page_state = PageState()

    def extendMarkdownBlocks(self, md: Markdown, block_mgr) -> None:
        block_mgr.register(ChecklistBlock, {"extension": self})
        block_mgr.register(ChecklistCollectionBlock, {"extension": self})
        md.treeprocessors.register(SpillCheckTreeprocessor(md, self), "checklist_spill", 25)
