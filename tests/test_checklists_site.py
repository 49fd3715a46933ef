"""Checklists in built sites: where they sit in the real site, and every maintainer mistake
failing a tiny strict build with the file, the line and a hint."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, build_in_process, built_html_path, read_page, tiny_project

# Which page each checklist belongs on (agreed with the content and registry engineers).
HOME_PAGES = {
    "account-security": "cyber-security.md",
    "account-access": "cyber-security.md",
    "before-you-post": "social-media.md",
    "when-abuse-happens": "harassment.md",
    "campaigning-and-events": "police-advisors.md",
    "harassment-protocol": "harassment-protocol.md",
    "election-called": "election-period.md",
    "election-nominations": "election-period.md",
    "election-campaigning": "election-period.md",
    "election-canvassing": "election-period.md",
    "election-polling-day": "election-period.md",
    "election-after-result": "election-period.md",
}


class _ChecklistParser(HTMLParser):
    """Element ids, checklist ids and item ids of one page, and any inline style or handler."""

    def __init__(self):
        super().__init__()
        self.ids: Counter = Counter()
        self.checklists: list[str] = []
        self.items: list[str] = []
        self.inline_code: list[str] = []  # style= or on...= inside checklist markup
        self.depth = 0  # > 0 inside a checklist fieldset
        self.tags_inside: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        if tag == "fieldset" and "data-sp-checklist" in attrs:
            self.checklists.append(attrs["data-sp-checklist"])
            self.depth = 1
        elif self.depth and tag == "fieldset":
            self.depth += 1
        if self.depth:
            self.tags_inside[tag] += 1
            if "data-sp-item" in attrs:
                self.items.append(f"{self.checklists[-1]}:{attrs['data-sp-item']}")
            self.inline_code += [name for name in attrs if name == "style" or name.startswith("on")]

    def handle_endtag(self, tag):
        if self.depth and tag == "fieldset":
            self.depth -= 1


def parse_page(path: Path) -> _ChecklistParser:
    parser = _ChecklistParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_each_checklist_sits_on_its_own_page(site_dir):
    for checklist_id, md in HOME_PAGES.items():
        assert checklist_id in parse_page(built_html_path(site_dir, md)).checklists, (checklist_id, md)


def test_the_checklists_page_collects_every_checklist_under_a_heading(site_dir):
    from saferpolitics.markdown_stage.checklists import parse_checklists

    checklists, _ = parse_checklists((ROOT / "data/checklists.yml").read_text(encoding="utf-8"))
    page = parse_page(built_html_path(site_dir, "checklists.md"))
    assert page.checklists == [c.id for c in checklists]
    html = built_html_path(site_dir, "checklists.md").read_text(encoding="utf-8")
    for checklist in checklists:
        assert re.search(rf'<h2[^>]*id="checklist-{checklist.id}"[^>]*>{re.escape(checklist.title)}', html)


def test_checklist_markup_is_plain_and_csp_safe_on_every_page(site_dir, nav_html):
    """Without JavaScript: a list with labels, no tick boxes or buttons (the script adds them),
    no inline style or handler, no duplicate element ids, every registry link resolved."""
    pages_with_checklists = 0
    for md, path in nav_html.items():
        page = parse_page(path)
        if not page.checklists:
            continue
        pages_with_checklists += 1
        assert page.inline_code == [], md
        assert page.tags_inside["input"] == page.tags_inside["button"] == 0, md
        assert page.tags_inside["label"] == len(page.items), md
        assert len(page.items) == len(set(page.items)), f"{md}: an item twice on one page"
        assert [i for i, n in page.ids.items() if n > 1] == [], md
        assert 'href="link:' not in path.read_text(encoding="utf-8"), md
    assert pages_with_checklists >= 6


def test_the_print_page_has_every_checklist_as_a_blank_list(site_dir):
    page = parse_page(site_dir / "print_page" / "index.html")
    for checklist_id in HOME_PAGES:
        assert page.checklists.count(checklist_id) >= 2, checklist_id  # its page and the Checklists page
    assert page.tags_inside["input"] == 0


def test_the_pdf_has_the_checklists_text(pdf_reading_text):
    text = " ".join(" ".join(page.split()) for page in pdf_reading_text)
    for phrase in [
        "Account and device security",
        "Before you post",
        "Agreeing your harassment protocol",
        "Proofread the post, or ask a colleague",
    ]:
        assert phrase in text, phrase
    # No progress line or Clear button on paper.
    assert not re.search(r"\d+ of \d+ done", text) and "Clear ticks" not in text


# ---------------------------------------------------------------- maintainer mistakes, tiny sites

GOOD_CHECKLISTS = """\
- id: first
  title: First checklist
  items:
    - id: one
      text: Do one thing.
      link: ncsc-setting-up-2sv
    - id: two
      text: Do another.
      link: second.md#more
      link_text: More about it
- id: second
  title: Second checklist
  items:
    - id: one
      text: Do a third thing.
"""

FRONT = "---\nreviewed: 2026-11-25\n---\n\n"
GOOD_PAGES = {
    "index.md": FRONT + "# Home\n\n/// checklist | first\n///\n",
    "second.md": FRONT + "# Second\n\n## More\n\n/// checklist | second\n///\n",
    "all.md": FRONT + "# All\n\n/// checklists\n///\n",
}


def build_tiny_site(tmp_path: Path, checklists: str = GOOD_CHECKLISTS, pages: dict | None = None):
    """A strict tiny site with our plugin, the given checklists and pages and the real registry."""
    tiny_project(
        tmp_path,
        pages or GOOD_PAGES,
        data={"checklists.yml": checklists},
        config=textwrap.dedent(
            """\
            validation: {omitted_files: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}
            markdown_extensions: [toc, attr_list, pymdownx.superfences]
            """
        ),
    )
    result = build_in_process(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_tiny_site_with_good_checklists_builds(tmp_path):
    result = build_tiny_site(tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "second" / "index.html").read_text(encoding="utf-8")
    assert 'data-sp-checklist="second"' in html


def assert_reported(stderr: str, where: str, message: str, hint: str):
    """One problem: `where` (file:line) and message on one line, then its hint on the next."""
    pattern = rf"{re.escape(where)}: {re.escape(message)}\n\s+hint: [^\n]*{re.escape(hint)}"
    assert re.search(pattern, stderr), f"expected {where}: {message} (hint ...{hint}) in:\n{stderr}"


def test_mistakes_in_the_data_file_stop_the_build_all_listed(tmp_path):
    checklists = GOOD_CHECKLISTS + textwrap.dedent(
        """\
        - id: first
          title: Duplicate
          items:
            - id: x
              text: X.
        - id: empty
          title: Nothing to do
          items: []
        - id: third
          title: Third
          colour: red
          items:
            - id: a
              text: A.
            - id: a
              text: Again.
              hint: wrong key
        - id: fourth
          title: Fourth
          items:
            - id: blank
              text:
        """
    )
    result = build_tiny_site(tmp_path, checklists=checklists)
    assert result.returncode != 0
    stderr = result.stderr
    assert "6 problem(s)" in stderr, stderr
    # An empty text is empty: not also "contains a link or web address".
    assert_reported(
        stderr, "data/checklists.yml:37", "entry 'fourth' > items > entry 'blank', field 'text': is empty", ""
    )
    assert "contains a link" not in stderr
    assert_reported(
        stderr, "data/checklists.yml:16", "checklist id `first` is listed twice (first on line 1)", "a different id"
    )
    assert_reported(
        stderr, "data/checklists.yml:23", "entry 'empty', field 'items': the checklist has no items", "add items"
    )
    assert_reported(stderr, "data/checklists.yml:26", "entry 'third': unknown field 'colour'", "use only")
    assert_reported(
        stderr, "data/checklists.yml:32", "entry 'third' > items > entry 'a': unknown field 'hint'", "use only"
    )
    assert_reported(
        stderr,
        "data/checklists.yml:30",
        "item id `a` in checklist `third` is listed twice (first on line 28)",
        "a different id",
    )


def test_bad_item_links_stop_the_build_with_the_data_file_line(tmp_path):
    checklists = GOOD_CHECKLISTS.replace("ncsc-setting-up-2sv", "ncsc-seting-up-2sv").replace(
        "second.md#more", "secnd.md#more"
    )
    result = build_tiny_site(tmp_path, checklists=checklists)
    assert result.returncode != 0
    # On the `link:` line, the one to fix, not the item's first.
    assert_reported(
        result.stderr,
        "data/checklists.yml:6",
        "item `one` links to `ncsc-seting-up-2sv`, which is not in the link registry",
        "did you mean `ncsc-setting-up-2sv`?",
    )
    assert_reported(
        result.stderr,
        "data/checklists.yml:9",
        "item `two` links to page `secnd.md`, which does not exist",
        "did you mean `second.md`?",
    )


def test_a_missing_section_in_an_item_link_is_reported_once_at_its_line(tmp_path):
    result = build_tiny_site(tmp_path, checklists=GOOD_CHECKLISTS.replace("second.md#more", "second.md#mroe"))
    assert result.returncode != 0
    # MkDocs' own anchor check finds it on both pages that show the checklist; it is one mistake.
    message = "link 'second.md#mroe' goes to a section '#mroe' that second.md does not have"
    assert_reported(result.stderr, "data/checklists.yml:9", message, "did you mean 'second.md#more'?")
    assert result.stderr.count(message) == 1, result.stderr


def test_mistakes_in_pages_fail_the_build_with_file_line_and_hint(tmp_path):
    page = FRONT + textwrap.dedent(
        """\
        # Mistakes

        ```md
        /// checklist | in-code-is-fine
        ///
        ```

        /// checklist | frist
        ///

        /// checklist | second
            open: true
        ///

        /// checklist
        ///

        /// checklist | second
        Some words that belong outside.
        ///

        /// checklist | second
        ///
        """
    )
    pages = {**GOOD_PAGES, "mistakes.md": page}
    result = build_tiny_site(tmp_path, pages=pages)
    assert result.returncode != 0
    stderr = result.stderr
    file = "docs/mistakes.md"
    assert_reported(stderr, f"{file}:12", "unknown checklist `frist`", "did you mean `first`?")
    assert_reported(stderr, f"{file}:15", "block 'checklist' has unknown option(s): open", "takes no options")
    assert stderr.count(f"{file}:15:") == 1, "one mistake, one message"
    assert_reported(stderr, f"{file}:19", "a checklist block needs a checklist id", "/// checklist | <id>")
    assert_reported(
        stderr, f"{file}:22", "a checklist block has content, or its closing `///` is missing", "data/checklists.yml"
    )
    assert_reported(stderr, f"{file}:26", "checklist `second` is already on this page", "once per page")
    assert "in-code-is-fine" not in stderr


def test_a_checklist_on_no_page_fails_the_build(tmp_path):
    pages = {**GOOD_PAGES, "second.md": FRONT + "# Second\n\n## More\n"}
    result = build_tiny_site(tmp_path, pages=pages)
    assert result.returncode != 0
    # The `/// checklists` collection does not count: each checklist belongs on its own page.
    assert_reported(
        result.stderr,
        "data/checklists.yml:11",
        "checklist `second` is not placed on any page",
        "/// checklist | second",
    )


def test_a_missing_data_file_is_a_clear_error(tmp_path):
    build_tiny_site(tmp_path)
    (tmp_path / "data" / "checklists.yml").unlink()
    result = build_in_process(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "data/checklists.yml: file not found" in result.stderr


@pytest.mark.parametrize("md", sorted(set(HOME_PAGES.values())))
def test_real_pages_place_checklists_with_the_agreed_syntax(md):
    source = (ROOT / "docs" / md).read_text(encoding="utf-8")
    for checklist_id, home in HOME_PAGES.items():
        if home == md:
            assert re.search(rf"^/// checklist \| {checklist_id}\n///$", source, re.M), (md, checklist_id)


def test_a_renamed_page_shows_every_link_to_it_in_one_build(tmp_path):
    """implE19: a renamed page took three builds to show every link to it (the checklists' first,
    then the search synonyms', then the pages'), as each was found in a later event of the build."""
    checklists = GOOD_CHECKLISTS.replace("second.md#more", "old.md#more")
    pages = {
        **GOOD_PAGES,
        "index.md": FRONT + "# Home\n\nSee [the guide](old.md).\n\n/// checklist | first\n///\n",
        "guide.md": FRONT + "# Guide\n\n## More\n",
    }
    synonyms = "synonyms:\n  - words: [home page]\n    page: index.md\n  - words: [manual]\n    page: old.md\n"
    config = tiny_project(
        tmp_path,
        pages,
        data={"checklists.yml": checklists, "search-synonyms.yml": synonyms},
        config=textwrap.dedent(
            """\
            validation: {omitted_files: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}
            markdown_extensions: [toc, attr_list, pymdownx.superfences]
            plugins: [{redirects: {redirect_maps: {old.md: guide.md}}}]
            """
        ),
    )
    result = build_in_process(config, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    moved = "the page moved to guide.md (redirect_maps in mkdocs.yml)"
    assert_reported(result.stderr, "docs/index.md:7", "link 'old.md' goes to a page that does not exist", moved)
    assert_reported(
        result.stderr, "data/checklists.yml:9", "item `two` links to page `old.md`, which does not exist", moved
    )
    assert_reported(result.stderr, "data/search-synonyms.yml:5", "page 'old.md' does not exist", f"{moved}: write")
    # Once each (the item's link is not also reported by the pages showing it), and the data
    # files' in one error after the pages' warnings.
    assert result.stderr.count("old.md") == 3, result.stderr
    error = result.stderr[result.stderr.index("ERROR") :]
    assert "data/checklists.yml:9" in error and "data/search-synonyms.yml:5" in error
    assert "docs/index.md:7" not in error


def test_a_checklist_link_a_page_warning_named_is_not_repeated_but_still_stops_the_build(tmp_path):
    """The pages' link warnings name each data file line with the same link: the held checklist
    problem is then not said twice, and the build stops even when it is not strict."""
    checklists = GOOD_CHECKLISTS.replace("second.md#more", "gone.md")
    pages = {**GOOD_PAGES, "index.md": FRONT + "# Home\n\nSee [it](gone.md).\n\n/// checklist | first\n///\n"}
    config = tiny_project(
        tmp_path, pages, data={"checklists.yml": checklists}, config="markdown_extensions: [toc, attr_list]"
    )
    result = build_in_process(config, tmp_path / "site", strict=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert_reported(result.stderr, "data/checklists.yml:9", "link 'gone.md' goes to a page that does not exist", "")
    assert "Checklist links (data/checklists.yml): 1 problem(s), named above" in result.stderr
    assert "item `two` links to page" not in result.stderr


def test_the_campaigners_code_is_offered_as_the_one_for_great_britain(site_dir):
    """A four-nations review: the Electoral Commission's code of conduct for campaigners is for
    Great Britain (its address: ...-great-britain-local-elections-england; content gaps 3.1), and
    the polling-day advice and checklist offered it to every office."""
    page = read_page(built_html_path(site_dir, "election-period.md")).select_one("article")
    [advice] = [p for p in page.select("p") if "code of conduct for campaigners" in p.get_text()]
    assert "covers UK Parliament elections in Great Britain (not Northern Ireland)" in " ".join(
        advice.get_text(" ").split()
    )
    [item] = [label for label in page.select(".sp-checklist label") if "code of conduct" in label.get_text()]
    assert "code of conduct for campaigners in Great Britain" in " ".join(item.get_text(" ").split())
    links = read_page(built_html_path(site_dir, "resources.md")).get_text(" ")
    assert "Code of conduct for campaigners: UK Parliamentary elections in Great Britain" in " ".join(links.split())


def test_the_joint_harassment_guidance_is_offered_as_englands_and_waless(site_dir):
    """A four-nations review: the joint guidance, written with the Crown Prosecution Service
    (England and Wales only: crisis sources 2.6, content gaps 10), was said to tell every office
    when abuse of a candidate becomes a crime."""
    for md in ("election-period.md", "help/threats.md", "further-reading.md"):
        article = read_page(built_html_path(site_dir, md)).select_one("article")
        texts = [
            " ".join(block.get_text(" ").split())
            for block in article.select("p, li, .sp-card")
            if "guidance-about-harassment-and-intimidation" in str(block)
        ]
        assert texts and all("England and Wales" in text for text in texts), (md, texts)
    # The further-reading card says England and Wales; the words after it send the rest of the UK on.
    article = read_page(built_html_path(site_dir, "further-reading.md")).select_one("article")
    [after] = [p for p in article.select("p") if "wrote this guide together" in p.get_text()]
    assert any(a["href"].endswith("online-safety-act/#nations") for a in after.select("a")), after
    page = read_page(built_html_path(site_dir, "election-period.md"))
    [item] = [label for label in page.select(".sp-checklist label") if "joint guidance" in label.get_text()]
    assert "becomes a crime in England and Wales" in " ".join(item.get_text(" ").split())
