"""Files MkDocs never copies. A source map or a lunr language pack the search does not load: the
engine leaves them out of the files, and the built site holds only the packs the search's
languages need. Our stylesheets and scripts: post-build step 2 writes them minified from their
sources (the stylesheets every page loads only as one file)."""

from __future__ import annotations

from types import SimpleNamespace

import mkdocs.structure.files

from conftest import build_in_process, tiny_project
from saferpolitics.engine.plugin import _search_languages
from saferpolitics.post_build import page_assets


def copies_recorded(monkeypatch) -> list[str]:
    """The site paths of the files MkDocs copies in the next build."""
    copied = []
    copy_file = mkdocs.structure.files.File.copy_file
    monkeypatch.setattr(
        mkdocs.structure.files.File,
        "copy_file",
        lambda self, dirty=False: copied.append(self.dest_uri) or copy_file(self, dirty),
    )
    return copied


def test_unrequested_files_are_left_out_before_mkdocs_copies_them(tmp_path, monkeypatch):
    copied = copies_recorded(monkeypatch)
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


def test_our_stylesheets_and_scripts_are_written_minified_from_their_sources_not_copied(tmp_path, monkeypatch):
    copied = copies_recorded(monkeypatch)
    css = {"assets/a.css": "a {\n  color: red;\n}\n", "assets/b.css": "b {\n  color: blue;\n}\n"}
    script = "function shout(words) {\n  return words.toUpperCase();\n}\n"
    config = tiny_project(
        tmp_path,
        {"index.md": "# Home\n\nText.\n", **css, "assets/js/c.js": script},
        config="extra_css: [assets/a.css, assets/b.css]\nextra_javascript: [assets/js/c.js]",
    )
    result = build_in_process(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not {"assets/a.css", "assets/b.css", "assets/js/c.js"} & set(copied)
    site = tmp_path / "site"
    assert (site / "assets/js/c.js").read_text(encoding="utf-8") == page_assets.minify_js(script)
    assert not (site / "assets/a.css").exists() and not (site / "assets/b.css").exists()
    bundle = (site / page_assets.SHARED_STYLESHEETS).read_text(encoding="utf-8")
    assert bundle == "\n".join(page_assets.minify_css(text) for text in css.values())
