"""Every link to another site carries rel="noopener noreferrer", whoever wrote it.

Content links, cards and Material's own links (edit buttons, footer) come from different places;
one pass over the final HTML keeps the promise for all of them: the other site learns nothing
about which page the reader came from, and cannot script the tab that opened it.
"""

from __future__ import annotations

from saferpolitics.core import html_tokens
from saferpolitics.core.html_tokens import ATTRIBUTE, SPACE
from saferpolitics.core.htmlscan import web_page_elsewhere

REQUIRED_REL = ("noopener", "noreferrer")

# The shared tokenizer reads only the start tags with an href that may lead to another site (its
# value starts with http, // or \\, or with a character reference); it skips all others inside the regular
# expression engine, so the many links within the site (a menu of hundreds on a large one) never
# reach Python.
_HREF_ELSEWHERE = (
    rf"""[{SPACE}/]*+[hH][rR][eE][fF][{SPACE}]*+=[{SPACE}]*+["']?[\x00-\x20]*+(?:[hH][tT][tT][pP]|&|[/\\]{{2}})"""
)
_NEXT = html_tokens.skipping(frozenset(), rf"(?!{_HREF_ELSEWHERE}){ATTRIBUTE}")


def _hardened(tag: str, attributes_end: int) -> str | None:
    """The start tag `<a ...>` with both tokens in its rel attribute (added if need be), or None
    when it needs no change: a link within the site, or one that has both already. For a browser
    the first of two same-named attributes counts."""
    href = rel = None
    for attribute in html_tokens.ATTRIBUTE_PARTS.finditer(tag, 2, attributes_end):
        name = attribute["name"].lower()
        if name == "href" and href is None:
            href = attribute
        elif name == "rel" and rel is None:
            rel = attribute
    address = next((value for value in href.group("dq", "sq", "uq") if value is not None), "") if href else ""
    if not web_page_elsewhere(html_tokens.url(address)):
        return None
    if rel is None:
        return f'<a rel="{" ".join(REQUIRED_REL)}"{tag[2:]}'
    quoting = next((group for group in ("dq", "sq", "uq") if rel[group] is not None), None)
    tokens = rel[quoting].split() if quoting else []
    value = " ".join(tokens + [token for token in REQUIRED_REL if token not in tokens])
    if quoting in ("dq", "sq"):
        return None if value == rel[quoting] else f"{tag[: rel.start(quoting)]}{value}{tag[rel.end(quoting) :]}"
    return f'{tag[: rel.start("name")]}rel="{value}"{tag[rel.end() :]}'


def with_safe_external_links(html: str) -> str:
    parts = []
    position = 0
    for tag in html_tokens.start_tags(html, _NEXT):
        hardened = _hardened(html[tag.start : tag.end], 2 + len(tag.attributes)) if tag.name == "a" else None
        if hardened is not None:
            parts += [html[position : tag.start], hardened]
            position = tag.end
    if not parts:
        return html
    parts.append(html[position:])
    return "".join(parts)
