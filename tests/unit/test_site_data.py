"""Every data file is read once per build, and every problem in every file is reported at once."""

from __future__ import annotations

import shutil
from pathlib import Path

from saferpolitics.markdown_stage.site_data import MarkdownStage, load_site_data

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_the_real_data_loads_and_makes_the_extensions():
    data, problems = load_site_data(ROOT)
    assert problems == []
    stage = MarkdownStage(data)
    assert len(stage.extensions) == 12
    assert "2SV" in stage.abbreviations


def test_mistakes_in_two_files_are_listed_together_with_file_and_line(tmp_path):
    root = _project(tmp_path)
    glossary = root / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("    definition:", "    defintion:", 1), encoding="utf-8"
    )
    synonyms = root / "data" / "search-synonyms.yml"
    synonyms.write_text(synonyms.read_text(encoding="utf-8") + "  - words: [x]\n    pag: index.md\n", encoding="utf-8")
    data, problems = load_site_data(root)
    assert data is None
    files = {problem.file for problem in problems}
    assert files == {"data/glossary.yml", "data/search-synonyms.yml"}, problems
    assert all(problem.line and problem.hint for problem in problems), problems


def test_a_missing_data_file_is_named_with_a_hint(tmp_path):
    root = _project(tmp_path)
    (root / "data" / "checklists.yml").unlink()
    data, problems = load_site_data(root)
    assert data is None
    assert [(p.file, p.message, p.hint) for p in problems] == [
        ("data/checklists.yml", "file not found", "restore it from git")
    ]


def test_a_mistake_in_the_first_hour_is_listed_with_those_in_the_files_it_refers_to(tmp_path):
    """The crisis card's file refers to the registry and the builder's fields: while those have
    mistakes its links cannot be checked, but its own mistakes are still listed in the same run."""
    root = _project(tmp_path)
    registry = root / "data" / "links.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("  category: ncsc\n", "  category: nsc\n", 1), encoding="utf-8"
    )
    first_hour = root / "data" / "first-hour.yml"
    text = first_hour.read_text(encoding="utf-8")
    first_hour.write_text(text.replace("    card_heading:", "    card_haeding:", 1), encoding="utf-8")
    data, problems = load_site_data(root)
    assert data is None
    assert {problem.file for problem in problems} == {"data/links.yml", "data/first-hour.yml"}, problems
    [unknown] = [p for p in problems if "unknown field 'card_haeding'" in p.message]
    assert (
        unknown.file == "data/first-hour.yml"
        and "card_haeding:" in text.replace("    card_heading:", "    card_haeding:", 1).splitlines()[unknown.line - 1]
    )
    assert "did you mean 'card_heading'?" in unknown.hint


EVIDENCE_MISTAKES = """\
  - label: " date  and TIME "
    record: The same column again, in other letters.
  - label: When seen
    record: When you saw it.
    input: datetime
  - label: "=HYPERLINK(1)"
    record: A heading a spreadsheet would run.
  - label: Notes again
    record: Notes.
    exmaple: An example.
"""
SYNONYM_MISTAKES = """\
  - words: [2fa]
    page: index.md
  - words: [lost phone]
    page: cyber-security
  - words: lost laptop
    page: index.md
"""


def test_evidence_log_and_search_synonym_mistakes_are_listed_together_each_on_its_line(tmp_path):
    """Entries added at the end of the real files' lists: the log's fields end its file, the
    synonyms come before the phrases."""
    root = _project(tmp_path)
    evidence, synonyms = root / "data" / "evidence-log.yml", root / "data" / "search-synonyms.yml"
    offsets = {}
    for path, added in ((evidence, EVIDENCE_MISTAKES), (synonyms, SYNONYM_MISTAKES)):
        text = path.read_text(encoding="utf-8")
        end = text.find("\n# Phrases searched") + 1 or len(text)
        offsets[f"data/{path.name}"] = len(text[:end].splitlines())
        path.write_text(text[:end] + added + text[end:], encoding="utf-8")
    data, problems = load_site_data(root)
    assert data is None and all(p.hint for p in problems), problems
    found = {
        (p.file, p.line - offsets[p.file], p.message.split(": ", 1)[-1].split(" (first on line")[0]) for p in problems
    }
    assert found == {
        ("data/evidence-log.yml", 1, "field 'date and TIME' is listed twice"),
        ("data/evidence-log.yml", 5, "'datetime' is not a known input"),
        ("data/evidence-log.yml", 6, "'=HYPERLINK(1)' starts with a character spreadsheets read as a formula"),
        ("data/evidence-log.yml", 10, "unknown field 'exmaple'"),
        ("data/search-synonyms.yml", 1, "'2fa' is listed twice"),
        ("data/search-synonyms.yml", 4, "is not a page"),
        ("data/search-synonyms.yml", 5, "must be a list of one or more words or phrases"),
    }, problems
    hints = {p.message.rsplit(": ", 1)[-1]: p.hint for p in problems}
    assert hints["'datetime' is not a known input"].startswith("did you mean 'date-time'?")
    assert hints["unknown field 'exmaple'"].startswith("did you mean 'example'?")


def test_clean_data_are_kept_and_read_back_until_a_file_changes(tmp_path):
    root, cache = _project(tmp_path), tmp_path / "cache"
    data, problems = load_site_data(root, cache)
    assert problems == [] and list(cache.glob("site-data-*"))
    assert load_site_data(root, cache) == (data, [])
    glossary = root / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("  - term: 2SV", "  - term: TSV", 1), encoding="utf-8"
    )
    changed, problems = load_site_data(root, cache)
    assert problems == [] and changed.key != data.key
    assert "TSV" in MarkdownStage(changed).abbreviations and "2SV" not in MarkdownStage(changed).abbreviations


def test_data_with_a_mistake_are_never_kept_so_every_build_reports_it(tmp_path):
    root, cache = _project(tmp_path), tmp_path / "cache"
    glossary = root / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("    definition:", "    defintion:", 1), encoding="utf-8"
    )
    for _ in range(2):
        data, problems = load_site_data(root, cache)
        assert data is None and {p.file for p in problems} == {"data/glossary.yml"}
    assert not list(cache.glob("site-data-*"))


def test_a_damaged_kept_copy_only_costs_time(tmp_path):
    root, cache = _project(tmp_path), tmp_path / "cache"
    data, _ = load_site_data(root, cache)
    [kept] = cache.glob("site-data-*/site-data")
    kept.write_bytes(b"not what was kept")
    assert load_site_data(root, cache) == (data, [])


PAGE = "# Title\n\nSee [the guidance](link:ncsc-setting-up-2sv).\n"


def _check(stage: MarkdownStage, source: str) -> list:
    """One page converted and checked, as the plugin does it."""
    import markdown

    from saferpolitics.markdown_stage.blocksyntax import block_specs

    stage.start_page("page.md")
    md = markdown.Markdown(extensions=[*stage.extensions, "attr_list", "admonition"])
    html = md.convert(source)
    findings, _ = stage.links.take_page_results()
    return stage.page_problems(html, findings, source, "docs/page.md", block_specs(md))


def test_a_page_found_clean_is_not_scanned_again_and_one_with_a_mistake_always_is(tmp_path, monkeypatch):
    root, cache = _project(tmp_path), tmp_path / "cache"
    data, _ = load_site_data(root, cache)
    wrong = PAGE.replace("ncsc-setting-up-2sv", "ncsc-setting-up-2s")
    scans = []
    original = MarkdownStage._scan_problems
    monkeypatch.setattr(MarkdownStage, "_scan_problems", lambda self, *a: scans.append(a[3]) or original(self, *a))
    for _build in range(2):
        stage = MarkdownStage(data, root, cache)
        assert _check(stage, PAGE) == []
        assert [p.line for p in _check(stage, wrong)] == [3]
        stage.end_build()
    assert len(scans) == 3, "the clean page once, the page with a mistake on both builds"


def test_a_pages_length_is_measured_once_and_kept_for_later_builds(tmp_path, monkeypatch):
    from saferpolitics.markdown_stage import on_this_page, site_data

    root, cache = _project(tmp_path), tmp_path / "cache"
    data, _ = load_site_data(root, cache)
    long_page = "<h1>T</h1><p>" + "word " * on_this_page.LONG_PAGE_CHARACTERS + "</p>"
    short_page = "<h1>T</h1><p>A few words.</p>"
    measured = []
    monkeypatch.setattr(site_data, "is_long", lambda html: measured.append(html) or on_this_page.is_long(html))
    for _build in range(2):
        stage = MarkdownStage(data, root, cache)
        assert [stage.is_long(long_page), stage.is_long(short_page)] == [True, False]
        stage.end_build()
    assert measured == [long_page, short_page], "each page measured by the first build only"
    assert MarkdownStage(data, root).is_long(long_page) and len(measured) == 3, "no cache: measured every time"
