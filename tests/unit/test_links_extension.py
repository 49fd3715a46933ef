"""The Markdown extension on a bare markdown.Markdown: inline links, cards, the directory, and the
leftover-block and direct-URL checks, as a maintainer would meet them."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest
import yaml
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from saferpolitics.markdown_stage.blocksyntax import (
    block_specs,
    leftover_block_problems,
    scan_content,
    unclosed_block_problems,
)
from saferpolitics.markdown_stage.links import LinksExtension, unregistered_links
from saferpolitics.markdown_stage.registry import parse_registry

ENTRIES = [
    {
        "id": "ncsc-2sv",
        "url": "https://www.ncsc.gov.uk/guidance/2sv",
        "title": "Setting up 2SV",
        "publisher": "NCSC",
        "category": "ncsc",
        "description": "Turn on 2SV.",
    },
    {
        "id": "x-help",
        "url": "https://help.x.com/en/safety",
        "title": "Safety and security",
        "publisher": "X Help Center",
        "category": "platform",
        "platform": "x",
        "description": "X's safety help.",
        "at_risk": "Moved before.",
    },
    {
        "id": "email-mp",
        "email": "a.mp@parliament.uk",
        "title": "A MP",
        "publisher": "UK Parliament",
        "category": "parliament",
        "description": "Contact.",
    },
]


@pytest.fixture
def registry():
    text = yaml.safe_dump([{**e, "checked": {"date": "2026-11-25", "outcome": "ok"}} for e in ENTRIES], sort_keys=False)
    registry, problems = parse_registry(text.replace("'2026-11-25'", "2026-11-25"), "data/links.yml")
    assert problems == []
    return registry


@pytest.fixture
def convert(registry):
    extension = LinksExtension(registry=registry)

    def run(source: str):
        md = markdown.Markdown(
            extensions=[extension, "attr_list", "pymdownx.superfences", "toc", "pymdownx.blocks.admonition"]
        )
        html = md.convert(source)
        findings, used = extension.take_page_results()
        return html, findings, used, md

    return run


def anchors(html: str) -> list[etree.Element]:
    return list(etree.fromstring(f"<root>{html}</root>").iter("a"))


def test_inline_link_gets_registry_address_and_external_attributes(convert):
    html, findings, used, _ = convert("Turn on [two-step checks](link:ncsc-2sv){target=_blank}.")
    (anchor,) = anchors(html)
    assert anchor.get("href") == "https://www.ncsc.gov.uk/guidance/2sv"
    assert anchor.get("rel") == "noopener noreferrer"
    assert "sp-ext" in anchor.get("class").split()
    assert anchor.get("target") is None  # same tab, even when asked otherwise
    assert anchor.text == "two-step checks"
    assert (
        anchor.find("span").get("class") == "sp-url"
        and "(https://www.ncsc.gov.uk/guidance/2sv)" in anchor.find("span").text
    )
    assert anchor.find("span").get("data-search-exclude") is not None  # addresses are noise in search
    assert findings == [] and used == {"ncsc-2sv"}


def test_empty_link_text_uses_the_title_and_contacts_use_the_address(convert):
    html, _, _, _ = convert("[](link:ncsc-2sv) and [](link:email-mp) and [write to them](link:email-mp)")
    first, contact, named = anchors(html)
    assert first.text == "Setting up 2SV"
    assert contact.get("href") == "mailto:a.mp@parliament.uk" and contact.text == "a.mp@parliament.uk"
    assert contact.find("span") is None  # the address is already the text
    assert named.find("span").text == " (a.mp@parliament.uk)"


def test_code_is_left_alone(convert):
    html, findings, used, _ = convert("`[x](link:nope)`\n\n```\n[y](link:nope)\n/// card | nope\n///\n```\n")
    assert "link:nope" in html and anchors(html) == []
    assert findings == [] and used == set()


class _ItemBlock(Block):
    """Stands in for another engineer's block (a checklist item) that emits a link: href."""

    NAME = "item"

    def on_create(self, parent):
        anchor = etree.SubElement(etree.SubElement(parent, "div"), "a", {"href": "link:x-help"})
        anchor.text = "see"
        return parent[-1]


class _ItemExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        block_mgr.register(_ItemBlock, {})


def test_any_element_with_a_link_href_is_resolved(registry):
    extension = LinksExtension(registry=registry)
    html = markdown.Markdown(extensions=[extension, _ItemExtension()]).convert("/// item\n///\n")
    assert anchors(html)[0].get("href") == "https://help.x.com/en/safety"
    assert extension.take_page_results()[1] == {"x-help"}


def test_unknown_id_is_a_finding_with_no_href(convert, registry):
    html, findings, used, _ = convert("[Two steps](link:ncsc-2sf)")
    assert anchors(html) == []  # no link to nowhere; the text stays readable in a preview
    assert '<span class="sp-link--unknown">Two steps</span>' in html
    assert [(f.kind, f.link_id) for f in findings] == [("unknown-id", "ncsc-2sf")]
    assert "did you mean 'ncsc-2sv'?" in registry.unknown_id_hint("ncsc-2sf")


def test_a_card_is_its_title_as_the_link_with_label_source_description_and_print_address(convert):
    html, findings, used, _ = convert("/// card | x-help\n///\n")
    root = etree.fromstring(f"<root>{html}</root>")
    (card,) = root
    (anchor,) = root.iter("a")
    assert anchor.get("href") == "https://help.x.com/en/safety" and anchor.get("rel") == "noopener noreferrer"
    # The link's name is the title alone (the address inside it is hidden on screen, for paper).
    assert anchor.text == "Safety and security"
    assert [span.text for span in anchor] == ["https://help.x.com/en/safety"] and anchor[0].get("class") == "sp-url"
    parts = {part.get("class"): "".join(part.itertext()) for part in card if part.tag == "span"}
    assert parts["sp-card__label"] == "Platform: X (formerly Twitter)"
    assert parts["sp-card__source"] == "X Help Center · help.x.com"
    assert parts["sp-card__description"] == "X's safety help."
    assert "may move" in parts["sp-card__note"]
    # Nothing to keep unique when the same card is on a page twice, or on the print page.
    assert not [el for el in root.iter() if el.get("id") or el.get("aria-labelledby")]
    assert findings == [] and used == {"x-help"}


def test_unknown_card_and_card_with_content_are_findings(convert):
    _, findings, _, _ = convert("/// card | nope\n///\n\n/// card | ncsc-2sv\nSome text.\n///\n")
    assert [(f.kind, f.link_id) for f in findings] == [("unknown-id", "nope"), ("card-content", "ncsc-2sv")]
    _, findings, _, _ = convert("/// card | x-help\n\nThe closing line is missing.\n")
    assert [(f.kind, f.link_id) for f in findings] == [("card-content", "x-help")]


def test_resources_lists_every_entry_by_category_and_platform_without_counting_as_use(convert, registry):
    html, findings, used, _ = convert("/// resources\n///\n")
    assert used == set() and findings == []
    root = etree.fromstring(f"<root>{html}</root>")
    headings = [("".join(h.itertext()), h.tag) for h in root.iter() if h.tag in ("h2", "h3")]
    assert headings == [
        ("National Cyber Security Centre (NCSC)", "h2"),
        ("Social media platforms", "h2"),
        ("X (formerly Twitter)", "h3"),
        ("UK Parliament", "h2"),
    ]
    assert {a.get("href") for a in root.iter("a")} == {link.href for link in registry}


def test_unregistered_links_are_found_outside_code_only():
    html = (
        '<p><a href="https://x.example/">a</a> <a class="sp-ext" href="https://ok.example/">b</a> '
        'see https://bare.example/page. <a href="tel:999">999</a> <a href="mailto:x@y.uk">m</a></p>'
        "<pre><code>https://code.example/</code></pre><p><code>https://span.example/</code></p>"
    )
    assert unregistered_links(scan_content(html)) == [
        "https://x.example/",
        "mailto:x@y.uk",
        "https://bare.example/page",
    ]
    # Slashes missing after the scheme (a maintainer review: both built): from the website a
    # missing page of this site, from a saved page the other website, never the registry's check.
    html = '<p><a href="https:/example.org/x">a</a> <a href="HTTPS:example.org/y">b</a> <a href="help/">c</a></p>'
    assert unregistered_links(scan_content(html)) == ["https:/example.org/x", "HTTPS:example.org/y"]


def test_scan_ignores_code_and_splits_lines():
    scan = scan_content("<p>/// card | x\nmore</p><pre>/// no</pre><ul><li>/// li</li></ul>")
    assert scan.text_lines == ["/// card | x", "more", "/// li"]


@pytest.mark.parametrize(
    ("source", "expected_line", "expected"),
    [
        ("# T\n\n/// cards | ncsc-2sv\n///\n", 3, "unknown block 'cards'"),
        ("# T\n\n/// card\n///\n", 3, "block 'card' needs a value after '|'"),
        ("# T\n\n/// resources | all\n///\n", 3, "block 'resources' takes nothing after '|'"),
        (
            "# T\n\n/// card | ncsc-2sv\n///\n\n/// card | ncsc-2sv\n    colour: red\n///\n",
            6,
            "unknown option(s): colour",
        ),
        ("# T\n\n/// note\n    type: [x\nHi\n///\n", 3, "not valid YAML"),
        ("# T\n\nText.\n\n///\n", 5, "a closing `///` has no block to close"),
        ("# T\n\n- /// nope\n  ///\n", 3, "unknown block 'nope'"),
    ],
)
def test_leftover_block_syntax_is_located_and_explained(convert, source, expected_line, expected):
    html, _, _, md = convert(source)
    problems = leftover_block_problems(scan_content(html), source, "docs/page.md", block_specs(md))
    assert len(problems) == 1, problems
    assert problems[0].file == "docs/page.md" and problems[0].line == expected_line
    assert expected in problems[0].message and problems[0].hint


def test_blocks_that_render_and_code_examples_are_not_leftovers(convert):
    source = "# T\n\n/// card | ncsc-2sv\n///\n\n```md\n/// cards | typo\n///\n```\n\n/// note\nHi\n///\n"
    html, _, _, md = convert(source)
    assert leftover_block_problems(scan_content(html), source, "docs/page.md", block_specs(md)) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # A block without content swallows the rest of the page and shows none of it: no other sign.
        ("# T\n\n/// resources\n\nMore steps.\n\n/// card | x\n///\n", [(3, "/// resources")]),
        ("# T\n\n/// card | x\n///\n\n/// resources\n", [(6, "/// resources")]),
        # A closer closes the innermost block of its own length; the outer one here is left open.
        ("//// note\n/// note\nHi\n///\n", [(1, "//// note")]),
        ("//// note\n/// note\nHi\n///\n////\n\n/// card | x\n///\n", []),
        # Examples in code and blocks inside list items are read as the page's Markdown reads them.
        ("```md\n/// card | x\n```\n\n- item\n\n    /// card | x\n    ///\n", []),
        # Examples Markdown never reads as blocks: indented code, <pre>, an HTML comment.
        ("# T\n\nText.\n\n    /// card | x\n\nMore.\n", []),
        ("# T\n\n<pre>\n/// card | x\n</pre>\n", []),
        ("# T\n\n<!--\n/// card | x\n-->\n", []),
    ],
)
def test_a_block_never_closed_is_named_on_its_header_line(convert, source, expected):
    problems = unclosed_block_problems(source, "docs/page.md", convert(source)[0])
    assert [(p.line, p.message.split("`")[1]) for p in problems] == expected
    for problem in problems:
        assert problem.message.endswith("is never closed: it takes in the rest of the page")
        assert problem.hint.startswith("add a line `") and problem.file == "docs/page.md"


def test_block_specs_cover_every_registered_block(convert):
    _, _, _, md = convert("")
    specs = block_specs(md)
    assert {"card", "resources", "note"} <= set(specs)
    assert specs["card"].argument is True and specs["resources"].argument is False
