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


def focus_label(focused) -> str:
    return focused.evaluate("el => (el.innerText || el.getAttribute('aria-label') || el.outerHTML.slice(0, 80)).trim()")


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
    strip_bottom = page.evaluate("document.querySelector('[data-sp-emergency]').getBoundingClientRect().bottom")
    assert heading.bounding_box()["y"] >= strip_bottom - 1, "the heading is hidden under the sticky header"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('article') !== null"), "Tab after the skip link left the content"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_every_focus_stop_shows_focus_and_is_not_hidden_under_the_sticky_bars(tab, site_url, width):
    """Tab through a long page: each stop has an outline or ring, and none hides under the strip."""
    page = tab("light", width)
    open_page(page, site_url + "cyber-security/")
    problems = []
    checked = 0
    for checked in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        # Stop once Tab wraps round to an element already checked (or leaves the page).
        if focused.evaluate("el => el === document.body || el.dataset.spFocusChecked === 'yes'"):
            break
        focused.evaluate("el => { el.dataset.spFocusChecked = 'yes'; }")
        label = focus_label(focused)
        visible = focused.evaluate_handle(VISIBLE_PART)
        where = visible.evaluate(FOCUS_VISIBILITY)
        if not where["shown"]:  # Material slides some controls in when focused: let it finish
            page.wait_for_timeout(400)
            where = visible.evaluate(FOCUS_VISIBILITY)
        if not where["shown"]:
            problems.append(f"{label!r} is focused but out of view or covered (top {where['top']:.0f}px)")
        if not visible.evaluate(FOCUS_INDICATOR):
            problems.append(f"no visible focus indicator on {label!r}")
    assert checked > 20, f"only {checked} focus stops were reached: the page lost its links or keyboard access"
    assert not problems, f"at {width}px:\n" + "\n".join(problems)
