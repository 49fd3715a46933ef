"""The one HTML tokenizer every scan of HTML uses: what is a tag, what is text, where raw text ends.

Regular expressions, no tree: the scans run on every built page and must stay cheap. They follow
the tokenizer of the HTML standard wherever a scan's answer depends on it:

- tags and attributes: names end at whitespace, `/` or `>` (and `=` for attributes, though a name
  may start with `=`); a value is double-quoted, single-quoted or unquoted; a quoted value may hold
  `>`; a new attribute may start straight after a closing quote; end tags may carry attributes,
  which mean nothing. Atomic groups and possessive repeats make a match deterministic, as the
  tokenizer is (no backtracking into another reading of the same text).
- comments end at `-->` or `--!>`, and `<!-->` and `<!--->` are empty comments; `<!...>` (a
  doctype, or CDATA-like text outside SVG and MathML), `<?...>` and `</` not followed by a letter
  are bogus comments ending at the first `>`; a `<` that starts none of these is text.
- raw text: the body of script, style, xmp, iframe, noembed, noframes and noscript (browsers run
  scripts, so noscript is raw text), and of textarea and title (escapable raw text: character
  references are decoded, tags are not), ends only at its own end tag, in any case, followed by
  whitespace, `/` or `>`. Nothing inside is a tag; plaintext runs to the end of the document.

Two simplifications, both safe for the scans: a script body is read to its first `</script`
(htmlscan refuses one holding `<!--`, where a browser's "escaped" states could end it elsewhere),
and inside SVG and MathML (never allowed in page content) script, style and title are read as
raw text as in HTML. Held to libxml2's HTML5 tokenizer by
tests/unit/test_content_scan_matches_html_parser.py and, through htmlscan, to Chromium by
tests/browser/test_htmlscan_browser.py.

Every scan that reads HTML it did not write uses it: the content scan (blocksyntax), the page
policy (htmlscan), external links, the On-this-page length, the whitespace cut from finished
pages (page_assets.minify_html), the comments left out of a page's HTML (formatting's
CommentsLeftOutExtension, through `without_comments`) and a link in mkdocs.yml's copyright
(site_settings). The reads of a page's Markdown, not HTML, follow Python-Markdown instead: which
comments it hides (source_lines, for every line a message names), and where a tag starts and ends
in the checks of the HTML a page writes (formatting's `_MARKDOWN_HTML`: blocks never closed, links
written in HTML, classes), where a tag holds no bare "<" ("Press <Ctrl" is text); a tag's
attributes are read here (`attributes`). Regular expressions over HTML stay only where they
match markup a program wrote in a known form (theme_fixes on Material's and print-site's markup,
printpage on the links print-site rewrites, csp on the template's <head>, redirects on
mkdocs-redirects' stub, page_assets on the template's <link> and <script src> tags) or over-read
on purpose, where reading too much costs nothing (page_assets' class and script words, pdf's
cache key). The print
page is read into a tree by BeautifulSoup, which the PDF step needs (the same test file checks it
reads that page's tags as this tokenizer does).

Two ways to read a page, with the same grammar:
- `TOKEN.finditer(html)` (or findall), every token, for a scan that needs text and tags (and
  `MARKUP.sub(" ", html)` for the text alone, as a browser's text with tags as spaces);
- `start_tags(html, skipping(...))`, only the start tags a scan asks for, everything else
  skipped inside the regular expression engine, for a scan of whole pages that wants few tags.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from saferpolitics.core.lazy_pattern import lazy_compile

SPACE = "\t\n\f\r "
RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
ESCAPABLE_RAW_TEXT = frozenset({"textarea", "title"})
_ALL_RAW_TEXT = "|".join(sorted(RAW_TEXT | ESCAPABLE_RAW_TEXT | {"plaintext"}))

_NAME = rf"[A-Za-z][^{SPACE}/>]*+"
# One attribute, with what separates it from the one before (whitespace or `/`).
ATTRIBUTE = (
    rf"""[{SPACE}/]*+[^{SPACE}/>][^{SPACE}/>=]*+(?>[{SPACE}]*+=[{SPACE}]*+(?>"[^"]*+"|'[^']*+'|[^{SPACE}>]*+))?"""
)
_TAG_END = rf"[{SPACE}/]*+>"
# A comment, a doctype or bogus comment, or an end tag (with its attributes, or a bogus `</...>`).
_NOT_TEXT_NOR_START_TAG = (
    rf"<!--(?>-?>|.*?--!?>|.*\Z)|<[!?][^>]*+>?|</(?:(?P<end>{_NAME})(?>{ATTRIBUTE})*+{_TAG_END}|[^>]*+>?)"
)
_RAW_TEXT_END = rf"</(?i:{{}})[{SPACE}/>]"  # format with the element's name (or a backreference)

# Every token but text: a comment, doctype or bogus comment; an end tag; a start tag, with the
# body of a raw-text element. Groups: end (an end tag's name); start, attributes and tag_end (a
# start tag: its name, its attribute text, and what closes it: "/>" when self-closing); raw (the
# name of a raw-text element, as written), raw_text (its body, up to its end tag, undecoded).
_MARKUP = rf"""{_NOT_TEXT_NOR_START_TAG}
    | <(?P<start>(?i:(?P<raw>{_ALL_RAW_TEXT.replace("plaintext", "(?P<plaintext>plaintext)")})(?=[{SPACE}/>]))|{_NAME})
      (?P<attributes>(?>{ATTRIBUTE})*+)(?P<tag_end>{_TAG_END})
      (?P<raw_text>(?(raw)(?(plaintext).*|.*?(?={_RAW_TEXT_END.format("(?P=raw)")}|\Z))))"""
MARKUP = re.compile(_MARKUP, re.S | re.X)
# One token: MARKUP's, or text (group text, undecoded; a lone "<" is text). No group set: a
# comment, doctype or bogus comment.
TOKEN = lazy_compile(rf"{_MARKUP} | (?P<text>[^<]++|<)", re.S | re.X)

# One attribute in a start tag's attribute text (finditer): its name, then its value in dq, sq or
# uq (double-quoted, single-quoted, unquoted; none of them for an attribute without a value).
ATTRIBUTE_PARTS = re.compile(
    rf"""[{SPACE}/]*+(?P<name>[^{SPACE}/>][^{SPACE}/>=]*+)(?:[{SPACE}]*+=[{SPACE}]*+(?:"(?P<dq>[^"]*+)"|'(?P<sq>[^']*+)'|(?P<uq>[^{SPACE}>]*+)))?"""
)


def attribute_items(attribute_text: str) -> Iterator[tuple[str, str]]:
    """(name in lower case, value as written) of each attribute in a start tag's attribute text,
    in order, repeats included (for a browser the first of two same-named attributes wins)."""
    for match in ATTRIBUTE_PARTS.finditer(attribute_text):
        name, double_quoted, single_quoted, unquoted = match.groups()
        value = double_quoted if double_quoted is not None else single_quoted if single_quoted is not None else unquoted
        yield name.lower(), value or ""


def attributes(attribute_text: str) -> dict[str, str]:
    """A start tag's attributes as a browser reads them: names in lower case, the first of two
    same-named attributes wins, values with their character references decoded."""
    found: dict[str, str] = {}
    for name, value in attribute_items(attribute_text):
        if name not in found:
            found[name] = html_lib.unescape(value) if "&" in value else value
    return found


def without_comments(html: str) -> str:
    """html with its comments left out, where a browser's comments end: at `-->` or `--!>`, with
    `<!-->` an empty comment (the words after it are shown, so kept); a `<!--` inside a script or
    an attribute value is not a comment and stays."""
    if "<!--" not in html:
        return html
    return "".join(token[0] for token in TOKEN.finditer(html) if not token[0].startswith("<!--"))


_URL_IGNORED = lazy_compile(r"[\t\n\r]")
_CONTROLS_AND_SPACE = "".join(map(chr, range(0x21)))


# An address with a scheme (https:, http:, ftp:...) or starting // (or \\, which browsers read
# as //) names another origin; data: holds the file itself; a relative address is this site's.
_OTHER_ORIGIN = re.compile(r"(?!data:)[a-z][a-z0-9+.-]*:|//", re.I)


def other_origin(address: str) -> bool:
    """True when a browser would fetch this address (url() of a src) from another website."""
    return _OTHER_ORIGIN.match(address.replace("\\", "/")) is not None


def url(value: str) -> str:
    """The address a browser reads from a URL attribute's value as written: character references
    decoded, tabs and newlines dropped, leading and trailing controls and spaces stripped."""
    if "&" in value:
        value = html_lib.unescape(value)
    return _URL_IGNORED.sub("", value).strip(_CONTROLS_AND_SPACE)


def raw_text_end(html: str, tag: str, position: int) -> int:
    """Where the body of raw-text element `tag` (lower case) that starts at `position` ends."""
    if tag == "plaintext":
        return len(html)
    end = _raw_text_end_pattern(tag).search(html, position)
    return end.start() if end else len(html)


@cache
def _raw_text_end_pattern(tag: str) -> re.Pattern:
    return re.compile(_RAW_TEXT_END.format(tag))


@cache
def skipping(read: frozenset[str], skippable_attribute: str = ATTRIBUTE) -> re.Pattern:
    """A pattern for `start_tags`: it skips every token up to the next start tag a scan must read.

    read: the names (lower case) of the elements whose start tags the scan reads; raw-text elements
    are always read, so that their bodies are never taken for tags. skippable_attribute: a pattern
    for one attribute (as ATTRIBUTE) that lets its start tag be skipped; a start tag with any other
    attribute is read (the default skips every start tag not named in `read`). Compiled on first
    use: a module may make its scan's pattern at import for a scan a build may not run.
    """
    return lazy_compile(
        rf"""(?:
            [^<]++
          | {_NOT_TEXT_NOR_START_TAG.replace("(?P<end>", "(?:")}
          | <(?!(?i:{"|".join(sorted(read | {_ALL_RAW_TEXT}))})[{SPACE}/>]){_NAME}(?>{skippable_attribute})*+{_TAG_END}
        )*+
        (?:<(?P<tag>{_NAME})(?P<attributes>(?>{ATTRIBUTE})*+){_TAG_END}|\Z|<)""",
        re.S | re.X,
    )


class StartTag(NamedTuple):
    name: str  # in lower case
    attributes: str  # the attribute text, as written
    raw_text: str | None  # a raw-text element's body (undecoded), never read as tags; else None
    start: int  # where the start tag is in the page: html[start:end]
    end: int


def start_tags(html: str, pattern: re.Pattern) -> Iterator[StartTag]:
    """Each start tag `pattern` (made by `skipping`) stops at, in document order."""
    position = 0
    length = len(html)
    while position < length:
        match = pattern.match(html, position)
        position = max(match.end(), position + 1)
        name = match.group("tag")
        if name is None:
            continue
        name = name.lower()
        start = match.start("tag") - 1
        if name in RAW_TEXT or name in ESCAPABLE_RAW_TEXT or name == "plaintext":
            body_end = raw_text_end(html, name, position)
            yield StartTag(name, match.group("attributes"), html[position:body_end], start, position)
            position = body_end
        else:
            yield StartTag(name, match.group("attributes"), None, start, position)
