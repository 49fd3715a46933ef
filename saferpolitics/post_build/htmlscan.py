"""Find everything in an HTML page that a browser could run, in one pass over the text.

One tokenizer pass (a regular expression per tag, no tree) instead of a full HTML parse: the
page-policy check runs on every page and must stay cheap. It follows the HTML standard's
tokenizer where that decides what is code:

- tags and attributes: names end at whitespace, `/`, `>` (and `=` for attributes); a value is
  double-quoted, single-quoted or unquoted; a quoted value may hold `>`; a new attribute may
  start straight after a closing quote. Atomic groups make the match deterministic, as the
  tokenizer is (no backtracking into another reading of the same text).
- comments end at `-->` or `--!>`, and `<!-->` and `<!--->` are empty comments; `<!...>`, `<?...>`
  and `</ ...>` are bogus comments ending at the first `>`.
- raw text: the bodies of script, style, textarea, title, xmp, iframe, noembed, noframes and
  noscript end only at their own end tag, and plaintext runs to the end; nothing inside is a tag.
- attribute values are decoded (character references) and stripped of the characters a URL
  parser ignores (leading spaces and controls, tabs and newlines anywhere) before asking whether
  they are a `javascript:` URL.

Two readings are left out on purpose, and both fail the build instead of being read: a script
body containing `<!--` (the tokenizer's "escaped" states could end it elsewhere), and SVG or
MathML (where script, style and title are not raw text). The caller reports both in content.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

_SPACE = r"\t\n\f\r "
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}
_END_TAGS: dict[str, re.Pattern] = {name: re.compile(rf"</{name}[{_SPACE}/>]", re.I) for name in _RAW_TEXT}

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
_ATTRIBUTE = (
    rf"""[{_SPACE}/]*+[^{_SPACE}/>][^{_SPACE}/>=]*+(?>[{_SPACE}]*+=[{_SPACE}]*+(?>"[^"]*+"|'[^']*+'|[^{_SPACE}>]*+))?"""
)
# An attribute that cannot hold code: its name is not on... or style, and its value cannot be a
# javascript: URL (its first character, after what a URL parser skips, is not j, v or &).
_PLAIN_VALUE_START = r"(?![\x00-\x20]*+[jJvV&])"
_PLAIN_ATTRIBUTE = (
    rf"""[{_SPACE}/]*+(?![oO][nN]|[sS][tT][yY][lL][eE](?![^{_SPACE}/>=]))[^{_SPACE}/>][^{_SPACE}/>=]*+"""
    rf"""(?>(?>[{_SPACE}]*+=[{_SPACE}]*+)(?>"{_PLAIN_VALUE_START}[^"]*+"|'{_PLAIN_VALUE_START}[^']*+'|(?!["']){_PLAIN_VALUE_START}[^{_SPACE}>]*+)"""
    rf"""|(?![{_SPACE}]*+=))"""
)
_WATCHED = "|".join(sorted(_RAW_TEXT | EMBEDDING | FOREIGN | {"plaintext"}))
# One match: everything that cannot run code (text, comments, end tags, plain start tags), skipped
# inside the regular expression engine, then the next start tag that may (or the end of the text).
_NEXT = re.compile(
    rf"""(?:
        [^<]++
      | <!--(?>-?>|.*?--!?>|.*\Z)                                      # comment
      | <[!?][^>]*+>?                                                 # doctype, bogus comment
      | </(?:[A-Za-z][^{_SPACE}/>]*+(?>{_ATTRIBUTE})*+[{_SPACE}/]*+>|[^>]*+>?)  # end tag
      | <(?!(?i:{_WATCHED})[{_SPACE}/>])[A-Za-z][^{_SPACE}/>]*+(?>{_PLAIN_ATTRIBUTE})*+[{_SPACE}/]*+>
    )*+
    (?:<(?P<tag>[A-Za-z][^{_SPACE}/>]*+)(?P<attributes>(?>{_ATTRIBUTE})*+)[{_SPACE}/]*+>|\Z|<)""",
    re.S | re.X,
)
_ONE_ATTRIBUTE = re.compile(
    rf"""[{_SPACE}/]*+(?P<name>[^{_SPACE}/>][^{_SPACE}/>=]*+)(?:[{_SPACE}]*+=[{_SPACE}]*+(?:"(?P<dq>[^"]*+)"|'(?P<sq>[^']*+)'|(?P<uq>[^{_SPACE}>]*+)))?"""
)
_EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_URL_IGNORED = re.compile(r"[\t\n\r]")


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


def _value(match: re.Match) -> str | None:
    for group in ("dq", "sq", "uq"):
        if match.group(group) is not None:
            return match.group(group)
    return None


def is_javascript_url(value: str) -> bool:
    """True when a browser would treat this attribute value as a javascript: (or vbscript:) URL."""
    url = _URL_IGNORED.sub("", html_lib.unescape(value)).lstrip("".join(map(chr, range(0x21)))).lower()
    return url.startswith(("javascript:", "vbscript:"))


def _attributes(tag: str, text: str, found: list[Code]) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for match in _ONE_ATTRIBUTE.finditer(text):
        name = match.group("name").lower()
        value = _value(match) or ""
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
    position = 0
    length = len(html)
    while position < length:
        match = _NEXT.match(html, position)
        position = max(match.end(), position + 1)
        tag = match.group("tag")
        if tag is None:
            continue
        tag = tag.lower()
        attribute_text = match.group("attributes")
        attributes = _attributes(tag, attribute_text, found) if attribute_text else {}
        if tag in EMBEDDING:
            found.append(Code("embedding", tag))
        elif tag in FOREIGN:
            found.append(Code("foreign", tag))
        if tag == "plaintext":
            break
        if tag not in _RAW_TEXT:
            continue
        end = _END_TAGS[tag].search(html, position)
        body_end = end.start() if end else length
        body = html[position:body_end]
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
        position = body_end
    return found
