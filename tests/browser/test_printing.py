"""Pages as a reader prints them from the browser (docs/assets/css/print.css and each feature's
@media print rules): Chromium's own PDF of the page, read back as a printer would look at it."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from pdf_layout import MM, Page, read_page

from .conftest import COLOUR_MATHS, PHONE, open_page

pytestmark = pytest.mark.browser

# print.css's A4 margins (top, bottom): the running header and footer stand in them.
TOP, BOTTOM = 20 * MM, 22 * MM
# Where a heading or term must not be left: the answers whose checklist heading ended a sheet, the
# builder's draft ("Part 2" ended its first sheet) and the glossary's terms.
PAGES = ["help/abuse/", "help/affecting-me/", "protocol-builder/", "glossary/"]


def printed(page) -> list[Page]:
    """Each A4 sheet as Chromium prints the page: its text and where each run of it stands."""
    page.emulate_media(media="print")
    return [read_page(sheet) for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]


def body_lines(sheet: Page) -> list[str]:
    """The lines of text between the sheet's top and bottom margins, top to bottom."""
    rows: dict[int, list] = {}
    for run in sheet.runs:
        if TOP <= run.y <= sheet.height - BOTTOM and run.text.strip():
            rows.setdefault(round(run.y), []).append(run)
    return [
        " ".join(" ".join(run.text for run in sorted(rows[y], key=lambda run: run.x)).split()) for y in sorted(rows)
    ]


@pytest.mark.parametrize("path", PAGES)
def test_no_heading_or_term_is_left_at_the_foot_of_a_printed_sheet(page, site_url, path):
    page.goto(site_url + path)
    sheets = printed(page)
    headings = set(
        page.evaluate(
            """() => [...document.querySelectorAll('.md-typeset :is(h1, h2, h3, h4, h5, h6, dt, caption)')]
                .filter((element) => element.checkVisibility())
                .map((element) => element.textContent.replace('¶', '').split(/\\s+/).join(' ').trim())"""
        )
    )
    assert headings, "no headings found on the printed page"
    alone = [
        (number, last)
        for number, sheet in enumerate(sheets[:-1], start=1)
        for last in {" ".join(body_lines(sheet)[-count:]) for count in (1, 2)}
        if last in headings
    ]
    assert not alone, f"headings at the foot of a sheet, their text overleaf (sheet, words): {alone}"


@pytest.mark.parametrize("path", ["help/", "help/account-hacked/", "404.html"])
def test_a_page_that_fits_one_sheet_prints_on_one_with_no_blank_sheet_after(page, site_url, path):
    """Material's page is at least as tall as the window: on paper that was a sheet, and the last
    sheet of every printout came out blank but for its header and footer (a reader review)."""
    page.goto(site_url + path)
    sheets = printed(page)
    assert len(sheets) == 1, [" ".join(body_lines(sheet))[:80] for sheet in sheets]
    assert body_lines(sheets[0]), "nothing printed"


@pytest.mark.parametrize("path", ["help/event-or-canvassing/", "harassment-protocol/"])
def test_the_last_reviewed_line_never_prints_alone_on_the_last_sheet(page, site_url, path):
    """These pages' last sheet held "Last reviewed 6 December 2026" and nothing else (a printing review)."""
    page.goto(site_url + path)
    last = body_lines(printed(page)[-1])
    assert [line for line in last if not line.startswith("Last reviewed")], last


def test_paper_from_a_page_without_a_public_address_says_only_when(page, site_url):
    """A site built without site_url has no canonical link: paper said "Printed from  on ..." and
    the evidence pack "the evidence log at ."."""
    page.goto(site_url + "help/abuse/")
    page.evaluate("document.querySelector('link[rel=canonical]').remove()")
    today = datetime.date.today()
    said = page.evaluate("[saferPolitics.pageAddress(), saferPolitics.whereAndWhen('Printed', 'from')]")
    assert said == ["", f"Printed on {today.day} {today:%B %Y}"]


@pytest.mark.parametrize("path", ["help/threats/", "get-help-now/", "evidence-log/"])
def test_paper_leaves_out_what_only_a_screen_can_do(page, site_url, path):
    """A printing review: an answer printed "Save your office's contacts ... and they show here on
    this device", and the evidence log "To use it on paper, print this page"."""
    page.goto(site_url + path)
    text = " ".join(" ".join(sheet.text.split()) for sheet in printed(page))
    for words in ("on this device", "print this page", "Download the blank evidence log"):
        assert words not in text, f"/{path} prints {words!r}"


def test_a_printed_answer_keeps_the_contacts_this_device_saved(page, site_url):
    """Their numbers are not public, so paper keeps them; the sentence about saving them on the
    device stays off it (a self-review: the whole block had gone from paper)."""
    page.goto(site_url + "help/threats/")
    page.evaluate("localStorage.setItem('sp-protocol:v1', JSON.stringify({plait: 'PLaIT 020 7946 0001'}))")
    try:
        page.reload()
        text = " ".join(" ".join(sheet.text.split()) for sheet in printed(page))
    finally:
        page.evaluate("localStorage.clear()")
    assert "PLaIT, threats to an MP: PLaIT 020 7946 0001" in text
    assert "Save your office's contacts" not in text


def test_the_resources_page_prints_as_a_reading_list(page, site_url):
    # Each link card is an entry (title, publisher, what it is, address), not a box with a badge:
    # a hundred of them printed 23 sheets, about four to a sheet.
    page.goto(site_url + "resources/")
    cards = page.locator("article .sp-card").count()
    sheets = printed(page)
    assert len(sheets) <= cards / 5, f"{cards} entries on {len(sheets)} sheets"
    assert page.locator("article .sp-card__label").evaluate_all(
        "labels => labels.every(l => !l.getClientRects().length)"
    )


def test_a_printed_page_says_where_it_is_from_when_and_where_its_links_go(page, site_url, mkdocs_config):
    # Paper cannot follow "see Report to the platform": the page's address follows the link.
    page.goto(site_url + "help/abuse/")
    site = re.sub(r"^https?://(www\.)?", "", mkdocs_config["site_url"]).rstrip("/")
    text = " ".join(" ".join(sheet.text.split()) for sheet in printed(page))
    today = datetime.date.today()
    assert f"Printed from {site}/help/abuse on {today.day} {today:%B %Y}." in text
    # The screen's 999 and 101 stay in the header, which paper leaves out (a printing review).
    assert "In immediate danger, call 999. Not an emergency, call 101." in text
    assert f"see Report to the platform ({site}/get-help-now/#report-to-the-platform)" in re.sub(r"-\s", "-", text)
    assert f"evidence log ({site}/evidence-log)" in text
    page.goto(site_url + "get-help-now/")  # a file to download says where it is, too
    text = re.sub(r"-\s", "-", " ".join(" ".join(sheet.text.split()) for sheet in printed(page)))
    assert f"({site}/downloads/first-hour-a4.pdf)" in text
    # Its answer buttons print as a list of choices, not boxes that look like something to press.
    page.emulate_media(media="print")
    assert page.locator(".sp-answers a").evaluate_all(
        "links => links.every(a => getComputedStyle(a).borderTopStyle === 'none' && getComputedStyle(a).display === 'inline')"
    )
    page.emulate_media(media="screen")  # and on screen, nothing of it
    assert page.locator(".sp-print-address, .sp-printed-from, .sp-printed-emergency").evaluate_all(
        "found => found.every(f => !f.getClientRects().length)"
    )


def test_a_page_read_in_the_dark_prints_dark_text_on_white(tab, site_url):
    """Read in the dark scheme, "In immediate danger, call 999" printed white on white, and every
    link pale (a printing review): printing uses the light scheme, and the reader's comes back."""
    page = tab("dark", PHONE)
    open_page(page, site_url + "help/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    try:
        faint = page.evaluate(
            "() => {"
            + COLOUR_MATHS
            + """
            const white = 'rgb(255, 255, 255)';
            const shown = [...document.querySelectorAll('article .admonition.warning, article a[href]')]
              .filter(el => el.getClientRects().length);
            return [shown.length, shown.map(el => [el.textContent.trim().slice(0, 40), ratio(over(getComputedStyle(el).color, white), white)])
              .filter(([, r]) => r < 4.5)];
          }"""
        )
    finally:
        page.emulate_media(media="screen")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    shown, too_faint = faint
    assert shown > 5 and not too_faint, f"too faint on white paper: {too_faint}"
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"


def test_the_print_page_prints_every_page_not_the_protocol_builders_draft_alone(page, site_url):
    """The print page holds the protocol builder among every other page; the builder's "print the
    draft alone" rule printed four sheets of the draft and nothing else (a printing review)."""
    page.goto(site_url + "print_page/")
    assert page.locator("[data-sp-protocol-builder]").count() == 1, "the print page no longer holds the builder"
    page.emulate_media(media="print")
    try:
        shown = page.locator("#print-site-page h1").evaluate_all(
            "titles => titles.filter(h => h.getClientRects().length).map(h => h.textContent.trim())"
        )
    finally:
        page.emulate_media(media="screen")
    assert len(shown) > 20 and any("Get help now" in title for title in shown), shown[:5]


def test_a_box_that_starts_closed_prints_its_text(page, site_url):
    """A maintainer review: a `??? note` box printed closed, its text left out. Material's script
    opens each box it set up just before printing; the print stylesheet opens any other (this one,
    added after the script ran, and every box when JavaScript is off), and prints no arrow."""
    page.goto(site_url + "glossary/")
    page.evaluate(
        """document.querySelector('article h1').after(Object.assign(document.createElement('details'), {
            className: 'note',
            innerHTML: '<summary>Why we ask for the link</summary><p>Words inside the closed box.</p>',
        }))"""
    )
    try:
        text = " ".join(" ".join(sheet.text.split()) for sheet in printed(page))
        shown_on_paper = page.evaluate("document.querySelector('details.note p').checkVisibility()")
        arrow_on_paper = page.evaluate(
            "getComputedStyle(document.querySelector('details.note summary'), '::after').display"
        )
    finally:
        page.emulate_media(media="screen")
    assert "Words inside the closed box." in text, text[:600]
    assert shown_on_paper
    assert arrow_on_paper == "none"  # paper can neither open nor close it: no arrow saying "closed"
    # On screen it stays closed until the reader opens it.
    assert not page.evaluate("document.querySelector('details.note').open")
    assert not page.evaluate("document.querySelector('details.note p').checkVisibility()")


def test_the_protocols_last_contact_never_starts_its_last_sheet_alone(page, site_url):
    """A printing review: an MP's office with two contacts filled in printed the protocol with
    "Public email for enquiries and casework" alone at the top of its fourth sheet."""
    office = {
        "name": "Siân O'Brien",
        "role": "MP",
        "constituency": "Ynys Môn",
        "channels": ["Facebook", "X (formerly Twitter)"],
        "hours": "9am to 5pm, Monday to Friday",
        "email": "office@example.org.uk",
        "emergency_contact": "Dafydd Jones (office manager), 07700 900456",
        "feoa": "PC Sarah Khan, North Wales Police, feoa.team@north-wales.police.uk, 01234 567890",
    }
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "protocol-builder/")
    page.evaluate("office => localStorage.setItem('sp-protocol:v1', JSON.stringify(office))", office)
    try:
        page.reload()
        page.wait_for_selector("[data-sp-protocol-builder][data-sp-ready]")
        sheets = printed(page)
    finally:
        page.evaluate("localStorage.clear()")
    last = body_lines(sheets[-1])
    assert last[-1].startswith("Public email for enquiries"), last  # the contacts end the protocol
    assert len(sheets) > 1 and len(last) > 1, f"the last of {len(sheets)} sheets holds only {last}"
