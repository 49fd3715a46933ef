"""Offline on a phone after one visit, and a new edition that replaces the old one.

Each test has its own browser context (so its own service worker and caches) and waits until the
worker is active and controlling the page before the network goes off, as a reader's phone would
have it after the first page finished loading.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from conftest import project_copy, run_mkdocs_build, serve_directory
from saferpolitics.post_build.pdf import PDF_PATH

from .conftest import HEIGHT, PHONE, same_origin, search
from .test_accessibility import describe
from .tour import AXE_OPTIONS, run_axe

pytestmark = pytest.mark.browser

CACHE_PREFIX = "safer-politics-"


@pytest.fixture
def phone(browser):
    """A fresh phone-sized context with every request it makes (the worker's too) recorded."""
    context = browser.new_context(
        viewport={"width": PHONE, "height": HEIGHT[PHONE]},
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        service_workers="allow",
    )
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    yield context
    context.close()


def open_until_saved(page, url: str) -> None:
    """The first visit: load a page and wait until the worker has stored the site and controls it."""
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    expect(page.locator(".sp-offline-status")).to_contain_text("saved on this phone")


def axe_problems(page, name: str) -> list[str]:
    return [describe(name, v) for v in run_axe(page, AXE_OPTIONS)]


def off_site(context, site_url: str) -> list[str]:
    """Requests to another website (the browser's own PDF viewer, on chrome: and chrome-extension:, is none)."""
    browsers_own = ("chrome:", "chrome-extension:")
    return [url for url in context.requests if not url.startswith(browsers_own) and not same_origin(url, site_url)]


def cache_names(page) -> list[str]:
    return page.evaluate(f"() => caches.keys().then(names => names.filter(n => n.startsWith('{CACHE_PREFIX}')))")


@pytest.fixture
def own_server(site_dir):
    """(address, stop) of the built site on a server of its own, which a test can stop. Playwright's
    offline switch does not reach downloads: a reader review saw them reach the server while the
    browser was meant to be offline, so a download that failed on a phone passed here."""
    server = serve_directory(site_dir)
    running = [True]

    def stop() -> None:
        if running.pop():
            server.shutdown()
            server.server_close()

    yield f"http://127.0.0.1:{server.server_port}/", stop
    if running:
        stop()


def test_after_one_visit_the_toolkit_reads_searches_ticks_and_downloads_offline(phone, own_server):
    site_url, stop_server = own_server
    page = phone.new_page()
    open_until_saved(page, site_url)
    stop_server()  # no network at all, not only the browser's offline switch
    phone.set_offline(True)

    response = page.goto(urljoin(site_url, "get-help-now/"))
    assert response.ok and response.from_service_worker
    expect(page.locator("h1")).to_contain_text("Get help now")
    expect(page.locator(".sp-offline-status")).to_contain_text("You are offline. This toolkit still works")
    assert not axe_problems(page, "Get help now, offline")

    page.goto(urljoin(site_url, "help/threats/"))  # a guided-help answer page
    expect(page.locator("h1")).to_contain_text("threat")

    page.goto(urljoin(site_url, "checklists/"))
    page.wait_for_selector("fieldset.sp-checklist--ready")
    first_box = page.locator("input.sp-checklist__box").first
    first_box.check()
    page.reload()
    page.wait_for_selector("fieldset.sp-checklist--ready")
    expect(page.locator("input.sp-checklist__box").first).to_be_checked()

    results = search(page, "phishing")
    assert results, "search found nothing offline"

    # The crisis cards open from the copy on the phone (a link with `download` never reaches it).
    page.goto(urljoin(site_url, "get-help-now/"))
    for card in ("first-hour-a4.pdf", "first-hour-phone.pdf"):
        with page.expect_response(lambda response, card=card: response.url.endswith(card)) as opened:
            page.locator(f'article a[href$="{card}"]').first.click()
        assert opened.value.ok and opened.value.from_service_worker, card
        page.goto(urljoin(site_url, "get-help-now/"))

    page.goto(urljoin(site_url, "evidence-log/"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download the blank evidence log")).click()
    csv = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert csv.splitlines()[0].count(",") >= 3, f"the evidence log downloaded offline is not the CSV: {csv[:200]!r}"

    # The PDF was not asked for, so it is not stored: the footer says so.
    expect(page.locator(".sp-offline-status")).to_contain_text("The PDF is not saved on this phone")
    assert len(cache_names(page)) == 1
    assert not off_site(phone, site_url), f"requests left the site: {off_site(phone, site_url)}"


def addresses_a_reader_may_type(mkdocs_config) -> dict[str, str]:
    """Address (relative to the site) -> the address of the page it must open. Every page as its
    folder, without the final slash (as the crisis cards print "/get-help-now") and with
    index.html; each old address the redirects keep, with and without the slash."""
    from conftest import flatten_nav

    pages = {}
    for md in flatten_nav(mkdocs_config["nav"]):
        folder = "" if md == "index.md" else md.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
        pages.update({folder: folder, folder + "index.html": folder + "index.html"})
        if folder:
            pages[folder.rstrip("/")] = folder
    redirects = next(
        p["redirects"]["redirect_maps"] for p in mkdocs_config["plugins"] if isinstance(p, dict) and "redirects" in p
    )
    for old, new in redirects.items():
        old_folder, new_folder = old.removesuffix(".md"), "" if new == "index.md" else new.removesuffix(".md") + "/"
        pages.update({old_folder: new_folder, old_folder + "/": new_folder})
    return pages


def test_every_address_a_reader_may_type_opens_its_page_offline(phone, site_url, mkdocs_config):
    page = phone.new_page()
    open_until_saved(page, site_url)
    phone.set_offline(True)
    addresses = addresses_a_reader_may_type(mkdocs_config)
    assert {"get-help-now", "help/threats", "introduction", "index.html"} <= set(addresses)
    failed = []
    for address, expected in addresses.items():
        page.goto(urljoin(site_url, address))
        try:
            page.wait_for_url(urljoin(site_url, expected), timeout=5_000)  # a redirect stub moves on by itself
        except PlaywrightTimeoutError:
            failed.append(f"{address} (stayed at {page.url})")
            continue
        page.wait_for_load_state()
        if not page.locator(".md-content h1").first.is_visible() or page.locator(".sp-not-found").count():
            failed.append(address)
    assert not failed, f"offline, these addresses do not open their page: {failed}"
    print(f"\n{len(addresses)} addresses tried offline, all open their page")


def test_a_wrong_address_offline_says_so_and_offers_what_is_saved(phone, site_url):
    page = phone.new_page()
    open_until_saved(page, site_url)
    phone.set_offline(True)

    response = page.goto(urljoin(site_url, "help/threatz"))
    assert response.status == 404 and response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    content = page.locator(".md-content")
    expect(content.get_by_role("link", name="Get help now")).to_be_visible()
    content.get_by_role("link", name="Abuse or threats").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Abuse or threats")

    page.go_back()
    page.get_by_label("Words to search for").fill("phishing")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".md-search-result__meta")).to_contain_text("result")
    assert page.locator(".md-search-result__item").count() > 0

    # A file of the toolkit that is not saved (the PDF nobody asked to keep) is named as such.
    response = page.goto(urljoin(site_url, PDF_PATH))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This is not saved on your device")
    expect(content.get_by_role("link", name="Get help now")).to_be_visible()
    expect(page.locator(".sp-pdf-footer")).to_be_hidden()  # its download would fail again, offline
    assert not axe_problems(page, "Not saved, offline")


def test_a_wrong_address_online_gets_the_helpful_not_found_page(page, site_url):
    response = page.goto(urljoin(site_url, "no-such-page/"))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_text("There is no page at this address")).to_be_visible()
    for name in ("Get help now", "A member of staff is leaving"):
        expect(page.locator(".md-content").get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("search").get_by_label("Words to search for")).to_be_visible()
    assert not axe_problems(page, "Page not found")


def test_keep_the_pdf_on_this_phone_then_open_it_offline(phone, site_url):
    page = phone.new_page()
    open_until_saved(page, site_url)
    pdf_url = urljoin(site_url, PDF_PATH)
    assert not page.evaluate("url => caches.match(url).then(Boolean)", pdf_url), "the PDF was stored unasked"
    page.get_by_role("button", name="Keep the PDF on this phone").click()
    expect(page.locator(".sp-offline-status")).to_contain_text("works without a signal. The PDF is saved too.")
    expect(page.get_by_role("button", name="Remove the PDF from this phone")).to_be_focused()

    phone.set_offline(True)
    # Offline, the status must not read as if the PDF, too, needed a signal.
    expect(page.locator(".sp-offline-status")).to_contain_text(
        "links to other websites need a signal. The PDF is saved too."
    )
    status, kind, size = page.evaluate(
        "url => fetch(url).then(r => r.arrayBuffer().then(b => [r.status, r.headers.get('content-type'), "
        "b.byteLength]))",
        pdf_url,
    )
    assert (status, kind) == (200, "application/pdf") and size > 100_000

    phone.set_offline(False)
    page.reload()
    page.get_by_role("button", name="Remove the PDF from this phone").click()
    expect(page.get_by_role("button", name="Keep the PDF on this phone")).to_be_visible()
    assert not page.evaluate("url => caches.match(url).then(Boolean)", pdf_url)


def test_a_keyboard_reader_keeps_their_place_when_the_saved_line_changes(phone, site_url):
    """The footer's line is written again when the worker takes over, the signal goes or the PDF is
    kept. A keyboard reader on its link or button stayed nowhere (focus fell to the page): CI saw
    Shift+Tab from the page's end reach one stop, on a first visit the worker took over during."""
    page = phone.new_page()
    open_until_saved(page, site_url)
    status = page.locator(".sp-offline-status")
    status.get_by_role("link", name="What is saved, and how to remove it").focus()
    phone.set_offline(True)
    expect(status).to_contain_text("You are offline.")
    expect(status.get_by_role("link", name="What is saved, and how to remove it")).to_be_focused()

    phone.set_offline(False)
    expect(status).to_contain_text("saved on this phone")
    status.get_by_role("button", name="Keep the PDF on this phone").focus()
    phone.set_offline(True)  # offline there is no button: the reader is put on the link beside it
    expect(status.get_by_role("link", name="What is saved, and how to remove it")).to_be_focused()


def _build_edition(folder: Path, name: str, change: Callable[[Path], None]) -> Path:
    """A later edition of the real site: a copy of the project, changed by change(its folder), built."""
    config = project_copy(folder / f"project-{name}")
    change(config.parent)
    result = run_mkdocs_build(config, folder / name, env={"TOOLKIT_PDF": "0"})
    assert result.returncode == 0, result.stderr
    return folder / name


def _build_editions(folder: Path, first_lines: dict[str, str]) -> dict[str, Path]:
    """A later edition of the real site for each name, its Get help now page starting with the
    given line. Built at the same time, each from its own copy of the project: a build is a
    subprocess, so they share both cores instead of waiting one after another."""

    def first_line(line: str) -> Callable[[Path], None]:
        def change(project: Path) -> None:
            page = project / "docs" / "get-help-now.md"
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("# Get help now", f"# Get help now\n\n{line}", 1), encoding="utf-8")

        return change

    with ThreadPoolExecutor(max_workers=len(first_lines)) as pool:
        built = {
            name: pool.submit(_build_edition, folder, name, first_line(line)) for name, line in first_lines.items()
        }
        return {name: future.result() for name, future in built.items()}


def _publish(edition: Path, served: Path, dated: float) -> None:
    """Put the edition where the test server serves it, every file dated as an upload would date
    it. The editions are built at the same time, and the server answers "not modified" to a
    browser whose copy is as new as the file: with build dates the browser would keep the old one."""
    shutil.rmtree(served, ignore_errors=True)
    shutil.copytree(edition, served)
    for file in served.rglob("*"):
        os.utime(file, (dated, dated))


def test_a_new_edition_shows_a_notice_then_its_content_and_the_old_cache_goes(phone, tmp_path, site_without_pdf_build):
    second_line, third_line = "This edition has a new first line.", "The third edition says this instead."
    assert site_without_pdf_build.returncode == 0, site_without_pdf_build.stderr
    # The first edition is the site as published, without the PDF like the others: the session's build.
    editions = {
        "first": site_without_pdf_build.site_dir,
        **_build_editions(tmp_path, {"second": second_line, "third": third_line}),
    }

    served = tmp_path / "served"
    first_published = time.time()
    _publish(editions["first"], served, first_published)
    server = serve_directory(served)
    try:
        url = f"http://127.0.0.1:{server.server_port}/get-help-now/"
        page = phone.new_page()
        open_until_saved(page, url)
        first_cache = cache_names(page)
        expect(page.get_by_text(second_line)).to_have_count(0)

        _publish(editions["second"], served, first_published + 60)  # the new edition is published
        page.reload()  # the next visit: the old copy shows at once, the new one arrives behind it
        expect(page.get_by_text(second_line)).to_have_count(0)
        notice = page.locator(".sp-offline-update")
        expect(notice).to_contain_text("A newer version of this toolkit is available", timeout=30_000)
        assert not axe_problems(page, "Get help now with the update notice")
        notice.get_by_role("button", name="Reload to see it").click()
        expect(page.get_by_text(second_line)).to_be_visible()

        names = cache_names(page)
        assert len(names) == 1 and names != first_cache, f"old edition's cache not replaced: {first_cache} -> {names}"
        phone.set_offline(True)
        page.reload()
        expect(page.get_by_text(second_line)).to_be_visible()

        # A page left open offline gets the next edition once the signal returns, with no navigation
        # (Chromium's own deferred update check and offline.js's on "online" both lead here).
        _publish(editions["third"], served, first_published + 120)
        phone.set_offline(False)
        expect(notice).to_contain_text("A newer version of this toolkit is available", timeout=30_000)
        notice.get_by_role("button", name="Reload to see it").click()
        expect(page.get_by_text(third_line)).to_be_visible()
        assert not off_site(phone, url), f"requests left the site: {off_site(phone, url)}"
    finally:
        server.shutdown()


def test_a_page_open_when_a_new_edition_arrives_runs_only_its_own_scripts_and_keeps_what_was_typed(
    phone, tmp_path, site_without_pdf_build
):
    """The worker takes over open pages at once, and an open page fetches some scripts only when a
    reader first needs them: the evidence log, open before the new edition, ran the new edition's
    parts with its own (a reader and printer review). Now it runs only its own, says to reload,
    and loses nothing typed on the way."""
    assert site_without_pdf_build.returncode == 0, site_without_pdf_build.stderr

    def newer_import_code(project: Path) -> None:
        for part in ("evidence-log/spreadsheet.js", "docx-writer.js"):
            path = project / "docs" / "assets" / "js" / part
            path.write_text(path.read_text(encoding="utf-8") + "\nwindow.spSecondEdition = true;\n", encoding="utf-8")

    second = _build_edition(tmp_path, "second", newer_import_code)
    served = tmp_path / "served"
    first_published = time.time()
    _publish(site_without_pdf_build.site_dir, served, first_published)
    server = serve_directory(served)
    try:
        url = f"http://127.0.0.1:{server.server_port}/evidence-log/"
        page = phone.new_page()
        open_until_saved(page, url)
        page.get_by_label("Date and time").fill("2026-03-14T21:05")
        page.get_by_label("Platform", exact=True).fill("Instagram")
        builder = phone.new_page()  # the protocol builder, open too: its Word writer is fetched on demand
        builder.goto(f"http://127.0.0.1:{server.server_port}/protocol-builder/")

        _publish(second, served, first_published + 60)
        page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
        notice = page.locator(".sp-offline-update")
        expect(notice).to_contain_text("A newer version of this toolkit is available", timeout=30_000)

        # The import's code is fetched now, from the new edition the worker holds: refused.
        page.get_by_label("Import a log you downloaded from this page").set_input_files(
            files=[{"name": "log.csv", "mimeType": "text/csv", "buffer": b"Date and time,Platform\r\n"}]
        )
        expect(page.get_by_role("alert")).to_contain_text(
            "The toolkit has been updated since you opened this page, so this part of the page cannot load. "
            "Save what you have typed, then reload the page."
        )
        assert page.evaluate("() => window.spSecondEdition") is None, "the open page ran the new edition's script"
        # The builder says the same in its own words, not "check your connection".
        builder.get_by_role("button", name="Download for Word (.docx)").click()
        expect(builder.get_by_role("status")).to_have_text(
            "Could not make the Word file. The toolkit has been updated since you opened this page, so this part "
            "of the page cannot load. Save what you have typed, then reload the page."
        )
        assert builder.evaluate("() => window.spSecondEdition") is None
        expect(page.get_by_label("Platform", exact=True)).to_have_value("Instagram")

        page.get_by_role("button", name="Save entry").click()
        expect(page.get_by_role("status")).to_contain_text("Entry saved.")
        notice.get_by_role("button", name="Reload to see it").click()
        # The saved entry is drawn once the reloaded log is set up; only then does focus fetch a part
        # (before, it could fall between the page and its script: a CI run waited for nothing).
        expect(page.locator(".sp-evlog__entry h4")).to_have_text(["14 March 2026, 9.05pm: Instagram"])
        page.get_by_label("Import a log you downloaded from this page").focus()  # fetches the import's code
        page.wait_for_function("() => window.spSecondEdition === true")
        assert not off_site(phone, url), f"requests left the site: {off_site(phone, url)}"
    finally:
        server.shutdown()


def test_a_script_the_website_does_not_send_is_not_blamed_on_the_readers_connection(page, site_url):
    """load() said "Check your internet connection" when the website answered 404 for a script it
    fetches on demand (a file missing from the website): the reader's connection was fine. Now the
    page says the website did not send it; a request that gets no answer is still the connection."""
    page.goto(site_url + "protocol-builder/")
    word = page.get_by_role("button", name="Download for Word (.docx)")
    status = page.get_by_role("status")
    page.route("**/assets/js/docx-writer.js*", lambda route: route.fulfill(status=404, body="Not found"))
    word.click()
    expect(status).to_have_text(
        "Could not make the Word file. The toolkit's website did not send a file this part of the page needs, "
        "so it cannot load. Save what you have typed, then reload the page. If it still does not load, try again later."
    )
    page.unroute("**/assets/js/docx-writer.js*")
    page.route("**/assets/js/docx-writer.js*", lambda route: route.abort("internetdisconnected"))
    word.click()  # tried again: load() forgets a file that failed
    expect(status).to_have_text(
        "Could not make the Word file. This part of the page could not be loaded. "
        "Check your internet connection and try again."
    )


def test_a_page_whose_offline_script_is_already_the_new_editions_still_says_to_reload(page, site_url):
    """A new edition's worker that takes over between a page and its offline.js (fetched once the
    page has loaded) answers with the new edition's offline.js, which the page refuses (its hash):
    offline.js never ran, so the page said nothing of the new edition. Now the page says it."""
    newer = "/* the next edition's offline.js */ window.spSecondEdition = true;\n"
    page.route("**/assets/js/offline.js*", lambda route: route.fulfill(body=newer, content_type="text/javascript"))
    page.goto(site_url + "get-help-now/")
    notice = page.locator(".sp-offline-update")
    expect(notice.locator("p")).to_have_text("A newer version of this toolkit is available.")
    assert notice.get_attribute("aria-live") == "polite"
    assert page.evaluate("() => window.spSecondEdition") is None, "the page ran the other edition's offline.js"
    page.unroute("**/assets/js/offline.js*")
    with page.expect_navigation():
        notice.get_by_role("button", name="Reload to see it").click()
    expect(page.locator(".sp-offline-update p")).to_have_count(0)


def test_chromium_finds_the_toolkit_installable_with_its_manifest(phone, site_url):
    page = phone.new_page()
    open_until_saved(page, site_url)
    cdp = phone.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert not manifest["errors"], manifest["errors"]
    assert manifest["url"] == urljoin(site_url, "manifest.webmanifest")
    # Test contexts are incognito, which Chromium reports first; it still lists every other reason
    # (a missing or small icon, no worker) after it.
    errors = [
        e for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] if e["errorId"] != "in-incognito"
    ]
    assert not errors, f"Chromium would not offer to install the toolkit: {errors}"
