"""The built site's offline parts: the worker's list matches the site as served, the manifest and
icons are there for "Add to home screen", and every page links them."""

from __future__ import annotations

import hashlib
import io
import json
import re
from urllib.parse import unquote

from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, project_plugin_options
from saferpolitics.post_build import offline
from saferpolitics.post_build.pdf import PDF_PATH

# The installed app's colour: the brand colour of the identity stylesheet (mkdocs.yml says var(--sp-brand)).
BRAND = offline.root_colours((ROOT / "docs/assets/css/identity.css").read_text(encoding="utf-8"))["--sp-brand"]


def worker_build(site_dir) -> dict:
    worker = (site_dir / offline.WORKER_PATH).read_text(encoding="utf-8")
    match = re.search(r"const BUILD=(\{.*?\});", worker)
    assert match, "service-worker.js carries no file list"
    return json.loads(match.group(1))


def test_the_worker_lists_every_file_of_the_finished_site_with_its_real_hash(site_dir):
    files = {unquote(file["url"]): file for file in worker_build(site_dir)["files"]}
    on_disk = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    assert set(files) == on_disk - {offline.WORKER_PATH}
    changed = [
        path
        for path, file in files.items()
        if hashlib.sha256((site_dir / path).read_bytes()).hexdigest() != file["sha256"]
    ]
    assert not changed, f"changed after the list was made (a step runs after the pipeline's offline step?): {changed}"
    for needed in (
        "get-help-now/index.html",
        "search/search_index.json",
        "downloads/evidence-log.csv",
        offline.MANIFEST_PATH,
        f"{offline.ICON_DIR}/icon-512.png",
    ):
        assert needed in files
    assert [path for path, file in files.items() if file["on_request"]] == [PDF_PATH]


def test_the_about_page_states_what_a_visit_stores(site_dir):
    entries = offline.precache_entries(site_dir)
    about = (site_dir / "about" / "index.html").read_text(encoding="utf-8")
    assert f"about {offline.megabytes(offline.stored_bytes(entries))} of space" in " ".join(about.split())
    assert offline.stored_bytes(entries) < offline.OFFLINE_BUDGET_BYTES


def test_the_manifest_makes_an_app_that_opens_the_home_page(site_dir, mkdocs_config):
    manifest = json.loads((site_dir / offline.MANIFEST_PATH).read_text(encoding="utf-8"))
    app = project_plugin_options()["app"]
    assert manifest["name"] == mkdocs_config["site_name"] and manifest["short_name"] == app["short_name"]
    assert manifest["theme_color"] == BRAND and manifest["start_url"] == "./"
    for icon in manifest["icons"]:
        image = Image.open(io.BytesIO((site_dir / icon["src"]).read_bytes()))
        assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])


def test_every_page_links_the_manifest_and_leaves_the_registration_script_out_of_its_first_view(nav_html):
    for md, path in nav_html.items():
        html = path.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert re.search(r'<link rel="manifest" href="[./]*manifest.webmanifest">', head), md
        assert f'<meta name="theme-color" content="{BRAND}">' in head, md
        assert re.search(r'<link rel="apple-touch-icon" href="[./]*assets/images/app/apple-touch-icon.png">', head), md
        # Not in the first view: shared.js fetches it once the page has loaded.
        assert "offline.js" not in html, f"{md}: offline.js must not load with the page"
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
        assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy, md


def test_no_link_to_a_file_of_the_site_asks_the_browser_to_download_it(site_dir):
    """Chromium fetches a link marked `download` from the network, never from the copy the worker
    keeps, so the crisis cards and the blank log failed to download offline (a reader review)."""
    marked = [
        f"{page.relative_to(site_dir)}: {link['href']}"
        for page in sorted(site_dir.rglob("*.html"))
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("a[download][href]")
        if not re.match(r"[a-z][a-z0-9+.-]*:|//", link["href"], re.I)  # a file of this site
    ]
    assert not marked, f"remove `download` from these links (write the link without {{ download }}): {marked}"
