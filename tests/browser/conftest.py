"""Browser-test fixtures: one Chromium (the `browser` fixture), one tab per colour scheme and width.

Reusing a tab per (scheme, width) keeps the suite to a few minutes: contexts are created once
per session and every test navigates the tab it needs. Each context starts with no storage, so
Material picks its palette from the emulated `prefers-color-scheme`, as a reader's phone would.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import fresh_context

from . import tour as page_tour

PHONE = 375
DESKTOP = 1280
WIDTHS = (PHONE, DESKTOP)
SCHEMES = ("light", "dark")
HEIGHT = {PHONE: 812, DESKTOP: 800}
# Installed in every tab: the Content-Security-Policy violations the browser itself reports.
RECORD_CSP_VIOLATIONS = """
window.__spCspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__spCspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`));
"""
# Colours as a reader sees them, for page scripts: WCAG 2's contrast ratio, the colour
# behind an element (its nearest opaque background), and a colour with transparency (Material's
# text colours) laid over what is behind it.
COLOUR_MATHS = """
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const opaque = c => { const v = rgb(c); return v.length === 3 || (v.length === 4 && v[3] > 0.5); };
  const over = (c, back) => {
    const [r, g, b, a = 1] = rgb(c), under = rgb(back);
    return `rgb(${[r, g, b].map((v, i) => v * a + under[i] * (1 - a)).join(', ')})`;
  };
  const lum = c => {
    const [r, g, b] = rgb(c).slice(0, 3).map(v => v / 255).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const behind = el => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (opaque(bg)) return bg;
    }
    return getComputedStyle(document.body).backgroundColor;
  };
"""

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"  # gitignored


def new_tab(browser, scheme: str, width: int, workers: bool = True):
    """A tab in a context of its own for that colour scheme and viewport width; with the site's
    offline and search workers, or (workers false) without them, as fresh_context has it."""
    make_context = browser.new_context if workers else functools.partial(fresh_context, browser)
    context = make_context(
        color_scheme=scheme,
        viewport={"width": width, "height": HEIGHT[width]},
        is_mobile=width == PHONE,
        has_touch=width == PHONE,
        reduced_motion="reduce",
        locale="en-GB",
    )
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    return context.new_page()


@pytest.fixture(scope="session")
def tab(browser):
    """tab(scheme, width) -> the Playwright page for that colour scheme and viewport width."""
    tabs = {}

    def get(scheme: str, width: int):
        if (scheme, width) not in tabs:
            tabs[scheme, width] = new_tab(browser, scheme, width)
        return tabs[scheme, width]

    yield get
    for page in tabs.values():
        page.context.close()


@pytest.fixture(scope="session")
def site_pages(site_url, mkdocs_config) -> list[tuple[str, str]]:
    """(name, url) of every page a reader can open, as the page tour visits them (tour.reader_pages)."""
    return page_tour.reader_pages(site_url, mkdocs_config)


@pytest.fixture(scope="session")
def tour(background, site_dir):  # site_dir: a failed build is reported as such, not as a tour that could not run
    """tour(scheme, width) -> a Visit (tour.py) to each page of site_pages in that colour scheme
    and width. The tour is a background job: it starts once the site is built and runs in a
    browser of its own beside the other tests, which run first."""
    walks = background.result_of("tour")
    if isinstance(walks, str):
        pytest.fail(walks, pytrace=False)
    return lambda scheme, width: walks[scheme, width]


def open_page(page, url: str, wait_until: str = "load") -> None:
    """Load a page. Pass wait_until="networkidle" to also wait for the search worker and index."""
    response = page.goto(url, wait_until=wait_until)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"


def same_origin(url: str, site_url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    ours, theirs = urlparse(site_url), urlparse(url)
    return (theirs.scheme, theirs.netloc) == (ours.scheme, ours.netloc)


def search(page, query: str) -> list[str]:
    """Put the query into Material's search box, as a reader pasting it would; the paths of the
    result pages shown, best first. The box is emptied first and the query put in at once, so
    the results read are the whole query's: typed letter by letter, each prefix's results can
    still arrive after the last key."""
    magnifier = page.locator("label.md-header__button[for='__search']")
    if magnifier.is_visible():  # on a phone the search box opens from the magnifier in the header
        magnifier.click()
    search_box = page.locator("input.md-search__input")
    search_box.click()
    # Material reads the box on each keyup and its worker answers in order: once the empty box's
    # answer shows, the next answer is the query's. "Type to start" only: while it still says
    # "Getting search ready", a query can be answered "No results" by the index not yet loaded
    # (CI once saw 'phishing' find nothing, the session's first query).
    for value, shown in (("", "Type to start"), (query, "results?$|No results")):
        search_box.fill(value)
        search_box.press("End")
        try:
            page.wait_for_function(
                """([value, shown]) => document.querySelector('input.md-search__input').value === value &&
                   new RegExp(shown).test(document.querySelector('.md-search-result__meta').textContent)""",
                arg=[value, shown],
                timeout=15_000,
            )
        except PlaywrightTimeoutError:
            meta = page.locator(".md-search-result__meta").text_content()
            pytest.fail(
                f"search for {value!r} did not show {shown!r} in 15 s (it says {meta.strip()!r}): "
                "the search worker or index did not load",
                pytrace=False,
            )
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item')]
             .map(item => new URL(item.querySelector('a.md-search-result__link').href).pathname)"""
    )
