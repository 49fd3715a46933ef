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
        search = page.locator("label.md-header__button[for='__search']").bounding_box()
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('label') !== null",
            [search["x"] + search["width"] - 2, search["y"] + search["height"] / 2],
        )
        assert hit, "the search button's right edge is under another element"
        buttons = call_buttons(page)
        assert search["x"] + search["width"] <= buttons[0]["left"]
        assert all(44 <= b["width"] <= 60 and 44 <= b["height"] for b in buttons), buttons
    finally:
        context.close()
