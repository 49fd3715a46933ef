"""Internal links and anchors of the built site, checked by linkchecker over HTTP on 127.0.0.1.

Over HTTP rather than file:// because linkchecker skips anchors on directory URLs over file://.
Run as root, linkchecker drops to user `nobody` before it loads its plugins: in a checkout under a
0700 directory (`mktemp -d`) the AnchorCheck plugin then fails to load and anchors go unchecked,
silently. It only reads our own site on loopback, so we run it without that drop. The print page
is a start URL: nothing links to it, and its rewritten links are the ones most likely to break. External, mailto: and tel: links are
ignored: no test reaches the internet (the live check is `make linkcheck`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
[AnchorCheck]
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


def test_a_missing_anchor_fails_the_check(tmp_path):
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "index.html").write_text('<a href="page/#here">ok</a> <a href="page/#nowhere">broken</a>', encoding="utf-8")
    (site / "page" / "index.html").write_text('<h2 id="here">Here</h2>', encoding="utf-8")
    server = serve_directory(site)
    try:
        result = run_linkchecker(tmp_path, f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
    assert result.returncode != 0 and "nowhere" in result.stdout, result.stdout


def test_internal_links_and_anchors_resolve(site_url, tmp_path):
    result = run_linkchecker(tmp_path, site_url, site_url + "print_page/")
    summary = [line for line in result.stdout.splitlines() if line.startswith("That's it.")]
    assert summary, result.stdout + result.stderr
    print(summary[0])  # how many links were checked
    # Broken links and missing anchors (warnings) both make linkchecker exit non-zero.
    assert result.returncode == 0, result.stdout
