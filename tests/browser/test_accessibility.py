"""WCAG 2.2 A and AA in a real browser: axe-core on every page, and the keyboard route through a page."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, SCHEMES, WIDTHS, open_page

pytestmark = pytest.mark.browser

MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


def describe(page_name: str, violation: dict) -> str:
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
    more = f" (+{len(violation['nodes']) - 3} more)" if len(violation["nodes"]) > 3 else ""
    return f"{page_name}: {violation['id']} ({violation['impact']}) {violation['help']}: {targets}{more}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_has_no_axe_violations(tour, scheme, width):
    found = []
    for visit in tour(scheme, width):
        # Material applies the palette from prefers-color-scheme: make sure we test what we think.
        assert visit.colour_scheme == MATERIAL_SCHEME[scheme], visit.name
        found += [describe(visit.name, v) for v in visit.axe_violations]
    assert not found, f"axe found {len(found)} WCAG 2.2 A/AA violation(s) at {width}px, {scheme}:\n" + "\n".join(found)


# What a sighted keyboard user sees for the focused element: the element itself, or for a visually
# hidden control (Material's palette radio button) the label drawn right after it.
VISIBLE_PART = """el => {
  const box = el.getBoundingClientRect();
  const proxy = el.nextElementSibling;
  return box.width === 0 && box.height === 0 && proxy && proxy.tagName === 'LABEL' ? proxy : el;
}"""

FOCUS_INDICATOR = """el => {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow !== 'none';
  return outline || ring;
}"""

# Whether the focused element is in view and not hidden under something else, such as the sticky
# header or emergency strip (WCAG 2.4.11): the browser's own hit test at its centre.
FOCUS_VISIBILITY = """el => {
  const box = el.getClientRects()[0] || el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const inView = box.width > 0 && x >= 0 && y >= 0 && x < window.innerWidth && y < window.innerHeight;
  const hit = inView ? document.elementFromPoint(x, y) : null;
  return {top: box.top, shown: hit !== null && (hit === el || el.contains(hit))};
}"""


# Where focus is and what a keyboard user sees of it, in one round trip per Tab. Over a whole page
# the walk ends when Tab wraps round to a stop already seen (each is marked) or leaves the page;
# within a part of it, when Tab leaves that part (a date box takes a Tab per part, so there the
# same box is focused more than once).
FOCUS_STOP = f"""within => {{
  const el = document.activeElement;
  const seen = el.dataset.spFocusChecked === 'yes';
  el.dataset.spFocusChecked = 'yes';
  const visible = ({VISIBLE_PART})(el);
  return {{
    ended: el === document.body || (within === null ? seen : !el.closest(within)),
    label: (el.innerText || el.getAttribute('aria-label') || el.outerHTML.slice(0, 80)).trim(),
    indicator: ({FOCUS_INDICATOR})(visible),
    ...({FOCUS_VISIBILITY})(visible),
  }};
}}"""
WHERE_FOCUS_IS = f"() => ({FOCUS_VISIBILITY})(({VISIBLE_PART})(document.activeElement))"


def tab_through(page, within: str | None = None, limit: int = 120) -> tuple[int, list[str]]:
    """Press Tab from where focus is until it wraps round, leaves the page or (within given, a CSS
    selector) leaves that part of it: how many stops were reached, and each one that has no
    visible focus indicator or is out of view or covered, such as by the sticky bars."""
    stops, problems = 0, []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP, within)
        if stop["ended"]:
            break
        stops += 1
        if not stop["shown"]:  # Material slides some controls in when focused: let it finish
            page.wait_for_timeout(400)
            stop.update(page.evaluate(WHERE_FOCUS_IS))
        if not stop["shown"]:
            problems.append(f"{stop['label']!r} is focused but out of view or covered (top {stop['top']:.0f}px)")
        if not stop["indicator"]:
            problems.append(f"no visible focus indicator on {stop['label']!r}")
    return stops, problems


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_is_first_visible_and_moves_to_the_content(tab, site_url, width):
    page = tab("light", width)
    open_page(page, site_url + "get-help-now/")
    page.keyboard.press("Tab")
    skip = page.evaluate_handle("document.activeElement")
    assert skip.evaluate("el => el.classList.contains('md-skip')"), "the first Tab stop is not the skip link"
    assert skip.evaluate("el => el.innerText.trim()") == "Skip to content"
    box = skip.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0 and box["y"] >= 0, "the focused skip link is not visible"
    assert skip.evaluate(FOCUS_INDICATOR), "the skip link shows no focus indicator"

    page.keyboard.press("Enter")
    heading = page.locator("article h1")
    page.wait_for_function("location.hash.length > 1")
    assert page.evaluate("location.hash") == "#" + heading.get_attribute("id")
    # Get help now has no strip under the header (its way in is the page itself).
    strip_bottom = page.evaluate(
        "(document.querySelector('[data-sp-emergency]') || "
        "document.querySelector('.md-header')).getBoundingClientRect().bottom"
    )
    assert heading.bounding_box()["y"] >= strip_bottom - 1, "the heading is hidden under the sticky header"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('article') !== null"), (
        "Tab after the skip link left the content"
    )


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_every_focus_stop_shows_focus_and_is_not_hidden_under_the_sticky_bars(tab, site_url, width):
    """Tab through a long page: each stop has an outline or ring, and none hides under the strip."""
    page = tab("light", width)
    open_page(page, site_url + "cyber-security/")
    checked, problems = tab_through(page)
    assert checked > 20, f"only {checked} focus stops were reached: the page lost its links or keyboard access"
    assert not problems, f"at {width}px:\n" + "\n".join(problems)
