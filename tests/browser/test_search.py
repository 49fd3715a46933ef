"""Material's search, used through its search box, finds the page a stressed reader is looking for."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, open_page, search

pytestmark = pytest.mark.browser

# What a reader types, and the page(s) that answer it: the right page must be in the top three.
EXPECTED = {
    "phishing": ["cyber-security/", "help/suspicious-message/"],
    "FEOA": ["police-advisors/"],
    "999": ["get-help-now/"],
    "screenshot": ["harassment/", "evidence-log/"],
    "Online Safety Act": ["online-safety-act/"],
    "password": ["cyber-security/"],
    "leaving": ["help/staff-leaving/"],
}


@pytest.mark.parametrize("query", EXPECTED)
def test_search_lists_the_right_page_in_the_top_three(tab, site_url, query):
    page = tab("light", DESKTOP)
    open_page(page, site_url)
    site_path = site_url.split("/", 3)[3]  # "" when the site is served from the root
    top_three = [path.removeprefix("/" + site_path) for path in search(page, query)[:3]]
    assert any(p in EXPECTED[query] for p in top_three), f"{query!r} gave {top_three}, expected one of {EXPECTED[query]}"


def test_search_works_on_a_phone(tab, site_url):
    page = tab("light", PHONE)
    open_page(page, site_url + "about/")
    assert "get-help-now/" in [p.lstrip("/") for p in search(page, "999")[:3]]
