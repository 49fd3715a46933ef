""" "On this page": a contents list under the title of long pages, for phones.

Material shows a page's contents in a sidebar on wide screens only. On a phone a long page (Get
help now is over six screens) needs its sections at the top, as GOV.UK guides do. The list is
built from the page's own table of contents and put after its first heading; the stylesheet
(service.css) hides it where Material's sidebar shows. It is left out of search and of the PDF.

A page whose first section is a list of first steps (Get help now, an answer page) gets the list
after those steps instead: a reader in a crisis must see step 1 on the first screen, not the
page's contents.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape, unescape

from saferpolitics.core.html_tokens import MARKUP

# With its headings, lists and checklists, a page of this much text runs to three phone screens
# (375 px wide, 16 px type); tests/browser/test_help_service.py measures the pages.
LONG_PAGE_CHARACTERS = 1500
MIN_SECTIONS = 3
FIRST_STEPS = 'class="sp-first-steps"'  # the first-steps block's list (saferpolitics.markdown_stage.first_hour)


def text_length(html: str) -> int:
    """How much text a reader reads in rendered content: its characters outside tags and comments,
    each run of whitespace (tags included) counted as one."""
    return len(" ".join(MARKUP.sub(" ", html).split()))


def sections(toc) -> list[tuple[str, str]]:
    """(title as text, url) of the page's second-level headings, from MkDocs' table of contents,
    whose titles are HTML ("Keep &amp; report"): escaped again, a reader saw "&amp;"."""
    return [(unescape(item.title), item.url) for top in toc for item in top.children]


def is_long(html: str) -> bool:
    """Whether a page's content runs to three phone screens (LONG_PAGE_CHARACTERS)."""
    return text_length(html) >= LONG_PAGE_CHARACTERS


def with_on_this_page(html: str, toc_sections: list[tuple[str, str]], long: Callable[[str], bool] = is_long) -> str:
    """The page's HTML with "On this page" after its title, when the page is long enough (its
    text is measured last: that is the costly check). long: is_long, or its answers as kept by
    the build (MarkdownStage.is_long)."""
    if len(toc_sections) < MIN_SECTIONS or "</h1>" not in html or not long(html):
        return html
    links = "".join(f'<li><a href="{escape(url)}">{escape(title)}</a></li>' for title, url in toc_sections)
    nav = (
        '<nav class="sp-on-this-page" aria-labelledby="sp-on-this-page" data-search-exclude="true">'
        '<p class="sp-on-this-page__title" id="sp-on-this-page">On this page</p>'
        f"<ul>{links}</ul></nav>"
    )
    at = _place(html)
    return f"{html[:at]}{nav}{html[at:]}"


def _place(html: str) -> int:
    """Where the list goes: after the title, or after the first section when that section holds
    the page's first steps (before the second section's heading, or at the end)."""
    after_title = html.index("</h1>") + len("</h1>")
    first = html.find("<h2", after_title)
    if first == -1:
        return after_title
    second = html.find("<h2", first + 1)
    end = second if second != -1 else len(html)
    return end if FIRST_STEPS in html[first:end] else after_title
