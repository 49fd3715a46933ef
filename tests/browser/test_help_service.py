"""The toolkit as a help service on a 375x740 phone: situations first, light emergency chrome,
full-size warnings, contents on long pages, answer pages that stay in their scenario, no
maintainer furniture, and glossary tooltips that stay on screen. Measured figures for a pull
request: scripts/phone-check.py."""

from __future__ import annotations

from collections import deque

import pytest
from playwright.sync_api import expect

from conftest import fresh_context

from .conftest import PHONE, open_page, search
from .help_service import (
    ANSWER_PAGES,
    AS_LOADED,
    CHROME_HEIGHT,
    SITUATIONS,
    TAPPABLE,
    TEL_TARGETS,
    WARNING_SIZES,
    WHOLE,
)
from .tour import after_next_paint

pytestmark = pytest.mark.browser

PHONE_SCREEN = {"width": 375, "height": 740}
MIN_TARGET = 44
LONG_PAGES = ["get-help-now/", "cyber-security/", "harassment-protocol/"]


@pytest.fixture(scope="module")
def phone(browser):
    context = fresh_context(browser, viewport=PHONE_SCREEN, is_mobile=True, has_touch=True, reduced_motion="reduce")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def as_loaded(tour, phone):
    """as_loaded(url) -> AS_LOADED (help_service.py) on that page on a phone, before anything is
    tapped or scrolled: read by the page tour's light phone visit, or, for a page the tour does
    not visit, on loading it here."""
    found = {visit.url: visit.as_loaded for visit in tour("light", PHONE)}

    def get(url: str) -> dict:
        if url not in found:
            open_page(phone, url)
            found[url] = phone.evaluate(AS_LOADED)
        return found[url]

    return get


def test_every_situation_is_a_large_target_on_the_first_screen_of_the_home_page(phone, site_url):
    open_page(phone, site_url)
    boxes = phone.locator(".sp-home-situations a").evaluate_all(
        "links => links.map(a => [a.textContent.trim(), a.getBoundingClientRect().toJSON()])"
    )
    assert [text for text, _ in boxes] == list(SITUATIONS)
    for text, box in boxes:
        assert box["bottom"] <= PHONE_SCREEN["height"], f"{text!r} is below the first screen ({box['bottom']:.0f}px)"
        assert box["height"] >= MIN_TARGET and box["width"] >= 300, f"{text!r} is a small target: {box}"
    guidance = phone.get_by_role("link", name="read the guidance").bounding_box()
    assert guidance["y"] + guidance["height"] <= PHONE_SCREEN["height"], (
        "the way to the guidance is below the first screen"
    )


def test_every_situations_steps_are_two_taps_from_home_and_three_from_any_page(as_loaded, site_url):
    """Breadth-first over the links a reader sees without opening the menu, as they would tap them."""
    links, queue = {}, deque([site_url])
    while queue:
        url = queue.popleft()
        found = {u.split("#")[0] for u in as_loaded(url)["links"] if u.startswith(site_url)}
        links[url] = {u for u in found if u.endswith("/") and "/print_page/" not in u}
        queue.extend(u for u in links[url] if u not in links and u not in queue)

    def taps_from(start):
        dist, todo = {start: 0}, deque([start])
        while todo:
            u = todo.popleft()
            for v in links.get(u, ()):
                if v not in dist:
                    dist[v], _ = dist[u] + 1, todo.append(v)
        return dist

    home = taps_from(site_url)
    problems = [
        f"{step}: {home.get(site_url + step, 'unreachable')} taps from home"
        for step in ANSWER_PAGES
        if home.get(site_url + step, 99) > 2
    ]
    for start in links:
        dist = taps_from(start)
        problems += [
            f"{step}: {dist.get(site_url + step)} taps from {start}"
            for step in ANSWER_PAGES
            if dist.get(site_url + step, 99) > 3
        ]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("path", ["", "get-help-now/", "cyber-security/", "help/threats/", "glossary/"])
def test_sticky_chrome_is_at_most_a_tenth_of_the_screen_once_scrolled_and_keeps_999_and_101(phone, site_url, path):
    open_page(phone, site_url + path)
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    after_next_paint(phone)
    height = phone.evaluate(CHROME_HEIGHT)
    assert height <= 0.1 * PHONE_SCREEN["height"], f"sticky header and strip take {height}px of 740"
    numbers = {name.split()[1]: box for name, box in phone.evaluate(TEL_TARGETS).items() if name.startswith("chrome")}
    assert set(numbers) == {"tel:999", "tel:101"}, f"after scrolling the reader sees {numbers}"
    for number, (width, tall) in numbers.items():
        assert width >= MIN_TARGET and tall >= MIN_TARGET, f"{number} is {width:.0f}x{tall:.0f}px"


@pytest.mark.parametrize("path", ["", "help/threats/", "help/abuse-or-threats/", "protocol-builder/"])
def test_emergency_links_and_buttons_are_44px_targets(phone, site_url, path):
    """The header's and strip's numbers, those at the end of an answer page, buttons, the choices
    and "Start again" under them (a reader review found it 17 px tall). (A number
    inside a sentence of guidance is an inline link, which WCAG 2.5.8 exempts: padding it out would
    cover the links on the lines around it.)"""
    open_page(phone, site_url + path)
    sizes = phone.evaluate(
        """() => [...document.querySelectorAll(`[data-sp-call] a, [data-sp-emergency] a, .sp-answer-end a[href^="tel:"],
                                                .md-typeset .md-button, .sp-answers a, .sp-start-again a`)]
             .filter(el => !el.closest('.md-sidebar') && el.getClientRects().length)
             .map(el => [el.textContent.trim(), el.getBoundingClientRect().width, el.getBoundingClientRect().height])"""
    )
    small = [
        f"{text!r} {w:.0f}x{h:.0f}"
        for text, w, h in sizes
        if (text in ("999", "101") and w < MIN_TARGET) or h < MIN_TARGET
    ]
    assert sizes and not small, f"targets under 44x44 px on /{path}: {small}"


@pytest.mark.parametrize("path", ["", "help/", "help/abuse-or-threats/", "get-help-now/"])
def test_the_choices_take_the_whole_width_of_the_text(phone, site_url, path):
    """A reader review: Material's indent for list items made the choices 20 px narrower than the
    page's text everywhere but the home page, so on a small phone they wrapped more."""
    open_page(phone, site_url + path)
    indents = phone.evaluate(
        """() => [...document.querySelectorAll('.sp-answers li')].map(item =>
             item.getBoundingClientRect().left - item.closest('.sp-answers').getBoundingClientRect().left)"""
    )
    assert indents and max(indents) == 0, f"choices indented by {sorted(set(indents))} px on /{path}"


# Phones as readers hold them: the 375 px phone, the narrowest phone screen and a phone on its side
# (where search still opens over the whole screen).
PHONE_SCREENS = {
    "375px": PHONE_SCREEN,
    "320px": {"width": 320, "height": 568},
    "landscape": {"width": 740, "height": 360},
}


def header_numbers(page) -> dict[str, tuple[float, float]]:
    """The header's 999 and 101 that a reader sees on screen with nothing drawn over them (a tap at
    each one's centre lands on it), by number: their width and height."""
    seen = page.evaluate(TEL_TARGETS).items()
    return {name.split()[1]: tuple(box) for name, box in seen if name.startswith("chrome")}


def assert_999_and_101_are_one_tap_away(page, where: str) -> None:
    numbers = header_numbers(page)
    assert set(numbers) == {"tel:999", "tel:101"}, f"{where}, the reader can tap only {sorted(numbers)}"
    small = {number: box for number, box in numbers.items() if min(box) < MIN_TARGET}
    assert not small, f"{where}, 999 or 101 is under 44x44 px: {small}"
    # A reader review: at 320 px the open menu covered half of 999, which read "99".
    covered = [
        link.get_attribute("href") for link in page.locator("[data-sp-call] a").all() if not link.evaluate(WHOLE)
    ]
    assert not covered, f"{where}, something is drawn over part of {covered}"


@pytest.mark.parametrize("path", ["about/", "nope/", "print_page/"])
@pytest.mark.parametrize("screen", PHONE_SCREENS)
def test_999_and_101_stay_one_tap_away_with_search_or_the_menu_open(browser, site_url, screen, path):
    """The promise is 999 and 101 one tap away on every page: as loaded (with the strip's Get help
    now), and with search, which covers the whole screen on a phone, or the phone menu open; and
    they cover no part of the search box. nope/ is the not-found page; on the print page,
    print-site's script had hidden search and the menu, so the magnifier and the menu button did
    nothing. Each screen is a phone of its own: one tab resized to landscape lays search out wider
    than the screen, which a phone loading the page does not."""
    context = fresh_context(
        browser, viewport=PHONE_SCREENS[screen], is_mobile=True, has_touch=True, reduced_motion="reduce"
    )
    try:
        page = context.new_page()
        page.goto(site_url + path)
        assert_999_and_101_are_one_tap_away(page, f"at {screen} on /{path} as loaded")
        strip = page.locator("[data-sp-emergency] a")
        expect(strip).to_be_in_viewport(ratio=1)
        assert strip.evaluate(TAPPABLE)["tappable"] and strip.bounding_box()["height"] >= MIN_TARGET, (
            f"at {screen}, the strip's Get help now is covered or under 44 px"
        )
        page.locator("label.md-header__button[for='__search']").click()
        expect(page.locator("#__search")).to_be_checked()
        # Material's opening circle lays the page out wider than the screen until it has grown
        # (about 0.4 s, landscape): read the screen once it has.
        page.wait_for_function("width => innerWidth === width", arg=PHONE_SCREENS[screen]["width"])
        search_box = page.locator("input.md-search__input")
        expect(search_box, "tapping the magnifier opened no search box").to_be_visible()
        search_box.fill("address")
        clear = page.locator(".md-search__options button[type='reset']")
        expect(clear).to_be_visible()
        after_next_paint(page)
        assert_999_and_101_are_one_tap_away(page, f"at {screen} on /{path} with search open")
        box, clear_button = search_box.evaluate(TAPPABLE), clear.evaluate(TAPPABLE)
        assert box["tappable"] and clear_button["tappable"], f"999 or 101 covers the search box: {box}, {clear_button}"
        first_number = page.locator("[data-sp-call] a").first.bounding_box()["x"]
        assert box["right"] <= first_number, f"the search box ends at {box['right']}px, under 999 at {first_number}px"

        page.locator("label.md-search__icon[for='__search']").click()  # the back arrow
        expect(page.locator("#__search")).not_to_be_checked()
        page.locator("label.md-header__button[for='__drawer']").click()
        expect(page.locator(".md-sidebar--primary").get_by_role("link", name="Get help now")).to_be_in_viewport()
        after_next_paint(page)
        assert_999_and_101_are_one_tap_away(page, f"at {screen} on /{path} with the menu open")
    finally:
        context.close()


def test_the_strip_offers_get_help_now_except_on_that_page(phone, site_url):
    open_page(phone, site_url + "about/")
    assert phone.locator("[data-sp-emergency] a", has_text="Get help now").count() == 1
    open_page(phone, site_url + "get-help-now/")
    assert phone.locator("[data-sp-emergency]").count() == 0
    assert phone.locator("[data-sp-call] a[href='tel:999']").count() == 1


# Where the page's own title starts, and the 999 and 101 links a reader sees above it.
FIRST_SCREEN = """() => {
  const chrome = [...document.querySelectorAll('.md-header, [data-sp-emergency]')]
    .map(el => el.getBoundingClientRect().bottom);
  const numbers = [...document.querySelectorAll('a[href^="tel:"]')].filter(a => !a.closest('article, .md-sidebar'))
    .filter(a => a.getClientRects().length).map(a => {
      const box = a.getBoundingClientRect();
      return [a.getAttribute('href'), box.width, box.height];
    });
  return {chrome: Math.max(...chrome), title: document.querySelector('article h1').getBoundingClientRect().top, numbers};
}"""


# The links in a section of the page, from its heading to the next: their words, width and height.
SECTION_LINKS = """id => {
  const links = [];
  for (let el = document.getElementById(id).nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
    links.push(...el.querySelectorAll('a'));
  }
  return links.map(a => [a.textContent.trim(), a.getBoundingClientRect().width, a.getBoundingClientRect().height]);
}"""


def test_get_help_nows_other_situations_are_answer_buttons_like_every_chooser(phone, site_url):
    """ "Something else is happening" offers the other situations as the same large answer buttons
    as the chooser at the top of the page and every other one, not inline links 17 px tall."""
    open_page(phone, site_url + "get-help-now/")
    links = phone.evaluate(SECTION_LINKS, "something-else")
    assert len(links) >= 4, f"'Something else is happening' offers {links}"
    small = [f"{text!r} {w:.0f}x{h:.0f}" for text, w, h in links if h < MIN_TARGET or w < 300]
    assert not small, f"small links for the other situations on /get-help-now/: {small}"


@pytest.mark.parametrize("path", ["", "about/", "get-help-now/", "help/threats/", "cyber-security/"])
def test_the_first_screen_is_the_readers_with_999_and_101_once(phone, site_url, path):
    """Header and emergency entry at most 15% of a 375x740 screen before the title (it was 194 px,
    26%), with 999 and 101 once each, as 44x44 px targets."""
    open_page(phone, site_url + path)
    screen = phone.evaluate(FIRST_SCREEN)
    assert screen["chrome"] <= 0.15 * PHONE_SCREEN["height"], (
        f"header and strip take {screen['chrome']:.0f}px of 740 on /{path}"
    )
    assert screen["title"] >= screen["chrome"]
    assert sorted(href for href, _w, _h in screen["numbers"]) == ["tel:101", "tel:999"], screen["numbers"]
    small = [(href, w, h) for href, w, h in screen["numbers"] if w < MIN_TARGET or h < MIN_TARGET]
    assert not small, f"999 or 101 under 44x44 px: {small}"


@pytest.mark.parametrize("width", [320, 360, 375, 414])
def test_the_service_name_is_never_cut_on_a_phone(phone, site_url, width):
    try:
        phone.set_viewport_size({"width": width, "height": PHONE_SCREEN["height"]})
        open_page(phone, site_url + "about/")
        name = phone.locator(".md-header__topic").first.locator(".md-ellipsis")
        shown, room = name.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert name.inner_text().strip() and shown <= room, f"at {width}px the name needs {shown}px and has {room}px"
        open_page(phone, site_url + "help/threats/")
        phone.locator("label.md-header__button[for='__drawer']").click()
        title = phone.locator(".md-nav--primary > .md-nav__title")
        expect(title).to_be_visible()
        assert title.evaluate("el => el.scrollWidth <= el.clientWidth"), f"at {width}px the menu cuts the name"
    finally:
        phone.set_viewport_size(PHONE_SCREEN)


# Every piece of text in the page's content smaller than its body text: (element, size, text).
SMALL_TEXT = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector('article > p')).fontSize);
  const small = [], walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !element.checkVisibility({visibilityProperty: true})) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < body) small.push(`${element.tagName.toLowerCase()} ${size}px: ${walker.currentNode.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""


@pytest.mark.parametrize("path", ["get-help-now/", *ANSWER_PAGES])
def test_all_text_on_the_emergency_and_answer_pages_is_at_least_body_size(phone, site_url, path):
    open_page(phone, site_url + path)
    small = phone.evaluate(SMALL_TEXT)
    assert not small, f"text under body size on /{path}: {small[:5]}"


@pytest.mark.parametrize("path", ["impersonation-and-deepfakes/", "help/", "help/abuse-or-threats/"])
def test_warning_text_is_at_least_body_size_and_titles_are_bold(phone, site_url, path):
    open_page(phone, site_url + path)
    sizes = {
        name: float(size.removesuffix("px")) for name, size in phone.evaluate(WARNING_SIZES).items() if size != "none"
    }
    assert sizes["warning title"] >= sizes["body text"] and sizes.get("warning text", 99) >= sizes["body text"], sizes
    weight = phone.locator("article h1").evaluate("h => Number(getComputedStyle(h).fontWeight)")
    assert weight >= 700, f"the page title is weight {weight}"


def test_long_pages_start_with_on_this_page_on_a_phone(as_loaded, site_pages):
    problems = []
    for name, url in site_pages:
        if name in ("print page", "index.md"):
            continue
        seen = as_loaded(url)
        height, sections, listed = seen["height"], seen["sections"], seen["listed"]
        long = (height > 3.5 * PHONE_SCREEN["height"] and sections >= 3) or any(url.endswith(p) for p in LONG_PAGES)
        if long and not listed:
            problems.append(f"{name} is {height}px long with {sections} sections and has no visible 'On this page'")
        if listed:
            after_title, links, missing = seen["after_title"], seen["contents_links"], seen["missing"]
            if after_title not in ("H1", "STEPS") or len(links) < 3 or missing:
                problems.append(f"{name}: 'On this page' after {after_title}, {len(links)} links, broken {missing}")
    assert not problems, "\n".join(problems)


def test_get_help_now_shows_its_first_step_on_the_first_phone_screen(phone, site_url):
    """Step 1 before anything else: no second 999 box, no contents list above it (issue 33: it
    was 1,196 px down, below an intro, a nine-link list and a second 999 box)."""
    open_page(phone, site_url + "get-help-now/")
    first = phone.locator("article ol.sp-first-steps > li").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= PHONE_SCREEN["height"], f"step 1 ends {box['y'] + box['height']:.0f}px down"
    assert "999" in first.inner_text()
    above = phone.evaluate("""() => { const step = document.querySelector('article ol.sp-first-steps');
        return [...document.querySelectorAll('article .admonition, article .sp-on-this-page')]
          .filter(e => e.compareDocumentPosition(step) & Node.DOCUMENT_POSITION_FOLLOWING).length; }""")
    assert above == 0, "a warning box or the contents list comes before step 1"
    contents = phone.locator("article .sp-on-this-page")
    assert (
        contents.is_visible()
        and contents.get_by_role("link", name="An account is hacked or used without permission").count() == 1
    )


@pytest.mark.parametrize("path", ["get-help-now/", "cyber-security/", "help/threats/"])
def test_on_this_page_is_the_only_contents_list_on_wide_screens(tab, site_url, path):
    """No right-hand "Table of contents" and no Previous/Next footer: the page's own "On this page"
    and an answer's next step lead on."""
    page = tab("light", 1280)
    open_page(page, site_url + path)
    expect(page.locator("article .sp-on-this-page")).to_be_visible()
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
    assert page.get_by_text("Table of contents").filter(visible=True).count() == 0
    assert page.locator(".md-footer__link").count() == 0


def test_the_phone_menu_opens_at_its_top_level(phone, site_url):
    open_page(phone, site_url + "help/threats/")
    phone.locator("label.md-header__button[for='__drawer']").click()
    drawer = phone.locator(".md-sidebar--primary")
    for part in ("Get help now", "What's happening?", "Guidance", "Tools", "About"):
        expect(drawer.get_by_text(part, exact=True).first).to_be_in_viewport()
    expect(drawer.get_by_role("link", name="A threat or possible crime")).not_to_be_in_viewport()


FOCUSED = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect();
  return {text: (el.innerText || el.getAttribute('aria-label') || '').trim(), left: box.left, top: box.top,
          right: box.right, bottom: box.bottom, menu: Boolean(el.closest('.md-sidebar--primary'))};
}"""


def test_the_phone_menu_works_from_the_keyboard_with_focus_always_in_view(phone, site_url):
    # A section of the menu that is not open keeps its links out of the tab order (they wait off to
    # the side: focus there showed a blank panel), its name takes the focus, and Enter opens it.
    open_page(phone, site_url + "help/")
    width, height = PHONE_SCREEN["width"], PHONE_SCREEN["height"]

    def tab() -> dict:
        phone.keyboard.press("Tab")
        return phone.evaluate(FOCUSED)

    focused = [tab()]
    while focused[-1]["text"] != "Guidance" and len(focused) < 20:
        focused.append(tab())
    assert focused[-1]["text"] == "Guidance", [f["text"] for f in focused]
    in_menu = [f for f in focused if f["menu"]]
    off = [f["text"] for f in in_menu if f["left"] < 0 or f["right"] > width or f["top"] < 0 or f["bottom"] > height]
    assert len(in_menu) >= 3 and not off, f"menu items focused out of view: {off}"
    phone.keyboard.press("Enter")
    phone.wait_for_timeout(400)  # the section slides in
    first = tab()
    assert first["text"].startswith("Getting started") and 0 <= first["left"] < width, first
    assert phone.evaluate("document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollLeft") == 0


def test_the_pdf_link_looks_like_a_download(tab, site_url):
    page = tab("light", 1280)
    open_page(page, site_url + "about/")
    link = page.locator('.sp-pdf-footer a[href$=".pdf"]')
    mark = link.evaluate("a => getComputedStyle(a, '::before').content")
    assert "PDF" in mark and link.evaluate("a => getComputedStyle(a, '::before').borderTopStyle") == "solid"
    assert ".pdf" in link.get_attribute("href") and "PDF," in link.inner_text()


@pytest.mark.parametrize("path", ANSWER_PAGES)
def test_answer_pages_stay_in_their_scenario(phone, site_url, path):
    open_page(phone, site_url + path)
    assert phone.locator(".md-footer__link").count() == 0, "the footer offers Previous/Next to another page"
    end = phone.locator("article .sp-answer-end")
    assert end.count() == 1, "no next step / Start again / 999 block at the end"
    assert "Next step" in end.inner_text()
    assert end.get_by_role("link", name="Start again").get_attribute("href") in ("../", "./")
    assert end.locator("a[href='tel:999']").count() == 1 and end.locator("a[href='tel:101']").count() == 1


@pytest.mark.parametrize("path", ["", "cyber-security/", "help/threats/"])
def test_readers_see_no_maintainer_furniture(phone, site_url, path):
    open_page(phone, site_url + path)
    text = phone.locator("body").inner_text()
    assert "Made with" not in text and "Material for MkDocs" not in text
    assert phone.locator("a.md-content__button, a[rel='edit']").count() == 0, "an edit link shows without edit_uri"
    assert phone.get_by_role("contentinfo").get_by_role("link", name="Contributing").count() == 0, (
        "the contributors' guide is in the footer"
    )
    assert phone.locator(".md-sidebar--primary a[href$='contributing/']").count() == 0, (
        "the contributors' guide is in the menu"
    )


def test_the_header_shows_the_service_identity_not_materials(phone, site_url):
    open_page(phone, site_url + "about/")
    logo = phone.locator(".md-header a.md-logo img")
    assert logo.get_attribute("src").endswith("assets/images/mark.svg") and logo.is_visible()
    assert phone.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(15, 76, 92)"
    logo.click()
    assert phone.evaluate("location.pathname") == "/", "the mark does not lead home"


# A shown term's text, where its tooltip is drawn (the ::after box, in viewport pixels; null if
# none is drawn) and the page's width against the screen's, in one round trip.
TOOLTIP_SHOWN = """el => {
  const style = getComputedStyle(el, '::after');
  const term = el.getBoundingClientRect();
  const width = parseFloat(style.width);
  let box = null;
  if (style.content !== 'none' && style.position === 'fixed') {
    box = {left: parseFloat(style.left), right: innerWidth - parseFloat(style.right), width};
  } else if (style.content !== 'none') {
    const left = term.left + parseFloat(style.left);
    box = {left, right: left + width, width};
  }
  return {label: el.innerText, box, scroll: [document.documentElement.scrollWidth, document.documentElement.clientWidth]};
}"""


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_tooltips_stay_on_screen_and_never_scroll_the_page_sideways(browser, site_url, width):
    mobile = width < 1000
    context = fresh_context(browser, viewport={"width": width, "height": 740}, is_mobile=mobile, has_touch=mobile)
    try:
        page = context.new_page()
        problems = []
        # The home page's "2-step verification" wraps at some widths: its tooltip starts under the
        # first line, and is kept on screen from there.
        for path in ("", "police-advisors/", "cyber-security/", "online-safety-act/"):
            open_page(page, site_url + path)
            terms = page.locator("article abbr.sp-term")
            for i in range(terms.count()):
                term = terms.nth(i)
                term.tap() if mobile else term.hover()  # each scrolls the term into view first
                if not mobile:
                    term.focus()
                shown = term.evaluate(TOOLTIP_SHOWN)
                box, scroll, label = shown["box"], shown["scroll"], f"{path} {shown['label']!r}"
                if box is None:
                    problems.append(f"{label}: no tooltip")
                elif box["left"] < 0 or box["right"] > width:
                    problems.append(f"{label}: tooltip from {box['left']:.0f} to {box['right']:.0f}px")
                if scroll[0] > scroll[1]:
                    problems.append(f"{label}: page scrolls sideways ({scroll[0]} > {scroll[1]}px)")
                page.keyboard.press("Escape")
        assert not problems, f"at {width}px:\n" + "\n".join(problems)
    finally:
        context.close()


def test_search_results_strike_nothing_through(tab, site_url):
    """Material lists the words a result lacks as "Missing: ~~leaked~~"; a reader sees results only."""
    page = tab("light", PHONE)  # a tab with the search worker (the phone fixture's context has none)
    open_page(page, site_url + "about/", wait_until="networkidle")
    assert search(page, "leaked phishing"), "no results to look at"
    assert page.locator(".md-search-result__terms").count() > 0, (
        "Material no longer writes the Missing line: drop this test"
    )
    assert page.locator(".md-search-result__terms").filter(visible=True).count() == 0
    assert page.locator(".md-search-result del").filter(visible=True).count() == 0
    page.keyboard.press("Escape")


def test_moving_back_up_a_page_with_the_keyboard_never_hides_the_focus_under_back_to_top(browser, site_url):
    # Material's "Back to top" button shows, fixed under the header, while a reader moves up the
    # page: Shift+Tab scrolled a glossary term on Get help now right under it (WCAG 2.4.11).
    context = fresh_context(browser, viewport={"width": 640, "height": 400})
    try:
        page = context.new_page()
        open_page(page, site_url + "get-help-now/")
        page.keyboard.press("End")
        page.wait_for_timeout(300)
        hidden = []
        for _ in range(40):
            page.keyboard.press("Shift+Tab")
            page.wait_for_timeout(60)
            covered = page.evaluate(
                """() => {
                  const el = document.activeElement, box = el.getBoundingClientRect();
                  if (!el.closest('article') || !box.height) return null;
                  const x = box.left + Math.min(box.width / 2, 20), y = box.top + box.height / 2;
                  const top = document.elementFromPoint(x, y);
                  return top && !el.contains(top) && !top.contains(el) ? el.textContent.trim().slice(0, 40) : null;
                }"""
            )
            if covered:
                hidden.append(covered)
        assert not hidden, f"focused but covered: {hidden}"
    finally:
        context.close()
