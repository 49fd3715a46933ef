"""Drop feature stylesheets and scripts from pages that do not use them (first-view budget).

- on_config: check `extra.page_assets` in mkdocs.yml once; a typo stops the build.
- on_post_page: remove the unused files' tags from the final HTML. Registered before hooks/csp.py,
  which must see the page as readers get it. The print page is written by print-site in
  on_post_build, never passes here, and keeps every file: it holds every feature.
- on_post_build: minify the built copies of extra_css, extra_javascript and extra.load_on_demand
  (before hooks/pdf.py renders the PDF from them), so readers do not download comments written
  for maintainers; drop the palette colours mkdocs.yml does not use from Material's palette
  stylesheet; prune the 404 page, which Material writes without on_post_page; delete source maps
  and lunr language packs the search worker never loads; and, once every page and the print page
  exist, drop the rules of Material's main stylesheet that no page or shipped script can match.
  That purge starts from the theme's own copy each time, so a --dirty build never purges twice.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from saferpolitics.post_build import page_assets, unused_assets
from saferpolitics.core.problems import raise_problems


def on_config(config):
    listed = [str(path) for path in (*config.extra_css, *config.extra_javascript)]
    rules = config.extra.get("page_assets", {})
    problems = page_assets.asset_problems(rules, listed, "mkdocs.yml")
    problems += page_assets.on_demand_problems(config.extra.get("load_on_demand", []), Path(config.docs_dir), "mkdocs.yml")
    raise_problems(problems, "Page assets")


def on_post_page(output, page, config):
    rules = config.extra.get("page_assets", {})
    return page_assets.without_assets(output, page_assets.unused_assets(output, rules))


def on_post_build(config):
    site = Path(config.site_dir)
    scripts = [*config.extra_javascript, *config.extra.get("load_on_demand", [])]
    for minify, assets in ((page_assets.minify_css, config.extra_css), (page_assets.minify_js, scripts)):
        for asset in assets:
            built = site / str(asset)
            if built.is_file():
                built.write_text(minify(built.read_text(encoding="utf-8")), encoding="utf-8")
    palette = config.theme.get("palette") or []
    colours = {entry.get(key) for entry in palette for key in ("primary", "accent")} - {None}
    for stylesheet in (site / "assets" / "stylesheets").glob("palette.*.css"):
        stylesheet.write_text(page_assets.trim_palette(stylesheet.read_text(encoding="utf-8"), colours), encoding="utf-8")
    # Material writes 404.html from a template, so it never passes on_post_page.
    not_found = site / "404.html"
    if not_found.is_file():
        html = not_found.read_text(encoding="utf-8")
        rules = config.extra.get("page_assets", {})
        not_found.write_text(page_assets.without_assets(html, page_assets.unused_assets(html, rules)), encoding="utf-8")
    _delete_unrequested_files(site)
    _purge_material_stylesheet(config, site)


def _delete_unrequested_files(site: Path) -> None:
    """Source maps and lunr language packs the search worker never loads: no reader can use them
    (and their words must not count as class names in the purge below)."""
    search_index = site / "search" / "search_index.json"
    languages = json.loads(search_index.read_text(encoding="utf-8"))["config"]["lang"] if search_index.exists() else []
    for unused in unused_assets.unused_files(site, languages):
        unused.unlink()
    for minified in [*site.rglob("*.min.js"), *site.rglob("*.min.css")]:
        text = minified.read_text(encoding="utf-8")
        trimmed = unused_assets.without_source_map_comment(text)
        if trimmed != text:
            minified.write_text(trimmed, encoding="utf-8")
    lunr_root = site / unused_assets.LUNR_DIR
    for folder in sorted((p for p in lunr_root.rglob("*") if p.is_dir()), reverse=True) + [lunr_root]:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def _purge_material_stylesheet(config, site: Path) -> None:
    def texts(pattern):
        return (path.read_text(encoding="utf-8") for path in site.rglob(pattern))

    vocabulary = page_assets.site_vocabulary(
        [*texts("*.html"), *texts("search_index.json")], texts("*.js")
    )
    stylesheets = site / "assets" / "stylesheets"
    for built in stylesheets.glob("main.*.css"):
        original = _theme_copy(config, built.relative_to(site))
        others = [path.read_text(encoding="utf-8") for path in site.rglob("*.css") if path != built]
        purged = page_assets.purge_unused(original.read_text(encoding="utf-8"), vocabulary, others)
        built.write_text(purged, encoding="utf-8")


def _theme_copy(config, relative: Path) -> Path:
    """The theme's unpurged file that MkDocs copied to `relative` in the site."""
    for theme_dir in config.theme.dirs:
        if (Path(theme_dir) / relative).is_file():
            return Path(theme_dir) / relative
    raise PluginError(f"hooks/page_assets: {relative} is in the site but in no theme folder; is mkdocs-material installed as pinned?")
