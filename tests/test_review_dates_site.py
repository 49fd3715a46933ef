"""Review dates in a real build: mistakes fail the strict build with file, line and hint; readers see the date."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ROOT, build_in_process, tiny_project
from saferpolitics.markdown_stage.review_dates import read_reviewed_date, today_in_uk, uk_long_date


def tiny_site(tmp_path, pages: dict[str, str]):
    return build_in_process(tiny_project(tmp_path, pages, review_dates=True), tmp_path / "site")


def material_site(tmp_path, pages: dict[str, str]):
    """As tiny_site, with the site's theme: its templates and icons."""
    return build_in_process(
        tiny_project(tmp_path, pages, review_dates=True, config="theme: {name: material, font: false}"),
        tmp_path / "site",
    )


GOOD = "---\nreviewed: 2026-11-03\n---\n\n# Good\n"


@pytest.mark.parametrize(
    ("source", "where", "message", "hint"),
    [
        ("# Page\n\nText.\n", "docs/page.md:1", "no front matter", "reviewed: "),
        ("---\ntitle: Page\n---\n\n# Page\n", "docs/page.md:1", "no 'reviewed:' date", "reviewed: "),
        (
            "---\ntitle: Page\nreviewed: 03/11/2026\n---\n",
            "docs/page.md:3",
            "not written as YYYY-MM-DD",
            "year-month-day",
        ),
        ("---\nreviewed: 2999-01-01\n---\n", "docs/page.md:2", "in the future", "today or earlier"),
    ],
)
def test_a_bad_review_date_fails_the_strict_build_with_file_line_and_hint(tmp_path, source, where, message, hint):
    result = tiny_site(tmp_path, {"index.md": GOOD, "page.md": source})
    assert result.returncode != 0
    line = next(line for line in result.stderr.splitlines() if where in line)
    assert message in line
    assert "hint: " in result.stderr and hint in result.stderr
    assert "Traceback" not in result.stderr


def test_every_mistake_is_listed_in_one_build(tmp_path):
    result = tiny_site(tmp_path, {"index.md": "# No date\n", "other.md": "---\nreviewed: 2999-01-01\n---\n"})
    assert "docs/index.md:1" in result.stderr and "docs/other.md:2" in result.stderr


def test_a_good_date_builds_and_is_shown(tmp_path):
    result = tiny_site(tmp_path, {"index.md": GOOD})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'Last reviewed <time datetime="2026-11-03">3 November 2026</time>' in html


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_every_page_of_the_real_site_shows_its_review_date(nav_html, nav_pages):
    for md in nav_pages:
        shown = _text(nav_html[md].read_text(encoding="utf-8"))
        source = ROOT / "docs" / md
        if not source.exists():  # generated from data: its generator sets the date
            assert re.search(r"Last reviewed \d{1,2} [A-Z][a-z]+ \d{4}", shown), md
            continue
        date, problems = read_reviewed_date(source.read_text(encoding="utf-8"), f"docs/{md}", today_in_uk())
        assert not problems, problems
        assert f"Last reviewed {uk_long_date(date)}" in shown, md


def _printed(nav_pages: list[str]) -> list[str]:
    """The pages in the print page and the PDF: not those whose front matter says `pdf: false`."""
    return [md for md in nav_pages if "\npdf: false\n" not in (ROOT / "docs" / md).read_text(encoding="utf-8")]


def test_the_print_page_shows_each_pages_review_date(site_dir, nav_pages):
    printed = _text((site_dir / "print_page" / "index.html").read_text(encoding="utf-8"))
    assert printed.count("Last reviewed ") >= len(nav_pages)


def test_the_pdf_shows_each_pages_review_date(pdf_pages_text, nav_pages):
    text = " ".join(" ".join(pdf_pages_text).split())
    assert len(re.findall(r"Last reviewed \d{1,2} [A-Z][a-z]+ \d{4}", text)) >= len(_printed(nav_pages))


def test_a_misspelt_front_matter_setting_is_named_on_its_line_with_the_setting_meant(tmp_path):
    """MkDocs keeps any name: `pfd: false` left the page in the PDF, and `reviwed:` was reported only
    as a missing date on line 1."""
    page = "---\npfd: false\nreviwed: 2026-11-03\ndescription: A page.\n---\n\n# Page\n"
    result = tiny_site(tmp_path, {"index.md": GOOD, "page.md": page})
    assert result.returncode != 0
    for line, written, meant in [(2, "pfd", "pdf"), (3, "reviwed", "reviewed")]:
        assert (
            f"docs/page.md:{line}: '{written}' is not a setting of a page, so nothing reads it\n"
            f"    hint: did you mean '{meant}'? a page's front matter may set title, description, reviewed, pdf,"
            in result.stderr
        ), result.stderr
    assert "'description' is not a setting" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_yaml_tag_in_front_matter_stops_the_build_before_readers_see_it_as_text(tmp_path):
    """MkDocs reads no front matter it cannot load: with `pdf: !bang false` the page began with the
    front matter's lines as a paragraph, and the build passed."""
    page = "---\npdf: !bang false\nreviewed: 2026-11-03\n---\n\n# Page\n"
    result = tiny_site(tmp_path, {"index.md": GOOD, "page.md": page})
    assert result.returncode != 0
    assert "docs/page.md:2: '!bang' is a YAML tag MkDocs cannot read" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def page_mistakes(tmp_path, page: str) -> str:
    """The messages of a Material site's build with this page.md, which must fail without a traceback."""
    result = material_site(tmp_path, {"index.md": GOOD, "page.md": page})
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_front_matter_values_the_theme_cannot_use_are_named_on_their_lines_without_a_traceback(tmp_path):
    """A template or icon the theme does not have and a search setting that is not a mapping
    stopped the build with a Python traceback; a title as a list became the page's title."""
    page = (
        "---\nreviewed: 2026-11-03\ntemplate: ../templates/base.html\nicon: material/sheild-account\nsearch: yes\n"
        "title: [a, b]\n---\n\n# Page\n"
    )
    stderr = page_mistakes(tmp_path, page)
    for line, start, hint in [
        (3, "'template: ../templates/base.html' names no template in overrides/ or the theme", "`template: main.html`"),
        (4, "'icon: material/sheild-account' names no icon the theme has", "`icon: material/shield-account-variant`"),
        (5, "'search: yes' is not a search setting", "`search: {exclude: true}`"),
        (6, "'title: [a, b]' is not text", 'write it as `title: "Words"` on one line'),
    ]:
        assert f"docs/page.md:{line}: {start}\n    hint: " in stderr and hint in stderr, stderr
    # The same settings written as the theme reads them are fine.
    page = "---\nreviewed: 2026-11-03\nicon: material/shield-account-variant\nsearch: {boost: 2}\ntitle: Page\n---\n\n# Page\n"
    result = material_site(tmp_path / "good", {"index.md": GOOD, "page.md": page})
    assert result.returncode == 0, result.stderr


def test_front_matter_text_the_theme_writes_as_html_is_named_on_its_line(tmp_path):
    """A maintainer review: a `"` in a description ended its <meta content="..."> and added a
    redirect to another website; `<` in a title became a tag in the menu; `hide` went unchecked."""
    page = (
        "---\nreviewed: 2026-11-03\ndescription: '0;url=https://evil.example/\" http-equiv=\"refresh'\n"
        "title: Abuse <b>now</b>\nhide: [navigaton]\n---\n\n# Page\n"
    )
    stderr = page_mistakes(tmp_path, page)
    for line, start in [
        (3, "'description: '0;url=https://evil.example/\" http-equiv=\"refresh'' has '\"', which the theme writes"),
        (4, "'title: Abuse <b>now</b>' has '<' and '>', which the theme writes into the page's HTML as it is"),
        (5, "'hide: [navigaton]' is not a list of parts to hide"),
    ]:
        assert f"docs/page.md:{line}: {start}" in stderr, stderr
    assert "evil.example" not in (tmp_path / "site" / "page" / "index.html").read_text(encoding="utf-8")


def test_a_setting_indented_into_the_description_above_it_is_named_on_its_line(tmp_path):
    """`pdf: false` under `description: >-` was words of the description: the page went into the PDF."""
    page = "---\nreviewed: 2026-11-03\ndescription: >-\n  A page about things.\n  pdf: false\n---\n\n# Page\n"
    result = tiny_site(tmp_path, {"index.md": GOOD, "page.md": page})
    assert result.returncode != 0
    assert (
        "docs/page.md:5: `pdf:` is part of the text of `description`: it is indented as far as that text, so it is "
        "read as words, not as a field\n    hint: move `pdf:` left, in line with `description:`"
    ) in result.stderr, result.stderr


def _years_ago(years: int) -> str:
    """A review date some years before today (UK time), 366 days to a year: always more than that many years."""
    return (today_in_uk() - dt.timedelta(days=366 * years)).isoformat()


def test_a_page_due_for_review_builds_strict_and_the_log_names_it_once(tmp_path):
    """implE19: a page last reviewed two years ago built green and nobody was told."""
    old = f"---\nreviewed: {_years_ago(2)}\n---\n\n# Old\n"
    result = tiny_site(tmp_path, {"index.md": GOOD.replace("2026-11-03", _years_ago(0)), "old.md": old})
    assert result.returncode == 0, result.stdout + result.stderr
    said = [line for line in result.stderr.splitlines() if "due for review" in line]
    assert len(said) == 1 and said[0].startswith("INFO"), result.stderr
    assert "1 page is due for review" in said[0] and "docs/old.md (reviewed " in said[0]
    assert "docs/index.md" not in said[0]


def test_make_review_due_lists_the_due_pages_with_their_lines_and_exits_0(tmp_path):
    import subprocess
    import sys

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "old.md").write_text(f"---\ntitle: Old\nreviewed: {_years_ago(2)}\n---\n# Old\n", encoding="utf-8")
    (docs / "older.md").write_text(f"---\nreviewed: {_years_ago(3)}\n---\n# Older\n", encoding="utf-8")
    (docs / "new.md").write_text(f"---\nreviewed: {_years_ago(0)}\n---\n# New\n", encoding="utf-8")
    (docs / "undated.md").write_text("# Undated\n", encoding="utf-8")
    script = ROOT / "scripts" / "review-due.py"
    result = subprocess.run([sys.executable, str(script), str(docs)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2 of 3 pages are due for review (last reviewed 12 months or more ago):"
    assert re.fullmatch(r"docs/older\.md:2: reviewed \d+ \w+ \d{4}, due since \d+ \w+ \d{4}", lines[1]), lines
    assert lines[2].startswith("docs/old.md:3: reviewed ")
    assert "docs/undated.md:1: the page has no front matter with a review date" in result.stdout
    assert "new.md" not in result.stdout
