"""HTML_CodeSniffer (the checker inside pa11y), WCAG 2 AA: no errors on any page.

It catches what axe does not, such as Material's header forms without a submit button (H32.2).
"""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, open_page
from .tour import HTMLCS, HTMLCS_VARIANT

pytestmark = pytest.mark.browser


def test_every_page_has_no_html_codesniffer_errors(tour):
    if not HTMLCS.is_file():
        pytest.fail("HTML_CodeSniffer is missing: run `make env-test` (it installs it with npm).", pytrace=False)
    # The tour evaluates HTMLCS by the test driver, not loaded by the page: the page policy stays as built.
    found = [f"{visit.name}: {error}" for visit in tour(*HTMLCS_VARIANT) for error in visit.htmlcs_errors]
    assert not found, "\n".join(found)


def test_search_and_the_colour_toggle_still_work_with_their_submit_buttons(tab, site_pages):
    page = tab("light", DESKTOP)
    name, url = site_pages[0]
    open_page(page, url)
    page.keyboard.press("/")  # Material's shortcut opens search
    page.keyboard.type("phishing")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    with page.expect_navigation(timeout=10_000):
        page.keyboard.press("Enter")  # follows the best result; the disabled submit button sends nothing
    assert "query=" not in page.url and page.url != url
    open_page(page, url)
    page.locator("label[for='__palette_1']").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert "?" not in page.url
    page.locator("label[for='__palette_0']").click()  # and back, for the tests that share this tab
