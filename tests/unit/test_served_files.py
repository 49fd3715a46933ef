"""Files the site serves as they are, which a browser could open as documents of their own with
no page policy (saferpolitics/core/served_files.py): only the kinds a help service serves, and a
drawing holds only a drawing."""

from __future__ import annotations

from pathlib import Path

import pytest

from saferpolitics.core.served_files import served_file_problems

ROOT = Path(__file__).resolve().parents[2]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>\n'


def messages(path: str, text: str) -> list[str]:
    return [f"{problem.line}: {problem.message}" for problem in served_file_problems(path, text.encode)]


def test_the_toolkits_own_mark_is_a_drawing_and_nothing_else():
    mark = ROOT / "docs/assets/images/mark.svg"
    assert served_file_problems("docs/assets/images/mark.svg", mark.read_bytes) == []


def test_a_drawing_with_shapes_gradients_filters_and_its_own_links_passes():
    drawing = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>\n'
        '<rect fill="url(#g)" filter="url( \'#f\' )" width="4" height="4"/>\n'
        '<use href="#g"/><use xlink:href="#g"/><text><tspan>Safer &amp; sound</tspan></text>'
    )
    assert messages("docs/a.svg", SVG.format(drawing)) == []


INKSCAPE = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
 xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" inkscape:version="1.2">
<sodipodi:namedview id="base" inkscape:zoom="1"/>
<metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format></cc:Work></rdf:RDF></metadata>
<g inkscape:label="Layer 1" inkscape:groupmode="layer"><path d="M0 0h4v4z" fill="#0f4c5c"/></g>
</svg>
"""


def test_a_drawing_saved_by_inkscape_passes_with_its_programs_own_elements():
    """A maintainer review: Inkscape's and RDF metadata elements were five false "can run code"."""
    assert messages("docs/a.svg", INKSCAPE) == []


@pytest.mark.parametrize(
    ("drawing", "expected"),
    [
        ("<script>alert(1)</script>", "2: the drawing holds a <script> element"),
        ('<rect onload="alert(1)"/>', "2: <rect> has an event handler (onload)"),
        ('<g ONCLICK="x()"/>', "2: <g> has an event handler (ONCLICK)"),
        ("<foreignObject><p>hello</p></foreignObject>", "2: the drawing holds a <foreignObject> element"),
        ('<a href="https://example.org/">x</a>', "2: the drawing holds a <a> element"),
        ('<set attributeName="href" to="javascript:alert(1)"/>', "2: the drawing holds a <set> element"),
        (
            '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
            "2: the drawing holds a <script> element of http://www.w3.org/1999/xhtml",
        ),
        ('<use xlink:href="javascript:alert(1)"/>', "2: <use> links to 'javascript:alert(1)'"),
        ('<use href="other.svg#x"/>', "2: <use> links to 'other.svg#x'"),
        ('<feImage href="https://example.org/a.png"/>', "2: <feImage> links to"),
        ("<style>rect { fill: red }</style>", "2: the drawing has a <style> stylesheet"),
        ('<rect style="fill: red"/>', "2: <rect> has a style attribute"),
        # Found by a review: each of these made Chromium ask another website for a file.
        ('<rect fill="url(https://example.org/fill.svg#a)"/>', "2: <rect>'s fill loads a file"),
        ('<rect cursor="url(https://example.org/c.png), auto"/>', "2: <rect>'s cursor loads a file"),
        ('<rect fill="u&#114;l(https://example.org/a)"/>', "2: <rect>'s fill loads a file"),
        ('<rect fill="\\75 rl(https://example.org/a)"/>', "2: <rect>'s fill loads a file"),
        ("<rect mask=\"image-set('https://example.org/a.png' 1x)\"/>", "2: <rect>'s mask loads a file"),
    ],
)
def test_anything_that_can_run_style_or_load_is_refused_on_its_line(drawing, expected):
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


@pytest.mark.parametrize(
    "name", ["notes.htm", "notes.XHTML", "feed.xml", "page.shtml", "a.svgz", "x.rdf", "x.atom", "README"]
)
def test_a_kind_of_file_the_site_does_not_serve_is_refused(name):
    [problem] = served_file_problems(f"docs/{name}", lambda: pytest.fail("read"))
    assert problem.file == f"docs/{name}" and "is not something this site serves" in problem.message
    assert "write a page in Markdown" in problem.hint


@pytest.mark.parametrize("name", ["notes.html", "a.png", "a.CSS", "a.js", "a.woff2", "LICENSE.txt"])
def test_the_kinds_of_file_a_help_service_serves_are_not_read_here(name):
    assert served_file_problems(f"docs/{name}", lambda: pytest.fail("read")) == []


@pytest.mark.parametrize("name", ["extra.MD", "help/notes.Md"])
def test_a_page_with_another_ending_is_told_to_end_in_md(name):
    """A maintainer review: docs/extra.MD was "not something this site serves", with the hint to
    write a page in Markdown (.md), which it was."""
    [problem] = served_file_problems(f"docs/{name}", lambda: pytest.fail("read"))
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert (
        problem.message.startswith("a page must end in .md (lower case)") and problem.hint == f"rename it to {stem}.md"
    )
