"""What a stylesheet makes a browser fetch: each `url(...)` and `@import`, with its line, and
which of them the page policy would refuse.

One reading for a stylesheet under docs/ and for a template's `style="..."` attribute
(saferpolitics/core/htmlscan.py reads them with this module). A browser fetches what a
stylesheet names as the page loads, so a file from another website is a request to a third
party that no reader asked for: the build stops at its line. A data: address holds the file
itself and is fetched from no one; it is refused only where the page policy refuses it (a font,
or a stylesheet imported as data:), which the caller says (`allows_data`), so this module never
repeats the policy itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from saferpolitics.core.html_tokens import other_origin
from saferpolitics.core.problems import Problem

# Comments and strings hold no requests (`content: "see url(...)"` is words): blanked, line breaks
# kept, before anything is read; but for the string that is a url()'s or an @import's address.
# Read left to right in one pass, so a "/*" inside a string opens no comment, and the reverse.
_NOT_READ = re.compile(
    r"""/\*.*?(?:\*/|\Z)|(?P<address>\burl\(\s*|@import\s+)?(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""",
    re.S | re.I,
)
# url(address), url("address") or url('address'), case-insensitive as CSS reads it.
_URL = re.compile(r"""\burl\(\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^)\s"']*))\s*\)""", re.I)
# @import "address" or @import 'address' (the url(...) form is read by _URL, at the same place).
_IMPORT = re.compile(r"""@import\s+(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<url>url\())""", re.I)
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}?", re.I)


@dataclass(frozen=True)
class Request:
    """A file a stylesheet names: its line (1-based), what it is for ("import" for another
    stylesheet, "font" inside @font-face, "image" for any other url(), which CSS uses for
    pictures: backgrounds, masks, cursors, list markers) and its address as written."""

    line: int
    kind: str
    address: str


def _blanked(text: str) -> str:
    def blank(match: re.Match) -> str:
        if match["string"] is None:  # a comment
            return re.sub(r"[^\n]", " ", match[0])
        if match["address"] is not None:
            return match[0]
        return match["string"][0] + " " * (len(match["string"]) - 2) + match["string"][-1]

    return _NOT_READ.sub(blank, text)


def requests(css: str) -> list[Request]:
    """Every file the stylesheet (or a style attribute's value) names, in order."""
    text = _blanked(css)
    fonts = [match.span() for match in _FONT_FACE.finditer(text)]
    imported = {match.start("url") for match in _IMPORT.finditer(text) if match["url"]}
    found = []
    for match in _IMPORT.finditer(text):
        if not match["url"]:
            found.append((match.start(), "import", match["dq"] if match["dq"] is not None else match["sq"]))
    for match in _URL.finditer(text):
        start = match.start()
        address = next(group for group in (match["dq"], match["sq"], match["bare"]) if group is not None)
        if start in imported:
            kind = "import"
        elif any(begin <= start < end for begin, end in fonts):
            kind = "font"
        else:
            kind = "image"
        found.append((start, kind, address))
    return [Request(text.count("\n", 0, start) + 1, kind, address.strip()) for start, kind, address in sorted(found)]


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
