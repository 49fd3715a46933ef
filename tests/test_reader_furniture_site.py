"""Nothing of a documentation theme on the built site that a reader of a help service would not
expect: no "¶" links on headings, no Previous/Next footer, the contributors' guide linked from
About rather than every footer, a way on at the end of every page, and search snippets whose
words are not run together."""

from __future__ import annotations

import json
import re

from conftest import read_page


def test_no_heading_carries_a_permalink_or_the_page_a_previous_next_footer(nav_html):
    for md, path in nav_html.items():
        page = read_page(path)
        assert not page.select(".headerlink"), f"{md}: a '¶' link on a heading (a Tab stop, read aloud)"
        assert not page.select(".md-footer__link"), f"{md}: a Previous/Next footer"


def test_every_page_ends_with_a_way_on(nav_html):
    """A reader review found About and the accessibility statement ending with no link: the last
    block before the review date must offer somewhere to go (a next step, the choices, a tool)."""
    for md, path in nav_html.items():
        article = read_page(path).select_one("article")
        blocks = [block for block in article.find_all(recursive=False) if "sp-reviewed" not in block.get("class", [])]
        assert blocks[-1].select("a[href]"), f"{md}: the page ends with no link on ({blocks[-1].get_text(' ')[:80]!r})"


def test_the_contributors_guide_is_linked_from_about_not_from_every_footer(nav_html):
    for md, path in nav_html.items():
        footer = read_page(path).select_one("footer")
        assert not footer.select("a[href*='contributing']"), f"{md}: the contributors' guide in the footer"
    about = read_page(nav_html["about.md"]).select_one("article")
    assert about.select("a[href*='contributing']")


def test_search_snippets_keep_the_words_of_a_link_card_apart(site_dir):
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    cards = [doc for doc in docs if doc["location"].startswith("resources/")]
    # A closing bracket or an address's ending followed at once by a capital: "Twitter)Safety",
    # "help.x.comX's help".
    run_together = [
        m.group(0) for doc in cards for m in re.finditer(r"\w+(?:\)|\.com|\.uk|\.org)[A-Z]\w*", doc["text"])
    ]
    assert cards and not run_together, f"words run together in search snippets: {run_together[:5]}"


def test_the_footers_pdf_and_offline_lines_are_in_a_named_landmark(nav_html):
    """A reader review: a screen reader's list of landmarks left them out."""
    for md, path in nav_html.items():
        footer = read_page(path).select_one(".sp-pdf-footer")
        assert footer.get("role") == "region" and footer.get("aria-label"), md
