"""No published page vanishes without a redirect (published-pages.txt)."""

from __future__ import annotations

from pathlib import Path

from saferpolitics.core.datafile import load_settings
from saferpolitics.core.published_pages import missing_section_problems, published_pages, vanished_page_problems

ROOT = Path(__file__).resolve().parents[2]
LISTED = "# Published pages\nabout.md\n\nglossary.md\nhelp/threats.md\nintroduction.md\n"


def test_a_published_page_renamed_without_a_redirect_is_named_on_its_line():
    """A maintainer review: docs/glossary.md renamed to terms.md built cleanly; every bookmark,
    saved copy and printed card with the old address led to a missing page."""
    problems = vanished_page_problems(LISTED, ["about.md", "terms.md", "help/threats.md"], ["introduction.md"])
    assert [(p.file, p.line) for p in problems] == [("published-pages.txt", 4)]
    assert problems[0].message.startswith("'glossary.md' was published, and is no longer a page")
    assert (
        problems[0].hint
        == "add `glossary.md: <its new page>.md` under redirect_maps in mkdocs.yml, or put the page back"
    )


def test_every_page_of_the_toolkit_is_in_the_list():
    """The list is the build's only memory of what was published: a new page goes in it at once."""
    listed = {page for _, page in published_pages((ROOT / "published-pages.txt").read_text(encoding="utf-8"))}
    pages = {path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")}
    missing = sorted(pages - listed)
    assert not missing, f"add these pages to published-pages.txt (one a line): {', '.join(missing)}"


def test_a_redirect_to_a_missing_section_is_named_on_its_line_however_its_key_is_written():
    """An audit: `"old.md": "guide.md#evidense"` (the key in quotes) was reported with no line,
    as the line was found by searching the text for `old.md:`."""
    text = 'site_name: Tiny\nplugins:\n  - redirects:\n      redirect_maps:\n        "old.md": "guide.md#evidense"\n'
    written, _ = load_settings(text, "mkdocs.yml")
    redirects = {"old.md": "guide.md#evidense", "older.md": "guide.md#evidence"}
    [problem] = missing_section_problems(redirects, {"guide.md": {"evidence"}}.get, "mkdocs.yml", written)
    assert (problem.file, problem.line) == ("mkdocs.yml", 5)
    assert problem.message.startswith("redirect_maps sends 'old.md' to the section '#evidense'")
    assert problem.hint.startswith("did you mean 'evidence'?")
