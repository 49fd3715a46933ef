"""What a reader on a phone sees, as page scripts shared by the browser tests and scripts/phone-check.py."""

from __future__ import annotations

import re
from pathlib import Path

from saferpolitics.core.source_lines import content_lines
from saferpolitics.markdown_stage.guided_help import ANSWERS_CLASS, HOME_SITUATIONS_CLASS, linked_page

DOCS = Path(__file__).resolve().parents[2] / "docs"
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _answers(page: str, list_class: str = ANSWERS_CLASS) -> list[tuple[str, str]]:
    """(words, page relative to docs/) of each choice in the page's answers lists, as written."""
    found, inside = [], False
    for _, line in content_lines((DOCS / page).read_text(encoding="utf-8"), f"docs/{page}"):
        if re.search(rf'<div class="[^"]*\b{list_class}\b', line):
            inside = True
        elif inside and "</div>" in line:
            inside = False
        elif inside:
            found += [(words, target) for words, href in _LINK.findall(line) if (target := linked_page(page, href))]
    return found


def _has_steps(page: str) -> bool:
    return re.search(r"^/// first-steps\b", (DOCS / page).read_text(encoding="utf-8"), re.M) is not None


def _answer_pages_under(page: str) -> list[str]:
    """The pages with first steps that a chain of choices from page reaches, page itself included."""
    reached, order = {page}, [page]
    for current in order:
        for _, target in _answers(current):
            if target.startswith("help/") and target not in reached:
                reached.add(target)
                order.append(target)
    return [found for found in order if _has_steps(found)]


def _site_path(page: str) -> str:
    return page.removesuffix(".md") + "/"


# The "What's happening?" situations, as the home page lists them, and the answer page(s) holding
# each one's steps (site paths: "help/threats/"). From docs/: a new situation or answer page is
# covered without a change here. The build checks that the home page lists every situation of
# help/index.md.
SITUATIONS = {
    words: [_site_path(step) for step in _answer_pages_under(page)]
    for words, page in _answers("index.md", HOME_SITUATIONS_CLASS)
}
# Every answer page: each page under docs/help/ that shows a list of first steps.
ANSWER_PAGES = sorted(
    _site_path(f"help/{path.name}") for path in (DOCS / "help").glob("*.md") if _has_steps(f"help/{path.name}")
)
assert SITUATIONS and ANSWER_PAGES, (
    "no situations on docs/index.md or no answer pages under docs/help/: were they moved?"
)

# Links a reader can tap without opening the menu: on screen or reached by scrolling, not in the
# closed navigation drawer or the hidden search panel.
LINKS_A_READER_CAN_TAP = """() => [...document.querySelectorAll('a[href]')].filter(a => {
  if (a.closest('.md-sidebar, .md-search, [hidden]')) return false;
  const box = a.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(a).visibility !== 'hidden';
}).map(a => a.href)"""

# What the tests that walk many pages read from each page as loaded, before anything is tapped or
# scrolled: the links a reader can tap, and the "On this page" contents with what they point at.
# The page tour records it on each page at phone width.
AS_LOADED = (
    """() => {
  const contents = [...document.querySelectorAll('article .sp-on-this-page')];
  const nav = contents.length === 1 ? contents[0] : null;
  const box = nav && nav.getBoundingClientRect();
  const links = nav ? [...nav.querySelectorAll('a')].map(a => a.hash) : [];
  return {
    links: (%s)(),
    height: document.documentElement.scrollHeight,
    sections: document.querySelectorAll('article h2[id]').length,
    listed: Boolean(nav && nav.checkVisibility({visibilityProperty: true}) && box.width > 0 && box.height > 0),
    // "H1", or "STEPS" where the page's first section is its first steps (they come first), with
    // the office's own contacts for the routes they name.
    after_title: nav && nav.previousElementSibling && (nav.previousElementSibling.closest('.sp-based-on, ol.sp-first-steps, .sp-office-contacts') ? 'STEPS' : nav.previousElementSibling.tagName),
    contents_links: links,
    missing: links.filter(h => document.querySelectorAll(`article [id='${CSS.escape(h.slice(1))}']`).length !== 1),
  };
}"""  # noqa: UP031 (the script is full of braces: %s keeps it readable)
    % LINKS_A_READER_CAN_TAP
)

# Height of what stays stuck to the top of the screen: scanning down from the top edge at a few
# points across, the first pixel that belongs to the page rather than to a sticky or fixed element.
CHROME_HEIGHT = """() => {
  const stuck = el => {
    for (; el && el !== document.body; el = el.parentElement) {
      const position = getComputedStyle(el).position;
      if (position === 'sticky' || position === 'fixed') return true;
    }
    return false;
  };
  let bottom = 0;
  for (const x of [8, innerWidth / 2, innerWidth - 8]) {
    let y = 0;
    while (y < innerHeight && stuck(document.elementFromPoint(x, y))) y += 1;
    bottom = Math.max(bottom, y);
  }
  return bottom;
}"""

# Width and height of each 999 and 101 link a reader can see at this scroll position.
TEL_TARGETS = """() => {
  const out = {};
  for (const a of document.querySelectorAll('a[href^="tel:"]')) {
    const box = a.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (box.width === 0 || y < 0 || y > innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(hit === a || a.contains(hit))) continue;
    const where = a.closest('article') ? 'page' : 'chrome';
    out[`${where} ${a.getAttribute('href')} #${Object.keys(out).length + 1}`] = [box.width, box.height];
  }
  return out;
}"""

# Font size of the first warning's title and text against the page's body text.
WARNING_SIZES = """() => {
  const size = el => el ? getComputedStyle(el).fontSize : 'none';
  const warning = document.querySelector('article .admonition.warning');
  return {
    'body text': size(document.querySelector('article > p')),
    'warning title': size(warning && warning.querySelector('.admonition-title')),
    'warning text': size(warning && warning.querySelector('p:not(.admonition-title)')),
  };
}"""

# Whether a tap at the centre of the element lands on it, and where its right edge is.
TAPPABLE = """el => {
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {tappable: Boolean(hit && (hit === el || el.contains(hit))), right: box.right};
}"""

# Whether every part of the element is on top: a tap near each of its corners lands on it.
WHOLE = """el => {
  const box = el.getBoundingClientRect(), inset = 4;
  return [[box.left + inset, box.top + inset], [box.right - inset, box.top + inset],
          [box.left + inset, box.bottom - inset], [box.right - inset, box.bottom - inset]].every(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return Boolean(hit && (hit === el || el.contains(hit)));
  });
}"""
