"""The words a reader types about the December 2026 guidance find it in Material's search."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, open_page, search

pytestmark = pytest.mark.browser

# What a reader types, and the page(s) that answer it: one of them must be in the top three.
EXPECTED = {
    "doxxing": ["personal-information/"],
    "doxing": ["personal-information/"],
    "home address": ["personal-information/", "election-period/"],
    "deepfake": ["impersonation-and-deepfakes/"],
    "impersonation": ["impersonation-and-deepfakes/"],
    "PLaIT": ["get-help-now/", "police-advisors/"],
    "Operation Bridger": ["police-advisors/"],
    "dissolution": ["election-period/"],
    "digital imprint": ["election-period/"],
    "Ofcom": ["online-safety-act/"],
    "7726": ["get-help-now/", "help/suspicious-not-opened/"],
}


@pytest.mark.parametrize("query", EXPECTED)
def test_new_guidance_is_in_the_top_three(tab, site_url, query):
    page = tab("light", DESKTOP)
    open_page(page, site_url)
    site_path = site_url.split("/", 3)[3]  # "" when the site is served from the root
    top_three = [path.removeprefix("/" + site_path) for path in search(page, query)[:3]]
    assert any(p in EXPECTED[query] for p in top_three), f"{query!r} gave {top_three}, expected one of {EXPECTED[query]}"
