"""Find everything in an HTML page that a browser could run, in one pass over the text.

It reads the page with the shared tokenizer (saferpolitics/core/html_tokens.py, which follows the
HTML standard's tokenizer where that decides what is code: attributes, comments, raw text), asking
only for the start tags that may hold code: those of the elements watched here, and any with an
attribute that is an event handler, a style, or a value that could be a `javascript:` URL. All
else is skipped inside the regular expression engine: the page-policy check runs on every page
and must stay cheap. Attribute values are decoded (character references) and stripped of the
characters a URL parser ignores (html_tokens.url) before asking whether they are a `javascript:`
URL.

Two readings are left out on purpose, and both fail the build instead of being read: a script
body containing `<!--` (the tokenizer's "escaped" states could end it elsewhere), and SVG or
MathML (where script, style and title are not raw text). The caller reports both in content.
"""

from __future__ import annotations

from dataclasses import dataclass

from saferpolitics.core import html_tokens
from saferpolitics.core.html_tokens import SPACE

# Elements that load or run something other than the page's own text: never in page content.
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "meta", "link"}
FOREIGN = {"svg", "math"}
# Attributes that hold a URL a browser may follow or load.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
    "codebase",
}
# An attribute that cannot hold code: its name is not on... or style, and its value cannot be a
# javascript: URL (its first character, after what a URL parser skips, is not j, v or &).
_PLAIN_VALUE_START = r"(?![\x00-\x20]*+[jJvV&])"
_PLAIN_ATTRIBUTE = (
    rf"""[{SPACE}/]*+(?![oO][nN]|[sS][tT][yY][lL][eE](?![^{SPACE}/>=]))[^{SPACE}/>][^{SPACE}/>=]*+"""
    rf"""(?>(?>[{SPACE}]*+=[{SPACE}]*+)(?>"{_PLAIN_VALUE_START}[^"]*+"|'{_PLAIN_VALUE_START}[^']*+'|(?!["']){_PLAIN_VALUE_START}[^{SPACE}>]*+)"""
    rf"""|(?![{SPACE}]*+=))"""
)
# Read: the watched elements (and raw text, always), and start tags with an attribute that is not
# plain; everything else (text, comments, end tags, plain start tags) is skipped.
_NEXT = html_tokens.skipping(frozenset(EMBEDDING | FOREIGN), _PLAIN_ATTRIBUTE)
_EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


@dataclass(frozen=True)
class Code:
    """Something in a page that can run or load code, and what it is.

    kind: "script" (executable inline script; text is its body), "data-script" (a script element
    that is data, such as Material's JSON config, or one with a src), "style" (a style element;
    text is its body), "handler" (an on...= attribute), "style-attribute", "javascript-url",
    "embedding" (an element in EMBEDDING), "foreign" (svg or math), "unreadable-script"
    (a script body containing `<!--`).
    """

    kind: str
    tag: str
    name: str = ""  # the attribute, for attribute kinds
    text: str = ""  # the body, or the attribute value


def is_javascript_url(value: str) -> bool:
    """True when a browser would treat this attribute value as a javascript: (or vbscript:) URL."""
    return html_tokens.url(value).lower().startswith(("javascript:", "vbscript:"))


def _attributes(tag: str, text: str, found: list[Code]) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for name, value in html_tokens.attribute_items(text):
        attributes.setdefault(name, value)  # the first of two same-named attributes wins
        if name.startswith("on"):
            found.append(Code("handler", tag, name, value))
        elif name == "style":
            found.append(Code("style-attribute", tag, name, value))
        elif name in URL_ATTRIBUTES and is_javascript_url(value):
            found.append(Code("javascript-url", tag, name, value))
    return attributes


def scan(html: str) -> list[Code]:
    """Every inline script, style, event handler, javascript: URL, embedding and foreign element."""
    found: list[Code] = []
    for tag, attribute_text, body, _start, _end in html_tokens.start_tags(html, _NEXT):
        attributes = _attributes(tag, attribute_text, found) if attribute_text else {}
        if tag in EMBEDDING:
            found.append(Code("embedding", tag))
        elif tag in FOREIGN:
            found.append(Code("foreign", tag))
        if tag == "script":
            executable = (
                "src" not in attributes and attributes.get("type", "").strip().lower() in _EXECUTABLE_SCRIPT_TYPES
            )
            if "<!--" in body:
                found.append(Code("unreadable-script", tag, text=body))
            else:
                found.append(Code("script" if executable else "data-script", tag, text=body))
        elif tag == "style":
            found.append(Code("style", tag, text=body))
    return found
