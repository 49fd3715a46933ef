"""MkDocs never copies a source map or a lunr language pack the search does not load: the engine
leaves them out of the files, and the built site holds only the packs the search's languages need."""

from __future__ import annotations

from types import SimpleNamespace

import mkdocs.structure.files

from conftest import build_in_process, tiny_project
from saferpolitics.engine.plugin import _search_languages


def test_unrequested_files_are_left_out_before_mkdocs_copies_them(tmp_path, monkeypatch):
    copied = []
    copy_file = mkdocs.structure.files.File.copy_file
    monkeypatch.setattr(
        mkdocs.structure.files.File,
        "copy_file",
        lambda self, dirty=False: copied.append(self.dest_uri) or copy_file(self, dirty),
    )
    config = tiny_project(
        tmp_path,
        {"index.md": "# Home\n\nText.\n", "other.md": "# Other\n\nText.\n"},
        data={"search-synonyms.yml": "synonyms:\n  - words: [elsewhere]\n    page: other.md\n"},
        config="theme: {name: material, font: false}\nplugins: [{search: {lang: [en, ja]}}]",
    )
    result = build_in_process(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    lunr = "assets/javascripts/lunr/"
    assert sorted(path for path in copied if path.startswith(lunr)) == [
        f"{lunr}min/lunr.ja.min.js",
        f"{lunr}min/lunr.multi.min.js",
        f"{lunr}min/lunr.stemmer.support.min.js",
        f"{lunr}tinyseg.js",
    ]
    assert not [path for path in copied if path.endswith(".map")]
    in_site = sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site" / lunr).rglob("*.js"))
    assert in_site == sorted(path for path in copied if path.startswith(lunr))


def test_the_search_languages_are_known_from_materials_search_plugin_only():
    def config(**plugins):
        return SimpleNamespace(plugins=plugins)

    def search(enabled=True, lang=None):
        return SimpleNamespace(config=SimpleNamespace(enabled=enabled, lang=lang))

    assert _search_languages(config(**{"material/search": search(lang=["en", "de"])})) == ["en", "de"]
    assert _search_languages(config(**{"material/search": search(enabled=False)})) == []  # no index: no pack
    assert _search_languages(config(search=search(lang=["en"]))) is None  # another search: step 2 decides
