"""Find everything in an HTML page that a browser could run, or that would make it fetch a file
from another website, in one pass over the text.

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

from typing import NamedTuple

from saferpolitics.core import html_tokens, stylesheet_requests
from saferpolitics.core.html_tokens import SPACE, other_origin

# Elements that load or run something other than the page's own text: never in page content.
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "meta", "link"}
FOREIGN = {"svg", "math"}
# Elements that make a browser fetch the file they name as the page loads, and their attributes
# naming it: from another website, that is a request to a third party (no reader asked for it).
# (`<image>` is read as `<img>`; `background=` loads a picture on any element that has it.)
SOURCE_ATTRIBUTES = {"src", "srcset", "poster"}
LOADING = {"img", "image", "source", "video", "audio", "track", "input"}
# A <link> fetches what its href names unless every word of its rel only describes a relation
# (rel=canonical, the site's own address, names the page; rel=stylesheet, icon, preload,
# preconnect, dns-prefetch and any rel not listed here ask the address for something).
DESCRIBING_RELS = {
    "alternate",
    "author",
    "bookmark",
    "canonical",
    "external",
    "help",
    "license",
    "me",
    "next",
    "nofollow",
    "noopener",
    "noreferrer",
    "opener",
    "pingback",  # read by other servers, never fetched by the reader's browser
    "prev",
    "privacy-policy",
    "tag",
    "terms-of-service",
    "webmention",  # as pingback
}
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
# Attributes that send what a reader does somewhere: a link's ping (a request on every click,
# anywhere) and a form's action to another website (what is typed; the 404 page's search form
# opens this site's search). A reader's data stays on their device.
SENDING_ATTRIBUTES = {"ping", "action", "formaction"}
# An attribute that cannot hold code, send or load anything: its name is not on..., style, one
# of SENDING_ATTRIBUTES or background, and its value cannot be a javascript: URL (its first
# character, after what a URL parser skips, is not j, v or &).
_PLAIN_VALUE_START = r"(?![\x00-\x20]*+[jJvV&])"
_NOT_PLAIN_NAME = (
    r"[oO][nN]|(?:[sS][tT][yY][lL][eE]|[pP][iI][nN][gG]|(?:[fF][oO][rR][mM])?[aA][cC][tT][iI][oO][nN]"
    r"|[bB][aA][cC][kK][gG][rR][oO][uU][nN][dD])"
)
_PLAIN_ATTRIBUTE = (
    rf"""[{SPACE}/]*+(?!{_NOT_PLAIN_NAME}(?![^{SPACE}/>=]))[^{SPACE}/>][^{SPACE}/>=]*+"""
    rf"""(?>(?>[{SPACE}]*+=[{SPACE}]*+)(?>"{_PLAIN_VALUE_START}[^"]*+"|'{_PLAIN_VALUE_START}[^']*+'|(?!["']){_PLAIN_VALUE_START}[^{SPACE}>]*+)"""
    rf"""|(?![{SPACE}]*+=))"""
)
# Read: the watched elements (and raw text, always), and start tags with an attribute that is not
# plain; everything else (text, comments, end tags, plain start tags) is skipped.
_NEXT = html_tokens.skipping(frozenset(EMBEDDING | FOREIGN | LOADING), _PLAIN_ATTRIBUTE)
_EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class Code(NamedTuple):
    """Something in a page that can run or load code, and what it is.

    kind: "script" (executable inline script; text is its body), "data-script" (a script element
    that is data, such as Material's JSON config, or one with a src), "style" (a style element;
    text is its body), "handler" (an on...= attribute), "style-attribute", "javascript-url",
    "embedding" (an element in EMBEDDING), "page-setting" (a <meta http-equiv>: name is its
    setting, lower case; text its content), "foreign" (svg or math), "unreadable-script"
    (a script body containing `<!--`), "third-party-source" (an element in LOADING whose src,
    srcset or poster names a file on another website, a style attribute's url(...) (name
    "style"), a style element's rules (tag "style", no name) or a <link> that fetches its href
    (name "href") does; text is that address), "sends" (a
    ping, or an action or formaction on another website: what a reader does, sent away).
    """

    kind: str
    tag: str
    name: str = ""  # the attribute, for attribute kinds
    text: str = ""  # the body, or the attribute value


def is_javascript_url(value: str) -> bool:
    """True when a browser would treat this attribute value as a javascript: (or vbscript:) URL."""
    return html_tokens.url(value).lower().startswith(("javascript:", "vbscript:"))


def web_page_elsewhere(address: str) -> bool:
    """True when following this link (html_tokens.url of an href) opens a page on another website:
    http:, https:, or a protocol-relative // (or two backslashes, which browsers read as //). With
    or without the slashes after the scheme: `https:example.org` opens example.org from a saved
    page, and a missing page of this site from the website."""
    return address.replace("\\", "/").lower().startswith(("http:", "https:", "//"))


def _sources(name: str, value: str) -> list[str]:
    """The addresses in a src or poster value (one) or a srcset (each candidate's first word;
    splitting a data: address at its comma leaves parts that name no other website)."""
    if name != "srcset":
        return [value]
    return [word for candidate in value.split(",") for word in candidate.split()[:1]]


def _attributes(tag: str, text: str, found: list[Code]) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for name, value in html_tokens.attribute_items(text):
        attributes.setdefault(name, value)  # the first of two same-named attributes wins
        if name.startswith("on"):
            found.append(Code("handler", tag, name, value))
        elif name == "style":
            found.append(Code("style-attribute", tag, name, value))
            # A picture a style names is fetched as the page loads, as an <img src> is.
            decoded = html_tokens.url(value)
            found += [
                Code("third-party-source", tag, name, request.address)
                for request in stylesheet_requests.requests(decoded)
                if other_origin(request.address)
            ]
        elif name in URL_ATTRIBUTES and is_javascript_url(value):
            found.append(Code("javascript-url", tag, name, value))
        elif (name == "ping" and value.strip()) or (
            name in SENDING_ATTRIBUTES and other_origin(html_tokens.url(value))
        ):
            found.append(Code("sends", tag, name, value))
        elif (tag in LOADING and name in SOURCE_ATTRIBUTES) or name == "background":
            addresses = (html_tokens.url(word) for word in _sources(name, value))
            found += [Code("third-party-source", tag, name, address) for address in addresses if other_origin(address)]
    return attributes


def scan(html: str) -> list[Code]:
    """Every inline script, style, event handler, javascript: URL, embedding and foreign element,
    and every file an image, video or audio element, a style attribute or element or a <link>
    would fetch from another website."""
    found: list[Code] = []
    for tag, attribute_text, body, _start, _end in html_tokens.start_tags(html, _NEXT):
        attributes = _attributes(tag, attribute_text, found) if attribute_text else {}
        if tag == "meta" and "http-equiv" in attributes:
            setting = attributes["http-equiv"].strip().lower()
            found.append(Code("page-setting", tag, setting, attributes.get("content", "")))
        elif tag in EMBEDDING:
            found.append(Code("embedding", tag))
        elif tag in FOREIGN:
            found.append(Code("foreign", tag))
        if tag == "link" and (address := html_tokens.url(attributes.get("href", ""))) and other_origin(address):
            if not set(attributes.get("rel", "").lower().split()) <= DESCRIBING_RELS:
                found.append(Code("third-party-source", tag, "href", address))
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
            # What its rules fetch, as a style attribute's: the element may be a template's own,
            # allowed by the policy, but a file from another website is never allowed.
            found += [
                Code("third-party-source", tag, text=request.address)
                for request in stylesheet_requests.requests(body)
                if other_origin(request.address)
            ]
    return found
