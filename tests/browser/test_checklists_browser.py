"""Checklists in a real browser: ticks saved on the device only, Clear, keyboard use, no network,
a plain list without JavaScript, blank boxes in print, and Material's instant navigation."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import textwrap
import threading
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from conftest import ROOT, build_in_process, fresh_context, tiny_project
from saferpolitics.markdown_stage.checklists import CHECKLISTS_FILE, parse_checklists

pytestmark = pytest.mark.browser

KEY_PREFIX = "sp-checklist:v1:"
CHECKLISTS = {c.id: c for c in parse_checklists((ROOT / CHECKLISTS_FILE).read_text(encoding="utf-8"))[0]}


def open_ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("fieldset.sp-checklist--ready")


def checklist(page, checklist_id: str):
    return page.locator(f'fieldset[data-sp-checklist="{checklist_id}"]')


def box(page, checklist_id: str, index: int):
    """The tick box of an item, found as a reader finds it: by the label's words."""
    return checklist(page, checklist_id).get_by_role("checkbox", name=CHECKLISTS[checklist_id].items[index].text)


def progress(page, checklist_id: str):
    return checklist(page, checklist_id).locator(".sp-checklist__progress")


def done(checklist_id: str, count: int) -> str:
    return f"{count} of {len(CHECKLISTS[checklist_id].items)} done"


def stored_keys(page) -> dict:
    return page.evaluate(
        "prefix => Object.fromEntries(Object.keys(localStorage)"
        ".filter(k => k.startsWith(prefix)).map(k => [k, localStorage.getItem(k)]))",
        KEY_PREFIX,
    )


def test_a_tick_is_still_there_after_a_reload(page, site_url):
    open_ready(page, urljoin(site_url, "cyber-security/"))
    expect(progress(page, "account-security")).to_have_text(done("account-security", 0))
    # Tap the words, as on a phone: the label ticks the box.
    checklist(page, "account-security").get_by_text(CHECKLISTS["account-security"].items[1].text).click()
    expect(box(page, "account-security", 1)).to_be_checked()
    expect(progress(page, "account-security")).to_have_text(done("account-security", 1))
    item_id = CHECKLISTS["account-security"].items[1].id
    assert stored_keys(page) == {f"{KEY_PREFIX}account-security:{item_id}": "1"}

    page.reload()
    page.wait_for_selector("fieldset.sp-checklist--ready")
    expect(box(page, "account-security", 1)).to_be_checked()
    expect(box(page, "account-security", 0)).not_to_be_checked()
    expect(progress(page, "account-security")).to_have_text(done("account-security", 1))


def test_clear_empties_the_checklist_for_good(page, site_url):
    open_ready(page, urljoin(site_url, "social-media/"))
    for index in (0, 2):
        box(page, "before-you-post", index).check()
    expect(progress(page, "before-you-post")).to_have_text(done("before-you-post", 2))
    # An old tick of an item that has since been removed is cleared too.
    page.evaluate("key => localStorage.setItem(key, '1')", f"{KEY_PREFIX}before-you-post:retired-item")

    clear = checklist(page, "before-you-post").get_by_role("button", name="Clear ticks from Before you post")
    clear.click()
    expect(checklist(page, "before-you-post").locator("input:checked")).to_have_count(0)
    expect(progress(page, "before-you-post")).to_have_text(done("before-you-post", 0))
    assert stored_keys(page) == {}
    page.reload()
    page.wait_for_selector("fieldset.sp-checklist--ready")
    expect(checklist(page, "before-you-post").locator("input:checked")).to_have_count(0)


def test_clear_removes_every_tick_of_its_list_and_only_that_list_every_time(page, site_url):
    """On the Checklists page, each list in turn: tick all its items, Clear, reload. Nothing of
    that list is left, and the one tick kept on the last list is still there. (Removing keys
    while counting through localStorage left one tick behind in some lists, every time.)"""
    open_ready(page, urljoin(site_url, "checklists/"))
    *cleared, kept = CHECKLISTS
    box(page, kept, 0).check()
    for checklist_id in cleared:
        for index in range(len(CHECKLISTS[checklist_id].items)):
            box(page, checklist_id, index).check()
        expect(progress(page, checklist_id)).to_have_text(done(checklist_id, len(CHECKLISTS[checklist_id].items)))
        checklist(page, checklist_id).get_by_role("button", name=re.compile("^Clear")).click()
        page.reload()
        page.wait_for_selector("fieldset.sp-checklist--ready")
        expect(progress(page, checklist_id), f"ticks left in {checklist_id} after Clear").to_have_text(
            done(checklist_id, 0)
        )
        expect(box(page, kept, 0)).to_be_checked()
    assert list(stored_keys(page)) == [f"{KEY_PREFIX}{kept}:{CHECKLISTS[kept].items[0].id}"]


def test_two_checklists_on_one_page_are_independent(page, site_url):
    open_ready(page, urljoin(site_url, "cyber-security/"))
    box(page, "account-security", 0).check()
    box(page, "account-access", 0).check()
    box(page, "account-access", 1).check()
    expect(progress(page, "account-security")).to_have_text(done("account-security", 1))
    expect(progress(page, "account-access")).to_have_text(done("account-access", 2))

    checklist(page, "account-access").get_by_role("button", name=re.compile("^Clear")).click()
    expect(progress(page, "account-access")).to_have_text(done("account-access", 0))
    expect(box(page, "account-security", 0)).to_be_checked()
    expect(progress(page, "account-security")).to_have_text(done("account-security", 1))


def test_ticks_are_shared_with_the_checklists_page(page, site_url):
    open_ready(page, urljoin(site_url, "harassment/"))
    box(page, "when-abuse-happens", 2).check()
    open_ready(page, urljoin(site_url, "checklists/"))
    expect(checklist(page, "when-abuse-happens").locator("input:checked")).to_have_count(1)
    expect(box(page, "when-abuse-happens", 2)).to_be_checked()
    # Every checklist is there, each under its heading, each with its own progress line.
    expect(page.locator("fieldset.sp-checklist--ready")).to_have_count(len(CHECKLISTS))
    for checklist_id, data in CHECKLISTS.items():
        expect(page.get_by_role("heading", name=re.compile("^" + re.escape(data.title)))).to_be_visible()
        expect(page.get_by_role("group", name=data.title)).to_have_count(1)
        expect(progress(page, checklist_id)).to_have_attribute("aria-live", "polite")


def test_operable_with_the_keyboard_alone(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_ready(page, urljoin(site_url, "police-advisors/"))
    first_box = box(page, "campaigning-and-events", 0)
    for _ in range(300):
        page.keyboard.press("Tab")
        if first_box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first tick box")
    page.keyboard.press("Space")
    expect(first_box).to_be_checked()
    expect(progress(page, "campaigning-and-events")).to_have_text(done("campaigning-and-events", 1))
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(box(page, "campaigning-and-events", 1)).to_be_checked()

    clear = checklist(page, "campaigning-and-events").get_by_role("button", name=re.compile("^Clear"))
    for _ in range(len(CHECKLISTS["campaigning-and-events"].items) + 10):
        page.keyboard.press("Tab")
        if clear.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Clear button")
    page.keyboard.press("Enter")
    expect(progress(page, "campaigning-and-events")).to_have_text(done("campaigning-and-events", 0))
    # Focus stays where the reader left it.
    assert clear.evaluate("el => el === document.activeElement")


def test_nothing_is_requested_from_the_network_when_ticking(page, site_url):
    open_ready(page, urljoin(site_url, "harassment-protocol/"))
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for index in range(3):
        box(page, "harassment-protocol", index).check()
    box(page, "harassment-protocol", 1).uncheck()
    checklist(page, "harassment-protocol").get_by_role("button", name=re.compile("^Clear")).click()
    expect(progress(page, "harassment-protocol")).to_have_text(done("harassment-protocol", 0))
    page.wait_for_timeout(300)  # give any stray request time to start; not a timing assertion
    assert requests == []


def test_ticks_work_when_the_browser_blocks_storage(browser, site_url):
    context = fresh_context(browser)
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', "
        "'SecurityError'); }});"
    )
    page = context.new_page()
    errors = []
    # Material's own inline scripts also read localStorage (and fail here); only ours is tested.
    page.on("pageerror", lambda error: errors.append(error.stack) if "checklists.js" in (error.stack or "") else None)
    try:
        open_ready(page, urljoin(site_url, "social-media/"))
        box(page, "before-you-post", 0).check()
        expect(progress(page, "before-you-post")).to_have_text(done("before-you-post", 1))
        expect(checklist(page, "before-you-post").get_by_text("This browser is not saving your ticks.")).to_be_visible()
        assert errors == []
    finally:
        context.close()


def test_without_javascript_it_is_a_plain_list(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(urljoin(site_url, "cyber-security/"))
        fieldset = checklist(page, "account-security")
        expect(fieldset.locator("legend")).to_have_text(CHECKLISTS["account-security"].title)
        expect(fieldset.get_by_role("listitem")).to_have_count(len(CHECKLISTS["account-security"].items))
        expect(fieldset.get_by_text(CHECKLISTS["account-security"].items[0].text)).to_be_visible()
        expect(fieldset.locator("input, button")).to_have_count(0)
    finally:
        context.close()


def test_print_shows_blank_boxes_and_no_controls(page, site_url):
    open_ready(page, urljoin(site_url, "cyber-security/"))
    box(page, "account-security", 0).check()
    page.emulate_media(media="print")
    fieldset = checklist(page, "account-security")
    expect(fieldset.locator(".sp-checklist__footer")).to_be_hidden()
    expect(fieldset.locator("input")).to_have_count(len(CHECKLISTS["account-security"].items))
    for index in range(len(CHECKLISTS["account-security"].items)):
        expect(fieldset.locator("input").nth(index)).to_be_hidden()
    marker = fieldset.locator("li").first.evaluate(
        "li => { const s = getComputedStyle(li, '::before'); return [s.content, s.borderTopStyle]; }"
    )
    assert marker == ['""', "solid"]


def test_the_print_page_keeps_checklists_blank(page, site_url):
    page.goto(urljoin(site_url, "print_page/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("fieldset[data-sp-checklist]").count() >= len(CHECKLISTS)
    expect(page.locator("fieldset[data-sp-checklist] input")).to_have_count(0)


# ---------------------------------------------------------------- instant navigation (tiny site)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@pytest.fixture
def instant_site(tmp_path):
    """A tiny Material site with instant navigation on: two pages, a checklist on the second."""
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    # Only the checklist this site places: an unplaced one would fail the strict build.
    real = (ROOT / CHECKLISTS_FILE).read_text(encoding="utf-8")
    start = real.index("- id: before-you-post")
    end = real.find("\n- id:", start)
    pages = {
        "index.md": "# Home\n\n[Go to the checklists](checklists.md)\n",
        "social-media.md": "# Social media\n\n## Location {#location}\n",
        "checklists.md": "# Checklists\n\n/// checklist | before-you-post\n///\n",
    }
    config = textwrap.dedent(
        f"""\
        site_url: {url}
        theme:
          name: material
          font: false
          features: [navigation.instant]
        markdown_extensions: [toc, attr_list]
        extra_css: [assets/checklists.css]
        extra_javascript: [assets/shared.js, assets/checklists.js]
        """
    )
    tiny_project(tmp_path, pages, data={"checklists.yml": real[start : end if end > 0 else None]}, config=config)
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(exist_ok=True)
    for script in ("shared.js", "checklists.js"):  # checklists.js uses shared.js's helpers
        shutil.copy(ROOT / "docs/assets/js" / script, docs / "assets")
    shutil.copy(ROOT / "docs/assets/css/checklists.css", docs / "assets")
    result = build_in_process(tmp_path / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    yield url
    server.shutdown()


def test_works_with_material_instant_navigation(page, instant_site):
    page.goto(instant_site)
    page.evaluate("window.spNoReload = true")
    page.get_by_role("link", name="Go to the checklists").click()
    page.wait_for_selector("fieldset.sp-checklist--ready")
    assert page.evaluate("window.spNoReload") is True, "the page reloaded: instant navigation was not used"
    box(page, "before-you-post", 0).check()
    expect(progress(page, "before-you-post")).to_have_text(done("before-you-post", 1))
    # Back and forward again: the swapped-in page is upgraded once, with the tick restored.
    page.go_back()
    page.get_by_role("link", name="Go to the checklists").click()
    page.wait_for_selector("fieldset.sp-checklist--ready")
    expect(checklist(page, "before-you-post").locator(".sp-checklist__footer")).to_have_count(1)
    expect(box(page, "before-you-post", 0)).to_be_checked()
