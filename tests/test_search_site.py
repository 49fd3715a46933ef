"""The search index as a tiny Material site with search builds it: words given in
data/search-synonyms.yml find their page, the home page too."""

from __future__ import annotations

import json

from conftest import build_in_process, tiny_project


def test_synonyms_for_the_home_page_find_it(tmp_path):
    # MkDocs' File.url for index.md is "./"; search and the theme address the page as "".
    config = tiny_project(
        tmp_path,
        {"index.md": "# Home\n\nText.\n", "other.md": "# Other\n\nText.\n"},
        data={"search-synonyms.yml": "synonyms:\n  - words: [front page]\n    page: index.md\n"},
        config="theme: {name: material, font: false}\nplugins: [search]",
    )
    result = build_in_process(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    docs = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    home = next(doc for doc in docs if doc["location"] == "")
    assert "front page" in home.get("tags", [])


def test_synonyms_for_a_page_search_leaves_out_are_a_mistake(tmp_path):
    config = tiny_project(
        tmp_path,
        {"index.md": "# Home\n\nText.\n", "other.md": "---\nsearch:\n  exclude: true\n---\n\n# Other\n\nText.\n"},
        data={"search-synonyms.yml": "synonyms:\n  - words: [elsewhere]\n    page: other.md\n"},
        config="theme: {name: material, font: false}\nplugins: [search]\nnav: [index.md, other.md]",
    )
    result = build_in_process(config, tmp_path / "site")
    assert result.returncode != 0
    assert "data/search-synonyms.yml:3: 'other.md' is left out of search, so these words would find nothing" in (
        result.stderr
    )
    assert "remove `search: exclude: true`" in result.stderr
