"""The built site as a reader gets it: every page present, titled, with the help route, nothing off-site."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import material


def test_strict_build_passes(site_build):
    assert site_build.returncode == 0, site_build.stderr
    assert not re.search(r"^WARNING\b", site_build.stderr, re.M), site_build.stderr


class _PageParser(HTMLParser):
    """Collects the facts the tests below check: h1s, resource URLs, help links."""

    RESOURCE_ATTRS = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "frame": "src",
        "audio": "src",
        "video": "src",
        "source": "src",
        "embed": "src",
        "object": "data",
    }

    def __init__(self):
        super().__init__()
        self.h1_count = 0
        self.resources: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.in_emergency = 0
        self.emergency_hrefs: list[str] = []
        self.emergency_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        if tag in self.RESOURCE_ATTRS and attrs.get(self.RESOURCE_ATTRS[tag]):
            self.resources.append(attrs[self.RESOURCE_ATTRS[tag]])
        if tag == "link" and attrs.get("href"):
            rel = attrs.get("rel", "")
            if any(
                r in rel.split()
                for r in ("stylesheet", "preload", "icon", "preconnect", "dns-prefetch", "modulepreload")
            ):
                self.resources.append(attrs["href"])
        if "style" in attrs and "url(" in attrs["style"]:
            self.resources.extend(re.findall(r"url\(['\"]?([^'\")]+)", attrs["style"]))
        # The emergency help: 999 and 101 in the header row (data-sp-call), Get help now under it.
        if "data-sp-emergency" in attrs or "data-sp-call" in attrs:
            self.in_emergency = 1
        elif self.in_emergency and tag not in ("br", "img", "input"):
            self.in_emergency += 1
        if self.in_emergency and tag == "a":
            self.emergency_hrefs.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if self.in_emergency:
            self.in_emergency -= 1

    def handle_data(self, data):
        if self.in_emergency:
            self.emergency_text += data


def parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def all_html(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def test_every_nav_page_exists_with_exactly_one_h1(nav_html):
    for md, html in nav_html.items():
        assert html.exists(), f"{md} was not built to {html}"
        assert parse(html).h1_count == 1, f"{md} should have exactly one h1"


def test_every_page_shows_the_help_entry_point_with_999_and_101(site_dir):
    for html in all_html(site_dir):
        page = parse(html)
        text = " ".join(page.emergency_text.split())
        assert "999" in text and "101" in text, f"{html} lacks the emergency strip"
        assert "tel:999" in page.emergency_hrefs and "tel:101" in page.emergency_hrefs, html
        page_url = "/" + html.relative_to(site_dir).as_posix()
        targets = {urljoin(page_url, h) for h in page.emergency_hrefs}
        if page_url != "/get-help-now/index.html":  # the strip does not offer the page you are on
            assert "/get-help-now/" in targets, f"{html} has no link to Get help now"


def test_no_page_loads_anything_from_another_origin(site_dir):
    for html in all_html(site_dir):
        for url in parse(html).resources:
            parsed = urlparse(url)
            assert not parsed.netloc and parsed.scheme in ("", "data"), f"{html} loads {url} from another origin"
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            parsed = urlparse(url)
            assert not parsed.netloc, f"{css} loads {url} from another origin"
        assert "@import url(http" not in css.read_text(encoding="utf-8")


def test_search_index_contains_every_page(site_dir, nav_pages):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for md in nav_pages:
        stem = md[: -len(".md")]
        expected = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
        assert expected in locations, f"{md} is missing from the search index"


def test_every_pages_search_runs_our_worker_and_it_finds_materials(nav_html, site_dir):
    """Search leaves common words out of the query (docs/assets/javascripts/workers/search-worker.js), then runs
    Material's worker, which the page's config names after the "#"."""
    for md, path in nav_html.items():
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', path.read_text("utf-8"))
        worker = urljoin(path.as_uri(), json.loads(config.group(1))["search"])
        ours, material_worker = urlparse(worker).path, urlparse(worker).fragment
        assert ours == (site_dir / "assets/javascripts/workers/search-worker.js").as_uri()[len("file://") :], md
        assert Path(urlparse(urljoin(worker, material_worker)).path).is_file(), f"{md}: {material_worker}"


def test_feature_files_load_only_on_pages_that_use_them(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    with_checklist = (site_dir / "cyber-security" / "index.html").read_text(encoding="utf-8")
    assert "checklists.js" not in home and "print-site.js" not in home
    assert "checklists.js" in with_checklist and "checklists.css" in with_checklist
    print_page = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    assert "checklists.js" in print_page and "print-site.js" in print_page


def test_material_stylesheet_ships_only_rules_this_site_can_use(site_dir):
    built = next((site_dir / "assets" / "stylesheets").glob("main.*.css"))
    original = Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / built.name
    css = built.read_text(encoding="utf-8")
    # Parts of Material every reader sees, including classes only its JavaScript adds.
    for selector in (
        ".md-header{",
        ".md-skip",
        ".md-nav__link--active",
        ".md-search-result__link",
        ".md-tooltip2--active",
        "[dir=ltr] .md-typeset blockquote",
        ".md-typeset .admonition",
    ):
        assert selector in css, f"{built.name} lost {selector!r}, which pages use"
    # Components this site never shows: cookie consent, content tabs, blog posts, right-to-left text,
    # "info" admonitions (a word in lunr's unshipped language packs must not keep them).
    for selector in (".md-consent", ".tabbed-set", ".md-post", "[dir=rtl]", ".admonition.info"):
        assert selector not in css, f"{built.name} still ships {selector!r}, which no page uses"
    assert len(gzip.compress(css.encode())) < 0.75 * len(gzip.compress(original.read_bytes()))
