"""Feature files load only where used, and ship without maintainers' comments."""

import hashlib
import re
from pathlib import Path

import pytest

from conftest import ROOT, bare_post_build, project_plugin_options
from saferpolitics.core.datafile import key_lines, load_settings
from saferpolitics.core.problems import BuildStopped
from saferpolitics.engine.config import plugin_options
from saferpolitics.post_build import page_assets
from saferpolitics.post_build.page_assets import (
    SHARED_STYLESHEETS,
    asset_problems,
    minify_css,
    minify_html,
    minify_js,
    on_demand_problems,
    page_stylesheets,
    purge_unused,
    shared_stylesheets,
    site_vocabulary,
    trim_palette,
    unused_assets,
    with_shared_stylesheets,
    without_assets,
)
from saferpolitics.post_build.pipeline import PostBuild, finish_assets

RULES = {"assets/css/checklists.css": ["sp-checklist"], "assets/js/checklists.js": ["sp-checklist"]}

PAGE = """<head>
<link rel="stylesheet" href="../assets/css/toolkit.css">
<link rel="stylesheet" href="../assets/css/checklists.css?v=1">
</head><body>{body}
<script src="../assets/js/checklists.js"></script>
<script src="../assets/javascripts/bundle.min.js"></script></body>"""


def test_a_page_without_the_feature_drops_its_files_and_keeps_the_rest():
    html = PAGE.format(body="<p>No checklist here.</p>")
    pruned = without_assets(html, unused_assets(html, RULES))
    assert "checklists.css" not in pruned and "checklists.js" not in pruned
    assert "toolkit.css" in pruned and "bundle.min.js" in pruned


def test_a_page_with_the_feature_keeps_its_files():
    html = PAGE.format(body='<fieldset class="sp-checklist">')
    assert unused_assets(html, RULES) == []


def test_a_similar_file_name_is_not_removed_by_mistake():
    html = '<link rel="stylesheet" href="assets/css/my-checklists.css">'
    assert without_assets(html, ["assets/css/checklists.css"]) == html


def test_css_loses_comments_and_spaces_but_strings_stay_exact():
    css = '/* why */\n.a  >  .b ,\n.c {\n  content: " ( , ; { ) ";\n  color: red ;\n}\n'
    assert minify_css(css) == '.a>.b,.c{content:" ( , ; { ) ";color:red;}'


def test_a_space_before_a_pseudo_class_is_kept():
    assert minify_css(".md-typeset :target { x: y }") == ".md-typeset :target{x:y}"


def test_js_loses_comments():
    assert minify_js("// why\nvar a = 1; /* more */\n") == "var a=1;"


def test_page_asset_mistakes_are_each_on_the_assets_line():
    lines = {"": 40, "assets/css/typo.css": 41, "assets/css/a.css": 42, "assets/css/b.css": 43}
    problems = asset_problems(
        {"assets/css/typo.css": ["x"], "assets/css/a.css": [], "assets/css/b.css": ["sp-b", ""]},
        ["assets/css/a.css", "assets/css/b.css"],
        "mkdocs.yml",
        lines,
    )
    assert [str(p).split("\n")[0] for p in problems] == [
        "mkdocs.yml:41: page_assets names 'assets/css/typo.css', which is not in extra_css, extra_javascript or a plugin's files",
        "mkdocs.yml:42: page_assets: 'assets/css/a.css' needs a list of markers, none of them empty",
        "mkdocs.yml:43: page_assets: 'assets/css/b.css' needs a list of markers, none of them empty",
    ]
    assert problems[0].hint.startswith("did you mean")


def test_a_script_loaded_on_demand_must_exist(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "more.js").write_text("", encoding="utf-8")
    assert on_demand_problems(["assets/more.js"], tmp_path, "mkdocs.yml", {"": 7}) == []
    [typo] = on_demand_problems(["assets/mroe.js"], tmp_path, "mkdocs.yml", {"": 7, "assets/mroe.js": 8})
    assert str(typo).startswith("mkdocs.yml:8: load_on_demand names 'assets/mroe.js', which is not a file in docs/")


def test_palette_keeps_the_site_colours_and_the_schemes():
    css = (
        "@media screen{[data-md-color-scheme=slate]{--bg:#000}"
        "[data-md-color-primary=red]{--p:red}"
        "[data-md-color-primary=indigo]{--p:blue}"
        "[data-md-color-primary=pink],[data-md-color-accent=indigo] :is(a,b){--a:blue}}"
    )
    trimmed = trim_palette(css, {"indigo"})
    assert "slate" in trimmed and "--p:blue" in trimmed
    assert "red" not in trimmed and "pink" not in trimmed
    assert "[data-md-color-accent=indigo] :is(a,b){--a:blue}" in trimmed


def vocabulary(pages=('<html dir="ltr"><body class="md-typeset">',), scripts=()):
    return site_vocabulary(pages, scripts)


def test_rules_for_components_no_page_uses_are_dropped():
    css = ".md-typeset p{a:b}.md-typeset .tabbed-set{c:d}.md-banner,.md-typeset{e:f}"
    assert purge_unused(css, vocabulary()) == ".md-typeset p{a:b}.md-typeset{e:f}"


def test_classes_a_script_adds_or_builds_are_kept():
    css = ".md-tooltip--active{a:b}.md-tag--news{c:d}.md-consent{e:f}"
    scripts = ['el.classList.add("md-tooltip--active");x.className="md-tag--"+name']
    assert purge_unused(css, vocabulary(scripts=scripts)) == ".md-tooltip--active{a:b}.md-tag--news{c:d}"


# Material's script names, for example, the repository's stars and a tab set's scroll buttons.
MATERIAL_SCRIPT = 'x("li",{class:`md-source__fact md-source__fact--${t}`});let t=`tabbed-control tabbed-control--${e}`'
BUILT_PARTS_CSS = ".md-source__fact--stars:before{a:b}.tabbed-control--next{c:d}"


def test_parts_materials_script_builds_go_when_no_page_holds_what_it_builds_them_in():
    scripts = [MATERIAL_SCRIPT + ';el.classList.add("md-top")']
    assert purge_unused(BUILT_PARTS_CSS + ".md-top{e:f}", vocabulary(scripts=scripts)) == ".md-top{e:f}"


def test_parts_materials_script_builds_stay_on_a_site_whose_pages_hold_their_component():
    pages = [
        '<a href="https://example.org/repo" class="md-source" data-md-component="source">',
        '<div class="tabbed-set tabbed-alternate" data-tabs="1:2">',
    ]
    assert purge_unused(BUILT_PARTS_CSS, vocabulary(pages=pages, scripts=[MATERIAL_SCRIPT])) == BUILT_PARTS_CSS


def test_annotations_and_the_version_menu_stay_when_a_setting_asks_for_them():
    css = ".md-annotation__index{a:b}.md-version__list{c:d}"
    script = (
        'x("aside",{class:"md-annotation"},x("span",{class:"md-annotation__index"}));x("ul",{class:"md-version__list"})'
    )
    config = '<script id="__config" type="application/json">{"features": ["content.code.annotate"], "version": {"provider": "mike"}}</script>'
    assert purge_unused(css, vocabulary(scripts=[script])) == ""
    assert purge_unused(css, vocabulary(pages=[config], scripts=[script])) == css
    assert (
        purge_unused(css, vocabulary(pages=['<pre class="annotate">'], scripts=[script]))
        == ".md-annotation__index{a:b}"
    )


def test_classes_in_the_search_index_and_single_quotes_count():
    pages = ['{"text":"<span class=\\"sp-term\\">"}', "<i class='sp-icon'>"]
    css = ".sp-term{a:b}.sp-icon{c:d}"
    assert purge_unused(css, vocabulary(pages=pages)) == css


def test_right_to_left_rules_go_only_when_no_page_is_right_to_left():
    css = "[dir=ltr] .md-typeset{a:b}[dir=rtl] .md-typeset{c:d}"
    assert purge_unused(css, vocabulary()) == "[dir=ltr] .md-typeset{a:b}"
    both = vocabulary(pages=('<html dir="ltr" class="md-typeset">', '<html dir="rtl">'))
    assert purge_unused(css, both) == css


def test_a_dot_inside_an_attribute_value_is_not_a_class():
    css = '.md-typeset a[href$=".pdf"]{a:b}'
    assert purge_unused(css, vocabulary()) == css


def test_custom_properties_nothing_reads_are_dropped_with_their_rules():
    css = (
        ":root{--used:1;--chained:2;--icon-of-a-dropped-rule:url('data:x;y');--set-by-script:3}"
        ".md-typeset{a:var(--used,var(--chained))}.md-consent{b:var(--icon-of-a-dropped-rule)}"
    )
    purged = purge_unused(css, vocabulary(scripts=['s.setProperty("--set-by-script",1)']))
    assert purged == ":root{--used:1;--chained:2;--set-by-script:3}.md-typeset{a:var(--used,var(--chained))}"


def test_a_property_read_by_another_stylesheet_is_kept():
    css = ":root{--md-primary-fg-color:red}"
    assert purge_unused(css, vocabulary()) == ""
    assert purge_unused(css, vocabulary(), other_css=[".x{color:var(--md-primary-fg-color)}"]) == css


def test_at_rules_keep_their_live_rules_and_empty_ones_go():
    css = "@media print{.md-typeset{a:b}.md-banner{c:d}}@media screen{.md-banner{e:f}}@keyframes pulse{0%{g:h}}@page{margin:1cm}"
    assert purge_unused(css, vocabulary()) == "@media print{.md-typeset{a:b}}@keyframes pulse{0%{g:h}}@page{margin:1cm}"


def test_a_class_an_element_must_not_have_never_removes_a_rule():
    css = ".md-typeset:not(.md-consent) a{a:b}.md-typeset :is(.tabbed-set,p){c:d}"
    assert purge_unused(css, vocabulary()) == css


def _post_build(theme: Path, cache: Path | None) -> PostBuild:
    return bare_post_build(theme_dirs=[str(theme)], render_cache=str(cache) if cache else None)


def _finish_assets(site: Path, build: PostBuild, pages: dict[str, str]) -> None:
    """Step 2 on pages as the pipeline holds them: bytes, each with its SHA-256."""
    written = {path: html.encode() for path, html in pages.items()}
    finish_assets(site, build, written, {path: hashlib.sha256(data).digest() for path, data in written.items()}, None)


def test_the_purged_stylesheet_is_kept_until_a_page_or_stylesheet_changes(tmp_path):
    theme, site, cache = tmp_path / "theme", tmp_path / "site", tmp_path / "cache"
    for folder in (theme, site):
        (folder / "assets" / "stylesheets").mkdir(parents=True)
        (folder / "assets" / "stylesheets" / "main.1.css").write_text(".used{a:b}.unused{c:d}", encoding="utf-8")
    pages = {"index.html": '<p class="used">'}
    purged = site / "assets" / "stylesheets" / "main.1.css"
    _finish_assets(site, _post_build(theme, cache), pages)
    assert purged.read_text(encoding="utf-8") == ".used{a:b}"
    (kept,) = [p / "main.css" for p in cache.iterdir() if p.name.startswith("purged-css-")]
    kept.write_text(".from-the-cache{}", encoding="utf-8")  # what the cache holds is what is used
    _finish_assets(site, _post_build(theme, cache), pages)
    assert purged.read_text(encoding="utf-8") == ".from-the-cache{}"
    _finish_assets(site, _post_build(theme, cache), {"index.html": '<p class="unused">'})
    assert purged.read_text(encoding="utf-8") == ".unused{c:d}", "a page that changed is purged anew"
    _finish_assets(site, _post_build(theme, None), pages)
    assert purged.read_text(encoding="utf-8") == ".used{a:b}", "without a cache the purge runs every time"


def test_a_stylesheet_or_script_whose_source_went_since_the_engines_build_stops_the_steps(tmp_path):
    """MkDocs copies none of ours: step 2 writes each from its source, so one moved between the
    engine's build and `python -m saferpolitics.post_build` would leave the site without it."""
    (tmp_path / "docs" / "assets" / "js").mkdir(parents=True)
    (tmp_path / "docs" / "assets" / "js" / "here.js").write_text("var a = 1;\n", encoding="utf-8")
    build = bare_post_build(
        project_root=str(tmp_path),
        scripts=["assets/js/here.js", "assets/js/menu.js"],
        asset_sources={
            f"assets/js/{name}": str(tmp_path / "docs" / "assets" / "js" / name) for name in ("here.js", "menu.js")
        },
    )
    with pytest.raises(BuildStopped) as stopped:
        _finish_assets(tmp_path / "site", build, {})
    assert "docs/assets/js/menu.js: assets/js/menu.js is gone since the engine built the site" in str(stopped.value)
    assert "here.js" not in str(stopped.value)


def test_html_loses_runs_of_whitespace_but_not_in_pre_scripts_or_textareas():
    html = (
        "<ul>\n    <li>One</li>\n\n    <li>Two  words</li>\n</ul>\n"
        "<pre><code>keep\n    indented</code></pre>\n  <script>if (a  <  b) {}</script>\n"
        "<textarea>two  spaces</textarea>  <p>a\u00a0\u00a0b</p>"
    )
    assert minify_html(html) == (
        "<ul>\n<li>One</li>\n<li>Two words</li>\n</ul>\n"
        "<pre><code>keep\n    indented</code></pre>\n<script>if (a  <  b) {}</script>\n"
        "<textarea>two  spaces</textarea> <p>a\u00a0\u00a0b</p>"  # no-break spaces are not spaces
    )


SHARED = ["a/print-site.css", "a/identity.css", "a/toolkit.css", "a/cards.css", "a/print.css"]
DROPPED = {"a/print-site.css": ["print-site-page"], "a/cards.css": ["sp-card"]}


def test_the_first_run_of_stylesheets_every_page_loads_becomes_one_file_in_their_place():
    assert shared_stylesheets(SHARED, DROPPED) == ["a/identity.css", "a/toolkit.css"]
    assert page_stylesheets(SHARED, DROPPED) == ["a/print-site.css", SHARED_STYLESHEETS, "a/cards.css", "a/print.css"]
    assert shared_stylesheets(["a/identity.css", "a/cards.css"], DROPPED) == []  # one file is no bundle
    page = (
        '<link rel="stylesheet" href="../a/identity.css">\n<link rel="stylesheet" href="../a/toolkit.css?v=2">\n'
        '<link rel="stylesheet" href="../a/cards.css">\n'
    )
    assert with_shared_stylesheets(page, shared_stylesheets(SHARED, DROPPED)) == (
        f'<link rel="stylesheet" href="../{SHARED_STYLESHEETS}">\n<link rel="stylesheet" href="../a/cards.css">\n'
    )


def test_every_script_a_script_loads_on_demand_is_listed_to_be_minified_and_offline():
    """The build checks that each load_on_demand entry is a file; this holds the other direction:
    a script fetched with load("x.js") (or an evidence log part, part("x")) but left off the list
    would ship unminified (an audit of the code)."""
    scripts = ROOT / "docs" / "assets" / "js"
    fetched = set()
    for source in scripts.rglob("*.js"):
        text = source.read_text(encoding="utf-8")
        fetched |= {f"assets/js/{name}" for name in re.findall(r"\bload\(\"([^\"]+)\"\)", text)}
        fetched |= {f"assets/js/evidence-log/{name}.js" for name in re.findall(r"\bpart\(\"([^\"]+)\"\)", text)}
    assert {"assets/js/docx-writer.js", "assets/js/evidence-log/spreadsheet.js"} <= fetched, fetched
    assert fetched <= set(project_plugin_options()["load_on_demand"]), fetched - set(
        project_plugin_options()["load_on_demand"]
    )


def test_a_feature_file_whose_markers_no_page_has_is_named_on_its_line():
    """A maintainer review: a misspelt marker ([sp-checkilst]) left the checklist stylesheet off
    every page, and the build passed."""
    pages = [b'<fieldset class="sp-checklist">', b"<p>Text</p>"]
    assets = {"assets/css/checklists.css": ["sp-checkilst"], "assets/js/checklists.js": ["sp-checklist"]}
    assert page_assets.loaded_on_no_page(pages, assets) == ["assets/css/checklists.css"]
    config = "extra_css:\n  - assets/css/checklists.css\nplugins:\n  - saferpolitics:\n      page_assets:\n"
    config += "        assets/css/checklists.css: [sp-checkilst]\n"
    # The lines as the plugin reads them (engine/plugin.py's _settings), not the first text that matches.
    _line, options = plugin_options(load_settings(config, "mkdocs.yml")[0])
    lines = key_lines(options.value["page_assets"])
    [problem] = page_assets.no_page_problems(["assets/css/checklists.css"], assets, "mkdocs.yml", lines)
    assert (problem.file, problem.line) == ("mkdocs.yml", 6)
    assert "no page has a marker of 'assets/css/checklists.css' (sp-checkilst)" in problem.message
