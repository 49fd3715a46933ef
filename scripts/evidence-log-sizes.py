"""The evidence log's sizes for 20 entries with 30 photos: stored on the device, and exported.

Builds nothing: run `make site` first, then `.venv/bin/python scripts/evidence-log-sizes.py`
(add --originals to also keep each original file). It serves site/ on 127.0.0.1, fills the log
in Chromium (CHROMIUM_PATH or Debian's chromium) with 30 synthetic phone photos (4032x3024
JPEG, quality 90) on 20 entries, then downloads the Word evidence pack and the zip archive.
A figure to read, never a test: it depends on the photos and the browser's JPEG encoder.
"""

import functools
import http.server
import io
import os
import random
import shutil
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from playwright.sync_api import expect, sync_playwright

site = Path(__file__).resolve().parents[1] / "site"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


handler = functools.partial(Quiet, directory=str(site))
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_port}/evidence-log/"

random.seed(1)


def photo(i):
    # A phone photo: 4032x3024 JPEG, smooth areas and detail, about the size a phone camera writes.
    small = Image.effect_noise((504, 378), 60).convert("RGB")
    picture = small.resize((4032, 3024), Image.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    draw = ImageDraw.Draw(picture)
    for _ in range(300):
        x, y = random.randrange(4032), random.randrange(3024)
        draw.rectangle(
            (x, y, x + random.randrange(20, 300), y + random.randrange(5, 60)),
            fill=tuple(random.randrange(256) for _ in range(3)),
        )
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return {"name": f"IMG_{1000 + i}.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


photos = [photo(i) for i in range(30)]
print("photos in:", round(sum(len(p["buffer"]) for p in photos) / 1048576, 1), "MB, 4032x3024 JPEG each")
keep = "--originals" in sys.argv
with sync_playwright() as p:
    browser = p.chromium.launch(
        executable_path=os.environ.get("CHROMIUM_PATH") or shutil.which("chromium"), headless=True
    )
    context = browser.new_context(accept_downloads=True, service_workers="block")
    page = context.new_page()
    page.goto(url)
    if keep:
        page.get_by_label("Also keep the original files").check()
    counts = [2] * 10 + [1] * 10
    taken = 0
    for n, count in enumerate(counts):
        page.get_by_label("Date and time").fill(f"2026-03-{n + 1:02}T09:{n:02}")
        page.get_by_label("Platform", exact=True).fill(f"Platform {n}")
        page.get_by_label("Screenshots", exact=True).set_input_files(files=photos[taken : taken + count])
        expect(page.locator("[data-sp-pending] img")).to_have_count(count, timeout=60000)
        taken += count
        page.get_by_role("button", name="Save entry").click()
        expect(page.get_by_role("status")).to_contain_text("Entry saved", timeout=20000)
    stored = page.evaluate("""() => new Promise(resolve => {
        const o = indexedDB.open('sp-evidence-log');
        o.onsuccess = () => {
          const r = o.result.transaction('images').objectStore('images').getAll();
          r.onsuccess = () => resolve(r.result.map(x => [x.full.size, x.thumb.size, x.original ? x.original.size : 0]));
        };
      })""")
    estimate = page.evaluate("() => navigator.storage.estimate()")
    log_text = page.evaluate("() => localStorage.getItem('sp-evidence-log').length")

    def dl(name):
        with page.expect_download(timeout=120000) as d:
            page.get_by_role("button", name=name).click()
        path = Path(tempfile.mkdtemp()) / d.value.suggested_filename
        d.value.save_as(path)
        return path

    word = dl("Download the evidence pack (Word)")
    archive = dl("Download the archive (zip, with screenshots)")

    def mb(size: int) -> str:
        return f"{size / 1048576:.1f} MB"

    print(
        "stored: pictures",
        mb(sum(a for a, _, _ in stored)),
        "thumbnails",
        mb(sum(b for _, b, _ in stored)),
        "originals",
        mb(sum(c for _, _, c in stored)),
        "log text",
        f"{log_text / 1024:.1f} KB",
        "browser's estimate of usage",
        mb(estimate["usage"]),
        "of quota",
        mb(estimate["quota"]),
    )
    print(
        "exported: Word pack",
        mb(word.stat().st_size),
        "archive",
        mb(archive.stat().st_size),
        len(zipfile.ZipFile(archive).namelist()),
        "files",
    )
    browser.close()
server.shutdown()
