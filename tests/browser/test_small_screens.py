"""On a 375 px phone: nothing scrolls sideways, and help is on screen without opening a menu."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CHROMIUM_ARGS, chromium_path, fresh_context

from .conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_and_help_stays_on_screen(tour, scheme):
    problems = []
    for visit in tour(scheme, PHONE):
        name, (scroll_width, client_width, widest) = visit.name, visit.sideways
        if scroll_width > client_width:
            problems.append(f"{name}: scrolls sideways ({scroll_width}px > {client_width}px), e.g. {widest}")
        problems += [f"{name} on load: {p}" for p in visit.help_on_load]
        problems += [f"{name} after scrolling: {p}" for p in visit.help_after_scrolling]
    assert not problems, f"at {PHONE}px, {scheme}:\n" + "\n".join(problems)


def call_buttons(page) -> list[dict]:
    return page.locator(".sp-call__link").evaluate_all(
        "links => links.map(a => { const r = a.getBoundingClientRect(), s = getComputedStyle(a);"
        " return {left: r.left, width: r.width, height: r.height, border: s.borderTopStyle}; })"
    )


def test_with_windows_high_contrast_999_and_101_still_look_like_buttons(browser, site_url):
    """A reader review: forced colours painted no yellow, and 999 and 101 became bare text."""
    context = fresh_context(browser, viewport={"width": PHONE, "height": 740}, forced_colors="active")
    try:
        page = context.new_page()
        page.goto(site_url)
        assert [button["border"] for button in call_buttons(page)] == ["solid", "solid"]
    finally:
        context.close()


def large_text_context(browser, profile: Path, width: int):
    """A browser with its own text size at 200% (the reader's setting, not a zoom), `width` px wide."""
    (profile / "Default").mkdir()
    prefs = {"webkit": {"webprefs": {"default_font_size": 32}}}
    (profile / "Default" / "Preferences").write_text(json.dumps(prefs), encoding="utf-8")
    return browser.browser_type.launch_persistent_context(
        str(profile),
        executable_path=chromium_path(),
        args=CHROMIUM_ARGS,
        viewport={"width": width, "height": 740},
        service_workers="block",
    )


def test_with_the_browsers_text_at_200_percent_999_leaves_the_search_button_free(browser, site_url, tmp_path):
    """A reader review: with large text on a phone, 999 covered the search button, and a tap on
    search dialled 999. The browser's own text-size setting, as a reader sets it."""
    context = large_text_context(browser, tmp_path, PHONE)
    try:
        page = context.new_page()
        page.goto(site_url)
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "40px"
        assert_search_free_and_999_101_whole(page, PHONE)
    finally:
        context.close()


# Each page's width beyond the screen's, and its step lists' narrowest text column.
READ_WIDTHS = r"""() => {
  const root = document.documentElement;
  const content = document.querySelector('.md-content__inner');
  const steps = [...document.querySelectorAll('.md-typeset > ol > li')].map(li => {
    const style = getComputedStyle(li);
    return li.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  });
  // Table headings (the evidence log's labels) whose words are split over two lines ("Fiel/d").
  const split = [];
  document.querySelectorAll('.md-typeset th').forEach(th => {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (tops.size > 1) split.push(match[0]);
      }
    }
  });
  return {over: root.scrollWidth - root.clientWidth, content: content ? content.clientWidth : 0,
          narrowest: steps.length ? Math.min(...steps) : null, split};
}"""


def test_with_the_browsers_text_at_200_percent_on_a_320_px_screen_nothing_scrolls_sideways(
    browser, site_pages, tmp_path
):
    """WCAG 1.4.10 (reflow), as a reader review found it: at 200% text and 320 px the evidence
    log's table and the checklists pushed whole pages sideways, and the step lists kept six
    letters a line (Material's list margins beat ours); then the table's fix split its labels
    mid-word."""
    context = large_text_context(browser, tmp_path, 320)
    problems = []
    try:
        page = context.new_page()
        for name, url in site_pages:
            page.goto(url)
            widths = page.evaluate(READ_WIDTHS)
            if widths["over"] > 0:
                problems.append(f"{name}: scrolls sideways by {widths['over']}px")
            if widths["split"]:
                problems.append(f"{name}: table headings split mid-word: {widths['split'][:5]}")
            if widths["narrowest"] is not None and widths["narrowest"] < 0.7 * widths["content"]:
                problems.append(
                    f"{name}: a step's text is {widths['narrowest']:.0f}px wide in {widths['content']}px of content"
                )
    finally:
        context.close()
    assert not problems, "at 320px with text at 200%:\n" + "\n".join(problems)


def assert_search_free_and_999_101_whole(page, width: int) -> None:
    """A tap on search reaches search, never 999; 999 and 101 are whole, on screen, at least 44 px."""
    search = page.locator("label.md-header__button[for='__search']").bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('label') !== null",
        [search["x"] + search["width"] - 2, search["y"] + search["height"] / 2],
    )
    assert hit, "the search button's right edge is under another element"
    buttons = call_buttons(page)
    assert search["x"] + search["width"] <= buttons[0]["left"]
    assert all(44 <= b["width"] <= 60 and 44 <= b["height"] for b in buttons), buttons
    assert buttons[-1]["left"] + buttons[-1]["width"] <= width, buttons


# WCAG 1.4.12 Text Spacing: what a reader's stylesheet or bookmarklet may set, at the least, with
# nothing lost. (The test's page is allowed this one stylesheet: the site's policy allows none inline.)
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def test_with_wcag_text_spacing_at_320_px_the_name_is_whole_and_999_101_and_search_stay_free(browser, site_url):
    """A reader and printer review: with the text spacing some readers set, on a 320 px screen,
    the header's name was cut to "Safer Po…"."""
    context = fresh_context(
        browser, viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, bypass_csp=True
    )
    try:
        page = context.new_page()
        page.goto(site_url)
        page.add_style_tag(content=TEXT_SPACING)
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header__title')).letterSpacing") != "normal"
        name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert name.evaluate("e => e.innerText.trim()") == "Safer Politics"  # the rest is for wider screens
        scroll_width, width, scroll_height, height = name.evaluate(
            "e => [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]"
        )
        assert scroll_width <= width and scroll_height <= height, (
            f"the name is cut: {scroll_width}x{scroll_height} px of it in {width}x{height} px"
        )
        shown, header = name.bounding_box(), page.locator(".md-header").bounding_box()
        assert header["y"] <= shown["y"] and shown["y"] + shown["height"] <= header["y"] + header["height"]
        search = page.locator("label.md-header__button[for='__search']").bounding_box()
        assert shown["x"] + shown["width"] <= search["x"], "the name runs under the search button"
        assert_search_free_and_999_101_whole(page, 320)
    finally:
        context.close()
