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
    assert len(stage.extensions) == 7
    assert "2SV" in stage.abbreviations


def test_mistakes_in_two_files_are_listed_together_with_file_and_line(tmp_path):
    root = _project(tmp_path)
    glossary = root / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("    definition:", "    defintion:", 1), encoding="utf-8")
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
    assert [(p.file, p.message, p.hint) for p in problems] == [("data/checklists.yml", "file not found", "restore it from git")]


def test_a_mistake_in_the_first_hour_is_listed_with_those_in_the_files_it_refers_to(tmp_path):
    """The crisis card's file refers to the registry and the builder's fields: while those have
    mistakes its links cannot be checked, but its own mistakes are still listed in the same run."""
    root = _project(tmp_path)
    registry = root / "data" / "links.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("  category: ncsc\n", "  category: nsc\n", 1), encoding="utf-8")
    first_hour = root / "data" / "first-hour.yml"
    text = first_hour.read_text(encoding="utf-8")
    first_hour.write_text(text.replace("    card_heading:", "    card_haeding:", 1), encoding="utf-8")
    data, problems = load_site_data(root)
    assert data is None
    assert {problem.file for problem in problems} == {"data/links.yml", "data/first-hour.yml"}, problems
    [unknown] = [p for p in problems if "unknown field 'card_haeding'" in p.message]
    assert unknown.file == "data/first-hour.yml" and "card_haeding:" in text.replace("    card_heading:", "    card_haeding:", 1).splitlines()[unknown.line - 1]
    assert "did you mean 'card_heading'?" in unknown.hint
