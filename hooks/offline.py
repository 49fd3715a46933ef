"""The toolkit offline and on the home screen (saferpolitics/post_build/offline.py does the work).

- on_startup: remembers the command: `mkdocs serve` gets a worker that stores nothing and removes
  itself (a live preview changes on every save, and its pages carry the live-reload script).
- on_config: checks extra.app in mkdocs.yml (short name, colours, the mark the icons are made
  from); a mistake stops the build with every problem listed.
- on_post_build, after every other hook and plugin (priority -100, so the PDF, downloads that
  other hooks write and the CSP treatment of the print and 404 pages are all done): writes the
  app icons and the web app manifest, fills the stored size into the page that explains it (and
  its search entry), then lists every file of the site with its hash into service-worker.js. Nothing may change the site
  after this, or the list no longer matches what the server sends.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from saferpolitics.post_build import offline, page_assets
from saferpolitics.core.problems import line_of, raise_problems

log = get_plugin_logger(__name__)

# Written in docs/about.md where the stored size goes; replaced in the pages and the search index.
SIZE_PLACEHOLDER = "SP-OFFLINE-SIZE"

# Set once per process by on_startup (MkDocs calls it before any build); never changed per build.
_startup = {"command": "build"}


def on_startup(command, dirty):
    _startup["command"] = command


def on_config(config):
    config_file = Path(config.config_file_path)
    line = line_of(config_file.read_text(encoding="utf-8"), "  app:")
    problems = offline.settings_problems(config.extra.get("app"), config_file.parent, config_file.name, line)
    raise_problems(problems, "Offline app settings")


@event_priority(-100)
def on_post_build(config):
    site = Path(config.site_dir)
    app = config.extra["app"]
    mark = (Path(config.config_file_path).parent / app["mark"]).read_bytes()
    icon_dir = site / offline.ICON_DIR
    icon_dir.mkdir(parents=True, exist_ok=True)
    for name, data in offline.app_icons(mark, app["theme_colour"]).items():
        (icon_dir / name).write_bytes(data)
    manifest = offline.web_manifest(
        name=config.site_name,
        short_name=app["short_name"],
        description=config.site_description or "",
        theme_colour=app["theme_colour"],
        background_colour=app["background_colour"],
    )
    (site / offline.MANIFEST_PATH).write_text(manifest, encoding="utf-8")

    # The figure is rounded, so writing it into a page does not change it.
    size = offline.megabytes(offline.stored_bytes(offline.precache_entries(site)))
    for page in [*site.rglob("*.html"), *site.glob("search/search_index.json")]:
        text = page.read_text(encoding="utf-8")
        if SIZE_PLACEHOLDER in text:
            page.write_text(text.replace(SIZE_PLACEHOLDER, size), encoding="utf-8")

    if _startup["command"] == "serve":
        (site / offline.WORKER_PATH).write_text(offline.PREVIEW_WORKER.read_text(encoding="utf-8"), encoding="utf-8")
        return
    entries = offline.precache_entries(site)
    # Minified like the site's other scripts: readers' browsers fetch it on each visit.
    worker = offline.render_worker(page_assets.minify_js(offline.WORKER_TEMPLATE.read_text(encoding="utf-8")), entries)
    (site / offline.WORKER_PATH).write_text(worker, encoding="utf-8")
    stored = offline.stored_bytes(entries)
    log.info(f"Offline copy: {len(entries)} files, {offline.megabytes(stored)} stored on a reader's device after one visit.")
    over_budget = offline.budget_problem(entries)
    if over_budget:
        log.warning(over_budget)
