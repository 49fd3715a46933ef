""""On this page": only long pages with sections get it, right after the title, escaped."""

from __future__ import annotations

from saferpolitics.markdown_stage.on_this_page import LONG_PAGE_CHARACTERS, contents_list

HTML = "<h1 id='t'>Title</h1><p>Text</p><h2 id='a'>A</h2>"
SECTIONS = [("Keep <evidence> & notes", "#a"), ("B", "#b"), ("C", "#c")]


def test_a_long_page_gets_the_list_after_its_title():
    out = contents_list(HTML, LONG_PAGE_CHARACTERS, SECTIONS)
    assert out.startswith("<h1 id='t'>Title</h1><nav class=\"sp-on-this-page\"")
    assert 'data-search-exclude' in out and "On this page" in out
    assert '<a href="#a">Keep &lt;evidence&gt; &amp; notes</a>' in out
    assert out.endswith("<p>Text</p><h2 id='a'>A</h2>")


def test_short_pages_and_pages_with_few_sections_are_unchanged():
    assert contents_list(HTML, LONG_PAGE_CHARACTERS - 1, SECTIONS) == HTML
    assert contents_list(HTML, LONG_PAGE_CHARACTERS, SECTIONS[:2]) == HTML
    assert contents_list("<p>no title</p>", LONG_PAGE_CHARACTERS, SECTIONS) == "<p>no title</p>"
