""" "On this page": only long pages with sections get it, right after the title, escaped."""

from __future__ import annotations

from types import SimpleNamespace

from saferpolitics.markdown_stage.on_this_page import LONG_PAGE_CHARACTERS, sections, text_length, with_on_this_page

TEXT = "<p>" + "x" * LONG_PAGE_CHARACTERS + "</p>"
HTML = f"<h1 id='t'>Title</h1>{TEXT}<h2 id='a'>A</h2>"
SECTIONS = [("Keep <evidence> & notes", "#a"), ("B", "#b"), ("C", "#c")]


def test_a_long_page_gets_the_list_after_its_title():
    out = with_on_this_page(HTML, SECTIONS)
    assert out.startswith("<h1 id='t'>Title</h1><nav class=\"sp-on-this-page\"")
    assert "data-search-exclude" in out and "On this page" in out
    assert '<a href="#a">Keep &lt;evidence&gt; &amp; notes</a>' in out
    assert out.endswith(f"{TEXT}<h2 id='a'>A</h2>")


def test_short_pages_and_pages_with_few_sections_are_unchanged():
    # "Title", "A" and the text are read: one character fewer than the limit is short.
    short = HTML.replace("x" * LONG_PAGE_CHARACTERS, "x" * (LONG_PAGE_CHARACTERS - len("Title A ") - 1))
    assert text_length(short) == LONG_PAGE_CHARACTERS - 1
    assert with_on_this_page(short, SECTIONS) == short
    assert with_on_this_page(HTML, SECTIONS[:2]) == HTML
    assert with_on_this_page(TEXT, SECTIONS) == TEXT


def test_a_page_that_starts_with_its_first_steps_gets_the_list_after_them():
    """Get help now: step 1 on the first phone screen, the page's contents after the steps."""
    steps = (
        f"<h1>Get help now</h1>{TEXT}<h2 id='a'>A</h2><ol class=\"sp-first-steps\"><li>1</li></ol><div>Based on</div>"
    )
    out = with_on_this_page(steps + "<h2 id='b'>B</h2>", SECTIONS)
    assert out.startswith(steps + '<nav class="sp-on-this-page"') and out.endswith("</nav><h2 id='b'>B</h2>")
    assert with_on_this_page(steps, SECTIONS).startswith(steps + "<nav")
    later = f"<h1>T</h1><h2 id='a'>A</h2>{TEXT}<h2 id='b'>B</h2><ol class=\"sp-first-steps\"></ol>"
    assert with_on_this_page(later, SECTIONS).startswith("<h1>T</h1><nav")


def test_text_length_counts_what_a_reader_reads():
    # Tags and comments are not text; a quoted ">" does not end a tag; whitespace runs count once.
    assert text_length('<p title="a > b">One  <b>two</b></p>\n<!-- not <i>read</i> --><p>three</p>') == len(
        "One two three"
    )


def test_a_heading_with_an_ampersand_reads_as_written():
    """MkDocs' contents titles are HTML ("Keep &amp; report"): escaped again, a reader saw "&amp;"."""
    toc = [
        SimpleNamespace(
            children=[SimpleNamespace(title=t, url=u) for t, u in [("Keep &amp; report", "#a")] + SECTIONS[1:]]
        )
    ]
    out = with_on_this_page(HTML, sections(toc))
    assert '<a href="#a">Keep &amp; report</a>' in out, out
