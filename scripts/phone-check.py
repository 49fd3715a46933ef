"""Measure the toolkit as a reader on a 375x740 phone sees it (figures for a pull request, not a test).

Prints: the taps from the home page (and the worst page) to each situation's steps, the height of
the sticky header and emergency strip once scrolled, the size of the 999/101 links, the font size
of warning text against body text, and the top three search results for everyday words.
The browser tests (tests/browser/test_help_service.py) hold the assertions.

    .venv/bin/python scripts/phone-check.py              # builds the site without the PDF first
    .venv/bin/python scripts/phone-check.py --site site  # measures an existing build
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser.conftest import search  # noqa: E402  (the tests' own helpers)
from browser.help_service import (  # noqa: E402
    CHROME_HEIGHT,
    LINKS_A_READER_CAN_TAP,
    SITUATIONS,
    TEL_TARGETS,
    WARNING_SIZES,
)
from conftest import CHROMIUM_ARGS, chromium_path, serve_directory  # noqa: E402

QUERIES = [
    "2FA",
    "MFA",
    "two-factor",
    "authenticator",
    "adviser",
    "advisor",
    "doxxing",
    "doxing",
    "deepfake",
    "hacked",
    "hijacked",
    "impersonation",
    "stalking",
    "home address",
    "where she lives",
    "Ofcom",
    # Sentences, as a reader in a hurry types them: their common words are left out of the search.
    "I clicked a link",
    "I have been hacked",
    "someone is pretending to be the MP",
]


def taps(page, base: str) -> dict[str, dict[str, int]]:
    """Fewest taps from each page to every other, following links a reader can see without the menu."""
    links: dict[str, set[str]] = {}
    queue, seen = deque([base]), {base}
    while queue:
        url = queue.popleft()
        page.goto(url)
        found = {u.split("#")[0] for u in page.evaluate(LINKS_A_READER_CAN_TAP) if u.startswith(base)}
        found = {u for u in found if not u.endswith((".pdf", ".csv", ".docx")) and "/print_page/" not in u}
        links[url] = found
        for u in found - seen:
            seen.add(u)
            queue.append(u)
    distance = {}
    for start in links:
        dist, queue = {start: 0}, deque([start])
        while queue:
            u = queue.popleft()
            for v in links.get(u, ()):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        distance[start] = dist
    return distance


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one without the PDF)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="phone-check-") as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            env = {**os.environ, "TOOLKIT_PDF": "0"}
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True
            )
        server = serve_directory(site.resolve())
        base = f"http://127.0.0.1:{server.server_port}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
            page = context.new_page()

            distance = taps(page, base)
            print("Taps to each situation's steps (from home / worst page):")
            for situation, steps in SITUATIONS.items():
                for step in steps:
                    target = base + step
                    worst = max(d.get(target, 99) for d in distance.values())
                    print(f"  {situation:<28} {step:<32} {distance[base].get(target, 'unreachable')} / {worst}")

            page.goto(base + "get-help-now/")
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
            page.wait_for_timeout(100)
            height = page.evaluate(CHROME_HEIGHT)
            print(f"Sticky chrome once scrolled: {height:.0f} of 740 px ({height / 740:.1%})")
            for name, box in page.evaluate(TEL_TARGETS).items():
                print(f"  {name} target: {box[0]:.0f} x {box[1]:.0f} px")
            # Get help now opens with answer buttons, no warning box: the guided help's threat
            # question has one (999 first), as the browser test of warning sizes reads it.
            page.goto(base + "help/abuse-or-threats/")
            for name, size in page.evaluate(WARNING_SIZES).items():
                print(f"Font size of {name} (guided help, abuse or threats): {size}")

            print("Search, top three:")
            for query in QUERIES:
                page.goto(base)
                print(f"  {query!r}: {search(page, query)[:3]}")
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
