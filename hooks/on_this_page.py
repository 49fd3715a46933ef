"""On-this-page hook: long pages get a contents list under their title (saferpolitics/markdown_stage/on_this_page.py).

on_page_content runs after the print-site plugin has taken the page's content, so the list
stays out of the print page and the PDF, and before the search plugin reads it (it is marked
data-search-exclude).
"""

from __future__ import annotations

import re

from saferpolitics.markdown_stage.on_this_page import contents_list, sections

_TAG = re.compile(r"<[^>]+>")


def on_page_content(html, page, config, files):
    if page.is_homepage:  # its first screen is for choosing a situation
        return html
    text_length = len(" ".join(_TAG.sub(" ", html).split()))
    return contents_list(html, text_length, sections(page.toc))

