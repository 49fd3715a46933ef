"""The protocol builder's Word file, printout and crisis card, as an office gets them from a real browser.

The Word file is captured with Playwright's download API, then opened with python-docx (the styles,
headings and values Word shows) and converted by LibreOffice headless (it opens without repair).
"""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import unexplained_abbreviations
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

NAME = 'Alex <b>"Jones"</b> & Co'
FORMULA = '=HYPERLINK("http://127.0.0.1/x","click")'
FEOA = "PC Sam Smith, 01234 567890, feoa@example.org"
# Name, phone and email, as the field asks, too long to fit beside its label on the crisis card (a
# printing review: it moved the contacts to a second sheet, split after the hyphen).
LONG_FEOA = "PC Sam Smith, 01234 567890, sam.smith@devon-cornwall.police.example"
# Parliament's routes, from ParliNet: each form label, what the office types (numbers from Ofcom's
# range for drama, never a real line) and how the crisis card and the protocol's contacts name it.
OFFICE_ROUTES = [
    (
        "Parliamentary Liaison and Investigation Team (PLaIT)",
        "020 7946 0001",
        "PLaIT, threats to an MP",
        "PLaIT, for threats to an MP",
    ),
    (
        "Members' Security Support Service (MSSS)",
        "020 7946 0002",
        "Members' Security Support Service (MSSS)",
        "Members' Security Support Service (MSSS)",
    ),
    (
        "Parliament's Digital Support Desk",
        "020 7946 0003",
        "Parliament's Digital Support Desk",
        "Parliament's Digital Support Desk",
    ),
    ("Party security contact", "Jo Lee, 020 7946 0004", "Party security contact", "Party security contact"),
    (
        "Staff helpline (Employee Assistance Programme)",
        "020 7946 0005",
        "Employee Assistance Programme (staff helpline)",
        "Staff helpline (Employee Assistance Programme)",
    ),
]
PRINT_STUB = "window.__spPrinted = 0; window.print = () => { window.__spPrinted += 1; };"


def open_builder(page, site_url):
    page.context.add_init_script(PRINT_STUB)
    page.goto(site_url + "protocol-builder/")


def fill_in(page, feoa=FEOA):
    page.get_by_label("MP's or candidate's name").fill(NAME)
    page.get_by_label("Their role").select_option("MP")
    page.get_by_label("Constituency").fill(FORMULA)
    page.get_by_label("Facebook").check()
    page.get_by_label("X (formerly Twitter)").check()
    page.get_by_label("Your force elected-official adviser (FEOA)").fill(feoa)
    for label, value, _, _ in OFFICE_ROUTES:
        page.get_by_label(label).fill(value)


def download_word(page, tmp_path):
    with page.expect_download() as download:
        page.get_by_role("button", name="Download for Word (.docx)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_word_file_has_words_own_styles_the_values_and_highlighted_blanks(page, site_url, tmp_path):
    open_builder(page, site_url)
    fill_in(page)
    path = download_word(page, tmp_path)
    assert sorted(zipfile.ZipFile(path).namelist()) == sorted(
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            *(f"word/{kind}{n}.xml" for kind in ("header", "footer") for n in (1, 2)),  # one of each per part
            "word/firstheader.xml",  # page 1's: empty, below it is Part 1's heading
            "word/firstfooter.xml",
        ]
    )
    assert zipfile.ZipFile(path).testzip() is None  # every entry's checksum is right
    document = docx.Document(str(path))
    # Word opens it in its current mode, not "Compatibility Mode".
    assert 'w:val="15"' in document.settings.element.xml
    paragraphs = document.paragraphs
    styles = [p.style.name for p in paragraphs]
    assert styles[0] == "Heading 1" and paragraphs[0].text == f"Social media and harassment protocol: {NAME}"
    assert [p.text for p in paragraphs if p.style.name == "Heading 2"] == [
        "Part 1: Community guidelines (publish these)",
        "Part 2: Who does what (for the team only, do not publish)",
    ]
    assert "Ground rules" in [p.text for p in paragraphs if p.style.name == "Heading 3"]
    assert styles.count("List Number") == 14 and styles.count("List Bullet") > 10
    assert set(styles) == {"Heading 1", "Heading 2", "Heading 3", "Normal", "List Number", "List Bullet"}
    # Word's navigation pane and contents list use the headings' outline levels.
    assert (
        document.styles["Heading 2"].element.pPr.find(docx.oxml.ns.qn("w:outlineLvl")).get(docx.oxml.ns.qn("w:val"))
        == "1"
    )
    # Each numbered list starts again at 1: its own numbering instance.
    num_ids = {p._p.pPr.numPr.numId.val for p in paragraphs if p.style.name == "List Number"}
    assert len(num_ids) == 2
    text = "\n".join(p.text for p in paragraphs)
    assert (
        f"{NAME}, the MP for {FORMULA}, and members of {NAME}'s team run these social media channels: "
        "Facebook and X (formerly Twitter)." in text
    )
    assert f"Force elected-official adviser (FEOA): {FEOA}" in text
    for _, value, _, in_protocol in OFFICE_ROUTES:
        assert f"{in_protocol}: {value}" in text
    # The role is chosen (MP): its own step, not the one for "if they are an MP" or a candidate.
    assert (
        "call 101 if it is not an emergency. Tell our force elected-official adviser (FEOA) as well: "
        f"{FEOA}. Report it to PLaIT too: 020 7946 0001." in text
    )
    assert f"If {NAME} is" not in text
    # What the office typed is plain text in plain runs; every part still to fill in is highlighted.
    runs = [run for p in paragraphs for run in p.runs]
    highlighted = {run.text for run in runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW}
    assert {"[date]", "[contact email]", "[platform, name and email]"} <= highlighted
    assert all(t.startswith("[") and t.endswith("]") for t in highlighted), highlighted
    assert document.core_properties.title == f"Social media and harassment protocol: {NAME}"
    # Its properties say whose it is and when it was made (Word's Author and Created).
    assert document.core_properties.author == f"Office of {NAME}"
    made = document.core_properties.created
    assert made and abs(made.replace(tzinfo=datetime.UTC) - datetime.datetime.now(datetime.UTC)).total_seconds() < 600
    body = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "<b>" not in body  # escaped, never markup
    assert "fldSimple" not in body and "instrText" not in body  # no Word fields: "=HYPERLINK(...)" stays text
    # Each part starts a page, its heading at the top of every page: Part 2 says "do not publish" on
    # each of its pages. Page numbers at the foot of every page. Both in Word's own header and footer
    # styles, 9 pt and grey: at the body's size the header took two lines (a printing review).
    part_1, part_2 = document.sections
    assert part_1.header.paragraphs[0].text == "Part 1: Community guidelines (publish these)"
    assert part_2.header.paragraphs[0].text == "Part 2: Who does what (for the team only, do not publish)"
    for margin in (part_1.header.paragraphs[0], part_2.footer.paragraphs[0]):
        assert margin.style.name in ("Header", "Footer")
        assert margin.style.font.size.pt == 9 and str(margin.style.font.color.rgb) == "505A5F"
    assert part_2.start_type == docx.enum.section.WD_SECTION.NEW_PAGE
    assert part_1.different_first_page_header_footer and not part_2.different_first_page_header_footer
    assert part_1.first_page_header.paragraphs[0].text == ""
    assert part_1.first_page_footer.paragraphs[0].text == part_1.footer.paragraphs[0].text
    for part in (part_1, part_2):
        assert 'w:instr=" PAGE "' in part.footer.paragraphs[0]._p.xml
        # Where and when it was made, on every page (a printing review).
        assert re.match(r"Made with \S+/protocol-builder on \d+ \w+ \d{4}\. ", part.footer.paragraphs[0].text)


def test_word_file_gives_each_sources_address_and_keeps_part_1s_end_on_one_page(page, site_url, tmp_path):
    """A printing review: paper cannot follow a link, yet the Word file said "as the NCSC guide to
    recovering a hacked account says" with no address; and Part 1 could leave its last sentence
    alone on a page before Part 2's new page."""
    open_builder(page, site_url)
    fill_in(page)
    paragraphs = docx.Document(str(download_word(page, tmp_path))).paragraphs
    text = "\n".join(p.text for p in paragraphs)
    for source in (
        "NCSC guide to recovering a hacked account (https://www.ncsc.gov.uk/guidance/recovering-a-hacked-account) says",
        "through its cyber incident reporting service (https://report.ncsc.gov.uk/)",
        "Report Fraud (https://www.reportfraud.police.uk/)",
    ):
        assert source in text
    part_2 = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Part 2:"))
    before, last = [p for p in paragraphs[:part_2] if p.text][-2:]
    assert last.text.startswith("We keep a record of threats")
    assert before.paragraph_format.keep_with_next and last.paragraph_format.keep_together
    # Otherwise only lists hold items to the next (headings do, by their style): each list's first
    # item, and every contact but the last, so the contacts that end Part 2 stay on one page with
    # their heading (a printing review found the last five on a page of their own).
    held = [p for p in paragraphs if p.paragraph_format.keep_with_next]
    contacts = paragraphs[next(i for i, p in enumerate(paragraphs) if p.text == "Contacts") + 1 :]
    assert [p.style.name for p in contacts] == ["List Bullet"] * len(contacts) and len(contacts) > 5
    assert contacts[:-1] == [p for p in held if p in contacts] and not contacts[-1].paragraph_format.keep_with_next
    others = [p for p in held if p not in contacts and p is not before]
    assert others and all(p.style.name.startswith("List") for p in others)
    assert all(not paragraphs[paragraphs.index(p) - 1].style.name.startswith("List") for p in others)  # first items


def test_the_threat_step_follows_the_role_chosen(page, site_url):
    """The FEOA is every office's route, an MP's and a candidate's alike (GOV.UK: "FEOAs are
    responsible for both Operation Bridger (MPs and parliamentary candidates)"); PLaIT is an MP's
    as well. The step said PLaIT for an MP and the FEOA only for a candidate."""
    open_builder(page, site_url)
    step = page.locator("#sp-protocol-draft li", has_text="Report every threat to the police first")
    police_and_feoa = (
        "Report every threat to the police first: call 101 if it is not an emergency. "
        "Tell our force elected-official adviser (FEOA) as well: [name, phone and email]."
    )
    expect(step).to_have_text(  # none chosen
        police_and_feoa + " If [Name] is an MP, report it to PLaIT too: [PLaIT's number, from ParliNet].",
        use_inner_text=True,
    )
    page.get_by_label("MP's or candidate's name").fill("Alex Jones")
    page.get_by_label("Their role").select_option("parliamentary candidate")
    expect(step).to_have_text(police_and_feoa, use_inner_text=True)
    page.get_by_label("Their role").select_option("MP")
    expect(step).to_have_text(
        police_and_feoa + " Report it to PLaIT too: [PLaIT's number, from ParliNet].", use_inner_text=True
    )


def test_a_candidates_protocol_leaves_out_parliaments_contacts(page, site_url, tmp_path):
    # A printing review: a candidate's protocol listed PLaIT, MSSS, the Digital Support Desk and the
    # staff helpline, each "[... from ParliNet]", which only an MP's office can fill in.
    open_builder(page, site_url)
    page.get_by_label("MP's or candidate's name").fill("Alex Jones")
    page.get_by_label("Their role").select_option("parliamentary candidate")
    contacts = page.locator("#sp-protocol-draft ul").last.locator("li")
    expect(contacts.filter(has_text="Party security contact")).to_be_visible()
    shown = [item for item in contacts.all() if item.is_visible()]
    assert shown and all(item.inner_text().strip() for item in shown)  # no empty bullet
    text = "\n".join(p.text for p in docx.Document(str(download_word(page, tmp_path))).paragraphs)
    for parliaments in ("PLaIT", "MSSS", "Digital Support Desk", "Employee Assistance Programme", "ParliNet"):
        assert parliaments not in text
    assert "type no password on it.\n" in text  # the sentence for a parliamentary device goes too
    assert "Force elected-official adviser (FEOA): [name, phone and email]" in text
    contact_lines = text.split("\nContacts\n", 1)[1].split("\n")
    assert all(contact_lines) and contact_lines[-1].startswith("Public email")
    # An MP's office has them again.
    page.get_by_label("Their role").select_option("MP")
    expect(contacts.filter(has_text="Members' Security Support Service (MSSS)")).to_be_visible()
    assert "Staff helpline (Employee Assistance Programme)" in "\n".join(
        p.text for p in docx.Document(str(download_word(page, tmp_path))).paragraphs
    )


def libreoffice():
    found = shutil.which("soffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing in CI: scripts/setup-env installs it when run as root", pytrace=False)
        pytest.skip(
            "LibreOffice is not installed: sudo apt-get install --no-install-recommends libreoffice-writer-nogui"
        )
    return found


def convert(soffice, source, target_format, out_dir, profile):
    return subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            target_format,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_libreoffice_opens_the_word_file_with_its_headings_and_lists(page, site_url, tmp_path):
    soffice = libreoffice()
    open_builder(page, site_url)
    fill_in(page)
    # A long Part 1: every channel, two lines of hours (a printing review found its last two
    # paragraphs alone on page 2, before Part 2's new page).
    for channel in ("Instagram", "Threads", "TikTok", "LinkedIn", "YouTube", "WhatsApp"):
        page.get_by_label(channel, exact=True).check()
    page.get_by_label("When you check and reply").fill(
        "Monday to Friday, 9am to 5.30pm, and Saturday mornings, 10am to 12 noon"
    )
    path = download_word(page, tmp_path)
    profile = tmp_path / "libreoffice-profile"
    result = convert(soffice, path, "pdf", tmp_path, profile)
    pdf = tmp_path / path.with_suffix(".pdf").name
    assert result.returncode == 0 and pdf.is_file(), result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()
    sheets = [" ".join(page_.extract_text().split()) for page_ in PdfReader(pdf).pages]
    assert FEOA in " ".join(sheets)
    # On paper: page numbers on every sheet, and "do not publish" atop each sheet of Part 2 only.
    part_2 = next(i for i, sheet in enumerate(sheets) if sheet.count("Part 2: Who does what") == 2)
    for number, sheet in enumerate(sheets):
        assert f"Page {number + 1} of {len(sheets)}" in sheet
        assert ("do not publish" in sheet) == (number >= part_2), sheet[:200]
    # Part 1 fits its page, whose header would only repeat the heading below it.
    assert part_2 == 1 and "We keep a record of threats" in sheets[0]
    assert sheets[0].count("Part 1: Community guidelines") == 1
    result = convert(soffice, path, "html:XHTML Writer File:UTF8", tmp_path, profile)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / path.with_suffix(".html").name).read_text(encoding="utf-8")
    # LibreOffice recognised the styles as headings 1-3 and the lists as lists.
    assert html.count("<h1") == 1 and html.count("<h2") == 2 and html.count("<h3") >= 8
    assert html.count("<ol") == 2 and html.count("<ul") >= 4


def pdf_text(page) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return len(reader.pages), " ".join("".join(p.extract_text() for p in reader.pages).split())


def test_print_shows_only_the_protocol(page, site_url):
    open_builder(page, site_url)
    fill_in(page)
    page.get_by_role("button", name="Print or save as PDF").click()
    assert page.evaluate("window.__spPrinted") == 1
    page.emulate_media(media="print")
    assert page.locator("#sp-protocol-draft").is_visible()
    for hidden in ("form.sp-protocol__form", ".sp-protocol__actions", "article h1", ".md-header", ".md-footer"):
        assert page.locator(hidden).first.is_hidden(), hidden
    pages, text = pdf_text(page)
    # The first thing on paper, after the running page header and footer (print.css): where and
    # when it was printed (a draft on paper is dated, as the card and the Word file are), then the draft.
    body = re.sub(r"Page \d+ of \d+|Safer Politics online-safety toolkit", "", text).strip()
    printed_from, draft = body.split(". ", 1)
    assert printed_from.startswith("Printed from ") and "protocol-builder on " in printed_from, body[:200]
    assert draft.startswith(f"Social media and harassment protocol: {NAME}"), body[:200]
    for not_printed in (
        "Draft your protocol",
        "What to do next",
        "MP's or candidate's name",
        "Crisis card for the first hour",
        "The first hour",
    ):
        assert not_printed not in text, not_printed
    assert f"Force elected-official adviser (FEOA): {FEOA}" in text
    assert pages <= 4


def test_the_browsers_own_print_command_prints_only_the_protocol_too(page, site_url):
    open_builder(page, site_url)
    page.emulate_media(media="print")
    _, text = pdf_text(page)
    assert "Social media and harassment protocol: [Name]" in text and "Draft your protocol" not in text


def test_crisis_card_prints_on_one_page_with_the_offices_contacts(page, site_url):
    """Every contact filled in, for an MP: the tightest card, at the A4 card's 11pt (a printing
    review found the builder's at 10.5pt with an eighth of the sheet empty)."""
    open_builder(page, site_url)
    fill_in(page, feoa=LONG_FEOA)
    page.get_by_label("Emergency contact, day and night").fill("Sam Patel (office manager), 07700 900123")
    page.get_by_label("Platform contacts").fill("Meta: partner support form; X: government support, gov@example.org")
    page.get_by_role("button", name="Print the crisis card with your contacts").click()
    assert page.evaluate("window.__spPrinted") == 1
    # The email address is kept whole on one line, never split after its hyphen (a self-review).
    addresses = page.locator(".sp-first-hour [data-sp-field=feoa] .sp-first-hour__address")
    assert addresses.all_inner_texts() == ["sam.smith@devon-cornwall.police.example"]
    page.emulate_media(media="print")
    size = page.locator(".sp-protocol__card .sp-first-hour").evaluate("card => getComputedStyle(card).fontSize")
    assert float(size.removesuffix("px")) * 72 / 96 == pytest.approx(11, abs=0.01), size
    pages, text = pdf_text(page)
    assert pages == 1
    assert "The first hour" in text and "call 999" in text and "call 101" in text
    assert text.endswith("toolkit.saferpolitics.example/get-help-now") or "/get-help-now" in text[-60:], text[-200:]
    assert f"Force elected-official adviser (FEOA) {LONG_FEOA}" in text, "the FEOA's contact is split or lost"
    for _, value, on_card, _ in OFFICE_ROUTES:
        assert f"{on_card} {value}" in text
    assert "Community guidelines" not in text
    # Where and when it was printed: a card stays on the wall for months (a printing review).
    today = datetime.date.today()
    assert re.search(rf"Printed from \S+/protocol-builder on {today.day} {today:%B %Y}\.", text), text[:300]
    # After printing, the browser's own print command prints the protocol again.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.getAttribute('data-sp-print')") == "protocol"


def print_card(page) -> tuple[int, str]:
    """The crisis card as the office prints it from its button: its sheets and its words."""
    page.get_by_role("button", name="Print the crisis card with your contacts").click()
    page.emulate_media(media="print")
    printed = pdf_text(page)
    page.emulate_media(media="screen")
    return printed


def test_the_builders_card_says_whose_it_is_and_prints_only_what_the_office_can_use(page, site_url):
    """A printing review: the builder's card printed seven empty rules for contacts the office left
    empty and did not say whose it was; a candidate's said "call the Digital Support Desk", "for an
    MP, PLaIT too" and "MPs' staff paid by IPSA", which only an MP's office can use."""
    open_builder(page, site_url)
    contacts = page.locator(".sp-protocol__card .sp-first-hour__contacts li")
    # Nothing filled in: a blank card, every contact a rule to write on by hand, for no one office.
    pages, text = print_card(page)
    assert pages == 1
    assert [line.evaluate("li => !li.hidden") for line in contacts.all()] == [True] * 9
    assert "For the office of" not in text and "for an MP, Parliament's police team (PLaIT) too" in text
    page.get_by_label("MP's or candidate's name").fill("Alex Jones")
    page.get_by_label("Their role").select_option("parliamentary candidate")
    page.get_by_label("Constituency").fill("Exampleton North")
    page.get_by_label("Your force elected-official adviser (FEOA)").fill(FEOA)
    pages, text = print_card(page)
    assert pages == 1
    assert "The first hour For the office of Alex Jones, Exampleton North In immediate danger, call 999" in text
    shown = [line.text_content() for line in contacts.all() if line.evaluate("li => !li.hidden")]
    # No empty rule for a contact left empty, but the emergency contact's, which the steps point to.
    assert len(shown) == 2 and shown[0].startswith("Emergency contact") and FEOA in shown[1], shown
    for parliaments in ("Digital Support Desk", "PLaIT", "MSSS", "IPSA", "Employee Assistance Programme"):
        assert parliaments not in text, parliaments
    assert "and tell your force elected-official adviser (FEOA). 5. Then report it to the platform" in text
    # The hacked account's steps are renumbered without the Digital Support Desk's.
    assert "2. Tell your MP or candidate" in text and "3. Screenshot what the attacker posted" in text
    assert "Shout: text SHOUT to 85258 Who to tell" in text
    assert unexplained_abbreviations(text) == [], text
    # An MP's office has them.
    page.get_by_label("Their role").select_option("MP")
    _, text = print_card(page)
    assert "(FEOA); for an MP, Parliament's police team (PLaIT) too." in text
    assert "3. Parliamentary devices or accounts: call the Digital Support Desk" in text
    assert "MPs' staff paid by the Independent Parliamentary Standards Authority" in text
    # Each abbreviation is spelled out where it first appears; the toolkit that "lists each one"
    # (each platform's recovery route) is named with its address at the foot.
    assert unexplained_abbreviations(text) == [], text
    assert re.search(
        r"the toolkit lists each one\..*From the Safer Politics online-safety toolkit: \S+/get-help-now$", text
    )


def test_the_draft_is_readable_on_a_phone(tab, site_url):
    page = tab("light", PHONE)
    page.goto(site_url + "protocol-builder/")
    draft = page.locator("#sp-protocol-draft")
    draft.scroll_into_view_if_needed()
    sizes = draft.evaluate(
        """d => ({overflow: d.scrollWidth - d.clientWidth, page: document.documentElement.scrollWidth - innerWidth,
                 p: parseFloat(getComputedStyle(d.querySelector('p')).fontSize),
                 h: parseFloat(getComputedStyle(d.querySelector('h4')).fontSize)})"""
    )
    assert sizes["overflow"] <= 0 and sizes["page"] <= 0, sizes  # nothing scrolls sideways
    assert sizes["p"] >= 14 and sizes["h"] > sizes["p"], sizes  # body text readable, headings stand out


def test_a_number_after_a_right_to_left_name_reads_left_to_right_on_the_card_and_get_help_now(page, site_url):
    """A reader review: "PC שרה כהן 07700 900456" showed as "900456 07700" on the wall card, and
    a reader dialling from the paper would ring the wrong number."""
    open_builder(page, site_url)
    page.get_by_label("Your force elected-official adviser (FEOA)").fill("PC שרה כהן 07700 900456")
    page.get_by_role("button", name="Print the crisis card with your contacts").click()
    number = page.locator(".sp-first-hour [data-sp-field=feoa] bdi")
    assert number.all_inner_texts() == ["07700 900456"] and number.get_attribute("dir") == "ltr"
    # A link to call it, as on Get help now (a printing review: the office's own numbers were the
    # only ones on the card that could not be tapped).
    assert page.locator(".sp-first-hour [data-sp-field=feoa] a[href='tel:07700900456'] bdi").count() == 1
    page.emulate_media(media="print")
    _, text = pdf_text(page)
    assert "07700 900456" in text and "900456 07700" not in text
    page.emulate_media(media="screen")
    page.goto(site_url + "get-help-now/")
    link = page.locator("[data-sp-office-contacts]").get_by_role("link", name="07700 900456")
    assert link.evaluate("a => [getComputedStyle(a).direction, getComputedStyle(a).unicodeBidi]") == ["ltr", "isolate"]


def test_in_the_word_protocol_no_bullet_or_number_takes_a_highlight(page, site_url, tmp_path):
    """A printing review: in LibreOffice a bullet took its line's yellow 'still to fill in'
    highlight. Each list level sets its own: none."""
    open_builder(page, site_url)
    path = download_word(page, tmp_path)
    numbering = zipfile.ZipFile(path).read("word/numbering.xml").decode("utf-8")
    levels = re.findall(r"<w:lvl .*?</w:lvl>", numbering)
    assert levels and all('<w:highlight w:val="none"/>' in level for level in levels)
