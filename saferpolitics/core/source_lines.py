"""Which line of a maintainer's file is this? One answer for every message that names a line.

A message points at what a reader's page is made from, never at an example of it: in Markdown,
lines inside fenced code (and code spans, and HTML comments, which readers never see) are
examples or notes, so they are skipped; in YAML, comment lines are. Fences follow
pymdown-extensions' SuperFences, which reads this site's fences: an opening ``` or ~~~ (three or
more) after any indentation or `>` quote markers, followed by nothing, a language, options it
knows or {attributes} (SuperFences itself decides, _opens_fence), closed by the same run of the
same length, indented as the opening; a fence that is never closed, or whose content is indented less than
the opening, is not code, and its lines are page text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import markdown
from pymdownx.superfences import RE_NESTED_FENCE_START

from saferpolitics.core.lazy_pattern import lazy_compile

Needle = str | re.Pattern[str] | Callable[[str], bool]

_PREFIX_CHARS = " \t>"
# A code span, as Python-Markdown reads one: a run of backticks up to the next run of the same
# length, on the same line or a later line of its paragraph, never across a blank line (a fenced
# block's lines count as blank here).
_CODE_SPAN = lazy_compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)*?(?<!`)\1(?!`)", re.S)
# An HTML comment, as Python-Markdown hides one: a comment that opens a line (indented less than
# four spaces) runs to the next "-->", across blank lines (a block of raw HTML); any other only up
# to the end of its paragraph. Otherwise its "<!--" is text, and readers see what follows it.
_HTML_COMMENT = lazy_compile(r"(?m:^[ ]{0,3})<!--.*?-->|<!--(?:(?!\n[ \t]*\n).)*?-->", re.S)
# Both in one pass, whichever starts first: a backtick inside a comment starts no code span, and a
# "<!--" inside a code span starts no comment.
_NOT_SHOWN = re.compile(f"{_HTML_COMMENT.pattern}|{_CODE_SPAN.pattern}", re.S)

# A heading line ("## Its words {#id} ##"), as Python-Markdown's and attr_list's ATX headings read
# one (fullmatch on a line content_lines gives): groups level (the #s) and words (None for a
# heading with none; without closing #s or the attribute list). A "#hashtag" is no heading.
ATX_HEADING = re.compile(r"[ ]{0,3}(?P<level>#{1,6})(?:[ \t]+(?P<words>.*?))??(?:[ \t]+\{[^}\n]*\})?[ \t]*#*[ \t]*")
# The line under a heading's words that makes it a title in Markdown's other way ("Title" then "=====").
SETEXT_TITLE_RULE = lazy_compile(r"[ ]{0,3}=+[ \t]*")


@functools.cache
def _superfences() -> markdown.Markdown:
    # As mkdocs.yml loads it, with no options: other extensions there change nothing about which
    # lines open a fence (tests/unit/test_source_lines.py checks the configuration is still this).
    return markdown.Markdown(extensions=["pymdownx.superfences"])


@functools.lru_cache(maxsize=512)
def _opens_fence(header: str) -> bool:
    """Whether SuperFences opens a fence at header (a line's text after its indentation and quote
    markers). Its own preprocessor decides, on the header and a closing line: a run of backticks
    followed by words that are not a language and valid options ("``` is how a block starts") is
    text, and an opening this module took for one made it report a comment's lines as code."""
    match = RE_NESTED_FENCE_START.match(header)
    if match is None:
        return False
    md = _superfences()
    md.reset()
    lines = [header, match["fence"]]
    return md.preprocessors["fenced_code_block"].run(lines) != lines


def _fenced(lines: list[str]) -> set[int]:
    """0-based indexes of the lines SuperFences reads as fenced code, opening and closing lines included."""
    return _fences(lines)[0]


def _fences(lines: list[str]) -> tuple[set[int], list[tuple[int, int]], list[int], int | None]:
    """_fenced's lines; each fenced block's opening and closing (0-based indexes); the openings
    SuperFences gave up on at a line indented less than them (or out of their quote), whose marks
    it leaves as text; and the index of a fence still open at the end of the file (never closed,
    so not code either, and no fence after it is one: SuperFences looks for its closing line to
    the end), or None."""
    fenced: set[int] = set()
    blocks: list[tuple[int, int]] = []
    dropped: list[int] = []
    fence = None
    for index, raw in enumerate(lines):
        line = raw.expandtabs(4)
        if fence is None:
            width = len(line) - len(line.lstrip(_PREFIX_CHARS))
            if _opens_fence(line[width:]):
                fence, start, quotes = RE_NESTED_FENCE_START.match(line, width)["fence"], index, line[:width].count(">")
                end = re.compile(re.escape(fence) + r"[ \t]*$")
            continue
        taken = 0
        while taken < min(width, len(line)) and line[taken] in _PREFIX_CHARS:
            taken += 1
        prefix, content = line[:taken], line[taken:]
        if quotes:
            if prefix.count(">") > quotes:
                fence = None  # deeper in quotes than the opening: not a fence after all
            elif content.strip() and len(prefix) < width:
                fence = None
            elif end.match(content):
                fenced.update(range(start, index + 1))
                blocks.append((start, index))
                fence = None
                continue
        elif ">" in prefix:
            fence = None
        elif not line.strip():
            continue
        elif len(prefix) != width:
            fence = None  # indented less than the opening
        elif end.match(content) and not content.startswith((" ", "\t")):
            fenced.update(range(start, index + 1))
            blocks.append((start, index))
            fence = None
            continue
        if fence is None:
            dropped.append(start)
    return fenced, blocks, dropped, start if fence is not None else None


class UnclosedFence(NamedTuple):
    """A fence SuperFences leaves as text, or one in an HTML comment that it reads on past the
    comment's end: its 1-based line; for one in a comment never closed, the line of the first
    fence after it that it stops from being one (takes_in); for one in a comment closed after the
    comment ends, the line that closes it (closed_at)."""

    line: int
    takes_in: int | None = None
    closed_at: int | None = None


def _in_comment(lines: list[str], index: int, file: str) -> bool:
    """Whether line index is inside an HTML comment opened above it: a "<!--" that nothing
    above it closes (content_lines blanks the comments that are closed)."""
    return any("<!--" in line for _, line in content_lines("\n".join(lines[:index]), file))


def _marks_hidden(lines: list[str], fenced: set[int], openings: Iterable[int]) -> set[int]:
    """Those of the openings (0-based indexes of lines outside fenced code) whose marks readers
    never see: inside an HTML comment, or inside a code span that opened before them. Marks that
    open a code span themselves are not hidden: a "```" further down the paragraph, at column 0
    after a box or list item or in the next one, closes the span, though Markdown reads the fence
    and that line as separate blocks (readers see "```text" and a stray "```"), or, in a list item,
    as one paragraph: the example shows as one line of inline code."""
    outside = ["" if index in fenced else line for index, line in enumerate(lines)]
    text = "\n".join(outside)
    spans = [(match.start(), match.end(), match[0].startswith("`")) for match in _NOT_SHOWN.finditer(text)]
    starts = [0]
    for line in outside:
        starts.append(starts[-1] + len(line) + 1)
    hidden = set()
    for index in openings:
        mark = starts[index] + len(lines[index]) - len(lines[index].lstrip(_PREFIX_CHARS))
        if any(start <= mark < end and not (code and start == mark) for start, end, code in spans):
            hidden.add(index)
    return hidden


def unclosed_fences(text: str, file: str) -> list[UnclosedFence]:
    """Each fence that opens in a Markdown file and is not closed by a line of the same backticks
    or tildes, as many, indented as far, before a line indented less than it (the end of its box
    or list item, or a closing line at column 0): SuperFences leaves it as text, so readers see
    "```text" and the example run into the page. SuperFences reads fences before Markdown hides
    HTML comments, so a fence in a comment that is not closed inside it is named when it does
    harm: never closed, it stops a fence after the comment from being one; closed after the
    comment, it shows the comment's end as code."""
    if not file.endswith((".md", ".markdown")) or ("```" not in text and "~~~" not in text):
        return []
    lines, found = text.splitlines(), []
    while True:
        fenced, blocks, dropped, still_open = _fences(lines)
        shown = dict(content_lines("\n".join(lines), file))  # comments and code spans blanked
        hidden = _marks_hidden(lines, fenced, [*dropped, *([] if still_open is None else [still_open])])
        found += [UnclosedFence(index + 1) for index in dropped if index not in hidden]
        found += [
            UnclosedFence(start + 1, closed_at=end + 1)
            for start, end in blocks
            if "-->" in "\n".join(lines[start + 1 : end]) and _in_comment(lines, start, file)
        ]
        if still_open is None:
            break
        if still_open not in hidden:
            found.append(UnclosedFence(still_open + 1))
            break
        later = next(
            (
                number
                for number in range(still_open + 2, len(lines) + 1)
                if _opens_fence(shown.get(number, "").lstrip(_PREFIX_CHARS))
            ),
            None,
        )
        if later is None:
            break  # nothing after it is taken in: harmless
        found.append(UnclosedFence(still_open + 1, takes_in=later))
        # Then as if it were not there, to find what else is left open after it.
        lines = [*lines[:still_open], "x", *lines[still_open + 1 :]]
    return sorted(set(found), key=lambda fence: fence.line)


def _blanked(pattern: re.Pattern, text: str) -> str:
    """text with each match's characters as spaces, its line breaks kept (columns and lines kept)."""
    return pattern.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), text)


# A page's front matter: a first line `---`, up to the next `---` or `...` line (as MkDocs reads it).
_OPENING = re.compile(r"---[ \t]*")
_CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*")


def opens_front_matter(text: str) -> bool:
    """True when the page's first line is the `---` that opens a front matter (closed or not)."""
    first = text.split("\n", 1)[0].rstrip("\r")
    return _OPENING.fullmatch(first) is not None


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(the front matter, or None when the page has none; the rest of the page). The front matter
    keeps an empty line in place of the opening `---`, so YAML counts lines as the page does."""
    if not opens_front_matter(text):
        return None, text
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if _CLOSING.fullmatch(lines[index].rstrip("\r\n")):
            return "\n" + "".join(lines[1:index]), "".join(lines[index + 1 :])
    return None, text


def content_lines(text: str, file: str) -> Iterator[tuple[int, str]]:
    """(1-based number, text) of each line of the file that is content, not an example: for
    Markdown (file ends .md) every line after the front matter and outside fenced code, with
    code spans and HTML comments blanked out (columns kept); for YAML (.yml, .yaml) every line
    that is not a comment; for any other file every line."""
    if file.endswith((".md", ".markdown")):
        yield from _markdown_content_lines(text, file)
        return
    lines = text.splitlines()
    if file.endswith((".yml", ".yaml")):
        yield from ((number, line) for number, line in enumerate(lines, start=1) if not line.lstrip().startswith("#"))
    else:
        yield from enumerate(lines, start=1)


# A page's content lines are read by a dozen checks and every message's line: the fences, front
# matter and code spans are found once per page (the same text object, so the key is cheap).
@functools.lru_cache(maxsize=4)
def _markdown_content_lines(text: str, file: str) -> tuple[tuple[int, str], ...]:
    lines = text.splitlines()
    front_matter, _ = split_front_matter(text)
    settings = front_matter.count("\n") + 1 if front_matter is not None else 0  # with both --- lines
    fenced = _fenced(lines)
    shown = ["" if index in fenced or index < settings else line for index, line in enumerate(lines)]
    if "`" in text or "<!--" in text:
        shown = _blanked(_NOT_SHOWN, "\n".join(shown)).split("\n")
    return tuple((index + 1, line) for index, line in enumerate(shown) if index not in fenced and index >= settings)


def _test(needle: Needle) -> Callable[[str], bool]:
    if isinstance(needle, str):
        return lambda line: needle in line
    if isinstance(needle, re.Pattern):
        return lambda line: needle.search(line) is not None
    return needle


def line_of(text: str, needle: Needle, file: str, start_line: int = 1, occurrence: int = 1) -> int | None:
    """1-based line of the given occurrence of needle (text, a pattern searched for, or a test of
    a line) in the content lines of file at or after start_line; None when it is not there."""
    test, seen = _test(needle), 0
    for number, line in content_lines(text, file):
        if number >= start_line and test(line):
            seen += 1
            if seen == occurrence:
                return number
    return None


def locate_all(sources: Iterable[tuple[str, str]], needle: Needle) -> Iterator[tuple[str, int, str]]:
    """(file, line, that line's text) of every content line of the (file, text) sources, in order,
    that holds needle."""
    test = _test(needle)
    for file, text in sources:
        for number, line in content_lines(text, file):
            if test(line):
                yield file, number, line


def locate(sources: Iterable[tuple[str, str]], needle: Needle) -> tuple[str, int, str] | None:
    """The first of locate_all's places; None when there is none."""
    return next(locate_all(sources, needle), None)
