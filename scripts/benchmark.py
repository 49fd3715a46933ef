#!/usr/bin/env python3
"""Print build time, peak memory, first-view page weight and the PDF's figures (`make bench`).

Figures to read and compare, not a test: nothing here fails on a slow machine. It builds the
real site strictly several times without the PDF (TOOLKIT_PDF=0) and with it, in temporary
directories, then measures the last site built.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from saferpolitics import offline  # noqa: E402 - after the path set-up above
from saferpolitics.pdf import PDF_PATH  # noqa: E402

BUDGET_KB = 70  # gzip, HTML + the CSS and JS it loads, per page


def build(site_dir: Path, with_pdf: bool) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TOOLKIT_PDF": "1" if with_pdf else "0"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"strict build failed ({'with' if with_pdf else 'without'} the PDF):\n{result.stderr}")
    return seconds


def peak_children_mb() -> float:
    # ru_maxrss of waited-for children: the largest single build so far (kilobytes on Linux).
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


class _Assets(HTMLParser):
    """The stylesheets and scripts a page makes the browser fetch on first view."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) / 1024


def first_view(site: Path, page: Path) -> tuple[float, float]:
    """(HTML gzip KB, HTML + CSS + JS gzip KB) for one built page."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    html_kb = gzip_kb(page)
    total = html_kb
    for url in dict.fromkeys(parser.urls):  # each file once, as a browser cache would
        parts = urlparse(url)
        if parts.scheme or parts.netloc:
            continue  # other origins are forbidden and tested elsewhere
        # The 404 page uses root-relative URLs ("/assets/..."): MkDocs serves it from any depth.
        base = site if parts.path.startswith("/") else page.parent
        total += gzip_kb((base / parts.path.lstrip("/")).resolve())
    return html_kb, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="strict builds of each kind (default 5)")
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        temp = Path(temp)
        print(f"Strict builds, {runs} of each (median, min-max):")
        without = [build(temp / f"plain-{n}", with_pdf=False) for n in range(runs)]
        peak_without = peak_children_mb()
        with_pdf = [build(temp / f"pdf-{n}", with_pdf=True) for n in range(runs)]
        peak_with = peak_children_mb()
        for label, times in (("without PDF", without), ("with PDF", with_pdf)):
            print(f"  {label:<12} {statistics.median(times):6.2f} s   ({min(times):.2f}-{max(times):.2f})")
        print(f"  PDF adds     {statistics.median(with_pdf) - statistics.median(without):6.2f} s")
        print("Peak memory of one build (max RSS):")
        print(f"  without PDF  {peak_without:6.0f} MB")
        print(f"  with PDF     {peak_with:6.0f} MB")

        site = temp / f"pdf-{runs - 1}"
        pages = sorted(p for p in site.rglob("*.html") if p.parent.name != "print_page")
        print(f"First view per page, gzip (HTML + CSS + JS it loads; budget {BUDGET_KB} KB):")
        over = 0
        width = max(len(page.relative_to(site).as_posix()) for page in pages)
        for page in pages:
            html_kb, total_kb = first_view(site, page)
            flag = "" if total_kb <= BUDGET_KB else "  OVER BUDGET"
            over += bool(flag)
            name = page.relative_to(site).as_posix()
            print(f"  {name:<{width}} {total_kb:6.1f} KB  (HTML {html_kb:5.1f}){flag}")
        print(f"  {len(pages) - over} of {len(pages)} pages within budget")
        print_page = site / "print_page" / "index.html"
        if print_page.is_file():
            html_kb, total_kb = first_view(site, print_page)
            print(f"  (print page, the whole toolkit in one page, not held to the budget: {total_kb:.1f} KB, HTML {html_kb:.1f})")
        index = next(site.glob("search/search_index.json"), None)
        if index:
            print(f"  (search index, fetched by the search worker after load: {gzip_kb(index):.1f} KB gzip)")
        extras = [p.relative_to(site).as_posix() for p in site.rglob("*.map")]
        # English search needs no lunr language pack: any file under lunr/min is unused weight.
        extras += [p.relative_to(site).as_posix() for p in site.glob("**/lunr/min/*.js")]
        print(f"Source maps and lunr language packs shipped: {len(extras)}{': ' + ', '.join(extras[:5]) if extras else ''}")

        entries = offline.precache_entries(site)
        stored = [e for e in entries if not e.on_request]
        stored_kb = offline.stored_bytes(entries) / 1024
        download_kb = sum(gzip_kb(site / e.path) for e in stored)
        flag = "" if stored_kb * 1024 <= offline.OFFLINE_BUDGET_BYTES else "  OVER BUDGET"
        print(f"Offline copy (service worker, budget {offline.megabytes(offline.OFFLINE_BUDGET_BYTES)} without the PDF):")
        print(f"  stored after one visit  {len(stored)} files, {stored_kb:.0f} KB ({download_kb:.0f} KB gzip to download){flag}")
        for entry in (e for e in entries if e.on_request):
            print(f"  on request only         {entry.path}, {entry.size / 1024:.0f} KB")
        worker = site / offline.WORKER_PATH
        print(f"  service-worker.js       {worker.stat().st_size / 1024:.1f} KB, {gzip_kb(worker):.1f} KB gzip (with its file list)")
        pdf_file = site / PDF_PATH
        from pypdf import PdfReader

        print(f"PDF: {PDF_PATH}: {len(PdfReader(pdf_file).pages)} pages, {pdf_file.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
