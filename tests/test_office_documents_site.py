"""Get help now's first steps and the crisis card PDFs, as the built site gives them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from saferpolitics.post_build.crisis_cards import CARDS

MM = 72 / 25.4  # PDF points per millimetre


def soup(site_dir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def steps_after(page: BeautifulSoup, heading_id: str) -> list:
    return page.find(id=heading_id).find_next_sibling("ol").find_all("li", recursive=False)


def test_get_help_now_shows_the_same_first_steps_from_the_data_file(site_dir, first_hour):
    page = soup(site_dir, "get-help-now")
    for heading_id, key in (("abuse", "threats"), ("hacked", "hacked")):
        items = steps_after(page, heading_id)
        # Screen-only link text (registry links' printed addresses) is not part of the step.
        for item in items:
            for url in item.select(".sp-url"):
                url.decompose()
        expected = [re.sub(r"\*\*|\[|\]\([^)]*\)", "", step.markdown) for step in first_hour.steps(key).steps]
        assert [words(item.get_text()) for item in items] == expected
    abuse = steps_after(page, "abuse")
    assert abuse[0].select_one('a[href="tel:999"]') and abuse[3].select_one('a[href="tel:101"]')
    assert abuse[2].select_one('a[href="./#evidence"], a[href="#evidence"]')
    assert abuse[3].select_one("a.sp-ext[href^='https://']")  # link:<id> resolved by the registry


def test_get_help_now_and_the_builder_link_both_crisis_cards(site_dir):
    for page in ("get-help-now", "protocol-builder"):
        hrefs = {a["href"] for a in soup(site_dir, page).select('article a[href$=".pdf"]')}
        assert {"../downloads/first-hour-a4.pdf", "../downloads/first-hour-phone.pdf"} <= hrefs, page


@pytest.mark.parametrize("path", sorted(CARDS))
def test_each_crisis_card_is_one_page_with_999_101_and_every_step(site_dir, first_hour, path):
    reader = PdfReader(site_dir / path)
    assert len(reader.pages) == 1
    text = words(reader.pages[0].extract_text())
    # Words wrap at the end of lines; comparing without spaces keeps the check about the words.
    squashed = re.sub(r"\s|-", "", text)
    assert "call 999" in text and "call 101" in text
    for listing in (listing for listing in first_hour.lists if listing.card_heading):
        assert listing.card_heading in text
        for step in listing.steps:
            assert re.sub(r"\s|-", "", step.words("card")) in squashed, step.card
    for contact in first_hour.contacts:
        assert re.sub(r"\s|-", "", contact.label) in squashed
    assert reader.metadata.title.startswith("The first hour")
    width, height = float(reader.pages[0].mediabox.width) / MM, float(reader.pages[0].mediabox.height) / MM
    if "a4" in path:
        assert (round(width), round(height)) == (210, 297)
    else:
        assert width < 100 and height / width > 2  # a phone's tall, narrow screen


def test_the_toolkit_pdf_has_the_blank_protocol_as_formatted_text(pdf_reading_text):
    text = words(" ".join(pdf_reading_text))
    assert "Social media and harassment protocol: [Name] Part 1: Community guidelines (publish these)" in text
    assert "# Social media" not in text and "## Part" not in text and "### When we reply" not in text
    assert "run these social media channels: [channels, such as Facebook, Instagram and X]." in text


# The office's own routes a step may name, whose numbers are on ParliNet, not public: the reader
# saves them in the protocol builder.
OWN_ROUTES = ("PLaIT", "FEOA", "Digital Support Desk")


def test_every_answer_whose_steps_name_the_offices_own_routes_shows_its_saved_contacts(site_dir):
    """A reader review: the steps said "tell PLaIT" or "call the Digital Support Desk", and the
    numbers the office had saved were only on Get help now, a tap away. Every answer page whose
    steps name one shows them after its steps, with the script that fills them in."""
    answers = sorted(path.parent.name for path in (site_dir / "help").glob("*/index.html"))
    naming = []
    for name in answers:
        page = soup(site_dir, f"help/{name}")
        steps = page.select_one("ol.sp-first-steps")
        if steps is None or not any(route in words(steps.get_text()) for route in OWN_ROUTES):
            continue
        naming.append(name)
        assert steps.find_next_sibling(attrs={"data-sp-office-contacts": True}), f"help/{name}: no saved contacts"
        assert page.select_one('script[src$="assets/js/office-details.js"]'), f"help/{name}: nothing fills them in"
    assert {"threats", "address-posted", "locked-out", "suspicious-opened"} <= set(naming), naming


def test_get_help_now_has_a_place_for_the_offices_own_contacts_on_screen_only(site_dir, first_hour, pdf_pages_text):
    """Get help now shows, under Parliament's routes, the contacts the reader saved in the builder
    on this device: a line for each of the card's contacts, empty and hidden in the HTML (the
    script fills in what was saved), a link to fill them in, and none of it in the PDF."""
    page = soup(site_dir, "get-help-now")
    panel = page.select_one("h2#parliament ~ [data-sp-office-contacts]")
    assert panel is not None and "print-site-plugin-ignore" in panel["class"]
    assert panel.select_one('a[href="../protocol-builder/#crisis-card"]')
    slots = panel.select(".sp-office-contacts__found[hidden] li[hidden] [data-sp-field]")
    assert [slot["data-sp-field"] for slot in slots] == [contact.field for contact in first_hour.contacts]
    assert all(slot.get_text() == "" for slot in slots)
    assert page.select_one('script[src$="assets/js/office-details.js"]'), "the script that fills them in is not loaded"
    pdf = " ".join(" ".join(pdf_pages_text).split())
    assert "saved on this device" not in pdf and "Fill them in once in the protocol builder" not in pdf
