"""Files from docs/ that a browser opens as documents of their own, with no page policy
(saferpolitics/core/served_files.py): a drawing may hold only a drawing."""

from __future__ import annotations

from pathlib import Path

import pytest

from saferpolitics.core.served_files import served_file_problems

ROOT = Path(__file__).resolve().parents[2]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>\n'


def messages(path: str, text: str) -> list[str]:
    return [f"{problem.line}: {problem.message}" for problem in served_file_problems(path, text.encode())]


def test_the_toolkits_own_mark_is_a_drawing_and_nothing_else():
    mark = ROOT / "docs/assets/images/mark.svg"
    assert served_file_problems("docs/assets/images/mark.svg", mark.read_bytes()) == []


def test_a_drawing_with_shapes_gradients_filters_and_its_own_links_passes():
    drawing = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>\n'
        '<style>.a { fill: url(#g); }</style><rect class="a" style="fill: url(\'#g\')" width="4" height="4"/>\n'
        '<use href="#g"/><use xlink:href="#g"/><text><tspan>Safer</tspan></text>'
    )
    assert messages("docs/a.svg", SVG.format(drawing)) == []


@pytest.mark.parametrize(
    ("drawing", "expected"),
    [
        ("<script>alert(1)</script>", "2: the drawing holds a <script> element"),
        ('<rect onload="alert(1)"/>', "2: <rect> has an event handler (onload)"),
        ('<g ONCLICK="x()"/>', "2: <g> has an event handler (ONCLICK)"),
        ("<foreignObject><p>hello</p></foreignObject>", "2: the drawing holds a <foreignObject> element"),
        ('<a href="https://example.org/">x</a>', "2: the drawing holds a <a> element"),
        ('<set attributeName="href" to="javascript:alert(1)"/>', "2: the drawing holds a <set> element"),
        ('<use xlink:href="javascript:alert(1)"/>', "2: <use> links to 'javascript:alert(1)'"),
        ('<use href="other.svg#x"/>', "2: <use> links to 'other.svg#x'"),
        ('<feImage href="https://example.org/a.png"/>', "2: <feImage> links to"),
        ('<rect style="fill: url(https://example.org/x)"/>', "2: <rect>'s style loads a file"),
        ("<style>@import 'https://example.org/a.css';</style>", "2: the drawing's stylesheet loads a file"),
    ],
)
def test_anything_that_can_run_or_load_is_refused_on_its_line(drawing, expected):
    found = messages("docs/a.svg", SVG.format(drawing))
    assert [m for m in found if m.startswith(expected)], found


def test_a_doctype_is_refused_and_its_entities_never_expanded():
    text = '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "&#60;script&#62;">]>\n' + SVG.format("<text>&a;</text>")
    assert messages("docs/a.svg", text) == ["2: the drawing has a DOCTYPE, whose entities could hide code"]


def test_a_stylesheet_instruction_and_a_broken_drawing_are_refused_with_their_lines():
    text = '<?xml version="1.0"?>\n<?xml-stylesheet href="x.xsl" type="text/xsl"?>\n' + SVG.format("<rect>")
    found = messages("docs/a.svg", text)
    assert found[0].startswith("2: the drawing has a processing instruction")
    assert found[-1].startswith("5: the drawing is not well-formed SVG (mismatched tag)"), found


@pytest.mark.parametrize("name", ["notes.htm", "notes.XHTML", "feed.xml", "page.shtml", "a.svgz"])
def test_a_page_in_another_form_than_markdown_is_refused(name):
    [problem] = served_file_problems(f"docs/{name}", b"<p>hello</p>")
    assert problem.file == f"docs/{name}" and "write the page in Markdown" in problem.hint


@pytest.mark.parametrize("name", ["notes.html", "a.png", "a.css", "a.js", "a.pdf"])
def test_other_files_are_left_to_the_checks_that_read_them(name):
    assert served_file_problems(f"docs/{name}", b"<script>alert(1)</script>") == []
