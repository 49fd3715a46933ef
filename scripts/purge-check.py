"""Show that trimming Material's stylesheet changes nothing a reader sees (run after upgrading Material).

Builds the site once, makes a second copy with Material's untrimmed main stylesheet, then takes
screenshots of every page of both in Chromium: light and dark, 375 and 1280 px wide, plus search
results, the phone menu, keyboard focus and a glossary tooltip. It prints each screenshot that
differs by more than anti-aliasing, and saves those pairs in test-artifacts/purge-check/.
Not a test: it takes a few minutes. Run it with `.venv/bin/python scripts/purge-check.py`.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import material
from PIL import Image, ImageChops
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser.conftest import search  # noqa: E402  (the tests' own helpers)
from conftest import CHROMIUM_ARGS, chromium_path, serve_directory  # noqa: E402

OUT = ROOT / "test-artifacts" / "purge-check"
NOISE = 32  # largest per-channel difference (of 255) from anti-aliasing and sub-pixel timing, not a style change


def interactions(width: int) -> dict:
    steps = {
        "search results": ("", lambda page: search(page, "password")),
        "keyboard focus": ("", lambda page: [page.keyboard.press("Tab") for _ in range(4)]),
        "glossary tooltip": ("social-media/", lambda page: page.locator("abbr").first.hover()),
    }
    if width == 375:
        steps["menu"] = ("", lambda page: page.locator("label[for=__drawer]:visible").first.click())
    return steps


def differs(before: bytes, after: bytes) -> bool:
    a, b = (Image.open(io.BytesIO(shot)).convert("RGB") for shot in (before, after))
    if a.size != b.size:
        return True
    return max(high for _, high in ImageChops.difference(a, b).getextrema()) > NOISE


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="purge-check-") as temp:
        trimmed, full = Path(temp) / "trimmed", Path(temp) / "full"
        env = {**os.environ, "TOOLKIT_PDF": "0", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(trimmed)], cwd=ROOT, env=env, check=True
        )
        shutil.copytree(trimmed, full)
        for built in (full / "assets" / "stylesheets").glob("main.*.css"):
            shutil.copy(Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / built.name, built)
        pages = sorted(
            p.parent.relative_to(trimmed).as_posix()
            for p in trimmed.rglob("index.html")
            if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
        )
        urls = {
            name: f"http://127.0.0.1:{serve_directory(site).server_port}/"
            for name, site in (("full", full), ("trimmed", trimmed))
        }
        shutil.rmtree(OUT, ignore_errors=True)
        changed = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                for width in (375, 1280):
                    # No offline worker: its status line ("saved on this device") comes at its own
                    # pace, so one copy of a page would show it and the other not.
                    context = browser.new_context(
                        color_scheme=scheme,
                        viewport={"width": width, "height": 800},
                        reduced_motion="reduce",
                        service_workers="block",
                    )
                    tab = context.new_page()
                    views = [(page, None, None) for page in pages]
                    views += [(path, name, act) for name, (path, act) in interactions(width).items()]
                    for path, name, act in views:
                        shots = []
                        for base in (urls["full"], urls["trimmed"]):
                            tab.goto(
                                base + ("" if path in (".", "") else path.rstrip("/") + "/"), wait_until="networkidle"
                            )
                            tab.mouse.move(0, 0)  # no row or link left under the pointer by a previous view
                            if act:
                                act(tab)
                            else:  # the whole page: a viewport as tall as the page, set before Material settles
                                tab.set_viewport_size(
                                    {"width": width, "height": tab.evaluate("document.documentElement.scrollHeight")}
                                )
                            tab.wait_for_timeout(400)
                            # Material scrolls the sidebar to the current page at its own pace.
                            tab.evaluate(
                                "document.querySelectorAll('.md-sidebar__scrollwrap').forEach(e => e.scrollTop = 0)"
                            )
                            shots.append(tab.screenshot())
                            tab.set_viewport_size({"width": width, "height": 800})
                        if differs(*shots):
                            label = f"{scheme}-{width}-{(name or path).replace('/', '_').replace(' ', '-') or 'home'}"
                            changed.append(label)
                            OUT.mkdir(parents=True, exist_ok=True)
                            for kind, shot in zip(("full", "trimmed"), shots, strict=True):
                                (OUT / f"{label}-{kind}.png").write_bytes(shot)
                    context.close()
            browser.close()
    views_each = len(pages) + len(interactions(1280))
    print(
        f"Compared {len(pages)} pages and up to {len(interactions(375))} interactions, in 2 schemes at 2 widths "
        f"(about {4 * views_each} screenshot pairs)."
    )
    print(
        "No visible change." if not changed else f"Changed ({len(changed)}), pairs in {OUT}:\n  " + "\n  ".join(changed)
    )
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
