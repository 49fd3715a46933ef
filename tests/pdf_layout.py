"""Where a PDF puts its text, as a printer would look at a page: how far down the page the
content goes, what stands in the margins, how large the type is; and where it draws its rules
(the lines to write on, the lines under headings).

Pure pypdf (no renderer), so it runs wherever the tests run. conftest's background job reads the
toolkit PDF with it once per session (`python tests/pdf_layout.py FILE` prints every page as JSON);
a test of a small PDF can call `read_pages` itself.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass

MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: its left edge and baseline in points from the page's top-left
    corner, its size in points on paper (after every scaling), and its words."""

    x: float
    y: float
    size: float
    text: str


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    text: str
    runs: tuple[Run, ...]


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]: a then b."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def read_page(page) -> Page:
    """One pypdf page: its text (as extract_text gives it) and every run of text with its place."""
    height = float(page.mediabox.height)
    runs: list[Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        matrix = _multiply(list(tm), list(cm))
        scale = (matrix[2] ** 2 + matrix[3] ** 2) ** 0.5  # the vertical scale: the type's height
        runs.append(Run(round(matrix[4], 2), round(height - matrix[5], 2), round(font_size * scale, 2), text))

    text = page.extract_text(visitor_text=visit) or ""
    return Page(float(page.mediabox.width), height, text, tuple(runs))


def read_pages(path) -> list[Page]:
    from pypdf import PdfReader

    return [read_page(page) for page in PdfReader(path).pages]


@dataclass(frozen=True)
class Rule:
    """A horizontal line as drawn: its left end and its height on the page in points from the
    page's top-left corner, and its length in points."""

    x: float
    y: float
    length: float


def _rectangle(operands: list, ctm: list[float]) -> tuple[float, float, float, float]:
    """A path's rectangle (x, y, width, height) in the page's own space, bottom-left origin.
    WeasyPrint scales but never rotates, so two corners are enough."""
    x, y, width, height = (float(value) for value in operands)
    x0, y0 = x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]
    x1, y1 = (
        (x + width) * ctm[0] + (y + height) * ctm[2] + ctm[4],
        (x + width) * ctm[1] + (y + height) * ctm[3] + ctm[5],
    )
    return min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)


def rules(pdf_page, thickest: float = 3.0) -> list[Rule]:
    """Every horizontal line of one pypdf page, thinner than `thickest` points: filled thin
    rectangles, and borders, which WeasyPrint fills as the band between two rectangles sharing
    their left and right edges and one of their top and bottom edges."""
    from pypdf.generic import ContentStream

    height = float(pdf_page.mediabox.height)
    found: list[Rule] = []
    ctm, saved, path = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], []
    for operands, operator in ContentStream(pdf_page.get_contents(), pdf_page.pdf).operations:
        if operator == b"q":
            saved.append(ctm)
        elif operator == b"Q":
            ctm = saved.pop()
        elif operator == b"cm":
            ctm = _multiply([float(value) for value in operands], ctm)
        elif operator == b"re":
            path.append(_rectangle(operands, ctm))
        elif operator in (b"f", b"f*", b"F"):
            bands = path
            if operator == b"f*" and len(path) == 2:
                (x, y, w, h), (x2, y2, w2, h2) = sorted(path, key=lambda rect: rect[3])
                same_sides = abs(x - x2) < 0.01 and abs(w - w2) < 0.01
                bands = []
                if same_sides and abs(y - y2) < 0.01:  # the band above the smaller one
                    bands = [(x, y + h, w, h2 - h)]
                elif same_sides and abs(y + h - y2 - h2) < 0.01:  # the band below it
                    bands = [(x, y2, w, h2 - h)]
            found += [
                Rule(round(x, 2), round(height - y - h, 2), round(w, 2))
                for x, y, w, h in bands
                if 0 < h < thickest and w > h
            ]
            path = []
        elif operator in (b"n", b"S", b"s", b"B", b"B*", b"b", b"b*"):
            path = []
    return found


def fill(page: Page, top: float, bottom: float) -> float:
    """How much of the text area (top and bottom: the page's margins in points) the content
    uses, from 0 to 1: the lowest baseline below the top margin. Running headers and footers are
    in the margins and do not count."""
    area = page.height - top - bottom
    baselines = [run.y for run in page.runs if top <= run.y <= page.height - bottom]
    return min(1.0, (max(baselines) - top) / area) if baselines else 0.0


def to_json(pages: list[Page]) -> str:
    return json.dumps(
        [
            {"width": p.width, "height": p.height, "text": p.text, "runs": [[r.x, r.y, r.size, r.text] for r in p.runs]}
            for p in pages
        ]
    )


def from_json(text: str) -> list[Page]:
    return [Page(p["width"], p["height"], p["text"], tuple(Run(*run) for run in p["runs"])) for p in json.loads(text)]


def page_margins(print_css: str) -> tuple[float, float, float, float]:
    """The toolkit's page margins in points (top, right, bottom, left), as print.css sets them."""
    margins = re.search(r"@page \{\s*margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm;", print_css)
    assert margins, "print.css no longer sets the page margins in mm: update tests/pdf_layout.py"
    return tuple(float(margin) * MM for margin in margins.groups())


def reading_text(page: Page, top: float, bottom: float) -> str:
    """The page's text between its margins (no running header or footer), line by line down the
    page and left to right along each line (a table's row reads across its cells). pypdf gives
    text in the order it was drawn, and WeasyPrint draws some boxes (list markers, lists of links) after the text
    below them, so a step that runs on to the next sheet had other words in the middle."""
    runs = sorted((run for run in page.runs if top <= run.y <= page.height - bottom), key=lambda run: run.y)
    lines: list[list[Run]] = []
    for run in runs:
        if lines and run.y - lines[-1][0].y <= 2:  # the same line: a smaller or bolder run sits on it
            lines[-1].append(run)
        else:
            lines.append([run])
    # A run carries its own spaces ("channels: " then "[channels, such as ...]" then "."), as drawn.
    return "\n".join("".join(run.text for run in sorted(line, key=lambda run: run.x)) for line in lines)


if __name__ == "__main__":  # conftest's background job: every page of one PDF
    print(to_json(read_pages(sys.argv[1])))
