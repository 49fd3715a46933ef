"""WCAG 2.2 A and AA in a real browser: axe-core on every page, and the keyboard route through a page."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import COLOUR_MATHS, DESKTOP, PHONE, SCHEMES, WIDTHS, open_page, search
from .tour import AXE_OPTIONS, run_axe

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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_with_its_results_shown_has_no_axe_violations(tab, site_url, scheme, width):
    """The page tour checks pages at rest, where the search results are not drawn: here search is
    open with results shown (the count line, each result's title and summary), then with the first
    result focused from the keyboard (on its tint), then with a page's further sections opened
    ("1 more on this page")."""
    page = tab(scheme, width)
    open_page(page, site_url + "about/", wait_until="networkidle")
    assert search(page, "address"), "no results to check"
    found = [describe("results shown", v) for v in run_axe(page, AXE_OPTIONS)]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')"), "no result took the focus"
    found += [describe("first result focused", v) for v in run_axe(page, AXE_OPTIONS)]
    more = page.locator(".md-search-result__more > summary").first
    more.click()
    assert page.locator(".md-search-result__more[open]").count() == 1, "no result had more on its page"
    found += [describe("more on this page opened", v) for v in run_axe(page, AXE_OPTIONS)]
    page.keyboard.press("Escape")
    assert not found, f"axe found {len(found)} violation(s) in search at {width}px, {scheme}:\n" + "\n".join(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_protocol_builders_error_message_has_no_axe_violations(tab, site_url, scheme):
    """The page tour sees the builder at rest: here its email error message is shown (its colour
    against the page in both schemes, the field it describes)."""
    page = tab(scheme, PHONE)
    open_page(page, site_url + "protocol-builder/")
    email = page.get_by_label("Contact email for enquiries")
    email.fill("office.parliament.uk")
    email.press("Tab")
    assert page.locator("#sp-protocol-email-error").is_visible()
    found = [describe("email error shown", v) for v in run_axe(page, AXE_OPTIONS)]
    assert not found, f"axe found {len(found)} violation(s) on the protocol builder ({scheme}):\n" + "\n".join(found)


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


def tab_through(page, within: str | None = None, limit: int = 120, key: str = "Tab") -> tuple[int, list[str]]:
    """Press Tab (or key, Shift+Tab) from where focus is until it wraps round, leaves the page or
    (within given, a CSS selector) leaves that part of it: how many stops were reached, and each
    one that has no visible focus indicator or is out of view or covered, such as by the sticky bars."""
    stops, problems = 0, []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUS_STOP, within)
        if stop["ended"]:
            break
        stops += 1
        if not stop["shown"]:  # Material slides some controls in, and a long jump scrolls smoothly
            try:
                page.wait_for_function(f"() => ({WHERE_FOCUS_IS})().shown", timeout=3_000)
            except PlaywrightTimeoutError:
                pass  # still hidden: reported below, where it was
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


@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_every_focus_stop_shows_focus_and_is_not_hidden_under_the_sticky_bars(tab, site_url, width, key):
    """Tab through a long page, forwards and backwards: each stop has an outline or ring, and none
    hides under the strip or a sticky title. A reader review found two that only Shift+Tab reached:
    the menu's links under its sticky title, and the colour-scheme switch whose button is hidden."""
    page = tab("light", width)
    open_page(page, site_url + "cyber-security/")
    # The footer's offline line comes after the page has loaded: walk the page as a reader meets it.
    page.wait_for_function("() => document.querySelector('.sp-offline-status')?.textContent", timeout=30_000)
    checked, problems = tab_through(page, key=key)
    ended_on = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    assert checked > 20, f"only {checked} focus stops were reached (the walk ended on {ended_on}): keyboard access lost"
    assert not problems, f"at {width}px:\n" + "\n".join(problems)


# WCAG 1.4.11 (non-text contrast): a reader must see where a button or a box is, in both schemes.
# A control's edge is its fill where that stands out from what is behind it (3:1), else its border.
CONTROL_EDGES = (
    """() => {"""
    + COLOUR_MATHS
    + """
  const controls = document.querySelectorAll(`article .md-button, article select, article textarea,
    article input:not([type=checkbox]):not([type=radio]):not([type=file]):not([type=hidden])`);
  return [...controls].filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
    .map(el => {
      const style = getComputedStyle(el), back = behind(el);
      const fill = opaque(style.backgroundColor) ? ratio(style.backgroundColor, back) : 1;
      const border = parseFloat(style.borderTopWidth) >= 1 ? ratio(style.borderTopColor, back) : 1;
      return {control: `${el.tagName.toLowerCase()} "${(el.innerText || el.name || el.id).trim().slice(0, 30)}"`,
              edge: Math.max(fill, border)};
    });
}"""
)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_button_and_box_in_the_tools_stands_out_from_the_page(tab, site_url, scheme):
    found = []
    # Every page with buttons or boxes in its content: the two tools and the not-found page.
    for path in ("evidence-log/", "protocol-builder/", "nope/"):
        page = tab(scheme, PHONE)
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        edges = page.evaluate(CONTROL_EDGES)
        assert edges, f"{path}: no controls found"
        found += [f"{path} {e['control']}: edge {e['edge']:.2f}:1" for e in edges if e["edge"] < 3]
    assert not found, f"controls whose edge is under 3:1 against the page ({scheme}; WCAG 1.4.11):\n" + "\n".join(found)


# The first warning on the page as a reader sees it (GOV.UK warning text): its "!" and the circle
# round it, how they and its words stand out from the page, and the page's body text for comparison.
WARNING_LOOK = (
    """() => {"""
    + COLOUR_MATHS
    + """
  const warning = document.querySelector('article .admonition.warning');
  const title = warning.querySelector('.admonition-title'), words = warning.querySelector('p:not(.admonition-title)');
  const icon = getComputedStyle(title, '::before'), page = behind(warning);
  const body = getComputedStyle([...document.querySelectorAll('article p')].find(p => !p.closest('.admonition'))).color;
  return {
    mark: icon.content,
    round: icon.borderRadius === '50%' && parseFloat(icon.width) >= 24,
    icon: ratio(over(icon.backgroundColor, page), page),
    markOnIcon: ratio(over(icon.color, page), over(icon.backgroundColor, page)),
    words: ratio(over(getComputedStyle(words).color, page), page),
    bodyText: ratio(over(body, page), page),
    weights: [title, words].map(el => Number(getComputedStyle(el).fontWeight)),
  };
}"""
)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["help/", "help/abuse-or-threats/", "print_page/"])
def test_the_999_warning_stands_out_from_the_text_in_both_schemes(tab, site_url, scheme, path):
    """ "In immediate danger, call 999" as GOV.UK's warning text: a bold "!" in a filled circle that
    stands out from the page (WCAG 1.4.11, 3:1), and bold words; the circle and the words stronger
    than the body text round them, in the dark scheme as in the light."""
    page = tab(scheme, PHONE)
    open_page(page, site_url + path)
    look = page.evaluate(WARNING_LOOK)
    assert "!" in look["mark"] and look["round"], f"no round '!' on the warning: {look}"
    assert look["icon"] >= 3 and look["markOnIcon"] >= 3, f"the '!' or its circle hardly shows ({scheme}): {look}"
    assert look["icon"] > look["bodyText"] and look["words"] > look["bodyText"], (
        f"the warning is no stronger than the body text ({scheme}): {look}"
    )
    assert min(look["weights"]) >= 700, f"the warning's words are not bold: {look['weights']}"


@pytest.mark.parametrize("key", ["Enter", "Space", "ArrowRight"])
def test_the_keyboard_switches_the_colour_scheme_at_the_switch_it_can_see(browser, site_url, key):
    """A reader review: Shift+Tab from the search box reached the switch whose button is hidden, so
    nothing showed where the focus was; only that one takes the focus now, and a self-review found
    Space and the arrow keys then did nothing (shared.js makes them switch, as Enter does)."""
    context = browser.new_context(viewport={"width": DESKTOP, "height": 800}, color_scheme="light")
    page = context.new_page()
    open_page(page, site_url + "help/threats/")
    page.focus("input.md-search__input")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.closest('form[data-md-component=palette]') !== null")
    focus_shown = f"() => ({WHERE_FOCUS_IS})().shown"  # once the search box has drawn back over the header
    page.wait_for_function(focus_shown, timeout=3_000)
    page.keyboard.press(key)
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5_000)
    page.wait_for_function(focus_shown, timeout=3_000)
    context.close()
