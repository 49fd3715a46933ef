"""The crisis card's PDFs, made with the toolkit PDF in the same step (pipeline step 3): the card
the Markdown stage made from data/first-hour.yml (saferpolitics.markdown_stage.first_hour,
card_for_print) printed on one A4 page and on one phone-sized page into downloads/.

Every build makes them, TOOLKIT_PDF=0 too, because Get help now and the protocol builder link
them. Each is one keyed render (saferpolitics.post_build.pdf.render_pdf): with the render cache,
a card whose HTML, stylesheet and engine are unchanged is copied from there, so previews and test
builds do not pay for WeasyPrint's layout. A card that no longer fits its one page stops the build.
"""

from __future__ import annotations

import html as html_lib
from pathlib import Path

from saferpolitics.core.problems import Problem, raise_problems
from saferpolitics.post_build import pdf_system
from saferpolitics.post_build.pdf import render_pdf

STYLESHEET = "assets/css/first-hour.css"  # under docs/: the builder's printout and the PDFs share it
# What each card loads, in order: the service's colours (the 999 box's yellow), then the card's look.
STYLESHEETS = ("assets/css/identity.css", STYLESHEET)
# The two printed cards: file in the site, the page size and margin WeasyPrint gives them, and
# which card it is, after the card's title in its PDF's title: what a PDF viewer's title bar and a
# file list show (the two once had one title and could not be told apart).
CARDS = {
    "downloads/first-hour-a4.pdf": ("A4; margin: 12mm", "A4 crisis card to print"),
    # A phone screen's width and as tall as the card at 9pt needs, with room for a step or two more.
    "downloads/first-hour-phone.pdf": ("90mm 320mm; margin: 4mm", "phone-sized crisis card"),
}
CARD_OPTIONS = {"pdf_variant": "pdf/ua-1"}  # tagged, with a title and language, for screen readers


def card_documents(card: dict[str, str]) -> dict[str, str]:
    """Site path -> the HTML document of each printed card. card: `title`, `subject` and `html` (the
    card), and `author` (the toolkit PDF's: the site's author). WeasyPrint makes the title, the
    author meta and the description meta the PDF's Title, Author and Subject, and lang its Lang.
    The phone-sized card is `phone_html` (its foot links to the website)."""
    meta = {"author": card.get("author") or "", "description": card["subject"]}
    return {
        path: (
            '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
            f"<title>{html_lib.escape(card['title'] + ': ' + name)}</title>"
            + "".join(f'<meta name="{key}" content="{html_lib.escape(value)}">' for key, value in meta.items() if value)
            + "".join(f'<link rel="stylesheet" href="{css}">' for css in STYLESHEETS)
            + f"<style>@page {{ size: {page}; }}</style></head>"
            f'<body class="sp-first-hour-page sp-first-hour-page--{"a4" if "a4" in path else "phone"}">'
            f"{card['html'] if 'a4' in path else card['phone_html']}</body></html>"
        )
        for path, (page, name) in CARDS.items()
    }


def write_cards(
    site: Path, card: dict, cache_dir: Path | None = None, system: pdf_system.Snapshot | None = None
) -> None:
    """Each card's PDF into the site. card: what card_documents reads, `source`, `line` and `lists`
    (its data file, the line of its first list and its lists with their lines, for messages) and
    `base_url` (where its stylesheet is: the docs folder). system: the build's, for the keys."""
    problems = []
    conditions = (system or pdf_system.Snapshot(cache_dir)).conditions  # both cards load the same stylesheets
    for path, html in card_documents(card).items():
        target = site / path  # its name keys the kept renders of this card
        figures = render_pdf(
            html, card["base_url"], target, cache_dir=cache_dir, options=CARD_OPTIONS, conditions=conditions
        )
        if figures.pages != 1:
            target.unlink()
            problems.append(
                Problem(
                    card["source"],
                    card.get("line"),
                    f"the crisis card {path} takes {figures.pages} pages, not one",
                    f"the card holds the steps of {card.get('lists') or 'the lists with a card_heading'}: shorten "
                    "a step's `card:` wording or merge two steps (or shorten the report and contacts lists)",
                )
            )
    raise_problems(problems, card["source"])
