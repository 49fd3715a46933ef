"""On a 375 px phone: nothing scrolls sideways, and help is on screen without opening a menu."""

from __future__ import annotations

import json

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


def test_with_the_browsers_text_at_200_percent_999_leaves_the_search_button_free(browser, site_url, tmp_path):
    """A reader review: with large text on a phone, 999 covered the search button, and a tap on
    search dialled 999. The browser's own text-size setting, as a reader sets it."""
    (tmp_path / "Default").mkdir()
    prefs = {"webkit": {"webprefs": {"default_font_size": 32}}}
    (tmp_path / "Default" / "Preferences").write_text(json.dumps(prefs), encoding="utf-8")
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path),
        executable_path=chromium_path(),
        args=CHROMIUM_ARGS,
        viewport={"width": PHONE, "height": 740},
        service_workers="block",
    )
    try:
        page = context.new_page()
        page.goto(site_url)
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "40px"
        assert_search_free_and_999_101_whole(page, PHONE)
    finally:
        context.close()


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
