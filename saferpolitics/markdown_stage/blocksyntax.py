"""Catch `///` block syntax that Markdown could not read and printed as plain text.

pymdownx Blocks fail silently: a misspelt name, a missing argument or an unknown option turns
the whole block into a paragraph starting with `///`, and a strict build still passes. This
module finds such leftovers in a page's rendered HTML (outside code), locates each in the page
source and says what is wrong. It knows nothing about particular blocks: it reads every
registered Block's name, argument rule and options from a Markdown instance (`block_specs`), so
every block on the site (cards, checklists, admonitions...) is covered.
"""

from __future__ import annotations

import html as html_lib
import textwrap
from typing import NamedTuple

import yaml

from saferpolitics.core.datafile import compose
from saferpolitics.core.html_tokens import ESCAPABLE_RAW_TEXT, TOKEN, attributes
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.phone_links import NUMBER_LINK_SCHEMES
from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import content_lines
from saferpolitics.core.suggest import did_you_mean

BLOCK_LINE = lazy_compile(r"^/{3,}")
HEADER = lazy_compile(r"^(/{3,})[ ]*([\w-]*)[ ]*(?:\|[ ]*(.*?))?[ ]*$")
CLOSER = lazy_compile(r"^/{3,}[ ]*$")
URL_IN_TEXT = lazy_compile(r"https?://[^\s<>\"']+")
SOURCE_PREFIX = lazy_compile(r"^[\s>]*(?:(?:[-*+]|\d+[.)])\s+)?")  # blockquote and list markers

CODE_TAGS = {"pre", "code", "kbd", "samp", "script", "style"}
BREAK_TAGS = {
    "p",
    "li",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "td",
    "th",
    "dt",
    "dd",
    "tr",
    "summary",
    "details",
    "figcaption",
}


class BlockSpec(NamedTuple):
    name: str
    argument: bool | None  # True: required after `|`; False: not allowed; None: optional
    options: tuple[str, ...]
    # What the value after `|` names and every value it may have, when the block knows them (a
    # Block's `argument_values(config)`), e.g. ("list in data/first-hour.yml", ("abuse", ...)).
    values: tuple[str, tuple[str, ...]] | None = None


def block_specs(md) -> dict[str, BlockSpec]:
    """Every Block registered on a Markdown instance, by name."""
    processors = md.parser.blockprocessors
    if "blocks" not in processors:
        return {}
    manager = processors["blocks"]
    return {
        name: BlockSpec(
            name,
            cls.ARGUMENT,
            tuple(cls.OPTIONS) + ("attrs",),
            cls.argument_values(manager.config[name]) if hasattr(cls, "argument_values") else None,
        )
        for name, cls in manager.blocks.items()
    }


class ContentScan:
    """What scan_content found. A plain class: as a dataclass it cost 0.8 ms to make at every
    import, and a build whose pages are all kept scans none."""

    def __init__(self) -> None:
        self.text_lines: list[str] = []  # visible text outside code, line by line
        self.anchors: list[tuple[str, set[str]]] = []  # (href, classes)
        self.bare_urls: list[str] = []  # http(s) addresses in text outside code and links
        self.phone_links: list[tuple[str, str]] = []  # (tel: or sms: href, the link's words)
        self.ids: list[str] = []  # every id attribute, in page order
        self.title_headings = 0  # <h1> elements


# Raw text a reader sees as text: a textarea's (script, style and the like are code).
SHOWN_RAW_TEXT = {"textarea", "xmp"}


def scan_content(html: str) -> ContentScan:
    """What a reader sees in rendered page content, outside code: text lines, links, bare URLs.

    One pass of the shared tokenizer (saferpolitics/core/html_tokens.py). It runs on every page;
    a full HTML parser here was a sixth of our code's time on a large site. A "/>" changes
    nothing: a browser ignores it on the elements counted here (code and links), as on all but
    void elements."""
    scan = ContentScan()
    text: list[str] = []
    code_depth = anchor_depth = 0
    phone_words: list[str] | None = None  # the words of the tel: link being read
    # The groups of TOKEN, in order.
    for end, start, _raw, _plaintext, attribute_text, _tag_end, raw_text, data in TOKEN.findall(html):
        if start:
            tag = start.lower()
            if tag in BREAK_TAGS:
                text.append("\n")
            if tag == "h1":
                scan.title_headings += 1
            found = attributes(attribute_text) if attribute_text and (tag == "a" or "id=" in attribute_text) else {}
            if found.get("id"):
                scan.ids.append(found["id"])
            if tag in CODE_TAGS:
                code_depth += 1
            elif tag == "a":
                anchor_depth += 1
                if found.get("href"):
                    scan.anchors.append((found["href"], set(found.get("class", "").split())))
                    if found["href"].startswith(NUMBER_LINK_SCHEMES):
                        phone_words = []
                        scan.phone_links.append((found["href"], ""))
            if not (raw_text and tag in SHOWN_RAW_TEXT):
                continue
            data = html_lib.unescape(raw_text) if tag in ESCAPABLE_RAW_TEXT else raw_text
        elif end:
            tag = end.lower()
            if tag in BREAK_TAGS:
                text.append("\n")
            if tag in CODE_TAGS and code_depth:
                code_depth -= 1
            elif tag == "a" and anchor_depth:
                anchor_depth -= 1
                if phone_words is not None:
                    scan.phone_links[-1] = (scan.phone_links[-1][0], "".join(phone_words))
                    phone_words = None
            continue
        elif not data:
            continue  # a comment, doctype or bogus comment: no text
        elif "&" in data:
            data = html_lib.unescape(data)
        if code_depth:
            continue
        text.append(data)
        if phone_words is not None:
            phone_words.append(data)
        if not anchor_depth and "http" in data:
            scan.bare_urls.extend(u.rstrip(".,;:!?)") for u in URL_IN_TEXT.findall(data))
    scan.text_lines = [line.strip() for line in "".join(text).splitlines() if line.strip()]
    return scan


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _source_block_lines(source: str, file: str) -> list[tuple[int, str]]:
    """(1-based line, text) of every `///` line in Markdown source, outside fenced code."""
    found = []
    for number, raw in content_lines(source, file):
        line = SOURCE_PREFIX.sub("", raw, count=1)
        if BLOCK_LINE.match(line.strip()):
            found.append((number, _normalise(line)))
    return found


def _slashes(line: str) -> int:
    """How many slashes open or close a block on this line: a closer closes a block of as many."""
    return len(line) - len(line.lstrip("/"))


def unclosed_block_problems(source: str, file: str, html: str) -> list[Problem]:
    """A problem for every block header with no closing line of its own slashes. Blocks say
    nothing: an unclosed block takes in the rest of the page, so its steps, sources and any
    block after it vanish or move (a block without content, such as `/// first-steps`, shows
    nothing of what it took). A closer closes the innermost open block of its length; a stray
    one is `leftover_block_problems`' to report. A header still in the page's HTML was never a
    block: an example in indented code, in <pre> or in an HTML comment."""
    open_blocks: list[tuple[int, str]] = []
    for number, line in _source_block_lines(source, file):
        if not CLOSER.match(line):
            open_blocks.append((number, line))
            continue
        for index in range(len(open_blocks) - 1, -1, -1):
            if _slashes(open_blocks[index][1]) == _slashes(line):
                del open_blocks[index:]
                break
    return [
        Problem(
            file,
            number,
            f"`{header}` is never closed: it takes in the rest of the page",
            f"add a line `{'/' * _slashes(header)}` where the block ends "
            "(for a block without content, on the next line).",
        )
        for number, header in open_blocks
        if html_lib.escape(header, quote=False) not in html
    ]


def _option_text(source_lines: list[str], header_line: int) -> str:
    """The indented YAML option lines directly under a block header."""
    header = source_lines[header_line - 1]
    indent = len(header) - len(header.lstrip())
    lines = []
    for raw in source_lines[header_line:]:
        if raw.strip() and len(raw) - len(raw.lstrip()) >= indent + 4:
            lines.append(raw)
        else:
            break
    return textwrap.dedent("\n".join(lines))


def diagnose(header: str, option_text: str, specs: dict[str, BlockSpec]) -> tuple[str, str]:
    """(message, hint) for a block header that Markdown left as text."""
    known = ", ".join(sorted(specs)) or "none"
    match = HEADER.match(header)
    name = (match.group(2) if match else "").lower()
    argument = match.group(3) if match else None
    if not name:
        return (
            f"block line '{header}' has no block name",
            f"write `/// name | value` then `///` on its own line. Blocks on this site: {known}.",
        )
    if name not in specs:
        return f"unknown block '{name}'", f"{did_you_mean(name, specs, cutoff=0.5)}Blocks on this site: {known}."
    spec = specs[name]
    if spec.argument is True and not argument:
        return f"block '{name}' needs a value after '|'", f"write `/// {name} | <value>` then `///` on its own line."
    if spec.argument is False and argument:
        return f"block '{name}' takes nothing after '|'", f"write `/// {name}` then `///` on its own line."
    if spec.values and argument and argument.strip() not in spec.values[1]:
        what, values = spec.values
        return (
            f"block '{name}': there is no {what} called '{argument.strip()}'",
            f"{did_you_mean(argument.strip(), values)}write `/// {name} | <name>` with one of: {', '.join(values)}.",
        )
    if option_text.strip():
        options, problems = compose(option_text, "")
        if problems or not isinstance(options, yaml.MappingNode):
            return (
                f"the options of block '{name}' are not valid YAML",
                "write each option as `name: value`, indented four spaces under the `///` line.",
            )
        unknown = [str(key.value) for key, _ in options.value if key.value not in spec.options]
        if unknown:
            allowed = ", ".join(o for o in spec.options if o != "attrs") or "no options"
            return (
                f"block '{name}' has unknown option(s): {', '.join(unknown)}",
                f"'{name}' takes {allowed}; remove the indented lines under the `///` line that it does not take.",
            )
    return _unreadable(header), "check the value after '|' and each option; the closing `///` must be on its own line."


def _unreadable(header: str) -> str:
    match = HEADER.match(header)
    return f"block '{(match.group(2) if match else '').lower()}' could not be read, so it shows as plain text"


def leftover_block_problems(content: ContentScan, source: str, file: str, specs: dict[str, BlockSpec]) -> list[Problem]:
    """A problem for every block header or stray closing `///` left as text in rendered content
    (one `scan_content` of it)."""
    leftovers = [line for line in content.text_lines if BLOCK_LINE.match(line)]
    if not leftovers:
        return []
    source_lines = source.splitlines()
    candidates = _source_block_lines(source, file)
    position = 0
    awaiting_closer = False
    problems = []
    for text in leftovers:
        is_closer = bool(CLOSER.match(text))
        wanted = _normalise(text)
        matches = [i for i in range(position, len(candidates)) if candidates[i][1] == wanted]
        if not is_closer and len(matches) > 1:
            # Blocks that rendered fine share this header text: prefer one with a visible fault.
            faulty = [
                i
                for i in matches
                if diagnose(wanted, _option_text(source_lines, candidates[i][0]), specs)[0] != _unreadable(wanted)
            ]
            matches = faulty or matches
        line = None
        if matches:
            line, position = candidates[matches[0]][0], matches[0] + 1
        if is_closer:
            if not awaiting_closer:
                problems.append(
                    Problem(
                        file,
                        line,
                        "a closing `///` has no block to close",
                        "remove it, or check that the block above opens with `/// name`.",
                    )
                )
            awaiting_closer = False
            continue
        option_text = _option_text(source_lines, line) if line else ""
        message, hint = diagnose(wanted, option_text, specs)
        problems.append(Problem(file, line, message, hint))
        awaiting_closer = True
    return problems
