"""Renamed pages never break links: every old address redirects to a page that exists."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from conftest import ROOT, built_html_path
from saferpolitics.post_build.redirects import site_root_from, with_emergency_strip


def plugins(mkdocs_config) -> list[str]:
    return [next(iter(p)) if isinstance(p, dict) else p for p in mkdocs_config["plugins"]]


@pytest.fixture(scope="module")
def redirect_maps(mkdocs_config) -> dict[str, str]:
    entry = next(p for p in mkdocs_config["plugins"] if isinstance(p, dict) and "redirects" in p)
    return entry["redirects"]["redirect_maps"]


def test_redirects_run_before_print_site_which_stays_last(mkdocs_config):
    names = plugins(mkdocs_config)
    assert names[-1] == "print-site"
    assert names.index("redirects") < names.index("print-site")


def test_every_redirect_goes_from_a_free_address_to_a_page_in_the_navigation(redirect_maps, nav_pages):
    assert redirect_maps
    for old, new in redirect_maps.items():
        assert not (ROOT / "docs" / old).exists(), f"{old} is a page again: remove its redirect from mkdocs.yml"
        assert new.split("#")[0] in nav_pages, f"redirect {old} -> {new}: {new} is not a page in nav"


def test_each_old_address_sends_the_reader_to_the_new_page(site_dir, redirect_maps):
    for old, new in redirect_maps.items():
        stub = built_html_path(site_dir, old)
        assert stub.exists(), f"no redirect page for {old}"
        html = stub.read_text(encoding="utf-8")
        [target] = re.findall(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        stub_url = "/" + stub.relative_to(site_dir).as_posix()
        resolved = urljoin(stub_url, target)
        assert resolved == "/" + built_html_path(site_dir, new).relative_to(site_dir).as_posix().removesuffix(
            "index.html"
        ), (old, resolved)
        assert (site_dir / resolved.lstrip("/") / "index.html").exists(), f"{old} redirects to missing {resolved}"
        assert f'href="{target}"' in html, "a visible link for readers whose browser blocks redirects"


def test_a_redirect_page_shows_999_101_and_get_help_now(site_dir, redirect_maps):
    old = next(iter(redirect_maps))
    stub = built_html_path(site_dir, old)
    html = stub.read_text(encoding="utf-8")
    assert "data-sp-emergency" in html and 'href="tel:999"' in html and 'href="tel:101"' in html
    [help_link] = re.findall(r'href="([^"]*get-help-now/)"', html)
    assert (stub.parent / help_link / "index.html").resolve().exists()


def test_the_strip_goes_first_in_the_body_once():
    html = "<html><head></head><body>\nRedirecting\n</body></html>"
    once = with_emergency_strip(html, "<aside data-sp-emergency>999</aside>")
    assert once.index("data-sp-emergency") < once.index("Redirecting")
    assert with_emergency_strip(once, "<aside data-sp-emergency>999</aside>") == once
    assert site_root_from("introduction/index.html") == ".."
    assert site_root_from("a/b/index.html") == "../.."
