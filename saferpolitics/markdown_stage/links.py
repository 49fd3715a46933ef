"""Markdown syntax for registry links: inline links, link cards and the Resources directory.

    [link text](link:ncsc-setting-up-2sv)     inline link ([](link:id) uses the registry title)
    /// card | ncsc-setting-up-2sv            a card: title, publisher, domain, description
    ///
    /// resources                             every registry entry, by category and platform
    ///

Inline links are resolved by a treeprocessor that rewrites any `href="link:<id>"` after inline
parsing, so code spans and fences are never touched and any other extension (a checklist block,
say) can emit `link:` hrefs and get them resolved. Cards and the directory are pymdownx Blocks.

Every anchor this module renders has class `sp-ext`, `rel="noopener noreferrer"`, no target
(same tab), and carries its full address for print in a `<span class="sp-url">` inside the
anchor (hidden on screen by cards.css, shown by print CSS): " (address)" after an inline link's
text, the bare address on its own line in a card.

Mistakes are not raised here (a Markdown extension does not know the page); they are collected
in `LinksExtension.findings` and the plugin (saferpolitics/engine/plugin.py) turns them into located build errors.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import NamedTuple

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from saferpolitics.core.content_policy import page_then_data
from saferpolitics.core.html_tokens import url
from saferpolitics.core.htmlscan import web_page_elsewhere
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.phone_links import HINT as PHONE_LINK_HINT
from saferpolitics.core.phone_links import phone_link_mistake
from saferpolitics.core.problems import Problem, raise_problems
from saferpolitics.core.source_lines import line_of, locate, locate_all
from saferpolitics.core.suggest import closest
from saferpolitics.markdown_stage.blocksyntax import ContentScan
from saferpolitics.markdown_stage.registry import CATEGORIES, PLATFORMS, Link, Registry

LINK_SCHEME = "link:"
EXTERNAL_CLASS = "sp-ext"
REL = "noopener noreferrer"
AT_RISK_NOTE = (
    "This page may move or be taken down. If the link does not work, search the publisher's website for its title."
)


class LinkFinding(NamedTuple):
    """A mistake in a page, located later by the plugin: kind is 'unknown-id' or 'card-content'."""

    kind: str
    link_id: str


def safe_href(link: Link) -> str:
    """The registry address, checked again where it is written into a page: https:// or mailto: only."""
    href = link.href
    if not (href.startswith("https://") or (link.is_contact and href.startswith("mailto:"))):
        # Unreachable with a registry that passed validation: a stop, never a live link.
        raise_problems(
            [
                Problem(
                    "data/links.yml",
                    link.line,
                    f"entry '{link.id}': address {href!r} is not https://",
                    "use the https:// address.",
                )
            ],
            "Link registry",
        )
    return href


def mark_external(anchor: etree.Element, link: Link) -> None:
    """Point an anchor at a registry link with the attributes every external link on the site has."""
    anchor.set("href", safe_href(link))
    classes = anchor.get("class", "").split()
    anchor.set("class", " ".join([*classes, EXTERNAL_CLASS] if EXTERNAL_CLASS not in classes else classes))
    anchor.set("rel", REL)
    anchor.attrib.pop("target", None)  # same tab: a stressed reader should not lose their place


class LinkResolver(Treeprocessor):
    """Rewrites href="link:<id>" into the registry address (runs after inline parsing)."""

    def __init__(self, md, extension: LinksExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.extension.check_cards()
        for anchor in list(root.iter("a")):
            href = anchor.get("href", "")
            if not href.startswith(LINK_SCHEME):
                continue
            link_id = href[len(LINK_SCHEME) :].strip()
            link = self.extension.lookup(link_id)
            if link is None:
                # Not a link at all (a link to nowhere helps nobody); the plugin fails the build.
                anchor.tag = "span"
                anchor.attrib.clear()
                anchor.set("class", "sp-link--unknown")
                continue
            mark_external(anchor, link)
            text = "".join(anchor.itertext()).strip()
            if not text and not len(anchor):
                anchor.text = AtomicString(link.email or link.title)
                text = anchor.text
            if text != link.address:
                # Paper readers cannot click: print shows the address after the link text.
                _print_address(anchor, f" ({link.address})")


def _span(parent: etree.Element, css_class: str, text: str) -> etree.Element:
    span = etree.SubElement(parent, "span", {"class": css_class})
    # Registry text is plain text: AtomicString keeps Markdown's inline patterns (raw HTML, links,
    # emphasis) away from it, so it is escaped when the page is written, never parsed.
    span.text = AtomicString(text)
    return span


def _print_address(anchor: etree.Element, text: str) -> None:
    """The address for paper: hidden on screen, and kept out of the search index (noise there)."""
    _span(anchor, "sp-url", text).set("data-search-exclude", "")


def render_card(parent: etree.Element, link: Link, badge: bool = True) -> etree.Element:
    """One card: its title is the link (a short link name, as GOV.UK's), with the category badge
    before it and the publisher, description and any note after it as text; cards.css stretches the
    link over the whole card, so the box is still one big target. No ids or ARIA to tie the parts
    together: on the Resources page, a hundred cards' worth of them was 3 KB of the first view.
    badge: False where a heading above already names the category (the Resources directory)."""
    card = etree.SubElement(parent, "div", {"class": "sp-card"})
    if badge:
        _span(card, "sp-card__label", link.label)
    anchor = etree.SubElement(card, "a", {"class": "sp-card__link"})
    mark_external(anchor, link)
    anchor.text = AtomicString(link.title)
    # Inside the link, as for every registry link: hidden on screen, so not part of its name.
    _print_address(anchor, link.address)
    _span(_span(card, "sp-card__source", f"{link.publisher} · "), "sp-card__domain", link.domain)
    _span(card, "sp-card__description", link.description)
    if link.at_risk:
        _span(card, "sp-card__note", AT_RISK_NOTE)
    # Space after each part: on screen each is a line of its own, but text taken from the page
    # (the search index's snippets, a copy and paste) ran them together ("Twitter)Safety"). A line
    # break, not a space: the same to a reader, and print-site's regular expression over each page
    # reads a line once for each tag left in it (a card on one line cost 27% of its time here).
    for part in card:
        part.tail = "\n"
    return card


class CardBlock(Block):
    """/// card | <registry-id>: a link card for one resource."""

    NAME = "card"
    ARGUMENT = True
    OPTIONS = {}

    def on_create(self, parent: etree.Element) -> etree.Element:
        extension: LinksExtension = self.config["extension"]
        link_id = self.argument.strip()
        link = extension.lookup(link_id)
        if link is None:
            unknown = etree.SubElement(parent, "div", {"class": "sp-card sp-card--unknown"})
            _span(unknown, "sp-card__title", f"Unknown link id: {link_id}")
            return unknown
        card = render_card(parent, link)
        extension.cards.append((card, link.id, len(card)))
        return card


class ResourcesBlock(Block):
    """/// resources: the whole registry, by category and, for platforms, by platform."""

    NAME = "resources"
    ARGUMENT = False
    OPTIONS = {}

    def on_create(self, parent: etree.Element) -> etree.Element:
        extension: LinksExtension = self.config["extension"]
        registry = extension.registry
        directory = etree.SubElement(parent, "div", {"class": "sp-resources"})
        for category_id, category in CATEGORIES.items():
            links = registry.in_category(category_id)
            if not links:
                continue
            # Plain text: "National Cyber Security Centre (NCSC)" needs no glossary tooltip for NCSC.
            etree.SubElement(directory, "h2").text = AtomicString(category.heading)
            groups = (
                [(PLATFORMS[p].label, registry.in_category(category_id, p)) for p in PLATFORMS]
                if category_id == "platform"
                else [(None, links)]
            )
            for heading, group in groups:
                if not group:
                    continue
                if heading:
                    etree.SubElement(directory, "h3").text = heading
                cards = etree.SubElement(directory, "div", {"class": "sp-cards"})
                for link in group:
                    # Listing here does not count as a use: every entry must also serve a page.
                    render_card(cards, link, badge=False)
        return directory


class LinksExtension(BlocksExtension):
    """Registry links for Python-Markdown: `LinksExtension(registry=registry)`."""

    def __init__(self, *args, **kwargs):
        self.config = {"registry": [Registry("data/links.yml", {}), "The validated link registry"]}
        super().__init__(*args, **kwargs)
        self.findings: list[LinkFinding] = []
        self.used_ids: set[str] = set()
        self.reset()

    @property
    def registry(self) -> Registry:
        return self.getConfig("registry")

    def lookup(self, link_id: str, count_use: bool = True) -> Link | None:
        link = self.registry.get(link_id)
        if link is None:
            self.findings.append(LinkFinding("unknown-id", link_id))
        elif count_use:
            self.used_ids.add(link_id)
        return link

    def check_cards(self) -> None:
        """A card has no body: content in one means its closing /// is missing or misplaced.

        Checked once the page is parsed, because a block that is never closed never ends.
        """
        for card, link_id, parts in self.cards:
            if len(card) > parts or (card.text or "").strip():
                self.findings.append(LinkFinding("card-content", link_id))
        self.cards = []

    def take_page_results(self) -> tuple[list[LinkFinding], set[str]]:
        """Findings and used ids since the last call: the plugin calls this once per page."""
        findings, used = self.findings, self.used_ids
        self.findings, self.used_ids = [], set()
        return findings, used

    def reset(self) -> None:
        self.cards: list[tuple[etree.Element, str, int]] = []  # card, link id, parts rendered

    def extendMarkdownBlocks(self, md, block_mgr) -> None:
        md.registerExtension(self)
        self.reset()  # MkDocs builds a new Markdown object per page
        block_mgr.register(CardBlock, {"extension": self})
        block_mgr.register(ResourcesBlock, {"extension": self})
        # After inline parsing (20), block inline-end hooks (19.99) and attr_list (8, so a
        # `{target=_blank}` cannot reopen a new tab); before MkDocs' link rewriting (0).
        md.treeprocessors.register(LinkResolver(md, self), "sp_link_resolver", 6)


def unregistered_links(scan: ContentScan) -> list[str]:
    """External addresses in rendered content (one scan of it) that did not come from the registry.

    Anchors to http(s) or mailto without the registry's class, and bare http(s) addresses in
    text, outside code. tel: links (999, 101) are fine.
    """
    found = [
        href
        for href, classes in scan.anchors
        if (web_page_elsewhere(href) or href.lower().startswith("mailto:")) and EXTERNAL_CLASS not in classes
    ]
    return found + scan.bare_urls


# What a link on a page may start with: the web (from the registry), an email address, a phone
# number or a text message; a link without a scheme goes to this site. javascript: and
# vbscript: are the page policy's to report (saferpolitics/post_build/csp.py).
LINK_SCHEMES = ("http", "https", "mailto", "tel", "sms")
_LEFT_TO_THE_PAGE_POLICY = ("javascript", "vbscript")
_SCHEME = lazy_compile(r"([a-z][a-z0-9+.-]*):", re.I)


def unknown_scheme_links(scan: ContentScan) -> list[str]:
    """Links in rendered content (one scan of it) whose address starts with a scheme no reader's
    browser can follow: `links:id` for `link:id` (left as written, a dead link), `C:` (a path on
    someone's computer)... An unknown `link:` id is no link (LinkResolver), and reported as such."""
    found = []
    for href, _ in scan.anchors:
        match = _SCHEME.match(url(href))
        if match and match[1].lower() not in (*LINK_SCHEMES, *_LEFT_TO_THE_PAGE_POLICY):
            found.append(href)
    return found


def _scheme_guess(href: str, registry: Registry) -> str:
    """ "did you mean ...? " for a link with an unknown scheme: a registry entry when the rest of
    it is (or is close to) a registry id, else the nearest scheme a link may have (not the web's:
    a web address belongs in the registry)."""
    scheme, _, rest = href.partition(":")
    rest = rest.strip().strip("/")
    link_id = rest if registry.get(rest) else next(iter(registry.suggestions(rest, 1)), None)
    if link_id:
        return f"did you mean '{LINK_SCHEME}{link_id}'? "
    nearest = closest(scheme.lower(), ("mailto", "tel", "sms"))
    return f"did you mean '{nearest}:{href.partition(':')[2]}'? " if nearest else ""


def scheme_problems(registry: Registry, hrefs: list[str], source: str, file: str) -> list[Problem]:
    """A problem for each link from `unknown_scheme_links`, on its line: published, it goes nowhere."""
    return [
        Problem(
            file,
            line_of(source, href, file),
            f"link '{href}' starts with '{href.partition(':')[0]}:', so it goes nowhere",
            f"{_scheme_guess(href, registry)}a link goes to a page ([words](harassment.md)), a registry entry "
            "([words](link:<id>)), a phone number (tel:999), an email address (mailto:) or a text (sms:).",
        )
        for href in hrefs
    ]


def phone_link_problems(scan: ContentScan, source: str, file: str) -> list[Problem]:
    """A problem for each link that calls no number, or another number than its words show
    (`[999](tel:998)`), on its line: a reader in danger taps the number they read."""
    problems = []
    for href, words in scan.phone_links:
        mistake = phone_link_mistake(words, href)
        if mistake:
            line = line_of(source, f"[{words}]({href})", file) or line_of(source, f"({href})", file)
            problems.append(Problem(file, line, mistake, PHONE_LINK_HINT))
    return problems


# Link syntax a reader sees as text: `](` (a link whose `)` or `[` is missing, or that Markdown
# could not read), an address after a space (`] (page.md)`, `] (#section)`, `] (tel:101)`), a
# reference never defined (`[words][name]`), or a registry id (`]link:id` with no bracket).
# The address may start the next line: pages are wrapped, and "[words]" then "(page.md)" on the
# line below is no link either.
LINK_AS_TEXT = lazy_compile(
    r"\]\(\S*"
    r"|\]\s+\((?:[\w./-]*\.md\b[^\s)]*|#[\w-]+|[a-z]+:[^\s)]+)\)?"
    r"|\] ?\[[^\]\n]+\]"
    r"|(?<![\w/:])\(?link:[a-z0-9][\w.-]*\)?"
)


def link_as_written(text: str, match: re.Match) -> str:
    """A LINK_AS_TEXT match with the link's words before it, from their `[` on the same line, as a
    reader sees it."""
    opening = text.rfind("[", text.rfind("\n", 0, match.start()) + 1, match.start())
    return text[opening if opening >= 0 else match.start() : match.end()]


def link_text_problems(scan: ContentScan, source: str, file: str) -> list[Problem]:
    """A problem for each link left as Markdown in rendered content (one scan of it), outside code,
    on the line of the page it is written on (where it starts, when it runs over two)."""
    problems = []
    text = "\n".join(scan.text_lines)
    for match in LINK_AS_TEXT.finditer(text):
        shown = link_as_written(text, match)
        first_line = shown.split("\n", 1)[0]
        problems.append(
            Problem(
                file,
                line_of(source, first_line, file) or line_of(source, match[0].split("\n", 1)[0], file),
                f"a link shows as Markdown to readers: '{' '.join(shown.split())}'",
                "write a link as [words](address) with nothing between ']' and '(': check for a missing ')' "
                "at its end or '[' at its start (a link [words][name] needs a line `[name]: address`).",
            )
        )
    return problems


def _id_pattern(link_id: str) -> re.Pattern[str]:
    """Where a page names a registry id: an inline link or a card's header."""
    return re.compile(rf"link:{re.escape(link_id)}(?![\w-])|^\s*/{{3,}}\s*card\s*\|\s*{re.escape(link_id)}\s*$")


def page_link_problems(
    registry: Registry,
    findings: list[LinkFinding],
    addresses: list[str],
    source: str,
    file: str,
    root: Path | None = None,
) -> list[Problem]:
    """One page's link mistakes: unknown ids, misused cards (from the extension's findings) and
    external addresses written directly in the page or in a data file it shows (from
    `unregistered_links`; root: the project, whose data files are searched after the page)."""
    problems = []
    unknown = dict.fromkeys(finding.link_id for finding in findings if finding.kind == "unknown-id")
    for link_id in unknown:  # each id once, at every line that names it: one build shows them all
        # Not in the page: a data file it shows wrote it (the protocol template's [source](link:id)).
        places = [(f, line) for f, line, _ in locate_all([(file, source)], _id_pattern(link_id))] or [
            (f, line) for f, line, _ in locate_all(page_then_data((file, source), root)[1:], _id_pattern(link_id))
        ]
        message, hint = f"unknown link id '{link_id}'", registry.unknown_id_hint(link_id)
        problems += [Problem(where, line, message, hint) for where, line in places or [(file, None)]]
    for finding in findings:
        if finding.kind != "unknown-id":
            problems.append(
                Problem(
                    file,
                    line_of(source, _id_pattern(finding.link_id), file),
                    f"the card for '{finding.link_id}' has content, or its closing `///` is missing",
                    "a card is two lines: `/// card | <id>` then `///` on the next line.",
                )
            )
    ids_by_address = {link.href: link.id for link in registry}
    for address in addresses:
        known = ids_by_address.get(address)
        where_file, line = (locate(page_then_data((file, source), root), address) or (file, None))[:2]
        if where_file != file:  # a data file's text: plain text, the address as words at most
            where, hint = (
                "the data file",
                (
                    f"link to it by a registry id from {registry.file} (a `link:` field, or [words](link:<id>) in a "
                    "step); a data file's text holds no web addresses"
                ),
            )
        else:
            where, hint = (
                "the page",
                (
                    f"this is registry entry '{known}': write [link text](link:{known}) or a card instead."
                    if known
                    else f"add it to {registry.file}, then write [link text](link:<id>) or a card. "
                    "Examples of code go in backticks."
                ),
            )
        problems.append(Problem(where_file, line, f"external address '{address}' is written directly in {where}", hint))
    return problems


def unused_entry_problems(registry: Registry, used_ids: set[str]) -> list[Problem]:
    """Registry entries no page links to: each is a warning at its line."""
    return [
        Problem(
            registry.file,
            link.line,
            f"entry '{link.id}' is not used by any page",
            f"link to it from a page with [link text](link:{link.id}) or `/// card | {link.id}`, or delete the entry.",
        )
        for link in registry
        if link.id not in used_ids
    ]
