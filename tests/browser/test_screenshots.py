"""Evidence for review: the home page and a content page, phone and desktop, light and dark.

Written to test-artifacts/screenshots/ (gitignored; CI uploads it). Nothing is compared: the
other browser tests hold the assertions, these images are for people reviewing a change.
"""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, SCHEMES, WIDTHS, open_page

pytestmark = pytest.mark.browser

PAGES = {"home": "", "harassment": "harassment/"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_screenshots_for_review(tab, site_url, scheme, width):
    page = tab(scheme, width)
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in PAGES.items():
        open_page(page, site_url + path)
        page.evaluate("window.scrollTo(0, 0)")
        target = folder / f"{name}-{width}px-{scheme}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000, f"{target} looks empty"
