"""The search index as a tiny Material site with search builds it: words given in
data/search-synonyms.yml find their page, the home page too."""

from __future__ import annotations

import json

from conftest import build_in_process, tiny_project


def built_with_synonym(tmp_path, page: str, other_page: str = "# Other\n\nText.\n"):
    """A Material site with search, index.md and other.md, whose one synonym names page."""
    config = tiny_project(
        tmp_path,
        {"index.md": "# Home\n\nText.\n", "other.md": other_page},
        data={"search-synonyms.yml": f"synonyms:\n  - words: [front page]\n    page: {page}\n"},
        config="theme: {name: material, font: false}\nplugins: [search]\nnav: [index.md, other.md]",
    )
    return build_in_process(config, tmp_path / "site")


def test_synonyms_for_the_home_page_find_it(tmp_path):
    # MkDocs' File.url for index.md is "./"; search and the theme address the page as "".
    result = built_with_synonym(tmp_path, "index.md")
    assert result.returncode == 0, result.stderr
    docs = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    home = next(doc for doc in docs if doc["location"] == "")
    assert "front page" in home.get("tags", [])


def test_synonyms_for_a_page_search_leaves_out_are_a_mistake(tmp_path):
    result = built_with_synonym(tmp_path, "other.md", "---\nsearch:\n  exclude: true\n---\n\n# Other\n\nText.\n")
    assert result.returncode != 0
    assert "data/search-synonyms.yml:3: 'other.md' is left out of search, so these words would find nothing" in (
        result.stderr
    )
    assert "remove `search: exclude: true`" in result.stderr


def test_a_dirty_build_after_a_whole_one_finds_nothing_wrong_with_the_pages_it_left(tmp_path):
    """`mkdocs build --dirty` (MkDocs itself warns of it, so never strict): Material indexes only the
    pages it rebuilds, and the others are in the site as the earlier build finished them."""
    assert built_with_synonym(tmp_path, "index.md").returncode == 0
    (tmp_path / "docs" / "other.md").write_text("# Other\n\nNew text.\n", encoding="utf-8")
    result = build_in_process(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False, dirty=True)
    assert result.returncode == 0, result.stderr
    assert "saferpolitics" not in "".join(line for line in result.stderr.splitlines(True) if "WARNING" in line)
    assert "New text." in (tmp_path / "site" / "other" / "index.html").read_text(encoding="utf-8")
