"""Shared fixtures: the real site is built once per test session, then read by many tests.

The real site (with the PDF) takes a while to build and its PDF a while to read: both start in the
background when the session starts (see _Background), and the tests that need them run after the
others.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from saferpolitics.core import render_cache
from saferpolitics.post_build.crisis_cards import STYLESHEETS as CARD_STYLESHEETS
from saferpolitics.post_build.offline import root_colours
from saferpolitics.post_build.pipeline import PostBuild

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark browser tests without anyone having to: every test under tests/browser/ and every test
    that opens Chromium (the `browser` fixture, also behind `page` and `tab`). `make test-fast`
    deselects them with `-m "not browser"`; `make test` runs them.

    Then run the tests that need no background job first, then those that do, in the order the
    jobs finish (the real site, its PDF text... the Markdown lint), browser tests last, so each
    job has the time of the tests before to finish; the order within each group is kept."""
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    if any(item.get_closest_marker("browser") for item in items) and not _chromium():
        pytest.exit(
            CHROMIUM_MISSING, returncode=pytest.ExitCode.USAGE_ERROR
        )  # before any test, not at the first browser test
    items.sort(key=lambda item: (item.get_closest_marker("browser") is not None, _last_background_job(item)))


def run_mkdocs_build(config_file: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict build the way maintainers do (never with -q, which hides warnings)."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config_file), "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=config_file.parent,
    )


# A tiny project's data: the real files, but no checklists and one synonym (the real ones name the
# real pages, which a tiny project does not have), and a first hour that names no registry entry.
TINY_FIRST_HOUR = """\
title: The first hour
lists:
  abuse:
    card_heading: When abuse starts
    steps:
      - step: "**Check everyone is safe.** If anyone is in danger, call [999](tel:999)."
    sources: [police-uk-home]
report:
  - what: Anyone is in immediate danger
    where: "Police: 999"
contacts:
  - label: Emergency contact, day and night
    field: emergency_contact
"""
TINY_DATA = {
    "checklists.yml": "[]\n",
    "search-synonyms.yml": "synonyms:\n  - words: [home page]\n    page: index.md\n",  # every tiny site has index.md
    "first-hour.yml": TINY_FIRST_HOUR,
}


# A protocol template's two fields, a text and a select, for tests that add the template's lines.
NAME_AND_ROLE_FIELDS = """\
fields:
  - id: name
    label: Name
    type: text
    blank: "[Name]"
  - id: role
    label: Role
    type: select
    blank: "[Role]"
    options: [MP, candidate]
template: |
"""


# The abbreviations a crisis card uses for the office's routes and helplines: each is spelled out
# where it first appears on a card (a printing review found none spelled out on paper).
CARD_ABBREVIATIONS = ("PLaIT", "MSSS", "ICO", "IPSA", "EAP", "FEOA")


def unexplained_abbreviations(text: str) -> list[str]:
    """The card abbreviations whose first appearance in text is not spelled out, "words (FEOA)"."""
    found = {abbreviation: re.search(rf"\b{abbreviation}\b", text) for abbreviation in CARD_ABBREVIATIONS}
    return [
        abbreviation
        for abbreviation, first in found.items()
        if first and not re.search(r"\w[\w' -]* \($", text[: first.start()])
    ]


def tiny_project(
    folder: Path,
    pages: dict[str, str],
    data: dict[str, str] | None = None,
    config: str = "",
    review_dates: bool = False,
    report_unused_links: bool = False,
) -> Path:
    """A tiny project with our plugin: the given pages under docs/, the real data files (with
    TINY_DATA, then `data`, in place of some), the plugin's app settings from mkdocs.yml, and `config` (YAML
    lines: a theme, plugins, markdown_extensions...). Without `plugins:` in `config` the plugin
    is the only one. Unless asked for, registry entries no page uses are not reported (a tiny
    site uses a few) and review dates are off. Returns the config file."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    (folder / "data").mkdir(exist_ok=True)
    for source in (ROOT / "data").iterdir():
        if source.is_file():
            (folder / "data" / source.name).write_bytes(source.read_bytes())
    for name, text in {**TINY_DATA, **(data or {})}.items():
        (folder / "data" / name).write_text(text, encoding="utf-8")
    # Every build makes the crisis cards: from their stylesheets, and once per session (the
    # project's render cache, where the same card is found again).
    for stylesheet in CARD_STYLESHEETS:
        (folder / "docs" / stylesheet).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / stylesheet).write_bytes((ROOT / "docs" / stylesheet).read_bytes())
    _share_render_cache(folder)
    # The app's settings as the project's, but its colour as the identity stylesheet sets it: a
    # tiny site lists its own stylesheets.
    identity = root_colours((ROOT / "docs" / "assets" / "css" / "identity.css").read_text(encoding="utf-8"))
    app = {**project_plugin_options()["app"], "theme_colour": identity["--sp-brand"]}
    options = {"app": app, "report_unused_links": report_unused_links}
    options["review_dates"] = review_dates
    plugin = f"saferpolitics: {json.dumps(options)}"
    if "plugins:" in config:
        config = config.replace("plugins: [", f"plugins: [{{{plugin}}}, ", 1)
    else:
        config += f"\nplugins: [{{{plugin}}}]"
    if "theme:" not in config:
        # MkDocs' own theme, without the highlight.js it would ask another website for (the build stops that).
        config = "theme: {name: mkdocs, highlightjs: false}\n" + config
    text = f"site_name: Tiny\nstrict: true\n{config}\n"
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    return folder / "mkdocs.yml"


def bare_post_build(**values) -> PostBuild:
    """A post-build record with nothing in it but the values given: for a test of one step."""
    empty = {"site_description": "", "site_author": "", "site_url": "", "extra_css": [], "scripts": []}
    empty |= {"page_assets": {}, "palette_colours": [], "theme_dirs": [], "app": {}, "pdf": {"enabled": False}}
    return PostBuild(**{"project_root": ".", "site_name": "Toolkit", "serve": False, **empty, **values})


def project_copy(destination: Path) -> Path:
    """A copy of the real project (its pages, data, templates, package and mkdocs.yml) to build
    with a change, sharing the project's render cache as tiny projects do, so the crisis cards,
    icons and schema passes of unchanged inputs are not made again. Returns the config file."""
    for name in ("docs", "data", "overrides", "saferpolitics"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    _share_render_cache(destination)
    return destination / "mkdocs.yml"


def _share_render_cache(project: Path) -> None:
    (ROOT / render_cache.FOLDER).mkdir(exist_ok=True)
    (project / render_cache.FOLDER).symlink_to(ROOT / render_cache.FOLDER)


class _CliFormat(logging.Formatter):
    """MkDocs' console format (`WARNING -  message`), without colours or wrapping, as in CI logs."""

    def format(self, record):
        return f"{record.levelname:<8}-  {super().format(record)}"


def build_in_process(
    config_file: Path, site_dir: Path, env: dict | None = None, strict: bool = True, dirty: bool = False
) -> subprocess.CompletedProcess:
    """The same strict build as run_mkdocs_build, inside this process, with the same result: exit
    status, MkDocs' log lines on stderr, its "Aborted with ..." on stdout, a traceback on stderr if
    anything raises. For tiny sites where the messages, not the command line, are what is tested:
    it saves starting Python and importing MkDocs, Material and our plugin for every build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    stderr, stdout, returncode = io.StringIO(), "", 0
    handler = logging.StreamHandler(stderr)
    handler.setFormatter(_CliFormat())
    logger = logging.getLogger("mkdocs")
    saved_logger = logger.level, logger.propagate
    # Plugins may leave logging filters behind (ours does: saferpolitics/engine/link_messages.py):
    # no build sees another's.
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    saved_filters = {log: list(log.filters) for log in loggers}
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    os.environ.update(env or {})
    os.chdir(config_file.parent)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except Abort as error:
        stdout, returncode = f"\n{error.format_message()}\n", 1
    except Exception:
        stderr.write(traceback.format_exc())
        returncode = 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        logger.removeHandler(handler)
        logger.setLevel(saved_logger[0])
        logger.propagate = saved_logger[1]
        for log in [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]:
            log.filters[:] = saved_filters.get(log, [])
    command = ["mkdocs", "build", *(["--strict"] if strict else []), *(["--dirty"] if dirty else [])]
    return subprocess.CompletedProcess(command, returncode, stdout, stderr.getvalue())


# Run in a subprocess so it uses the second core: pypdf reads the PDF's text in pure Python.
_READ_PDF = Path(__file__).with_name("pdf_layout.py")
PROPERDOCS = [sys.executable, "-m", "properdocs"]
TOUR_TIMEOUT = 30 * 60  # seconds: about 3 minutes on a 2-core machine, so a tour this long is stuck
VNU = ROOT / ".venv" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class _Background:
    """The slow shared work (builds of the real site, reading the PDF's text, the page tour),
    started when the session starts. Each job is a subprocess, so the tests that need none of
    them run on the other core meanwhile. The jobs are done one after another in a background
    thread, except the page tour, which has a thread of its own: it keeps a browser busy for
    minutes, and waiting behind it would hold up every other job. A fixture of the same name
    waits for its job; only the jobs some selected test needs are started."""

    JOBS = (
        "site_build",
        "pdf_pages",
        "site_without_pdf_build",
        "properdocs_build",
        "vnu_messages",
        "internal_links_check",
        "markdown_lint",
        "tour",
    )
    ALONGSIDE = {"tour"}

    def __init__(self, folder: Path, wanted: set[str]):
        self.folder = folder
        # One build date for the builds that are compared (MkDocs dates the sitemap by the day).
        self.same_date = {"SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(int(time.time())))}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="background-build")
        self._alongside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="page-tour")
        self._jobs: dict[str, Future] = {}
        self._server: http.server.ThreadingHTTPServer | None = None
        self._server_lock = threading.Lock()
        for name in self.JOBS:
            if name in wanted:
                self.result_of(name, wait=False)

    def result_of(self, name: str, wait: bool = True):
        if name not in self._jobs:
            worker = self._alongside if name in self.ALONGSIDE else self._worker
            self._jobs[name] = worker.submit(getattr(self, "_" + name))
        return self._jobs[name].result() if wait else None

    def site_url(self) -> str:
        """The real site served on 127.0.0.1 (loopback only): one server for the whole session."""
        with self._server_lock:
            if self._server is None:
                self._server = serve_directory(self.result_of("site_build").site_dir)
        return f"http://127.0.0.1:{self._server.server_port}/"

    def _site_build(self) -> subprocess.CompletedProcess:
        """The real site, strictly, with the PDF: what `make site` builds."""
        result = run_mkdocs_build(ROOT / "mkdocs.yml", self.folder / "site")
        result.site_dir = self.folder / "site"
        return result

    def _pdf_pages(self) -> str:
        """Each PDF page's text and where its text is drawn, as JSON (tests/pdf_layout.py), or why
        there is none (the pdf_file fixture then says what is wrong)."""
        from saferpolitics.post_build.pdf import PDF_PATH

        pdf = self.result_of("site_build").site_dir / PDF_PATH
        if not pdf.is_file():
            return "no PDF was built"
        read = subprocess.run([sys.executable, str(_READ_PDF), str(pdf)], capture_output=True, text=True)
        return read.stdout if read.returncode == 0 else f"pypdf could not read the PDF:\n{read.stderr}"

    def _site_without_pdf_build(self) -> subprocess.CompletedProcess:
        """The real site with the switch that skips the PDF (TOOLKIT_PDF=0), as `make serve` has it."""
        result = run_mkdocs_build(
            ROOT / "mkdocs.yml", self.folder / "site-without-pdf", env={"TOOLKIT_PDF": "0", **self.same_date}
        )
        result.site_dir = self.folder / "site-without-pdf"
        return result

    def _properdocs_build(self) -> subprocess.CompletedProcess:
        """The same build as site_without_pdf_build, by ProperDocs (the maintained MkDocs 1.x)."""
        site_dir = self.folder / "site-properdocs"
        result = subprocess.run(
            [*PROPERDOCS, "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site_dir)],
            capture_output=True,
            text=True,
            env={**os.environ, "TOOLKIT_PDF": "0", "DISABLE_MKDOCS_2_WARNING": "true", **self.same_date},
            cwd=ROOT,
        )
        result.site_dir = site_dir
        return result

    def _vnu_messages(self) -> list[dict] | str:
        """The Nu HTML Checker's errors on every page of the real site (one Java process for all
        of them), or why it could not run (the vnu_messages fixture then fails with it)."""
        java = shutil.which("java")
        if not java or not VNU.is_file():
            return (
                "The HTML checker needs Java and vnu.jar: run `make env-test` "
                "(it installs both, or prints the apt-get line)."
            )
        pages = sorted(str(p) for p in self.result_of("site_build").site_dir.rglob("*.html"))
        result = subprocess.run(
            [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True
        )
        return json.loads(result.stderr or "{}").get("messages", [])

    def _internal_links_check(self) -> subprocess.CompletedProcess:
        """linkchecker over the real site and its print page, served on 127.0.0.1 (test_linkchecker.py)."""
        from test_linkchecker import run_linkchecker  # here: that module imports this one

        url = self.site_url()
        return run_linkchecker(self.folder, url, url + "print_page/")

    def _markdown_lint(self) -> subprocess.CompletedProcess:
        """pymarkdown over the prose (test_lint.py); in the background as it needs no build but
        takes several seconds of the other core."""
        from test_lint import scan_markdown  # here: that module imports this one

        return scan_markdown()

    def _tour(self) -> dict | str:
        """The page tour (browser/tour.py) of the served site in every colour scheme and width,
        by a Python and a Chromium of their own, or why it could not finish (the tour fixture
        then fails with it)."""
        from browser import tour as page_tour  # here: that package's conftest imports this module

        if self.result_of("site_build").returncode != 0:
            return "the strict build of the real site failed, so there is no site to tour"
        config = read_mkdocs_config()
        asked = {
            "pages": page_tour.reader_pages(self.site_url(), config),
            "menu_changes": page_tour.pages_where_the_menu_changes(config["nav"]),
        }
        try:
            result = subprocess.run(
                [sys.executable, "-m", "browser.tour"],
                input=json.dumps(asked),
                capture_output=True,
                text=True,
                cwd=ROOT / "tests",
                timeout=TOUR_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            return f"the page tour did not finish in {TOUR_TIMEOUT // 60} minutes: Chromium or a page is stuck"
        if result.returncode != 0:
            return f"the page tour stopped:\n{result.stderr}"
        return page_tour.read_walks(result.stdout)

    def close(self) -> None:
        self._alongside.shutdown(wait=True, cancel_futures=True)
        self._worker.shutdown(wait=True, cancel_futures=True)
        if self._server is not None:
            self._server.shutdown()


def _last_background_job(item) -> int:
    """1 + the place in _Background.JOBS of the last job the test waits for; 0 if it needs none."""
    needed = set(getattr(item, "fixturenames", ()))
    return max((place + 1 for place, name in enumerate(_Background.JOBS) if name in needed), default=0)


@pytest.fixture(scope="session", autouse=True)
def background(request, tmp_path_factory):
    """Starts the slow shared jobs the selected tests need, as soon as the session starts."""
    wanted = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    jobs = _Background(tmp_path_factory.mktemp("real-site"), wanted)
    yield jobs
    jobs.close()


@pytest.fixture(scope="session")
def site_build(background) -> subprocess.CompletedProcess:
    """The result of the strict build of the real site, with the PDF (waits for it to finish)."""
    return background.result_of("site_build")


@pytest.fixture(scope="session")
def site_without_pdf_build(background) -> subprocess.CompletedProcess:
    """The result of the strict build of the real site with TOOLKIT_PDF=0 (the PDF skipped)."""
    return background.result_of("site_without_pdf_build")


@pytest.fixture(scope="session")
def properdocs_build(background) -> subprocess.CompletedProcess:
    """The result of ProperDocs' strict build of the real site with TOOLKIT_PDF=0."""
    return background.result_of("properdocs_build")


@pytest.fixture(scope="session")
def site_dir(site_build) -> Path:
    assert site_build.returncode == 0, f"strict build failed:\n{site_build.stderr}"
    return site_build.site_dir


def read_mkdocs_config() -> dict:
    """mkdocs.yml as data. It uses !!python/name tags in places; a permissive loader is enough to
    read the nav and settings."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def project_plugin_options() -> dict:
    """The saferpolitics plugin's settings in mkdocs.yml."""
    for entry in read_mkdocs_config()["plugins"]:
        if isinstance(entry, dict) and "saferpolitics" in entry:
            return entry["saferpolitics"]
    raise AssertionError("mkdocs.yml lists the saferpolitics plugin without its settings")


@pytest.fixture(scope="session")
def mkdocs_config() -> dict:
    return read_mkdocs_config()


def flatten_nav(items) -> list[str]:
    pages = []
    for item in items:
        if isinstance(item, str):
            pages.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                pages.extend(flatten_nav(value) if isinstance(value, list) else [value])
    return [p for p in pages if isinstance(p, str) and not p.startswith(("http://", "https://"))]


@pytest.fixture(scope="session")
def nav_pages(mkdocs_config) -> list[str]:
    """Markdown paths (relative to docs/) of every page in the navigation."""
    return flatten_nav(mkdocs_config["nav"])


def built_html_path(site_dir: Path, md_path: str) -> Path:
    """Where MkDocs (use_directory_urls) writes the page built from docs/<md_path>."""
    stem = md_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return site_dir / stem[: -len("index")] / "index.html"
    return site_dir / stem / "index.html"


@pytest.fixture(scope="session")
def nav_html(site_dir, nav_pages) -> dict[str, Path]:
    return {md: built_html_path(site_dir, md) for md in nav_pages}


@functools.cache
def read_page(path: Path):
    """The built HTML file at path, parsed once per test session (BeautifulSoup, html.parser).
    Shared by every test that reads pages: read from it, never change it."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def page_soup():
    """page_soup(path) -> read_page(path): one parse of each built page for the whole session."""
    return read_page


@pytest.fixture(scope="session")
def first_hour():
    """data/first-hour.yml as the build reads it: the steps every page, card and the PDF show."""
    from saferpolitics.markdown_stage.first_hour import parse_first_hour
    from saferpolitics.markdown_stage.protocol import parse_template
    from saferpolitics.markdown_stage.registry import load_registry

    registry, _ = load_registry(ROOT / "data" / "links.yml", ROOT)
    template, _ = parse_template((ROOT / "data" / "protocol-template.yml").read_text(encoding="utf-8"))
    parsed, problems = parse_first_hour(
        (ROOT / "data" / "first-hour.yml").read_text(encoding="utf-8"), registry, {f.id for f in template.fields}
    )
    assert problems == []
    return parsed


@pytest.fixture(scope="session")
def pdf_file(site_dir) -> Path:
    from saferpolitics.post_build.pdf import PDF_PATH

    path = site_dir / PDF_PATH
    assert path.is_file(), f"the build wrote no PDF at {PDF_PATH}"
    return path


@pytest.fixture(scope="session")
def pdf(pdf_file):
    """The toolkit PDF as pypdf reads it (pypdf.PdfReader)."""
    from pypdf import PdfReader

    return PdfReader(pdf_file)


@pytest.fixture(scope="session")
def pdf_pages(pdf_file, background) -> list:
    """Each PDF page as tests/pdf_layout.py reads it (its text, and the place and size of each run
    of text), read once per session in the background (it takes 10 s or more): use this rather
    than reading the PDF's text again."""
    from pdf_layout import from_json

    read = background.result_of("pdf_pages")
    if not read.startswith("["):
        pytest.fail(read, pytrace=False)
    return from_json(read)


@pytest.fixture(scope="session")
def pdf_pages_text(pdf_pages) -> list[str]:
    """The text of each PDF page as pypdf extracts it."""
    return [page.text for page in pdf_pages]


@pytest.fixture(scope="session")
def pdf_reading_text(pdf_pages) -> list[str]:
    """The text of each PDF page between its margins, in reading order (pdf_layout.reading_text):
    for text that may run on from one sheet to the next."""
    from pdf_layout import page_margins, reading_text

    top, _, bottom, _ = page_margins((ROOT / "docs/assets/css/print.css").read_text(encoding="utf-8"))
    return [reading_text(page, top, bottom) for page in pdf_pages]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass

    def send_error(self, code, message=None, explain=None):
        # As the site's host does: a missing address gets the site's own 404 page.
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        # linkchecker waits 0.1-0.6 s between requests to a host unless the host sends this header.
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()


def serve_directory(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve a folder over HTTP on 127.0.0.1 (loopback only) from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site_url(site_dir, background) -> str:
    """The built site served over HTTP on 127.0.0.1 (loopback only), by the server the
    background jobs use too."""
    return background.site_url()


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


CHROMIUM_MISSING = (
    "The browser tests need Chromium, which is not installed. Install it with: sudo apt-get install chromium "
    "(`make test` does it when run as root), or set CHROMIUM_PATH to a Chromium executable. "
    'To run every other test: make test-fast (pytest -m "not browser").'
)


def _chromium() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


def chromium_path() -> str:
    path = _chromium()
    if not path:
        pytest.fail(CHROMIUM_MISSING, pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Never skipped: if it cannot start, the run fails."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        except Exception as error:  # any launch failure must fail the run, clearly
            pytest.fail(f"Chromium at {path} could not start: {error}", pytrace=False)
        yield instance
        instance.close()


# Material's search worker builds the search index from scratch on every page load: about a third
# of a CPU-second here, as much as the page itself. Where nothing searches or reads what a page
# requests, this script gives the page a worker that does nothing in place of the one the page
# starts (ours, docs/assets/javascripts/workers/search-worker.js, which runs Material's).
WITHOUT_THE_SEARCH_WORKER = r"""
(() => {
  const RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (/\/search-worker\.js$/.test(new URL(url, location.href).pathname)) {
      return new (class extends EventTarget { postMessage() {} terminate() {} })();
    }
    return new RealWorker(url, options);
  };
})();
"""


def fresh_context(browser, **options):
    """A browser context for one test, where neither of the site's background workers runs: the
    offline worker, which on a first visit downloads the whole toolkit (83 files, 2.5 MB from our
    test server), and Material's search worker (WITHOUT_THE_SEARCH_WORKER). No such test reads
    what they do, and every page load paid for them. The tests that search, the offline tests and
    the page tour's two variants that the privacy test reads (tour.WITH_THE_WORKERS) keep both."""
    context = browser.new_context(service_workers="block", **options)
    context.add_init_script(WITHOUT_THE_SEARCH_WORKER)
    return context


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test: no shared storage or cookies."""
    context = fresh_context(browser)
    page = context.new_page()
    yield page
    context.close()
