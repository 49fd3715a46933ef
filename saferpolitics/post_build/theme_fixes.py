"""Small repairs to the markup Material and print-site write, applied to each built page.

Each fix is an exact replacement of the theme's own markup (copying Material's templates to
change one attribute would freeze them at this version). What they fix:

- Material's header forms (colour scheme, search) have no submit button, which HTML_CodeSniffer
  reports (H32.2). Both act as you type or tap, so each gets a submit button that is hidden and
  disabled: it never shows, takes no focus, and (being disabled) stops Enter from submitting the
  form and reloading the page.
- Material's search dialog has no accessible name: it gets aria-label="Search".
- Material writes tabindex="" on navigation section labels; the empty value means nothing to a
  browser and is invalid HTML, so it goes.
- Material's contents list writes a label for a `__toc` switch that the print page does not have
  (the page is not in the navigation): the label keeps its text and loses the dangling `for`.
  The other way round, on a page with no sections the switch has no label (nothing can tick it),
  so it goes.
- Material's contents list, in the sidebar and again in the phone menu, is hidden on every page
  (docs/assets/css/service.css: the "On this page" box in the content is the only one) yet was
  about half a kilobyte (gzip) of each page's 70 KB first view: `without_contents_lists` drops
  it from every page but the print page, whose own contents list print-site's script copies
  from it.
- On the print page Material's script names each code block after the nearest element with an id,
  the page's section, so code blocks of one page share an id: each gets its own id first.
- print-site gives inputs of each page an id prefixed with the page (so pages cannot clash) and
  prefixes every label's `for` to match, but leaves the ids of selects alone: a label whose
  prefixed target does not exist is pointed back at the unprefixed id.
- Material's header shows the site's name, cut with "…" where it does not fit ("Safer Politi…" on
  a phone): the words after the app's short name get a span of their own, which a narrow screen
  leaves out, so a phone shows the short name whole.
- Material's search worker adds a wildcard to every word of a query, so common words match the
  start of other words ("a" finds "advisers"), and "I clicked a link" put the fake-account answer
  first: each page's config names our worker instead (docs/assets/javascripts/workers/search-worker.js,
  beside Material's, so Material finds its language packs where it expects them), which
  leaves lunr's common words out of the query, adds each word's stem (the wildcard keeps lunr's
  stemmer away too) and runs Material's, named after the "#".
- print-site numbers its sections with a heading-number attribute (not HTML; nothing reads it)
  and writes heading-number styles that only apply when numbering is on (it is off here), as a
  <style> element in the body (not allowed there, and inline code). Both go.
"""

from __future__ import annotations

import posixpath
import re

from saferpolitics.core.html_tokens import TOKEN
from saferpolitics.core.lazy_pattern import lazy_compile

_SUBMIT = '<button type="submit" hidden disabled>{}</button></form>'
_PALETTE_FORM = lazy_compile(r'(<form class="md-header__option" data-md-component="palette">.*?)</form>', re.S)
_SEARCH_FORM = lazy_compile(r'(<form class="md-search__form" name="search">.*?)</form>', re.S)
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_EMPTY_TABINDEX = lazy_compile(r'(<label class="md-nav__link"[^>]*?) tabindex=""')
_HEADING_NUMBER = lazy_compile(r"""(<section\b[^>]*?)\s+heading-number=(["'])[\d.]*\2""")
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_TOC_SWITCH = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
_PRE_WITHOUT_ID = lazy_compile(r"<pre(?=[\s>])(?![^>]*\sid=)")
_LABEL_FOR = lazy_compile(r'(<label\b[^>]*\sfor=")([\w-]+)(")')
_ID = lazy_compile(r'\sid="([^"]+)"')
_HEADING_NUMBER_STYLE = lazy_compile(r"<style>(?:\s*\.print-site-enumerate-headings [^{}<]*\{[^{}<]*\})*\s*</style>")

# The worker in Material's config, as base.html writes it ("search": "..." | url, so relative to the page).
_MATERIAL_SEARCH_WORKER = lazy_compile(r'("search":\s*"[^"]*?)(assets/javascripts/workers/search\.\w+\.min\.js)"')
SEARCH_WORKER = "assets/javascripts/workers/search-worker.js"


def _with_our_search_worker(match: re.Match) -> str:
    material = posixpath.relpath(match.group(2), posixpath.dirname(SEARCH_WORKER))
    return f'{match.group(1)}{SEARCH_WORKER}#{material}"'


_HEADER_NAME = '<div class="md-header__topic">\n          <span class="md-ellipsis">\n            {}\n'


def apply(html: str, site_name: str = "", short_name: str = "") -> str:
    """The page with every fix; site_name and short_name (mkdocs.yml's site_name and the plugin's app
    short_name) for the header's name, which stays as it is unless the name starts with the short one."""
    if short_name and site_name.startswith(short_name + " "):
        rest = site_name[len(short_name) :]
        html = html.replace(
            _HEADER_NAME.format(site_name),
            _HEADER_NAME.format(f'{short_name}<span class="sp-header-rest">{rest}</span>'),
            1,
        )
    html = _PALETTE_FORM.sub(lambda m: m.group(1) + _SUBMIT.format("Change colour scheme"), html, count=1)
    html = _SEARCH_FORM.sub(lambda m: m.group(1) + _SUBMIT.format("Search"), html, count=1)
    html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = _MATERIAL_SEARCH_WORKER.sub(_with_our_search_worker, html, count=1)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    elif 'for="__toc"' not in html:
        html = html.replace(_TOC_SWITCH, "")
    if "heading-number=" in html:  # the print page
        html = _HEADING_NUMBER_STYLE.sub("", _HEADING_NUMBER.sub(r"\1", html))
        html = _repoint_labels(html)
        numbers = iter(range(1, 1_000_000))
        html = _PRE_WITHOUT_ID.sub(lambda m: f'<pre id="sp-code-{next(numbers)}"', html)
    return html


def _repoint_labels(html: str) -> str:
    ids = set(_ID.findall(html))

    def repoint(match: re.Match) -> str:
        target = match.group(2)
        if target in ids:
            return match.group(0)
        cuts = [i for i, char in enumerate(target) if char == "-"]
        unprefixed = next((target[i + 1 :] for i in cuts if target[:i] in ids and target[i + 1 :] in ids), None)
        return f"{match.group(1)}{unprefixed}{match.group(3)}" if unprefixed else match.group(0)

    return _LABEL_FOR.sub(repoint, html)


_CONTENTS_LIST = '<nav class="md-nav md-nav--secondary"'


def without_contents_lists(html: str) -> str:
    """The page without Material's contents lists: each from its start tag to the end tag that
    closes it (the list of a page with subsections holds navs of its own)."""
    while (start := html.find(_CONTENTS_LIST)) != -1:
        depth = 0
        for token in TOKEN.finditer(html, start):
            if (token.group("start") or "").lower() == "nav":
                depth += 1
            elif (token.group("end") or "").lower() == "nav":
                depth -= 1
                if not depth:
                    html = html[:start] + html[token.end() :]
                    break
        else:
            return html  # never closed: left as the theme wrote it
    return html
