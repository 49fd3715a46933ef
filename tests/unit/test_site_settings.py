"""mkdocs.yml's settings that reach every page, checked without MkDocs (saferpolitics.core.site_settings).

The site tests (tests/test_theme_mistakes_site.py, tests/test_data_mistakes_site.py) build tiny
sites with each mistake; these hold the checks to plain settings, as another engine would give them.
"""

from pathlib import Path

from saferpolitics.core.datafile import load_settings
from saferpolitics.core.published_pages import PUBLISHED_FILE
from saferpolitics.core.site_settings import SiteSettings, listed_file_problems, site_setting_problems


def settings_for(project: Path, yml: str, published=lambda path: True, **resolved) -> SiteSettings:
    """Settings as an engine resolves mkdocs.yml (yml), with the defaults of a plain site."""
    written, problems = load_settings(yml, "mkdocs.yml")
    assert problems == []
    values = {
        "texts": {"site_name": "Tiny"},
        "nav": [],
        "copyright": None,
        "extra_css": [],
        "extra_javascript": [],
        "repo_url": None,
        "theme_name": "material",
        "theme_dirs": [],
        "custom_dir": None,
        "theme": {},
        "extra": {},
        "redirects": {},
        **resolved,
    }
    return SiteSettings("mkdocs.yml", written, project, project / "docs", published=published, **values)


def problems_of(settings: SiteSettings) -> list[str]:
    return [str(problem) for problem in site_setting_problems(settings, set(), False, lambda directive: False)]


def test_plain_settings_have_no_problems(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Tiny\n", encoding="utf-8")
    assert problems_of(settings_for(tmp_path, "site_name: Tiny\nnav:\n  - Home: index.md\n")) == []


def test_a_published_page_the_engine_leaves_out_counts_as_gone(tmp_path):
    """self17: a page that exclude_docs leaves out was counted as present, so its readers' bookmarks
    would break without a word. The engine says what it publishes (MkDocs' own rules)."""
    (tmp_path / "docs").mkdir()
    for page in ("index.md", "old-guide.md"):
        (tmp_path / "docs" / page).write_text("# Page\n", encoding="utf-8")
    (tmp_path / PUBLISHED_FILE).write_text("index.md\nold-guide.md\n", encoding="utf-8")
    left_out = settings_for(tmp_path, "site_name: Tiny\n", published=lambda path: path != "old-guide.md")
    [gone] = problems_of(left_out)
    assert gone.startswith(f"{PUBLISHED_FILE}:2: 'old-guide.md' was published, and is no longer a page")
    redirected = settings_for(
        tmp_path,
        "site_name: Tiny\n",
        published=lambda path: path != "old-guide.md",
        redirects={"old-guide.md": "index.md"},
    )
    assert [problem for problem in problems_of(redirected) if PUBLISHED_FILE in problem] == []


def test_a_stylesheet_the_engine_leaves_out_is_not_read_and_one_it_ships_is(tmp_path):
    css = tmp_path / "docs" / "assets"
    css.mkdir(parents=True)
    for name in ("shipped.css", "draft.CSS"):
        (css / name).write_text(".a { background: url(https://evil.example/a.png) }\n", encoding="utf-8")
    settings = settings_for(tmp_path, "site_name: Tiny\n", published=lambda path: path != "assets/draft.CSS")
    [found] = problems_of(settings)
    assert found.startswith("docs/assets/shipped.css:1: https://evil.example/a.png is a picture from another website")


def test_a_stylesheet_named_in_capitals_is_read_as_any_other(tmp_path):
    css = tmp_path / "docs" / "assets"
    css.mkdir(parents=True)
    (css / "Print.CSS").write_text(".a { background: url(https://evil.example/a.png) }\n", encoding="utf-8")
    (css / "notes.txt").write_text(".a { background: url(https://evil.example/b.png) }\n", encoding="utf-8")
    [found] = problems_of(settings_for(tmp_path, "site_name: Tiny\n"))
    assert found.startswith("docs/assets/Print.CSS:1: https://evil.example/a.png is a picture from another website")


def test_a_listed_file_is_found_as_a_browser_asks_for_it_in_docs_or_the_overrides(tmp_path):
    """A self-review: a leading /, a ?query and a file in the theme's overrides stopped good builds."""
    docs, overrides = tmp_path / "docs", tmp_path / "overrides"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "menu.js").write_text("", encoding="utf-8")
    overrides.mkdir()
    (overrides / "extra.css").write_text("", encoding="utf-8")
    good = [("/assets/menu.js?v=2", 3), ("assets/menu.js#top", 4), ("extra.css", 5)]
    assert listed_file_problems("extra_javascript", good, docs, "mkdocs.yml", [overrides]) == []
    [typo] = listed_file_problems("extra_javascript", [("assets/mneu.js", 6)], docs, "mkdocs.yml", [overrides], "!")
    assert str(typo) == (
        "mkdocs.yml:6: extra_javascript names 'assets/mneu.js', which is not a file in docs/!\n"
        "    hint: did you mean 'assets/menu.js'? check the path, relative to docs/"
    )


def test_a_link_in_the_copyright_is_read_as_a_browser_reads_the_footer(tmp_path):
    """An audit: the check searched for "<a" with its own pattern; the one tokenizer reads tags."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Tiny\n", encoding="utf-8")
    yml = "site_name: Tiny\ncopyright: words\n"
    for copyright, linked in (
        ('© Us, <A\nhref="https://example.org">site</a>', True),
        ("© Us <abbr>MP</abbr> <!-- <a href=x> -->", False),
        ("© Us, 2026", False),
    ):
        found = problems_of(settings_for(tmp_path, yml, copyright=copyright))
        assert [problem.split(":", 2)[:2] for problem in found] == ([["mkdocs.yml", "2"]] if linked else []), copyright
