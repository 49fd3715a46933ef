"""Internal links and anchors of the built site, checked by linkchecker over HTTP on 127.0.0.1.

Over HTTP rather than file:// because linkchecker skips anchors on directory URLs over file://,
and because, run as root, it drops to user `nobody`, who cannot read pytest's 0700 temp dirs
(here only our own server reads the site). The print page is a start URL: nothing links to it,
and its rewritten links are the ones most likely to break. External, mailto: and tel: links are
ignored: no test reaches the internet (the live check is `make linkcheck`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LINKCHECKER = Path(sys.executable).with_name("linkchecker")

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


def test_internal_links_and_anchors_resolve(site_url, tmp_path):
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")  # read before linkchecker drops to `nobody`
    result = subprocess.run(
        [str(LINKCHECKER), "--no-status", "--config", str(config), site_url, site_url + "print_page/"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    summary = [line for line in result.stdout.splitlines() if line.startswith("That's it.")]
    assert summary, result.stdout + result.stderr
    print(summary[0])  # how many links were checked
    # Broken links and missing anchors (warnings) both make linkchecker exit non-zero.
    assert result.returncode == 0, result.stdout
