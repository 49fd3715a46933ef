"""Shared fixtures: the real site is built once per test session, then read by many tests."""

from __future__ import annotations

import functools
import http.server
import io
import logging
import os
import subprocess
import sys
import threading
import traceback
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Mark browser tests without anyone having to: every test under tests/browser/ and every test
    that opens Chromium (the `browser` fixture, also behind `page` and `tab`). `make test-fast`
    deselects them with `-m "not browser"`; `make test` runs them."""
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def run_mkdocs_build(config_file: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict build the way maintainers do (never with -q, which hides warnings)."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config_file), "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=config_file.parent,
    )


class _CliFormat(logging.Formatter):
    """MkDocs' console format (`WARNING -  message`), without colours or wrapping, as in CI logs."""

    def format(self, record):
        return f"{record.levelname:<8}-  {super().format(record)}"


def build_in_process(config_file: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The same strict build as run_mkdocs_build, inside this process, with the same result: exit
    status, MkDocs' log lines on stderr, its "Aborted with ..." on stdout, a traceback on stderr if
    anything raises. For tiny sites where the messages, not the command line, are what is tested:
    it saves starting Python and importing MkDocs, Material and the hooks for every build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    stderr, stdout, returncode = io.StringIO(), "", 0
    handler = logging.StreamHandler(stderr)
    handler.setFormatter(_CliFormat())
    logger = logging.getLogger("mkdocs")
    saved_logger = logger.level, logger.propagate
    # Hooks may leave logging filters behind (hooks/link_messages.py does): no build sees another's.
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    saved_filters = {log: list(log.filters) for log in loggers}
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    os.environ.update(env or {})
    os.chdir(config_file.parent)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
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
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict"], returncode, stdout, stderr.getvalue())


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> subprocess.CompletedProcess:
    site_dir = tmp_path_factory.mktemp("real-site") / "site"
    result = run_mkdocs_build(ROOT / "mkdocs.yml", site_dir)
    result.site_dir = site_dir
    return result


@pytest.fixture(scope="session")
def site_dir(site_build) -> Path:
    assert site_build.returncode == 0, f"strict build failed:\n{site_build.stderr}"
    return site_build.site_dir


@pytest.fixture(scope="session")
def mkdocs_config() -> dict:
    # mkdocs.yml uses !!python/name tags in places; a permissive loader is enough to read nav.
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _flatten_nav(items) -> list[str]:
    pages = []
    for item in items:
        if isinstance(item, str):
            pages.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                pages.extend(_flatten_nav(value) if isinstance(value, list) else [value])
    return [p for p in pages if isinstance(p, str) and not p.startswith(("http://", "https://"))]


@pytest.fixture(scope="session")
def nav_pages(mkdocs_config) -> list[str]:
    """Markdown paths (relative to docs/) of every page in the navigation."""
    return _flatten_nav(mkdocs_config["nav"])


def built_html_path(site_dir: Path, md_path: str) -> Path:
    """Where MkDocs (use_directory_urls) writes the page built from docs/<md_path>."""
    stem = md_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return site_dir / stem[: -len("index")] / "index.html"
    return site_dir / stem / "index.html"


@pytest.fixture(scope="session")
def nav_html(site_dir, nav_pages) -> dict[str, Path]:
    return {md: built_html_path(site_dir, md) for md in nav_pages}


@pytest.fixture(scope="session")
def pdf_file(site_dir) -> Path:
    from saferpolitics.pdf import PDF_PATH

    path = site_dir / PDF_PATH
    assert path.is_file(), f"the build wrote no PDF at {PDF_PATH}"
    return path


@pytest.fixture(scope="session")
def pdf(pdf_file):
    """The toolkit PDF as pypdf reads it (pypdf.PdfReader)."""
    from pypdf import PdfReader

    return PdfReader(pdf_file)


@pytest.fixture(scope="session")
def pdf_pages_text(pdf) -> list[str]:
    """The text of each PDF page, extracted once per session (about 10 s): use this, not extract_text()."""
    return [page.extract_text() or "" for page in pdf.pages]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass

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
def site_url(site_dir) -> str:
    """The built site served over HTTP on 127.0.0.1 (loopback only)."""
    server = serve_directory(site_dir)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    import shutil

    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "Chromium not found. Run `make test` (it installs Debian's chromium) "
            "or set CHROMIUM_PATH to a Chromium executable.",
            pytrace=False,
        )
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


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test: no shared storage or cookies."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
