"""Rendering the PDF: when it is made, what happens when it cannot be, and the figures readers see."""

from __future__ import annotations

import sys

import pytest
from mkdocs.exceptions import PluginError
from pypdf import PdfReader

from saferpolitics import pdf

TWO_PAGES = """<!doctype html><html lang="en-GB"><head><title>Two pages</title>
<style>section { break-before: page }</style></head>
<body><section><h1>One</h1></section><section><h1>Two</h1></section></body></html>"""


@pytest.mark.parametrize(
    ("command", "dirty", "environ", "skipped"),
    [
        ("build", False, {}, False),
        ("gh-deploy", False, {}, False),
        ("serve", False, {}, True),
        ("serve", False, {"TOOLKIT_PDF": "1"}, False),
        ("build", False, {"TOOLKIT_PDF": "0"}, True),
        ("build", True, {}, True),
        ("build", True, {"TOOLKIT_PDF": "1"}, True),  # a partial print page is never published
    ],
)
def test_when_the_pdf_is_made(command, dirty, environ, skipped):
    assert (pdf.pdf_skip_reason(command, dirty, environ) is not None) == skipped


def test_figures_read_as_readers_expect():
    assert pdf.PdfFigures(36, 117_800).text == "36 pages, 115 KB"
    assert pdf.PdfFigures(1, 100).text == "1 page, 1 KB"


def test_render_writes_the_pdf_and_reports_its_figures(tmp_path):
    target = tmp_path / "downloads" / "toolkit.pdf"
    figures = pdf.render_pdf(TWO_PAGES, base_url=tmp_path.as_uri(), target=target, min_pages=2)
    assert figures == pdf.PdfFigures(2, target.stat().st_size)
    assert len(PdfReader(target).pages) == 2
    assert [p.name for p in target.parent.iterdir()] == ["toolkit.pdf"]  # no temporary file left


def test_a_suspicious_render_leaves_no_pdf_at_all(tmp_path):
    target = tmp_path / "toolkit.pdf"
    target.write_bytes(b"%PDF- stale copy from an earlier build")
    with pytest.raises(PluginError, match="2 pages, fewer than the 40 expected"):
        pdf.render_pdf(TWO_PAGES, base_url=tmp_path.as_uri(), target=target, min_pages=40)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_engine_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes `import weasyprint` fail
    with pytest.raises(PluginError) as error:
        pdf.load_engine()
    assert "apt-get install libpango-1.0-0" in str(error.value)
    assert "TOOLKIT_PDF=0" in str(error.value)


def test_figures_replace_the_placeholder_in_every_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(f"<a>Download (PDF, {pdf.FIGURES_PLACEHOLDER})</a>")
    (tmp_path / "index.html").write_text("<p>no link here</p>")
    assert pdf.fill_figures(tmp_path, "3 pages, 9 KB") == 1
    assert (tmp_path / "a" / "index.html").read_text() == "<a>Download (PDF, 3 pages, 9 KB)</a>"
