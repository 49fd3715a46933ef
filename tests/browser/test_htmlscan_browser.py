"""The page-policy scan against a real HTML parser: Chromium reads each tricky case the same way.

saferpolitics/core/htmlscan.py follows the HTML tokenizer's rules with one regular expression pass;
this is the evidence that it is exact for every case in tests/unit/test_csp.py.
"""

from __future__ import annotations

import pytest

from saferpolitics.core.htmlscan import EMBEDDING, FOREIGN, URL_ATTRIBUTES
from tests.unit.test_csp import SCAN_CASES, kinds

pytestmark = pytest.mark.browser

# The same findings, read from the document Chromium built (document order, as the scan reports).
FROM_DOM = """([embedding, foreign, urlAttributes]) => {
  const found = [];
  const isJs = v => /^(javascript|vbscript):/i.test(v.replace(/[\\t\\n\\r]/g, '').replace(/^[\\x00-\\x20]+/, ''));
  for (const el of document.body.querySelectorAll('*')) {
    const tag = el.localName;
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) found.push(['handler', a.name]);
      else if (a.name === 'style') found.push(['style-attribute', 'style']);
      else if (urlAttributes.includes(a.name) && isJs(a.value)) found.push(['javascript-url', a.name]);
    }
    if (embedding.includes(tag)) found.push(['embedding', tag]);
    else if (foreign.includes(tag)) found.push(['foreign', tag]);
    if (tag === 'script') {
      const type = (el.getAttribute('type') || '').trim().toLowerCase();
      const runs = !el.hasAttribute('src') && ['', 'text/javascript', 'application/javascript', 'module'].includes(type);
      found.push([runs ? 'script' : 'data-script', 'script']);
    } else if (tag === 'style') found.push(['style', 'style']);
  }
  return found;
}"""


def test_chromium_finds_the_same_code_as_the_scan(page):
    checked = 0
    for html, _expected in SCAN_CASES:
        scanned = [k for k in kinds(html) if k[0] != "unreadable-script"]
        if len(scanned) != len(kinds(html)):
            continue  # a script body with <!--: the scan reports it instead of reading it
        page.set_content(f"<!doctype html><html><head></head><body>{html}</body></html>")
        dom = [
            tuple(item)
            for item in page.evaluate(FROM_DOM, [sorted(EMBEDDING), sorted(FOREIGN), sorted(URL_ATTRIBUTES)])
        ]
        assert dom == scanned, html
        checked += 1
    assert checked == len(SCAN_CASES) - 1
