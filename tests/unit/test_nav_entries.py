"""The menu on every page (mkdocs.yml's nav): no other website's address, no page twice."""

from __future__ import annotations

from saferpolitics.core.datafile import load_settings
from saferpolitics.core.nav_entries import nav_entry_problems, same_title_problems

SETTINGS = """\
site_name: Tiny
nav:
  - Home: index.md
  - Tools:
      - Police: http://evil.example/
      - Terms: glossary.md
      - Run: "javascript:alert(1)"
      - Glossary: glossary.md
  - Help: help/index.md
  - Threats: help/threat.md
  - Dot: ./help/threats.md
  - Again: help/threats.md
  - Print: print_page.md
"""
PAGES = {"index.md", "glossary.md", "help/index.md", "help/threats.md", "about.md"}


def test_another_websites_address_and_a_page_listed_twice_are_named_on_their_lines():
    """A maintainer review: each built cleanly; every page's menu linked to http://evil.example/,
    and the PDF printed the glossary twice."""
    settings, problems = load_settings(SETTINGS, "mkdocs.yml")
    assert problems == []
    found = nav_entry_problems(settings.value["nav"], "mkdocs.yml", PAGES)
    assert [(p.line, p.message) for p in found] == [
        (5, "nav puts 'http://evil.example/' in every page's menu: an address the link registry does not check"),
        (7, "nav puts 'javascript:alert(1)' in every page's menu: an address the link registry does not check"),
        (8, "nav: 'glossary.md' is listed twice (first on line 6)"),
        (10, "nav lists 'help/threat.md', which is not a page in docs/: the menu would lead nowhere"),
        (12, "nav: 'help/threats.md' is listed twice (first on line 11)"),
    ]
    assert found[3].hint.startswith("did you mean 'help/threats.md'?")
    assert found[0].hint.endswith("through the link registry ([words](link:<id>))")
    assert found[2].hint == "keep one: the PDF would print the page twice"


def test_a_nav_of_this_sites_pages_once_each_is_fine():
    settings, _ = load_settings("nav:\n  - index.md\n  - About: about.md\n  - Help:\n      - help/index.md\n", "x")
    assert nav_entry_problems(settings.value["nav"], "mkdocs.yml", PAGES) == []
    assert nav_entry_problems(None, "mkdocs.yml", PAGES) == []


def test_a_second_page_with_the_same_title_is_named_on_its_title_line():
    """A maintainer review: two pages titled alike built cleanly; the menu and the search results
    showed two entries readers could not tell apart."""
    pages = [
        ("docs/harassment.md", "Harassment", "---\nreviewed: 2026-12-01\n---\n\n# Harassment\n"),
        ("docs/help/abuse.md", "Abuse", "# Abuse\n"),
        ("docs/help/harassment.md", "Harassment", "---\nreviewed: 2026-12-01\n---\n\n# Harassment {#top}\n"),
    ]
    [problem] = same_title_problems(pages)
    assert (problem.file, problem.line) == ("docs/help/harassment.md", 5)
    assert problem.message == "the title 'Harassment' is listed twice (first on line 5 of docs/harassment.md)"
    assert problem.hint.startswith("give each page a title of its own: readers could not tell the two apart")


def test_a_title_given_another_way_is_named_on_its_own_line():
    """An audit: a title set by the front matter's `title:`, a `# Help #` with closing hashes and a
    title underlined with `===` were each reported with no line."""
    pages = [
        ("docs/a.md", "Help", "# Help\n"),
        ("docs/b.md", "Help", "---\nreviewed: 2026-12-01\ntitle: Help\n---\n\n# Getting help\n"),
        ("docs/c.md", "Help", "Intro.\n\n# Help #\n"),
        ("docs/d.md", "Help", "```\n# Help\n```\n\nHelp\n====\n"),
    ]
    assert [(p.file, p.line, p.message) for p in same_title_problems(pages)] == [
        ("docs/b.md", 3, "the title 'Help' is listed twice (first on line 1 of docs/a.md)"),
        ("docs/c.md", 3, "the title 'Help' is listed twice (first on line 1 of docs/a.md)"),
        ("docs/d.md", 5, "the title 'Help' is listed twice (first on line 1 of docs/a.md)"),
    ]


def test_entries_indented_out_of_line_are_named_with_how_to_indent_them():
    """A maintainer review: a page indented one space more than the one above (or the first of a
    section one space less than the rest) built as "nav lists 'a.md - b.md', which is not a page",
    with no word about indentation."""
    text = (
        "nav:\n"
        "  - index.md\n"
        "  - Help:\n"
        "      - help/index.md\n"
        "       - help/threats.md\n"  # one space too many
        "  - Tools:\n"
        "     - glossary.md\n"  # the first one space short: the others continue it
        "      - about.md\n"
        "  - Threats: help/threats.md\n"
    )
    settings, problems = load_settings(text, "mkdocs.yml")
    assert problems == []
    found = nav_entry_problems(settings.value["nav"], "mkdocs.yml", PAGES)
    assert [(p.line, p.message) for p in found] == [
        (
            4,
            "nav reads lines 4 to 5 as one entry, 'help/index.md - help/threats.md', not as 2 pages: their `-` "
            "are not lined up, so YAML took the lines below the first for more of its words",
        ),
        (
            7,
            "nav reads lines 7 to 8 as one entry, 'glossary.md - about.md', not as 2 pages: their `-` are not "
            "lined up, so YAML took the lines below the first for more of its words",
        ),
    ]
    assert found[0].hint.startswith("start the `- ` of each page in a list at the same column as the one above it")
