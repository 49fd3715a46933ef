"""The toolkit on the reader's device: the service worker's file list, the web app manifest, icons.

Everything here is derived from the built site, so a page, a download or a script that another
part of the build adds is kept offline without anyone listing it:

- precache_entries: every file in the site with its SHA-256 and size. Only the worker script is
  left out (see EXCLUDED); files in ON_REQUEST are listed but stored only when a reader asks.
- cache_version: one short hash of the whole list and the worker's own code, so each edition gets
  its own cache and an unchanged rebuild keeps the same one.
- render_worker: the worker script with that list written into it. The browser compares the
  worker byte for byte on each visit, so a new edition is noticed without a separate file.
- with_on_demand_hashes: the SHA-256 of each script fetched on demand, written into the script
  that fetches them (shared.js's load()), so a page open when a new edition takes over runs only
  its own edition's scripts.
- web_manifest / app_icons: "Add to home screen" metadata and PNG icons, from one mark and one
  colour (the plugin's `app` settings in mkdocs.yml; the colour is the identity stylesheet's).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import posixpath
import re
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from saferpolitics.core import installed, render_cache
from saferpolitics.core.problems import Problem
from saferpolitics.post_build.pdf import PDF_PATH

WORKER_PATH = "service-worker.js"
MANIFEST_PATH = "manifest.webmanifest"
ICON_DIR = "assets/images/app"
WORKER_TEMPLATE = Path(__file__).with_name("offline-worker.js")
PREVIEW_WORKER = Path(__file__).with_name("offline-worker-preview.js")  # for `mkdocs serve`
_BUILD_PLACEHOLDER = "self.__SP_BUILD__"

# Files that must never be precached, and why.
EXCLUDED = {
    WORKER_PATH: "the browser fetches the worker itself, past every cache, to find a new edition;"
    " a cached copy would never answer a request",
}
# Stored only when the reader asks ("Keep the PDF on this phone"): it says the same as the pages
# already kept, and over the network it is more than half as much again (344 KB gzip against
# 608 KB for everything else, 6 December 2026).
ON_REQUEST = frozenset({PDF_PATH})

OFFLINE_BUDGET_BYTES = 3 * 1024 * 1024  # everything stored without asking

# The icons a home screen, a launcher and an iPhone ask for: (file, size, purpose, share of the
# square the mark fills). A maskable icon may be cropped to a circle of 80% of its width, so its
# mark stays well inside that.
ICONS = (
    ("icon-192.png", 192, "any", 0.72),
    ("icon-512.png", 512, "any", 0.72),
    ("icon-maskable-512.png", 512, "maskable", 0.5),
    ("apple-touch-icon.png", 180, None, 0.64),
)


@dataclass(frozen=True)
class Entry:
    url: str  # relative to the site root, URL-encoded, as the worker requests it
    sha256: str
    size: int
    on_request: bool = False

    @property
    def path(self) -> str:
        """The file's path inside the site."""
        return unquote(self.url)


def site_files(site_dir: Path) -> list[Path]:
    """Every file in the site, in a stable order (pathlib's). Each walk of the folder costs a
    millisecond: steps that only read the files share one, taken after the last step that adds or
    deletes any. os.scandir, not Path.rglob: it knows which entries are folders without asking
    the system again for each (1 ms against 2.7 for the site's 100 files). As rglob, it does not
    go into a linked folder, and a link to a file counts as the file."""
    found: list[str] = []

    def walk(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path)
                elif entry.is_file():
                    found.append(entry.path)

    walk(str(site_dir))
    return sorted(map(Path, found))


def files_to_store(site_dir: Path) -> list[tuple[str, Path]]:
    """(path in the site, file) of every file the offline copy stores: all the site serves, in a stable
    order, except those in EXCLUDED."""
    relatives = ((path.relative_to(site_dir).as_posix(), path) for path in site_files(site_dir))
    return [(relative, path) for relative, path in relatives if relative not in EXCLUDED]


def precache_entries(
    site_dir: Path,
    written: Mapping[str, bytes] | None = None,
    digests: Mapping[str, bytes] | None = None,
    to_store: list[tuple[str, Path]] | None = None,
) -> list[Entry]:
    """Every file the offline copy stores, with its SHA-256 and size, in a stable order. written: files
    just written (path in the site -> content), not read back; digests: the SHA-256 of some of
    them, known already (a page finished in an earlier build), not hashed again; to_store: the
    site's files_to_store, when the caller has them (no file added or deleted since)."""
    entries = []
    for relative, path in files_to_store(site_dir) if to_store is None else to_store:
        data = written[relative] if written and relative in written else path.read_bytes()
        digest = digests[relative] if digests and relative in digests else hashlib.sha256(data).digest()
        entries.append(Entry(quote(relative), digest.hex(), len(data), relative in ON_REQUEST))
    return entries


def stored_bytes_once_written(
    site_dir: Path, pending: Mapping[str, bytes], to_store: list[tuple[str, Path]] | None = None
) -> int:
    """stored_bytes of the site once the pending files (path in the site -> content) are written:
    from their sizes alone, so nothing is read or hashed twice. to_store: as for precache_entries."""
    return sum(
        len(pending[relative]) if relative in pending else path.stat().st_size
        for relative, path in (files_to_store(site_dir) if to_store is None else to_store)
        if relative not in ON_REQUEST
    )


def stored_bytes(entries: list[Entry]) -> int:
    """What a reader's device holds after one visit (files kept only on request not counted)."""
    return sum(entry.size for entry in entries if not entry.on_request)


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def budget_problem(entries: list[Entry]) -> str | None:
    """A warning (it fails the strict build) when a visit would store more than the budget."""
    stored = stored_bytes(entries)
    if stored <= OFFLINE_BUDGET_BYTES:
        return None
    largest = sorted((e for e in entries if not e.on_request), key=lambda e: e.size, reverse=True)[:3]
    return (
        f"the offline copy is {megabytes(stored)}, over the {megabytes(OFFLINE_BUDGET_BYTES)} budget"
        f" (largest: {', '.join(f'{e.url} {e.size // 1024} KB' for e in largest)})\n"
        "    hint: make the largest files smaller, or add a large download to ON_REQUEST in "
        "saferpolitics/post_build/offline.py"
    )


def cache_version(entries: list[Entry], worker_template: str) -> str:
    digest = hashlib.sha256(worker_template.encode("utf-8"))
    for entry in entries:
        digest.update(f"{entry.url}\0{entry.sha256}\n".encode())
    return digest.hexdigest()[:16]


def render_worker(worker_template: str, entries: list[Entry]) -> str:
    if worker_template.count(_BUILD_PLACEHOLDER) != 1:
        raise ValueError(f"{WORKER_TEMPLATE.name} must contain {_BUILD_PLACEHOLDER} exactly once")
    # vars: each entry's fields in order, as asdict gives them without a deep copy of each value
    # (text and numbers).
    build = {"version": cache_version(entries, worker_template), "files": [vars(entry) for entry in entries]}
    return worker_template.replace(_BUILD_PLACEHOLDER, json.dumps(build, separators=(",", ":")))


# In the script whose load() fetches the others (docs/assets/js/shared.js): the object the build
# fills in with each on-demand script's hash, this entry kept, so a second run fills it in again.
ON_DEMAND_MARK = '"SP-ON-DEMAND-FILES":1'
_ON_DEMAND_OBJECT = re.compile(r'\{\s*"SP-ON-DEMAND-FILES"\s*:\s*1\s*(?:,[^{}]*)?\}')


def subresource_integrity(data: bytes) -> str:
    """The file's hash as a browser checks a script against it (a script element's integrity)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def on_demand_marks(script: str) -> int:
    """How many objects the build would fill in with on-demand hashes in this script's text."""
    return len(_ON_DEMAND_OBJECT.findall(script))


def with_on_demand_hashes(loader_path: str, loader: str, scripts: Mapping[str, bytes]) -> str:
    """The loader script's text (at loader_path in the site, holding the mark once) with each
    on-demand script (path in the site -> content, as served) and its hash in the marked object,
    named as load() asks for it: relative to the loader's folder ("evidence-log/export.js").

    The offline worker replaces the whole toolkit at once and takes over open pages: a page opened
    before then would otherwise run the new edition's files with its own, which may not fit
    together (the evidence log's parts call each other). With the hash, the browser runs only the
    page's own edition of each file and load() says to reload the page (docs/assets/js/shared.js)."""
    folder = posixpath.dirname(loader_path)
    hashes = {posixpath.relpath(path, folder): subresource_integrity(data) for path, data in sorted(scripts.items())}
    filled = json.dumps(hashes, separators=(",", ":"))[1:-1]
    return _ON_DEMAND_OBJECT.sub(lambda _match: "{" + ON_DEMAND_MARK + ("," + filled if filled else "") + "}", loader)


def web_manifest(*, name: str, short_name: str, description: str, theme_colour: str, background_colour: str) -> str:
    """The manifest, at the site root: its start page and scope are the home page and the site."""
    icons = [
        {"src": f"{ICON_DIR}/{file}", "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
        for file, size, purpose, _share in ICONS
        if purpose
    ]
    manifest = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": "en-GB",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_colour,
        "background_color": background_colour,
        "icons": icons,
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def app_icons(mark_png: bytes, background_colour: str, cache_dir: Path | None = None) -> dict[str, bytes]:
    """Each icon in ICONS as PNG bytes: the mark centred on a square of the background colour.
    Same inputs, same bytes (Pillow is pinned and PNG output carries no time stamp), so with
    cache_dir the icons of an unchanged mark and colour are read from the render cache."""
    # This file's own text is in the key: a change to how icons are drawn draws them again.
    key = render_cache.key_for(mark_png, background_colour, Path(__file__).read_bytes(), installed.version("pillow"))
    names = {file for file, *_ in ICONS}
    return render_cache.kept_or_made(cache_dir, "icons", key, names, lambda: _draw_icons(mark_png, background_colour))


def _draw_icons(mark_png: bytes, background_colour: str) -> dict[str, bytes]:
    from PIL import Image  # only when drawing: a build whose icons are in the cache never loads Pillow

    mark = Image.open(io.BytesIO(mark_png)).convert("RGBA")
    icons = {}
    for file, size, _purpose, share in ICONS:
        canvas = Image.new("RGBA", (size, size), background_colour)
        side = round(size * share)
        scaled = mark.resize((side, round(side * mark.height / mark.width)), Image.LANCZOS)
        canvas.alpha_composite(scaled, ((size - scaled.width) // 2, (size - scaled.height) // 2))
        out = io.BytesIO()
        canvas.convert("RGB").save(out, format="PNG", optimize=True)
        icons[file] = out.getvalue()
    return icons


_ROOT_BLOCK = re.compile(r":root\s*\{([^}]*)\}")
_ROOT_COLOUR = re.compile(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{6})\s*;")


def root_colours(css: str) -> dict[str, str]:
    """The custom properties a stylesheet's `:root` sets to a "#rrggbb" colour, lower-cased: where
    the service's colours are written once (docs/assets/css/identity.css), for what is outside the
    page (the app's title bar and icons)."""
    return {name: value.lower() for block in _ROOT_BLOCK.findall(css) for name, value in _ROOT_COLOUR.findall(block)}


def mark_problems(path: Path, shown: str, config_file: str, line: int | None) -> list[Problem]:
    """What makes the app's mark (the plugin's app.mark in mkdocs.yml) unfit for sharp square
    icons; that it is a file is the setting's own check (saferpolitics/engine/config.py)."""
    hint = "give a square PNG of at least 512 by 512 pixels with a transparent background"
    with path.open("rb") as file:
        size = png_size(file.read(24))
    if size is None:  # not a PNG: Pillow says what it is
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as image:
                kind, width, height = image.format, image.width, image.height
        except (UnidentifiedImageError, OSError):
            return [Problem(config_file, line, f"app.mark {shown} is not an image Pillow can read", hint)]
    else:
        kind, (width, height) = "PNG", size
    if kind != "PNG" or width < 512 or width != height:
        return [Problem(config_file, line, f"app.mark {shown} is a {width}x{height} {kind}", hint)]
    return []


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(start: bytes) -> tuple[int, int] | None:
    """(width, height) from the first 24 bytes of a PNG (its signature, then the IHDR chunk that
    must come first), as Pillow reads them; None for anything else."""
    if len(start) < 24 or start[:8] != _PNG_SIGNATURE or start[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", start[16:24])
