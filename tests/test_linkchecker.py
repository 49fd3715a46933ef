"""Internal links and anchors of the built site: every linked file answers over HTTP on 127.0.0.1
(linkchecker), and every `#section` a link points to exists on its page (checked here).

Over HTTP rather than file:// because linkchecker skips anchors on directory URLs over file://.
Run as root, linkchecker drops to user `nobody` before it loads its plugins: in a checkout under a
0700 directory (`mktemp -d`) it then cannot read the site. It only reads our own site on
loopback, so we run it without that drop. The print page is a start URL: nothing links to it, and
its rewritten links are the ones most likely to break. External, mailto: and tel: links are
ignored: no test reaches the internet (the live check is `make linkcheck`).

Anchors are checked by reading each built page once, not by linkchecker's AnchorCheck plugin:
that plugin downloads and parses a page again for every distinct `page#anchor` (the print page
about 240 times, 80 MB, over a minute), for the same answer.
"""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import serve_directory  # the same server as the site_url fixture

# linkchecker's own entry point, minus the drop to `nobody` (see the module docstring).
LINKCHECKER = [
    sys.executable,
    "-c",
    "import sys, linkcheck.command.linkchecker as cli; cli.drop_privileges = lambda: None; sys.exit(cli.linkchecker())",
]

CONFIG = r"""
[checking]
threads=10
maxrequestspersecond=1000
[filtering]
checkextern=0
ignore=
  ^mailto:
  ^tel:
  ^https?://(?!127\.0\.0\.1[:/])
"""


def run_linkchecker(tmp_path: Path, *start_urls: str) -> subprocess.CompletedProcess:
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    return subprocess.run(
        [*LINKCHECKER, "--no-status", "--config", str(config), *start_urls],
        capture_output=True,
        text=True,
        timeout=900,
    )


class _Anchors(HTMLParser):
    """What linkchecker's AnchorCheck reads: the ids (and <a name>) a page has, and its links with a #."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        if "#" in (attrs.get("href") or ""):
            self.links.append((self.getpos()[0], attrs["href"]))


def missing_anchors(site: Path) -> list[str]:
    """Every same-site link to a #section that its target page does not have, read from the files."""
    pages = {}
    for html in site.rglob("*.html"):
        parser = _Anchors()
        parser.feed(html.read_text(encoding="utf-8"))
        pages["/" + html.relative_to(site).as_posix()] = parser
    missing = []
    for url, page in sorted(pages.items()):
        for line, href in page.links:
            target = urlsplit(urljoin(url, href))
            if target.scheme or target.netloc or not target.fragment:
                continue  # another site, tel:/mailto:, or a bare "#"
            path = target.path + "index.html" if target.path.endswith("/") else target.path
            if path.endswith(".html") and unquote(target.fragment) not in getattr(pages.get(path), "ids", ()):
                missing.append(f"{url.lstrip('/')}:{line}: {href} goes to a section {path.lstrip('/')} does not have")
    return missing


def test_a_missing_page_fails_the_check(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="page/">missing</a>', encoding="utf-8")
    server = serve_directory(site)
    try:
        result = run_linkchecker(tmp_path, f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
    assert result.returncode != 0 and "404" in result.stdout, result.stdout


def test_a_missing_anchor_fails_the_check(tmp_path):
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="page/#here">ok</a> <a href="#top" id="top">top</a>\n<a href="page/#nowhere">broken</a>',
        encoding="utf-8",
    )
    (site / "page" / "index.html").write_text('<h2 id="here">Here</h2> <a href="../#top">up</a>', encoding="utf-8")
    assert missing_anchors(site) == ["index.html:2: page/#nowhere goes to a section page/index.html does not have"]


@pytest.fixture(scope="session")
def internal_links_check(background) -> subprocess.CompletedProcess:
    """linkchecker's run over the real site, done in the background (conftest.py) as the site is built."""
    return background.result_of("internal_links_check")


def test_internal_links_and_anchors_resolve(internal_links_check, site_dir):
    result = internal_links_check
    summary = [line for line in result.stdout.splitlines() if line.startswith("That's it.")]
    assert summary, result.stdout + result.stderr
    print(summary[0])  # how many links were checked
    # Broken links (errors) and warnings both make linkchecker exit non-zero.
    assert result.returncode == 0, result.stdout
    assert missing_anchors(site_dir) == []
