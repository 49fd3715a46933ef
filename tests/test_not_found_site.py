"""The not-found page (overrides/404.html) on the built site: it says what happened in plain words
and offers the ways on (Get help now, each situation, search), and it carries the mark the offline
worker swaps to say "not saved" instead (saferpolitics/post_build/offline-worker.js)."""

from __future__ import annotations

import re

from conftest import read_page
from saferpolitics.post_build import offline


def test_the_not_found_page_says_what_happened_and_offers_the_ways_on(site_dir):
    page = read_page(site_dir / "404.html")
    content = page.select_one(".md-content")
    assert [h.get_text(" ", strip=True) for h in content.select(".sp-not-found__missing h1")] == ["Page not found"]
    assert "There is no page at this address" in content.get_text(" ")
    links = {a.get_text(" ", strip=True): a["href"] for a in content.select("a[href]")}
    assert links["Get help now"] == "/get-help-now/"
    # The same situations as "What's happening?" offers.
    situations = {a["href"] for a in content.select(".sp-answers a")}
    offered = {
        "/help/" + a["href"] for a in read_page(site_dir / "help" / "index.html").select(".md-content .sp-answers a")
    }
    assert situations == offered and "/help/staff-leaving/" in situations
    search = content.select_one("form[role=search]")
    assert search["method"] == "get" and search.select_one("input[name=q]")["id"] == search.select_one("label")["for"]


def test_the_worker_and_the_not_found_page_agree_on_the_not_saved_mark(site_dir):
    worker = (site_dir / offline.WORKER_PATH).read_text(encoding="utf-8")
    mark = re.search(r"NOT_FOUND_MARK\s*=\s*'([^']+)'", worker).group(1)
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    assert page.count(mark) == 1
    assert re.search(r"NOT_SAVED_MARK\s*=\s*'([^']+)'", worker).group(1).split('"')[1] == "not-saved"
    assert "This is not saved on your device" in page
