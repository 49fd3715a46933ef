"""The protocol builder in a real browser: the draft it writes, what it escapes, what it never sends."""

from __future__ import annotations

import json
import re
import zipfile
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOSTILE_NAME = 'Alex <script>alert("x")</script><img src=x onerror=alert(1)> Jones'


def open_builder(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_url + "protocol-builder/")
    return requests, dialogs


def fill_in(page, name="Alex Jones"):
    page.get_by_label("MP's or candidate's name").fill(name)
    page.get_by_label("Their role").select_option("MP")
    page.get_by_label("Constituency").fill("Exampleton North")
    page.get_by_label("Facebook").check()
    page.get_by_label("Instagram").check()
    page.get_by_label("X (formerly Twitter)").check()
    page.get_by_label("When you check and reply").fill("Monday to Friday, 9am to 5pm")
    page.get_by_label("Contact email for enquiries").fill("alex.jones.mp@parliament.uk")


def draft(page) -> str:
    """The draft as a reader sees it: formatted text, one line per heading, paragraph or list entry."""
    return page.locator("#sp-protocol-draft").inner_text()


def test_the_draft_is_written_from_the_offices_details(page, site_url):
    open_builder(page, site_url)
    assert page.locator(".sp-protocol__blank-note").is_hidden()
    fill_in(page)
    text = draft(page)
    assert (
        page.locator("#sp-protocol-draft h3")
        .first.text_content()
        .startswith("Social media and harassment protocol: Alex Jones")
    )
    assert (
        "Alex Jones, the MP for Exampleton North, and members of Alex Jones's team run these social media "
        "channels: Facebook, Instagram and X (formerly Twitter)." in text
    )
    assert "We check these channels Monday to Friday, 9am to 5pm." in text
    assert "email alex.jones.mp@parliament.uk with your full name and address" in text
    assert "[" in text  # the internal parts the office fills in by hand are still marked
    filled = page.locator("#sp-protocol-draft [data-sp-field='name']").first
    assert filled.get_attribute("data-sp-blank") is None  # filled in: no longer highlighted
    assert page.locator("#sp-protocol-draft [data-sp-field='feoa']").first.get_attribute("data-sp-blank") == ""


def test_clearing_a_field_brings_back_its_placeholder(page, site_url):
    open_builder(page, site_url)
    fill_in(page)
    page.get_by_label("Constituency").fill("")
    page.get_by_label("Facebook").uncheck()
    page.get_by_label("Instagram").uncheck()
    page.get_by_label("X (formerly Twitter)").uncheck()
    assert "the MP for [Constituency]" in draft(page)
    assert "[channels, such as Facebook, Instagram and X]" in draft(page)


def test_what_people_type_is_shown_as_text_never_run_as_html(page, site_url):
    requests, dialogs = open_builder(page, site_url)
    fill_in(page, name=HOSTILE_NAME + "\nsecond line")
    assert f"protocol: {HOSTILE_NAME} second line" in draft(page)
    assert page.locator("#sp-protocol-draft script, #sp-protocol-draft img").count() == 0
    assert dialogs == []
    assert all(urlparse(url).netloc == urlparse(site_url).netloc for url in requests), requests


def stored(page) -> str:
    """Everything this site keeps in the browser: both storages and its cookies."""
    return page.evaluate(
        "() => [localStorage, sessionStorage].flatMap(s => Object.keys(s).map(k => k + '=' + "
        "s.getItem(k))).join(' ') + document.cookie"
    )


def test_word_download_and_nothing_is_sent(page, site_url):
    requests, _ = open_builder(page, site_url)
    fill_in(page)
    with page.expect_download() as word:
        page.get_by_role("button", name="Download for Word (.docx)").click()
    assert word.value.suggested_filename == "social-media-protocol-alex-jones.docx"
    with open(word.value.path(), "rb") as saved:
        assert saved.read(2) == b"PK"  # a zip, as every .docx is (tests/browser/test_office_documents.py opens it)
    assert page.get_by_role("status").text_content().startswith("Draft downloaded as a Word document.")
    assert all(urlparse(url).netloc == urlparse(site_url).netloc for url in requests), requests


def test_a_welsh_or_irish_name_keeps_its_letters_in_the_file_name(page, site_url):
    """ "Siân Ní Bhriain" gave social-media-protocol-si-n-n-bhriain.docx (a printing review)."""
    open_builder(page, site_url)
    fill_in(page, name="Siân Ní Bhriain")
    with page.expect_download() as word:
        page.get_by_role("button", name="Download for Word (.docx)").click()
    assert word.value.suggested_filename == "social-media-protocol-sian-ni-bhriain.docx"


def test_an_email_address_in_the_wrong_format_gets_an_error_message(page, site_url):
    """As GOV.UK's error message: said once the reader leaves the field, beside it and to a screen
    reader, never while they type; gone as soon as the address is right, back after a reload,
    gone once the details are cleared."""
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(site_url + "protocol-builder/")
    email = page.get_by_label("Contact email for enquiries")
    error = page.locator("#sp-protocol-email-error")
    email.fill("office.parliament.uk")
    expect(error).to_be_hidden()
    email.press("Tab")
    expect(error).to_be_visible()
    expect(error).to_have_text("Enter an email address in the correct format, like name@example.com")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("Enter an email address in the correct format"))
    # The box itself is edged in the error colour, as GOV.UK's is, not only the words above it.
    assert email.evaluate("el => getComputedStyle(el).borderTopColor") == error.evaluate(
        "el => getComputedStyle(el).color"
    )
    email.fill("office@parliament.uk")
    expect(error).to_be_hidden()
    expect(email).to_have_attribute("aria-invalid", "false")
    email.fill("alex.jones.mp@parliament")  # the browser's own check lets this through
    email.press("Tab")
    expect(error).to_be_visible()
    email.fill("alex.jones.mp@parliament.uk")
    expect(error).to_be_hidden()
    email.fill("office@")
    email.press("Tab")
    page.reload()
    expect(error).to_be_visible()
    page.get_by_role("button", name="Clear your details").click()
    expect(error).to_be_hidden()


def test_the_details_stay_on_this_device_until_cleared(page, site_url):
    """Filled in once, the office's details (its contacts among them) are there after a reload,
    kept in this browser only (no cookie, nothing sent); Clear, once confirmed, forgets them."""
    answers, questions = [False, True], []  # the reader first says no to clearing, then yes

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept() if answers.pop(0) else dialog.dismiss()

    page.on("dialog", answer)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "protocol-builder/")
    fill_in(page)
    page.get_by_label("Parliamentary Liaison and Investigation Team (PLaIT)").fill("020 7946 0000")
    page.reload()
    assert "protocol: Alex Jones" in draft(page) and "PLaIT, for threats to an MP: 020 7946 0000" in draft(page)
    assert page.get_by_label("Constituency").input_value() == "Exampleton North"
    assert page.get_by_label("Their role").input_value() == "MP"
    assert page.get_by_label("Instagram").is_checked() and not page.get_by_label("TikTok").is_checked()
    kept = json.loads(page.evaluate("() => localStorage.getItem('sp-protocol:v1')"))
    assert kept["plait"] == "020 7946 0000" and kept["channels"] == ["Facebook", "Instagram", "X (formerly Twitter)"]
    assert page.evaluate("() => document.cookie + Object.keys(sessionStorage).join()") == ""
    assert all(urlparse(url).netloc == urlparse(site_url).netloc for url in requests), requests

    clear = page.get_by_role("button", name="Clear your details")
    clear.click()
    assert questions[-1].startswith("Clear your details from this device?")
    assert "protocol: Alex Jones" in draft(page) and "Alex" in stored(page)  # said no: nothing changed
    clear.click()
    expect(page.get_by_role("status")).to_have_text("Your details are cleared from this device.")
    assert "protocol: [Name]" in draft(page) and page.get_by_label("Constituency").input_value() == ""
    assert not page.get_by_label("Instagram").is_checked()
    assert "sp-protocol" not in stored(page) and "020 7946" not in stored(page)
    page.reload()
    assert "protocol: [Name]" in draft(page)


def test_saved_details_go_back_in_as_text_and_only_as_the_forms_own_options(page, site_url):
    """Whatever is in the saved details (another script's or an old version's), it goes back in
    only as values: text stays text, a choice must be one of the form's own, junk is ignored."""
    page.goto(site_url + "about/")
    page.evaluate(
        """hostile => localStorage.setItem('sp-protocol:v1', JSON.stringify({
             name: hostile, role: 'Emperor', channels: ['Facebook', '<b>Myspace</b>'],
             constituency: {toString: 1}, plait: 12345, unknown_field: 'x'}))""",
        HOSTILE_NAME,
    )
    _, dialogs = open_builder(page, site_url)
    assert f"protocol: {HOSTILE_NAME}" in draft(page)
    assert page.locator("#sp-protocol-draft script, #sp-protocol-draft img, #sp-protocol-draft b").count() == 0
    assert page.get_by_label("Their role").input_value() == ""
    assert page.get_by_label("Facebook").is_checked()
    assert "[Constituency]" in draft(page) and "[PLaIT's number, from ParliNet]" in draft(page)
    assert dialogs == []
    page.evaluate("() => localStorage.setItem('sp-protocol:v1', '{not json')")
    page.reload()
    assert "protocol: [Name]" in draft(page) and page.locator("form.sp-protocol__form").is_visible()


def test_copy_puts_the_draft_on_the_clipboard(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    open_builder(page, site_url)
    fill_in(page)
    page.get_by_role("button", name="Copy the draft as text").click()
    # Writing to the clipboard is asynchronous: wait for the status the reader sees.
    expect(page.get_by_role("status")).to_have_text("Draft copied. Paste it into your document.")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith(
        "Social media and harassment protocol: Alex Jones\n\nPart 1: Community guidelines (publish these)\n\n"
    )
    assert "\n1. abuse or threats of any kind, even if meant as a joke\n2. discrimination" in copied
    assert "\n- Accounts covered: Facebook, Instagram and X (formerly Twitter)\n" in copied
    assert "#" not in copied and "\u00b6" not in copied  # no Markdown marks, no permalink signs


def test_without_javascript_the_blank_template_is_there_to_copy(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "protocol-builder/")
        assert page.locator("form.sp-protocol__form").is_hidden()
        assert page.locator(".sp-protocol__blank-note").is_visible()
        text = draft(page)
        assert "protocol: [Name]" in text and "email [contact email]" in text
    finally:
        context.close()


def test_get_help_now_shows_the_contacts_saved_on_this_device_with_numbers_to_call(page, site_url):
    """Saved once in the builder, the office's own numbers are on Get help now on this device
    (offline too, as the whole site is), each as text, and a phone number is a link to call it."""
    _, dialogs = open_builder(page, site_url)
    page.goto(site_url + "get-help-now/")
    panel = page.locator("[data-sp-office-contacts]")
    expect(panel.get_by_role("link", name="protocol builder")).to_be_visible()
    expect(panel.locator(".sp-office-contacts__found")).to_be_hidden()  # nothing saved yet
    page.goto(site_url + "protocol-builder/")
    page.get_by_label("Parliamentary Liaison and Investigation Team (PLaIT)").fill("PLaIT 020 7946 0001 (24 hours)")
    page.get_by_label("Your force elected-official adviser (FEOA)").fill(HOSTILE_NAME)
    page.goto(site_url + "get-help-now/")
    found = panel.locator(".sp-office-contacts__found")
    expect(found).to_be_visible()
    assert found.locator("li:visible").all_inner_texts() == [
        f"Force elected-official adviser (FEOA): {HOSTILE_NAME}",
        "PLaIT, threats to an MP: PLaIT 020 7946 0001 (24 hours)",
    ]
    assert found.get_by_role("link", name="020 7946 0001").get_attribute("href") == "tel:02079460001"
    assert found.locator("script, img").count() == 0 and dialogs == []
    # And on an answer whose steps say to tell PLaIT, beside the steps (a reader review).
    page.goto(site_url + "help/address-posted/")
    expect(page.locator("[data-sp-office-contacts]").get_by_role("link", name="020 7946 0001")).to_be_visible()
    # A candidate's office: PLaIT typed before the role was chosen is not shown as its contact
    # (a review), as the builder leaves it out; it is kept for a switch back to MP.
    page.goto(site_url + "protocol-builder/")
    page.get_by_label("Their role").select_option("parliamentary candidate")
    page.goto(site_url + "get-help-now/")
    assert found.locator("li:visible").all_inner_texts() == [f"Force elected-official adviser (FEOA): {HOSTILE_NAME}"]
    page.goto(site_url + "protocol-builder/")
    page.get_by_label("Their role").select_option("MP")
    page.goto(site_url + "get-help-now/")
    expect(found.get_by_role("link", name="020 7946 0001")).to_be_visible()


PARLIAMENTS_FIELDS = (
    "Parliamentary Liaison and Investigation Team (PLaIT)",
    "Members' Security Support Service (MSSS)",
    "Parliamentary Security Department",
    "Parliament's Digital Support Desk",
    "Staff helpline (Employee Assistance Programme)",
)


def test_a_candidates_office_is_not_asked_for_parliaments_routes(page, site_url, tmp_path):
    """A candidate's office was asked for PLaIT's, MSSS's, the Digital Support Desk's and the staff
    helpline's numbers "from ParliNet", which it cannot reach; its draft already left them out.
    The Parliamentary Security Department's line, added later, is an MP's only as well."""
    open_builder(page, site_url)
    form = page.locator("form.sp-protocol__form")
    for label in PARLIAMENTS_FIELDS:  # no role chosen yet: the office may be an MP's
        expect(page.get_by_label(label)).to_be_visible()
    page.get_by_label("Their role").select_option("parliamentary candidate")
    for label in PARLIAMENTS_FIELDS:
        expect(page.get_by_label(label)).to_be_hidden()
    for words in ("ParliNet", "PLaIT", "Parliament's"):  # nor are their hints shown
        assert words not in form.inner_text()
    expect(page.get_by_label("Your force elected-official adviser (FEOA)")).to_be_visible()
    expect(page.get_by_label("Party security contact")).to_be_visible()
    with page.expect_download() as word:
        page.get_by_role("button", name="Download for Word (.docx)").click()
    body = zipfile.ZipFile(word.value.path()).read("word/document.xml").decode("utf-8")
    for words in ("PLaIT", "MSSS", "Parliamentary Security Department", "Digital Support Desk", "ParliNet"):
        assert words not in body and words not in draft(page)
    # The crisis card printed with the contacts has no line for them either.
    card = page.locator(".sp-protocol__card .sp-first-hour__contacts li")
    labels = [card.nth(i).locator(".sp-first-hour__label").text_content() for i in range(card.count())]
    shown = [
        label for i, label in enumerate(labels) if card.nth(i).evaluate("li => getComputedStyle(li).display !== 'none'")
    ]
    assert "PLaIT, threats to an MP" in labels and "PLaIT, threats to an MP" not in shown
    assert "Force elected-official adviser (FEOA)" in shown and len(shown) == len(labels) - len(PARLIAMENTS_FIELDS)
    page.get_by_label("Their role").select_option("MP")
    for label in PARLIAMENTS_FIELDS:
        expect(page.get_by_label(label)).to_be_visible()
    page.get_by_label("Their role").select_option("")
    expect(page.get_by_label(PARLIAMENTS_FIELDS[0])).to_be_visible()


def test_only_an_mps_protocol_tells_constituents_it_takes_casework_by_email(page, site_url):
    """A four-nations review: a candidate's Part 1 said "we cannot deal with casework here. If you
    live in Exampleton North and need help, email ..."; casework is an elected representative's
    (content gaps 18), and the field's example was a parliament.uk address."""
    open_builder(page, site_url)
    fill_in(page)
    page.get_by_label("Contact email for enquiries").fill("office@example.org")
    mp = draft(page)
    assert "We cannot deal with casework here. If you live in Exampleton North and need help" in mp
    assert "To contact Alex Jones" not in mp and "If Alex Jones is" not in mp
    page.get_by_label("Their role").select_option("parliamentary candidate")
    candidate = draft(page)
    assert "Comments and messages are not a substitute for email. To contact Alex Jones, email office@example.org." in (
        candidate
    )
    assert "deal with casework" not in candidate and "full name and address" not in candidate
    assert "parliament.uk" not in page.locator("form.sp-protocol__form").inner_text()
