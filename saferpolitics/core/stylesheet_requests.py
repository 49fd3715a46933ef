"""What a stylesheet makes a browser fetch: each `url(...)`, `image-set(...)` and `@import`, with
its line, and which of them the page policy would refuse.

One reading for a stylesheet the site ships and for a template's `style="..."` attribute and
`<style>` element (saferpolitics/core/htmlscan.py reads them with this module). A browser fetches
what a stylesheet names as the page loads, so a file from another website is a request to a third
party that no reader asked for: the build stops at its line. A data: address holds the file
itself and is fetched from no one; it is refused only where the page policy refuses it (a font,
or a stylesheet imported as data:), which the caller says (`allows_data`), so this module never
repeats the policy itself.

It reads the stylesheet as CSS's tokenizer does (CSS Syntax 3), in one pass, left to right, so
that nothing a browser would fetch is missed and words are not taken for requests: comments and
strings hold no requests (`content: "see url(...)"` is words), but for a string that is an
address (in url(), src(), image-set() or after @import); a "/*" in a string or an unquoted url()
opens no comment; backslash escapes are read as a browser reads them, in names (`u\\72l(` is
url() and `@\\69mport` is @import) and in addresses. tests/unit/test_stylesheet_requests.py holds
it to tinycss2, a full CSS parser, which is slower (the check runs on every build).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from saferpolitics.core.html_tokens import other_origin
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem

# A backslash escape: up to six hex digits and one whitespace after them, or any one character
# but a line break (which ends a string or is no escape).
_ESCAPE = r"\\(?:[0-9a-fA-F]{1,6}(?:\r\n|[ \t\n\r\f])?|[^\n\r\f0-9a-fA-F])"
_COMMENT = r"(?P<comment>/\*.*?(?:\*/|\Z))"
_STRING = r"""(?P<string>"(?:[^"\\\n]|\\.)*+"|'(?:[^'\\\n]|\\.)*+')"""
# The next token that matters, each read whole (so that no comment starts inside a string or a
# name): a comment; a string; a function's name or an at-keyword (escapes included); a
# parenthesis; or a quotation mark that starts no string. What comes before it (other names,
# numbers, punctuation, braces) is skipped inside the regular expression engine. Compiled on first
# use: a warm build reads a stylesheet only when it changed (site_settings keeps the clean ones),
# and the pages' scan (htmlscan) reads CSS only where a style element or attribute is.
_SKIPPED = rf"""(?:[^/"'\\@\w()-]++|(?:[\w-]|{_ESCAPE})++(?!\()|/(?!\*)|\\|@(?![\w\\-]))*+"""
_TOKEN = lazy_compile(
    rf"""{_SKIPPED}(?P<token>{_COMMENT} | {_STRING}
    | (?P<at>@)?(?P<name>(?:[\w-]|{_ESCAPE})++)(?P<function>\()? | (?P<bracket>[()]) | ["'] | \Z)""",
    re.S | re.X,
)
# The same reading for the braces of an @font-face block, to find where it ends.
_BRACE = lazy_compile(
    rf"""(?:[^/"'\\{{}}]++|/(?!\*)|{_ESCAPE}|\\)*+(?P<token>{_COMMENT}|{_STRING}|(?P<brace>[{{}}])|\Z)""", re.S
)
_WHITESPACE = " \t\n\r\f"
_QUOTE = lazy_compile(r"[ \t\n\r\f]*[\"']")  # url("...") is a function with a string; url(...) is not
_AT_RULE_END = lazy_compile(r"[;{}]")
# The rest of an unquoted url(...): a browser reads everything up to ")" as the address.
_BARE_URL = lazy_compile(rf"(?P<address>(?:[^)\\]|{_ESCAPE}|\\)*+)\)?", re.S)
# Functions whose string arguments are addresses: url("..."), src("...") (CSS Values 4's
# url() with a string only) and image-set("..." 1x, url(...) 2x), prefixed or not.
_ADDRESS_FUNCTIONS = {"url", "src", "image-set", "-webkit-image-set"}
_UNESCAPE = lazy_compile(rf"{_ESCAPE}|\\\r\n|\\[\n\r\f]")


def _unescaped(text: str) -> str:
    """The text as a browser reads it: escapes decoded, a backslash before a line break dropped
    (a string goes on on the next line)."""
    if "\\" not in text:
        return text

    def one(match: re.Match) -> str:
        written = match[0][1:].rstrip(" \t\n\r\f") or match[0][1:]
        if not re.fullmatch(r"[0-9a-fA-F]{1,6}", written):
            return "" if written in ("\r\n", "\n", "\r", "\f") else written
        code = int(written, 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _UNESCAPE.sub(one, text)


class Request(NamedTuple):
    """A file a stylesheet names: its line (1-based), what it is for ("import" for another
    stylesheet, "font" inside @font-face, "image" for any other, which CSS uses for
    pictures: backgrounds, masks, cursors, list markers) and its address as a browser reads it."""

    line: int
    kind: str
    address: str


def requests(css: str) -> list[Request]:
    """Every file the stylesheet (or a style attribute's value) names, in order."""
    found: list[tuple[int, str, str]] = []
    functions: list[tuple[str, str]] = []  # each open parenthesis: (its function's name, kind)
    font_face_end = import_end = -1
    position, length = 0, len(css)
    while position < length:
        match = _TOKEN.match(css, position)
        start, position = match.start("token"), match.end()
        if start == length:
            break
        just_after_import = import_end >= 0 and not css[import_end:start].strip(_WHITESPACE)
        if match["comment"] is not None:
            import_end = position if just_after_import else import_end  # @import /* note */ "a.css"
            continue
        import_end = -1
        kind = "import" if just_after_import else "font" if start < font_face_end else "image"
        if match["string"] is not None:
            if kind == "import" or (functions and functions[-1][0] in _ADDRESS_FUNCTIONS):
                kind = kind if kind == "import" else functions[-1][1]
                found.append((start, kind, _unescaped(match["string"][1:-1])))
        elif match["name"] is not None:
            name = _unescaped(match["name"]).lower()
            if match["at"] and name == "import":
                import_end = position
            elif match["at"] and name == "font-face":
                font_face_end = _block_end(css, position)
            elif match["at"] and name == "namespace":
                # @namespace url(...) names a kind of document: nothing is fetched.
                end = _AT_RULE_END.search(css, position)
                position = end.end() if end and end[0] == ";" else position
            elif match["function"] and name == "url" and not _QUOTE.match(css, position):
                bare = _BARE_URL.match(css, position)
                position = bare.end()
                found.append((start, kind, _unescaped(bare["address"])))
            elif match["function"]:
                functions.append((name, kind))
        elif match["bracket"] == "(":
            functions.append(("", kind))
        elif match["bracket"] == ")" and functions:
            functions.pop()
    return [Request(css.count("\n", 0, start) + 1, kind, address.strip(_WHITESPACE)) for start, kind, address in found]


def _block_end(css: str, position: int) -> int:
    """Where the block that follows position (an at-rule's {...}) ends."""
    depth, length = 0, len(css)
    while position < length:
        match = _BRACE.match(css, position)
        position = match.end()
        if match["brace"] == "{":
            depth += 1
        elif match["brace"] == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                return position
    return length


_WHAT = {"import": "a stylesheet", "font": "a font", "image": "a picture"}
# The page policy's directive that governs each kind of request.
DIRECTIVE = {"import": "style-src", "font": "font-src", "image": "img-src"}


def request_problems(css: str, file: str, allows_data: Callable[[str], bool]) -> list[Problem]:
    """A Problem, on its line, for each file the stylesheet would make a reader's browser fetch
    from another website, and each data: address the page policy would refuse (allows_data:
    whether the policy allows data: for a directive, such as "img-src")."""
    problems = []
    for request in requests(css):
        if other_origin(request.address):
            problems.append(
                Problem(
                    file,
                    request.line,
                    f"{request.address} is {_WHAT[request.kind]} from another website: every reader's browser "
                    "would ask that website for it, which the page policy does not allow",
                    "save the file under docs/assets/ and name it by its path relative to this stylesheet, "
                    "e.g. url(../images/name.png); for a font, the toolkit uses the fonts on the reader's device",
                )
            )
        elif request.address.lower().startswith("data:") and not allows_data(DIRECTIVE[request.kind]):
            problems.append(
                Problem(
                    file,
                    request.line,
                    f"a data: address for {_WHAT[request.kind]}, which the page policy does not allow: "
                    "browsers would refuse it",
                    "save it as a file under docs/assets/ and name it by its path relative to this stylesheet",
                )
            )
    return problems
