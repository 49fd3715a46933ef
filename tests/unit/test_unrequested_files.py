"""Source maps and lunr language packs that no reader's browser requests are not shipped."""

from __future__ import annotations

from pathlib import Path

from saferpolitics.post_build import offline, unrequested_files

LUNR = Path("assets/javascripts/lunr")


def make_site(tmp_path: Path) -> Path:
    for name in [
        "assets/javascripts/bundle.min.js",
        "assets/javascripts/bundle.min.js.map",
        "assets/stylesheets/main.min.css.map",
        "assets/javascripts/lunr/tinyseg.js",
        "assets/javascripts/lunr/wordcut.js",
        "assets/javascripts/lunr/min/lunr.ja.min.js",
        "assets/javascripts/lunr/min/lunr.de.min.js",
        "assets/javascripts/lunr/min/lunr.multi.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    return tmp_path


def test_english_only_site_needs_no_lunr_files_and_no_source_maps(tmp_path):
    site = make_site(tmp_path)
    unused = {
        p.relative_to(site).as_posix()
        for p in unrequested_files.unrequested_in_site(site, ["en"], offline.site_files(site))
    }
    assert "assets/javascripts/bundle.min.js" not in unused
    assert "assets/javascripts/bundle.min.js.map" in unused and "assets/stylesheets/main.min.css.map" in unused
    assert {p for p in unused if p.startswith("assets/javascripts/lunr/")} == {
        (LUNR / "tinyseg.js").as_posix(),
        (LUNR / "wordcut.js").as_posix(),
        *(
            (LUNR / "min" / n).as_posix()
            for n in ["lunr.ja.min.js", "lunr.de.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"]
        ),
    }


def test_lunr_files_follow_materials_search_worker_rule():
    assert unrequested_files.lunr_files_needed(["en"]) == set()
    assert unrequested_files.lunr_files_needed(["en", "ja"]) == {
        LUNR / "tinyseg.js",
        LUNR / "min" / "lunr.ja.min.js",
        LUNR / "min" / "lunr.multi.min.js",
        LUNR / "min" / "lunr.stemmer.support.min.js",
    }
    assert LUNR / "wordcut.js" in unrequested_files.lunr_files_needed(["th"])


def test_source_map_comments_are_removed_from_minified_js_and_css():
    assert unrequested_files.without_source_map_comment("a();\n//# sourceMappingURL=a.js.map\n") == "a();\n"
    assert unrequested_files.without_source_map_comment("a{}\n/*# sourceMappingURL=a.css.map */") == "a{}\n"
    assert unrequested_files.without_source_map_comment("a();\n") == "a();\n"


def test_only_the_last_source_map_comment_goes():
    bundle = "a();\n/* x //# sourceMappingURL=kept.map */\nb();\n//# sourceMappingURL=b.js.map\n"
    assert unrequested_files.without_source_map_comment(bundle) == "a();\n/* x //# sourceMappingURL=kept.map */\nb();\n"
    inside = "a('//# sourceMappingURL=in-a-string');\nb();\n"
    assert unrequested_files.without_source_map_comment(inside) == inside
    assert unrequested_files.without_source_map_comment("//# sourceMappingURL=a.js.map") == "\n"


def test_the_same_files_are_unused_by_their_paths_in_the_site():
    paths = ["index.html", "assets/javascripts/bundle.min.js", "assets/javascripts/bundle.min.js.map"]
    paths += [f"assets/javascripts/lunr/{name}" for name in ("tinyseg.js", "wordcut.js", "min/lunr.ja.min.js")]
    paths += [
        "assets/javascripts/lunr/min/lunr.multi.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
    ]
    assert unrequested_files.unrequested_paths(paths, ["en"]) == paths[2:]
    assert unrequested_files.unrequested_paths(paths, ["en", "ja"]) == [paths[2], "assets/javascripts/lunr/wordcut.js"]
