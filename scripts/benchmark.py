#!/usr/bin/env python3
"""Print build time, peak memory, first-view page weight and the PDF's figures (`make bench`).

Figures to read and compare, not a test: nothing here fails on a slow machine. It builds the
real site strictly several times without the PDF (TOOLKIT_PDF=0), with it from an empty PDF
cache (cold: WeasyPrint renders) and with the cache the cold build left (warm: the PDF is
reused), in temporary directories, then measures the last site built. The builds without the
PDF follow one first build from an empty render cache, printed on its own, and use the cache it
left, as every build after a maintainer's first does.

Side by side with each build without the PDF it builds the same pages without our code: a config
generated from mkdocs.yml without our plugin (so none of our Markdown extensions), no extra CSS or
JavaScript and no theme overrides, keeping Material, its search and the third-party plugins. Our
render cache keeps the theme's compiled templates, which is Material's work, not ours: the build
without our code gets the same (a hook that gives the theme's environments Jinja's bytecode cache),
so the ratio of the two is what our code costs. Times are wall clock and CPU (user + system of the
build process): on a shared machine the CPU time is the steadier figure. Our blocks add content
(the first steps, checklists, cards), which Python-Markdown, the theme, search and print-site then
also read: a third build, of the pages as our code renders them (RENDER_PAGES) without our code,
leaves that work on both sides, so its ratio is what our own code costs.

It then does the same comparison on a copy with about 1,000 pages (scripts/make-synthetic-site.py)
and prints the time per page and our share of it: `make bench` prints both ratios, each followed
by where one build's CPU time goes (our plugin, Markdown, Jinja, the other plugins), side by side. `--synthetic`
runs only that comparison, `--ratios` only the two comparisons (no PDF, page weights or offline copy).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from saferpolitics.post_build import offline  # noqa: E402 - after the path set-up above
from saferpolitics.post_build.crisis_cards import CARDS  # noqa: E402
from saferpolitics.post_build.pdf import PDF_PATH, headroom  # noqa: E402

BUDGET_KB = 70  # gzip, HTML + the CSS and JS it loads, per page


# The PDF step's log line (saferpolitics/post_build/pipeline.py): how the PDF was made, how long it took, peak memory.
PDF_LOG = re.compile(
    r"; (rendered|reused unchanged from the cache) in ([\d.]+) s \(([\d.]+) s CPU\); build peak memory (\d+) MB"
)


# Runs one build and reports that build's own peak memory and CPU time (of its whole process tree)
# on its last line, so a build that renders PDFs never counts towards another's peak.
MEASURED = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(f'measured {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}', file=sys.stderr); sys.exit(code)"
)


def build(
    site_dir: Path, with_pdf: bool, project: Path = ROOT, config: Path | None = None, cache: Path | None = None
) -> tuple[float, float, tuple[str, float, float, int] | None, float]:
    """(wall seconds, CPU seconds, PDF step, peak MB) of one build: strict with mkdocs.yml, or
    the given config as it is. The PDF step is (how, seconds, CPU seconds, peak MB) from the log."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "TOOLKIT_PDF": "1" if with_pdf else "0",
    }
    if cache:
        env["TOOLKIT_RENDER_CACHE"] = str(cache)
    command = [sys.executable, "-c", MEASURED, sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    # Strict but for a synthetic copy: its thousand pages are over the offline budget by design.
    command += ["--config-file", str(config)] if config else ["--strict" if project == ROOT else "--no-strict"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        what = "without our code" if config else ("with" if with_pdf else "without") + " the PDF"
        sys.exit(f"build {what} failed:\n{result.stderr}")
    step = PDF_LOG.search(result.stderr)
    peak_kb, cpu = result.stderr.rsplit("measured ", 1)[1].split()
    return (
        seconds,
        float(cpu),
        (step[1], float(step[2]), float(step[3]), int(step[4])) if step else None,
        int(peak_kb) / 1024,
    )


# The build without our code keeps the theme's compiled templates as ours does (saferpolitics/engine/plugin.py,
# CompiledTemplates): otherwise the comparison would count Material's template compiling as our cost.
COMPILED_TEMPLATES_HOOK = """import jinja2


def on_config(config):
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = jinja2.FileSystemBytecodeCache({folder!r})
        return env

    config.theme.get_env = get_env
"""


def write_config_without_our_code(project: Path, target: Path, docs_dir: Path | None = None) -> None:
    """mkdocs.yml with the same pages, theme and third-party plugins but none of our code: not our
    plugin (it adds our Markdown extensions), no extra CSS or JavaScript, no theme overrides; the
    theme's compiled templates kept beside it, as our render cache keeps them. Not strict: the
    pages link to files only our plugin generates (downloads/...). docs_dir: other pages (default
    the project's), such as `write_rendered_pages`'."""
    templates = target.parent / "compiled-templates-without-our-code"
    templates.mkdir(exist_ok=True)
    hook = target.parent / "compiled_templates_hook.py"
    hook.write_text(COMPILED_TEMPLATES_HOOK.format(folder=str(templates)), encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("extra", "extra_css", "extra_javascript", "watch"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["theme"]["language"] = "en"  # ours (en-toolkit) is a template in the overrides left out
    # Ours is listed by name, or as a mapping of its name to its settings.
    config["plugins"] = [p for p in config["plugins"] if "saferpolitics" not in (p if isinstance(p, dict) else {p})]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "print-site" in plugin:
            plugin["print-site"].pop("cover_page_template", None)  # one of our templates
    config.update(strict=False, docs_dir=str(docs_dir or project / "docs"), hooks=[str(hook)])
    target.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


# Each page's content as our build renders it (after every plugin's page-content event: our blocks
# expanded, the "On this page" box added), written back as a Markdown file holding that HTML, with
# its front matter, beside the rest of docs/. Built without our code, these are the same pages as
# ours for the theme and the third-party plugins (search, print-site), which then do the same
# work; so our time over theirs is what our own code costs, where the comparison with the pages'
# sources also counts their work on the content our blocks add. Run as a build of its own.
RENDER_PAGES = r"""
import shutil, sys
from pathlib import Path
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, target, site = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
shutil.copytree(project / "docs", target)
config = load_config(str(project / "mkdocs.yml"), site_dir=site)
on_page_content = config.plugins.on_page_content

def keep(html, page, config, files):
    html = on_page_content(html, page=page, config=config, files=files)
    if page.file.abs_src_path and page.file.generated_by is None:
        front = yaml.safe_dump(dict(page.meta), allow_unicode=True) if page.meta else ""
        written = (f"---\n{front}---\n\n" if front else "") + html + "\n"
        (target / page.file.src_uri).write_text(written, encoding="utf-8")
    return html

config.plugins.on_page_content = keep
build(config)
"""


def write_rendered_pages(project: Path, target: Path, site: Path) -> None:
    """docs/ with each page's Markdown replaced by the HTML our build renders for it (RENDER_PAGES)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "TOOLKIT_PDF": "0"}
    command = [sys.executable, "-c", RENDER_PAGES, str(project), str(target), str(site)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"rendering the pages for the comparison failed:\n{result.stderr}")


def side_by_side(temp: Path, runs: int, project: Path = ROOT) -> tuple[tuple, list, list]:
    """A first build of ours without the PDF from an empty render cache (it renders the crisis
    cards, draws the icons, purges the stylesheet and checks the schemas), and a first build
    without our code (it compiles the templates), then our build with the cache it left,
    alternating with the build without our code, so both meet the same load."""
    bare_config = temp / "mkdocs-without-our-code.yml"
    write_config_without_our_code(project, bare_config)
    cache = temp / "render-cache"
    first = build(temp / "first", with_pdf=False, project=project, cache=cache)
    build(temp / "bare-first", with_pdf=False, project=project, config=bare_config)
    ours, bare = [], []
    for n in range(runs):
        ours.append(build(temp / f"plain-{n}", with_pdf=False, project=project, cache=cache))
        bare.append(build(temp / f"bare-{n}", with_pdf=False, project=project, config=bare_config))
    return first, ours, bare


# One build in this process with its CPU time split by who spends it: each plugin's events, Python-
# Markdown's conversion (our extensions run inside it, on the pages' Markdown), Jinja's rendering
# and reading the config; a part that runs inside another is counted once, in the inner one.
# What is left is MkDocs' own work and starting Python. Printed as JSON on the last line of stdout.
WHERE = r"""
import collections, json, sys, time
import jinja2, markdown, mkdocs.plugins
from mkdocs.commands.build import build
from mkdocs.config import load_config

parts, inner = collections.Counter(), [0.0]

def timed(label, call, *args, **kwargs):
    start, outer_inner = time.process_time(), inner[0]
    inner[0] = 0.0
    try:
        return call(*args, **kwargs)
    finally:
        spent = time.process_time() - start
        parts[label] += spent - inner[0]
        inner[0] = outer_inner + spent

def run_event(self, name, item=None, **kwargs):  # as MkDocs 1.6's, with each plugin's event timed
    for method in self.events[name]:
        self._current_plugin = self._event_origins.get(method, "<unknown>")
        args = () if item is None else (item,)
        result = timed("plugin " + self._current_plugin, method, *args, **kwargs)
        if result is not None:
            item = result
    self._current_plugin = None
    return item

mkdocs.plugins.PluginCollection.run_event = run_event
convert, render = markdown.Markdown.convert, jinja2.Template.render
markdown.Markdown.convert = lambda self, text: timed("Markdown conversion", convert, self, text)
jinja2.Template.render = lambda self, *a, **k: timed("Jinja rendering", render, self, *a, **k)
config = timed("reading the config", load_config, sys.argv[1], site_dir=sys.argv[2], strict=False)
config.plugins.on_startup(command="build", dirty=False)
timed("MkDocs and the rest", build, config)
parts["MkDocs and the rest"] += time.process_time() - sum(parts.values())
print(json.dumps(parts))
"""


def where_time_goes(project: Path, config: Path, site_dir: Path, cache: Path | None = None) -> dict[str, float]:
    """CPU seconds of one build by part (WHERE), with the render cache given (or none)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "TOOLKIT_PDF": "0"}
    if cache:
        env["TOOLKIT_RENDER_CACHE"] = str(cache)
    result = subprocess.run(
        [sys.executable, "-c", WHERE, str(config), str(site_dir)], cwd=project, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"in-process build of {config} failed:\n{result.stderr}")
    return json.loads(result.stdout.splitlines()[-1])


def print_where_time_goes(temp: Path, project: Path = ROOT, runs: int = 3) -> None:
    """Our build and the same pages without our code, split by part, side by side: each part's
    median over `runs` builds of each, alternating."""
    ours_runs, bare_runs = [], []
    for _ in range(runs):
        ours_runs.append(where_time_goes(project, project / "mkdocs.yml", temp / "where-ours", temp / "render-cache"))
        bare_runs.append(where_time_goes(project, temp / "mkdocs-without-our-code.yml", temp / "where-bare"))
    ours, bare = (
        {part: statistics.median(run.get(part, 0) for run in each) for part in set().union(*each)}
        for each in (ours_runs, bare_runs)
    )
    print(f"Where one build's CPU time goes (in-process, median of {runs} build(s) of each, seconds):")
    print(f"  {'':<32} {'ours':>6} {'without':>8}")
    for part in sorted(ours.keys() | bare.keys(), key=lambda p: -ours.get(p, 0)):
        mine, theirs = ours.get(part, 0), bare.get(part, 0)
        if max(mine, theirs) >= 0.005:  # not the hook that keeps the bare build's templates compiled
            print(f"  {part:<32} {mine:6.2f} {theirs:8.2f}")
    print(f"  {'all':<32} {sum(ours.values()):6.2f} {sum(bare.values()):8.2f}")


def median(times: list[tuple[float, float]], which: int) -> float:
    return statistics.median(t[which] for t in times)


def print_ratio(ours: list, bare: list, label: str = "ours", against: str = "without our code") -> None:
    """Our time over the time without our code. Builds run in pairs (side_by_side) are compared
    pair by pair, each with the build that met the same load, and the median ratio printed: on a
    shared machine whose speed drifts this is steadier than the ratio of the two medians. Beside
    it, the fastest build of each against the other's: other work on the machine only ever slows
    a build (even its CPU time, through shared caches), so the fastest is the least disturbed."""
    for clock, which in (("wall clock", 0), ("CPU", 1)):
        if len(ours) == len(bare):
            ratio = statistics.median(mine[which] / theirs[which] for mine, theirs in zip(ours, bare, strict=True))
        else:
            ratio = median(ours, which) / median(bare, which)
        fastest = min(t[which] for t in ours) / min(t[which] for t in bare)
        print(f"  {label} / {against}, {clock:<10}  {ratio:5.2f}   (fastest of each {fastest:.2f})")


def print_times(label: str, times: list) -> None:
    walls = [t[0] for t in times]
    print(
        f"  {label:<30} {median(times, 0):6.2f} s   ({min(walls):.2f}-{max(walls):.2f})   CPU {median(times, 1):6.2f} s"
    )


def synthetic(pages: int, runs: int) -> None:
    """Per-page time of a copy with about `pages` pages, with and without our code."""
    with tempfile.TemporaryDirectory(prefix="bench-synthetic-") as temp:
        temp = Path(temp)
        made = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "make-synthetic-site.py"),
                str(temp / "project"),
                "--pages",
                str(pages),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        count = int(re.match(r"\d+", made.stdout).group())
        print(f"Synthetic copy, {count} pages, {runs} build(s) of each without the PDF (median):")
        first, ours, bare = side_by_side(temp, runs, project=temp / "project")
        print_times("our first build (empty cache)", [first])
        print_times("our build", ours)
        print_times("same pages without our code", bare)
        print_ratio([first], bare, "first")
        print_ratio(ours, bare)
        for label, which in (("wall clock", 0), ("CPU", 1)):
            per_page_ours, per_page_bare = median(ours, which) / count * 1000, median(bare, which) / count * 1000
            share = 1 - median(bare, which) / median(ours, which)
            print(
                f"  per page, {label:<10}  {per_page_ours:5.1f} ms (without our code {per_page_bare:5.1f} "
                f"ms): our share {share:.0%}"
            )
        print_where_time_goes(temp, project=temp / "project", runs=1)


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
    parser.add_argument(
        "--synthetic",
        type=int,
        metavar="PAGES",
        nargs="?",
        const=1000,
        help="only compare builds of a synthetic copy with about PAGES pages (default 1000), --runs of each",
    )
    parser.add_argument(
        "--synthetic-runs",
        type=int,
        default=3,
        help="builds of each kind on the synthetic copy (default 3; 0 leaves the copy out)",
    )
    parser.add_argument(
        "--ratios",
        action="store_true",
        help="only the comparisons with the same pages without our code, on the real site and the synthetic copy",
    )
    args = parser.parse_args()
    # Our package as bytecode, as scripts/setup-env leaves it (`make site` and `make bench` run it):
    # where PYTHONDONTWRITEBYTECODE is set and a source changed since, every build would compile
    # the changed files again (all of them: about 75 ms a build, a tenth of the real site's), a cost
    # of running this script by itself after an edit, not of our code.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "saferpolitics")], check=True)
    if args.synthetic:
        synthetic(args.synthetic, args.runs)
        return
    real_site(args.runs, everything=not args.ratios)
    if args.synthetic_runs > 0:
        synthetic(1000, args.synthetic_runs)


def print_rendered_pages_ratio(temp: Path, runs: int, bare: list) -> None:
    """Our build side by side with the pages as our code renders them, built without our code;
    and those pages against their sources without our code (bare): what the content our blocks
    add costs Python-Markdown, the theme, search and print-site, with no code of ours running."""
    write_rendered_pages(ROOT, temp / "rendered-docs", temp / "rendered-site")
    config = temp / "mkdocs-rendered-pages.yml"
    write_config_without_our_code(ROOT, config, docs_dir=temp / "rendered-docs")
    build(temp / "rendered-first", with_pdf=False, config=config)
    ours, rendered = [], []
    for n in range(runs):
        ours.append(build(temp / f"again-{n}", with_pdf=False, cache=temp / "render-cache"))
        rendered.append(build(temp / f"rendered-{n}", with_pdf=False, config=config))
    print_times("rendered pages without our code", rendered)
    print_ratio(ours, rendered, against="rendered pages without our code")
    print_ratio(rendered, bare, "rendered pages", "their sources (content alone)")


def real_site(runs: int, everything: bool = True) -> None:
    """The real site's builds side by side with the same pages without our code; with everything,
    the PDF builds, peak memory, page weights, the offline copy and the PDF's figures too."""
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        temp = Path(temp)
        print(f"Builds, {runs} of each (median wall clock, min-max; median CPU):")
        first, without, bare = side_by_side(temp, runs)
        print_times("without PDF, empty cache", [first])
        print_times("strict, without PDF", without)
        print_times("same pages without our code", bare)
        print_ratio([first], bare, "first")
        print_ratio(without, bare)
        print_rendered_pages_ratio(temp, runs, bare)
        print_where_time_goes(temp)
        if not everything:
            return
        # Cold: each build starts from an empty PDF cache. Warm: the cache the last cold build left.
        cold = [build(temp / f"pdf-{n}", with_pdf=True, cache=temp / f"cache-{n}") for n in range(runs)]
        warm = [build(temp / f"warm-{n}", with_pdf=True, cache=temp / f"cache-{runs - 1}") for n in range(runs)]
        print_times("strict, PDF cold", cold)
        print_times("strict, PDF warm", warm)
        print(
            f"  PDF adds {median(cold, 0) - median(without, 0):6.2f} s cold, "
            f"{median(warm, 0) - median(without, 0):.2f} s warm"
        )
        for label, builds in (("cold", cold), ("warm", warm)):
            steps = [step for _, _, step, _ in builds if step]
            hows = {step[0] for step in steps}
            seconds = [step[1] for step in steps]
            # CPU time moves less than wall time when other work shares the cores.
            cpu = [step[2] for step in steps]
            print(
                f"PDF step, {label} ({', '.join(sorted(hows))}): median {statistics.median(seconds):.2f} s "
                f"({min(seconds):.2f}-{max(seconds):.2f}), {statistics.median(cpu):.2f} s CPU"
            )
        print("Peak memory of one build (max RSS, median):")
        for label, builds in (
            ("without PDF, empty cache", [first]),
            ("without PDF", without),
            ("PDF, cold", cold),
            ("PDF, warm", warm),
        ):
            print(f"  {label:<25} {statistics.median(b[3] for b in builds):6.0f} MB")

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
            print(
                f"  (print page, the whole toolkit in one page, not held to the budget: {total_kb:.1f} KB, "
                f"HTML {html_kb:.1f})"
            )
        index = next(site.glob("search/search_index.json"), None)
        if index:
            print(f"  (search index, fetched by the search worker after load: {gzip_kb(index):.1f} KB gzip)")
        extras = [p.relative_to(site).as_posix() for p in site.rglob("*.map")]
        # English search needs no lunr language pack: any file under lunr/min is unused weight.
        extras += [p.relative_to(site).as_posix() for p in site.glob("**/lunr/min/*.js")]
        print(
            "Source maps and lunr language packs shipped: "
            f"{len(extras)}{': ' + ', '.join(extras[:5]) if extras else ''}"
        )

        entries = offline.precache_entries(site)
        stored = [e for e in entries if not e.on_request]
        stored_kb = offline.stored_bytes(entries) / 1024
        download_kb = sum(gzip_kb(site / e.path) for e in stored)
        flag = "" if stored_kb * 1024 <= offline.OFFLINE_BUDGET_BYTES else "  OVER BUDGET"
        print(
            f"Offline copy (service worker, budget {offline.megabytes(offline.OFFLINE_BUDGET_BYTES)} without the PDF):"
        )
        print(
            f"  stored after one visit  {len(stored)} files, {stored_kb:.0f} KB ({download_kb:.0f} KB gzip to "
            f"download){flag}"
        )
        for entry in (e for e in entries if e.on_request):
            print(f"  on request only         {entry.path}, {entry.size / 1024:.0f} KB")
        worker = site / offline.WORKER_PATH
        print(
            f"  service-worker.js       {worker.stat().st_size / 1024:.1f} KB, {gzip_kb(worker):.1f} KB gzip "
            "(with its file list)"
        )
        pdf_file = site / PDF_PATH
        from pypdf import PdfReader

        print(
            f"PDF: {PDF_PATH}: {len(PdfReader(pdf_file).pages)} pages, {pdf_file.stat().st_size / 1024:.0f} "
            f"KB ({headroom(pdf_file.stat().st_size)})"
        )
        # The protocol builder's office documents (README.md, "Office documents").
        for card in sorted(CARDS):
            print(
                f"Crisis card: {card}: {len(PdfReader(site / card).pages)} page(s), "
                f"{(site / card).stat().st_size / 1024:.0f} KB"
            )
        print(
            f"Word writer, loaded when its button is pressed: {gzip_kb(site / 'assets/js/docx-writer.js'):.1f} KB gzip"
        )


if __name__ == "__main__":
    main()
