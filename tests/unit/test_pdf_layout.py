"""tests/pdf_layout.py's reading of a page, on pages made by hand: the PDF tests rely on it."""

from __future__ import annotations

from pdf_layout import Page, Run, reading_text


def test_a_page_is_read_line_by_line_between_its_margins_whatever_the_drawing_order():
    # Drawn as WeasyPrint may draw them: the list markers and a list of links after the text
    # below them, and the running header and footer in the margins.
    page = Page(
        width=595,
        height=842,
        text="",
        runs=(
            Run(x=300, y=20, size=8, text="A fake video, image or audio clip"),  # running header
            Run(x=70, y=700, size=10, text="Call 101 and ask for the force's "),
            Run(x=250, y=700.4, size=10, text="single point of contact"),  # a link, on the same line
            Run(x=60, y=700, size=10, text="4. "),  # its marker, drawn last
            Run(x=70, y=100, size=10, text="Which is closest?"),
            Run(x=70, y=115, size=10, text="• A fake account"),
            Run(x=40, y=820, size=8, text="Page 14 of 59"),  # footer
        ),
    )
    assert reading_text(page, top=50, bottom=50) == (
        "Which is closest?\n• A fake account\n4. Call 101 and ask for the force's single point of contact"
    )
