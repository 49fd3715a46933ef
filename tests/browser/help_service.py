"""What a reader on a phone sees, as page scripts shared by the browser tests and scripts/phone-check.py."""

from __future__ import annotations

# The seven "What's happening?" situations and the page(s) holding each one's steps.
SITUATIONS = {
    "Abuse or threats": ["help/threats/", "help/abuse/"],
    "Hacked or misused account": ["help/locked-out/", "help/account-misused/", "help/damaging-post/"],
    "A fake, or a home address posted": [
        "help/deepfake/",
        "help/fake-account/",
        "help/false-post/",
        "help/address-posted/",
    ],
    "Suspicious message": ["help/suspicious-not-opened/", "help/suspicious-opened/"],
    "Staff leaving": ["help/staff-leaving/"],
    "Event or canvassing": ["help/event-or-canvassing/"],
    "It's affecting me": ["help/affecting-me/"],
}
ANSWER_PAGES = [step for steps in SITUATIONS.values() for step in steps]

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
