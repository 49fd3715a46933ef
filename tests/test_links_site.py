"""External links on the built site all come from the registry, the Resources page lists them all,
and each maintainer mistake fails a strict build with file, line and hint."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, build_in_process, tiny_project
from saferpolitics.markdown_stage.registry import CATEGORIES, PLATFORMS, load_registry

# Theme chrome inside the article (Material's "Edit this page" button) is not page content.
CHROME_CLASSES = {"md-content__button"}


@pytest.fixture(scope="session")
def registry():
    registry, problems = load_registry(ROOT / "data/links.yml", ROOT)
    assert problems == []
    return registry


class _ArticleLinks(HTMLParser):
    """Anchors inside the page content (article.md-content__inner), with their attributes."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.anchors: list[dict] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "hr", "meta", "link")
        elif tag == "article" and "md-content__inner" in (attrs.get("class") or ""):
            self.depth = 1
        if self.depth and tag == "a" and attrs.get("href"):
            if not CHROME_CLASSES & set((attrs.get("class") or "").split()):
                self.anchors.append(attrs)
        if self.depth and tag in ("h2", "h3"):
            self._heading = [tag, ""]

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if self._heading and tag == self._heading[0]:
            self.headings.append((self._heading[0], self._heading[1].replace("¶", "").strip()))
            self._heading = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data


def article(path: Path) -> _ArticleLinks:
    parser = _ArticleLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def content_pages(site_dir: Path, nav_html: dict[str, Path]) -> dict[str, Path]:
    return {**nav_html, "print page": site_dir / "print_page" / "index.html"}


def test_every_external_link_in_page_content_comes_from_the_registry(site_dir, nav_html, registry):
    addresses = {link.href for link in registry}
    offenders = []
    for name, path in content_pages(site_dir, nav_html).items():
        for attrs in article(path).anchors:
            href = attrs["href"]
            if not re.match(r"(?i)(https?:|mailto:|//)", href):
                continue
            classes = set((attrs.get("class") or "").split())
            if href not in addresses or "sp-ext" not in classes:
                offenders.append(f"{name}: {href} is not from data/links.yml")
            elif attrs.get("rel") != "noopener noreferrer" or attrs.get("target"):
                offenders.append(f"{name}: {href} lacks rel=noopener noreferrer or opens a new tab")
    assert offenders == []


def test_resources_page_lists_every_entry_grouped_by_category_and_platform(nav_html, registry):
    page = article(nav_html["resources.md"])
    listed = {a["href"] for a in page.anchors if "sp-card__link" in (a.get("class") or "")}
    assert listed == {link.href for link in registry}
    h2 = [text for tag, text in page.headings if tag == "h2"]
    h3 = [text for tag, text in page.headings if tag == "h3"]
    assert h2 == [c.heading for c in CATEGORIES.values()]
    assert h3 == [p.label for key, p in PLATFORMS.items() if registry.in_category("platform", key)]


def test_print_page_shows_the_full_address_of_every_registry_link(site_dir, registry):
    html = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    printed = set(re.findall(r'<span class="sp-url"[^>]*>\s*\(?([^<)]+?)\)?\s*</span>', html))
    used_on_pages = {link.address for link in registry if f'href="{link.href}"' in html}
    # A link whose text is its address (report@phishing.gov.uk) already shows it on paper.
    shown_as_text = {address for address in used_on_pages if f">{address}<" in html}
    assert used_on_pages and used_on_pages <= printed | shown_as_text


def test_links_that_say_the_same_on_a_page_go_to_the_same_place(site_dir, nav_html):
    """A reader who follows "Keep the evidence" twice on one page expects the same section: on the
    threats answer, one went to Get help now and the other to the harassment page (a content
    review). Words that go somewhere else must say so. (The print page is left out: it joins every
    page, and turns each link into one to a section of itself.)"""
    from urllib.parse import urljoin

    from bs4 import BeautifulSoup

    different = []
    for md, path in nav_html.items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for address in soup.select(".sp-url"):  # addresses for paper: not the words a reader reads
            address.decompose()
        folder = path.parent.relative_to(site_dir).as_posix()
        url = "/" if folder == "." else f"/{folder}/"
        places: dict[str, set[str]] = {}
        # A link card's title is told apart by the publisher printed under it (NCSC's and NPSA's
        # pages are both called "Defending democracy").
        for link in soup.select("article a[href]:not(.sp-card__link)"):
            if words := " ".join(link.get_text(" ").split()).lower():
                places.setdefault(words, set()).add(urljoin(url, link["href"]))
        different += [f"{md}: {words!r} goes to {sorted(to)}" for words, to in places.items() if len(to) > 1]
    assert not different, "\n".join(different)


def _gist(text: str) -> set[str]:
    """The words that carry a sentence's meaning, each cut to five letters: "toolkit" and
    "toolkits", "tackle" and "tackling" count as one."""
    return {word[:5] for word in re.findall(r"[a-z]+", text.lower()) if len(word) >= 4}


def test_the_words_after_a_link_card_never_say_again_what_the_card_says(nav_html):
    # A card prints its title, publisher and description (on screen and on paper); a sentence after
    # it that says the same again reads as the entry repeated. It adds what the card does not.
    from bs4 import BeautifulSoup

    repeated = []
    for md, path in nav_html.items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for address in soup.select(".sp-url"):  # addresses for paper: their words are not what it says
            address.decompose()
        for card in soup.select("article .sp-card"):
            after = card.find_next_sibling()
            if after is None or after.name != "p" or card.select_one(".sp-card__description") is None:
                continue
            said = _gist(card.get_text(" "))
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(after.get_text(" ").split())):
                words = _gist(sentence)
                if words and len(words & said) / len(words) >= 0.6:
                    repeated.append(f"{md}: {sentence}")
    assert not repeated, "sentences that repeat the card before them:\n" + "\n".join(repeated)


@pytest.mark.browser
def test_resources_page_reads_well_on_a_phone(site_url, page, registry):
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto(site_url + "resources/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    link = registry.get("ncsc-setting-up-2sv")
    # The link is named by the card's title alone, and the whole card is its target: a tap
    # anywhere in the box, even on the description, lands on the link (its ::after covers the box).
    title = page.get_by_role("link", name=link.title, exact=True)
    assert title.count() == 1 and title.get_attribute("href") == link.url
    card = page.locator("article .sp-card").filter(has=title)
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    assert box["width"] > 250
    for x, y in ((box["x"] + 8, box["y"] + 8), (box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)):
        assert page.evaluate(
            "([x, y, href]) => document.elementFromPoint(x, y).closest('a')?.href === href", [x, y, link.url]
        )
    assert card.locator(".sp-card__description").inner_text() == link.description
    assert card.locator(".sp-card__label").count() == 0  # the heading above says what it is
    url = page.locator(f'article .sp-card a[href="{link.url}"] .sp-url')  # on paper it joins the link's name
    assert not url.is_visible()
    page.emulate_media(media="print")
    assert url.is_visible() and url.inner_text() == link.url


# ---------------------------------------------------------------- strict-build errors, tiny sites

TINY_REGISTRY = """\
- id: ncsc-2sv
  url: https://www.ncsc.gov.uk/guidance/setting-2-step-verification-2sv
  title: Setting up 2-Step Verification
  publisher: NCSC
  category: ncsc
  description: Turn on two-step checks.
  checked: {date: 2026-11-25, outcome: "desk-research: ok"}

- id: police-uk-home
  url: https://www.police.uk/
  title: Police.uk
  publisher: Police.uk
  category: police
  description: Find your local force.
  checked: {date: 2026-11-25, outcome: "desk-research: ok"}
"""

GOOD_PAGE = """\
---
reviewed: 2026-11-25
---

# Tiny

Turn on [two-step checks](link:ncsc-2sv).

/// card | police-uk-home
///
"""


def tiny_site(tmp_path: Path, page: str = GOOD_PAGE, registry: str = TINY_REGISTRY):
    config = tiny_project(
        tmp_path,
        {"index.md": page},
        data={"links.yml": registry},
        config="theme: {name: mkdocs, highlightjs: false}\nmarkdown_extensions: [attr_list, pymdownx.superfences]",
        report_unused_links=True,
    )
    return build_in_process(config, tmp_path / "site")


def test_tiny_site_with_registry_links_builds(tmp_path):
    result = tiny_site(tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.police.uk/"' in html and "sp-card" in html


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            GOOD_PAGE + "\nSee [help](link:ncsc-2fa).\n",
            r"docs/index\.md:12: unknown link id 'ncsc-2fa'\n\s+hint: did you mean 'ncsc-2sv'",
        ),
        (
            GOOD_PAGE + "\n/// card | polic-uk-home\n///\n",
            r"docs/index\.md:12: unknown link id 'polic-uk-home'\n\s+hint: did you mean 'police-uk-home'",
        ),
        (
            GOOD_PAGE + "\nSee [x](https://www.example.com/page).\n",
            r"docs/index\.md:12: external address 'https://www\.example\.com/page' is written directly",
        ),
        (
            GOOD_PAGE + "\nSee <https://www.police.uk/>.\n",
            r"docs/index\.md:12: external address .*\n\s+hint: this is registry entry 'police-uk-home'",
        ),
        (  # a maintainer review (audit16): published as "**Ask your party's press office..."
            GOOD_PAGE + "\n**Ask your party's press office for help with\nwhat to say.\n",
            r"docs/index\.md:12: readers see '\*\*' as typed: '\*\*Ask your party's press office for help w\.\.\.'\n"
            r"\s+hint: put the same marks after the words they are for",
        ),
        (  # a maintainer review (audit16): published as "```text some example"
            GOOD_PAGE + "\nFor example:\n\n```text\nsome example\n",
            r"docs/index\.md:14: the code block that starts here, '```text', is never closed: readers see its ``` "
            r"and the example as page text\n\s+hint: add a line ``` where the example ends",
        ),
        (  # a maintainer review (self16): left open in a list item, it built; readers saw "```text the message"
            GOOD_PAGE + "\n- Keep the message:\n\n    ```text\n    the message\n\nThen report it.\n",
            r"docs/index\.md:14: the code block that starts here, '```text', is never closed: readers see its ``` "
            r"and the example as page text\n\s+hint: add a line ``` where the example ends, indented as far as the "
            r"opening line \(with as many backticks as it has\), before any line indented less",
        ),
        (  # a maintainer review (self16b): closed at column 0, it built; the box showed "```text Call 999 now"
            GOOD_PAGE + "\n!!! note\n    ```text\n    Call 999 now\n```\n",
            r"docs/index\.md:13: the code block that starts here, '```text', is never closed: readers see its ``` "
            r"and the example as page text\n\s+hint: add a line ``` where the example ends, indented as far as the "
            r"opening line",
        ),
        (  # a misspelt `link:` was published as a dead link
            GOOD_PAGE + "\nSee [help](links:ncsc-2sv).\n",
            r"docs/index\.md:12: link 'links:ncsc-2sv' starts with 'links:', so it goes nowhere\n"
            r"\s+hint: did you mean 'link:ncsc-2sv'\?",
        ),
        (
            GOOD_PAGE + "\nCall [the office](tell:02072193000).\n",
            r"docs/index\.md:12: link 'tell:02072193000' .*\n\s+hint: did you mean 'tel:02072193000'\?",
        ),
        (  # a missing `)`: readers saw the brackets and the id
            GOOD_PAGE + "\nSee [the guide](link:ncsc-2sv.\n",
            r"docs/index\.md:12: a link shows as Markdown to readers: '\[the guide\]\(link:ncsc-2sv\.'\n"
            r"\s+hint: write a link as \[words\]\(address\)",
        ),
        (
            GOOD_PAGE + "\nSee [the guide] (link:ncsc-2sv).\n",
            r"docs/index\.md:12: a link shows as Markdown to readers: '\[the guide\] \(link:ncsc-2sv\)'",
        ),
        (  # a page link with a space: readers saw the brackets and the file name
            GOOD_PAGE + "\nSee [the steps] (harassment.md#mental-health).\n",
            r"docs/index\.md:12: a link shows as Markdown to readers: '\[the steps\] \(harassment\.md#mental-health\)'",
        ),
        (  # the address on the next line: pages are wrapped, and this is no link either
            GOOD_PAGE + "\nSee [the steps]\n(harassment.md#mental-health) for more.\n",
            r"docs/index\.md:12: a link shows as Markdown to readers: '\[the steps\] \(harassment\.md#mental-health\)'",
        ),
        (
            GOOD_PAGE + "\nSee [the steps] [Step list].\n",
            r"docs/index\.md:12: a link shows as Markdown to readers: '\[the steps\] \[Step list\]'",
        ),
        (  # a reference link whose address is never given
            GOOD_PAGE + "\nSee [the steps][steps].\n",
            r"docs/index\.md:12: a link shows as Markdown to readers: '\[the steps\]\[steps\]'\n"
            r".*a link \[words\]\[name\] needs a line `\[name\]: address`",
        ),
        (  # a second title: the contents and search split the page
            GOOD_PAGE + "\n# Another title\n",
            r"docs/index\.md:12: the page has 2 titles \(# headings\), not one\n"
            r"\s+hint: keep one `# Title`, the first line after the front matter",
        ),
        (  # the same id twice: a link to it goes to the first
            GOOD_PAGE + "\nSee [the second](#same).\n\n## One {#same}\n\n## Two {#same}\n",
            r"docs/index\.md:16: the id 'same' is listed twice \(first on line 14\)\n"
            r"\s+hint: give each heading its own \{#id\}: links to #same go to the first",
        ),
        (  # the number a reader taps is not the number they read
            GOOD_PAGE + "\nIn danger, call [999](tel:998).\n",
            r"docs/index\.md:12: the words '999' call tel:998, another number: a reader who taps them calls that one\n"
            r"\s+hint: write a phone link as \[0808 802 0300\]\(tel:08088020300\)",
        ),
        (
            GOOD_PAGE + "\nCall [101](tel:one-o-one).\n",
            r"docs/index\.md:12: link 'tel:one-o-one' calls no number",
        ),
        (  # a helpline's text number, as Get help now writes Shout's (a review)
            GOOD_PAGE + "\nText SHOUT to [85258](sms:85259).\n",
            r"docs/index\.md:12: the words '85258' text sms:85259, another number: a reader who taps them texts that one",
        ),
        (
            GOOD_PAGE + "\nSee [the guide]link:ncsc-2sv.\n",
            r"docs/index\.md:12: a link shows as Markdown to readers: '\[the guide\]link:ncsc-2sv\.'",
        ),
        (
            GOOD_PAGE + "\n/// cards | ncsc-2sv\n///\n",
            r"docs/index\.md:12: unknown block 'cards'\n\s+hint: did you mean 'card'\?",
        ),
        (
            GOOD_PAGE + "\n/// card | ncsc-2sv\n    style: big\n///\n",
            r"docs/index\.md:12: block 'card' has unknown option\(s\): style",
        ),
        (
            GOOD_PAGE.replace("/// card | police-uk-home\n///\n", "/// card | police-uk-home\n\nMore text.\n"),
            r"docs/index\.md:9: the card for 'police-uk-home' has content, or its closing `///` is missing",
        ),
        (  # the directory swallows the rest of the page: no other sign of it
            GOOD_PAGE.replace("/// card | police-uk-home\n///\n", "/// resources\n\n/// card | police-uk-home\n///\n"),
            r"docs/index\.md:9: `/// resources` is never closed: it takes in the rest of the page\n"
            r"\s+hint: add a line `///` where the block ends",
        ),
    ],
)
def test_page_mistakes_fail_the_strict_build_with_file_line_and_hint(tmp_path, page, expected):
    result = tiny_site(tmp_path, page=page)
    assert result.returncode != 0
    assert re.search(expected, result.stderr), result.stderr


def test_code_examples_of_the_syntax_are_not_mistakes(tmp_path):
    page = (
        GOOD_PAGE
        + "\n```md\n[x](link:nope) https://www.example.com\n/// cards | x\n[z](links:x\n```\n\n`[y](link:nope`\n"
        # A maintainer review (self16b): a comment that mentions a fence, which SuperFences does not
        # read as one, failed as a code block "closed only on line N, after the comment ends".
        + "\n<!--\n``` is how a code block starts\n-->\n\n```text\nreal\n```\n"
    )
    result = tiny_site(tmp_path, page=page)
    assert result.returncode == 0, result.stderr


def test_an_unused_registry_entry_fails_the_build(tmp_path):
    page = GOOD_PAGE.replace("/// card | police-uk-home\n///\n", "")
    result = tiny_site(tmp_path, page=page)
    assert result.returncode != 0
    assert re.search(r"data/links\.yml:9: entry 'police-uk-home' is not used by any page\n\s+hint: ", result.stderr), (
        result.stderr
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "https://www.police.uk/",
            "http://www.police.uk/",
            r"data/links\.yml:10: entry 'police-uk-home', field 'url': 'http://www\.police\.uk/' does not start with https://",
        ),
        (
            "https://www.police.uk/",
            "https://www.police-uk.example.com/",
            r"data/links\.yml:10: entry 'police-uk-home', field 'url': host 'www\.police-uk\.example\.com' "
            r"does not belong to category 'police'",
        ),
        (
            "id: police-uk-home",
            "id: ncsc-2sv",
            r"data/links\.yml:9: id 'ncsc-2sv' is listed twice \(first on line 1\)",
        ),
    ],
)
def test_registry_mistakes_stop_the_build_listing_every_problem(tmp_path, old, new, expected):
    registry = TINY_REGISTRY.replace(old, new) + "  colour: red\n"
    result = tiny_site(tmp_path, registry=registry)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(expected, result.stderr), result.stderr
    # Reported in the same run, on its own line.
    assert re.search(
        r"data/links\.yml:\d+: entry '[a-z0-9-]+': unknown field 'colour'\n\s+hint: use only", result.stderr
    ), result.stderr
