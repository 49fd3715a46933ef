"""Formatting mistakes Markdown passes silently, each found on its line of the page.

- Boxes (box_problems): a warning box (`!!! warning`, or `??? note` for one that opens and
  closes) of a kind the theme does not style (`!!! warnign` is a plain box, without the warning's
  colour and icon); a box with nothing in it (its text was not indented under the `!!!` line, so
  it shows after the box, outside it).
- Tables: a row with more cells than the table has columns (long_row_problems: readers never see
  the cells after the last column); a table whose second line has fewer cells than its first, and
  a footnote `[^1]`, shown as typed (leftover_syntax_problems).
- Headings (heading_problems): a heading with no words, a second `# Title`, an id given twice.
- Attribute lists: one after a blank line or inside a line, which readers see
  (attribute_list_problems); an `sp-` class no page can use, in a list or an HTML tag, and
  `target=` on a link (attribute_setting_problems).
- HTML: a `<div ... markdown>` (or another block) never closed, or a closing tag that closes
  nothing (unclosed_html_problems); a link or an image written in HTML (html_link_problems); a
  note `<!--` never closed (unclosed_comment_problems).
- A task-list item `- [ ]` (task_list_problems), an image whose description says nothing, or is
  a file name or "image" (image_description_problems), a code fence never closed
  (unclosed_fence_problems), an emphasis mark left showing (leftover_emphasis_problems).

And two changes to every page: HTML comments, notes to its maintainers, are left out of its HTML
(CommentsLeftOutExtension); words for paper only are left out of search
(PaperOnlyOutOfSearchExtension).

The boxes and long rows are read from the page's tree as Python-Markdown's `admonition`,
pymdownx's `details` and `tables` build them (BoxCheckExtension, TableCheckExtension); the rest
from one scan of the rendered content and the source.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from saferpolitics.core.content_policy import page_then_data
from saferpolitics.core.datafile import FirstLines
from saferpolitics.core.html_tokens import attributes, without_comments
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import ATX_HEADING, content_lines, line_of, locate_all, unclosed_fences
from saferpolitics.core.suggest import did_you_mean
from saferpolitics.markdown_stage.blocksyntax import URL_IN_TEXT, ContentScan

# The kinds of box Material styles, each with its colour and icon: those its stylesheet names
# (`.admonition.<kind>`, `details.<kind>`; held to the installed theme by the tests).
BOX_KINDS = (
    "note",
    "abstract",
    "info",
    "tip",
    "success",
    "question",
    "warning",
    "failure",
    "danger",
    "bug",
    "example",
    "quote",
)


class Box(NamedTuple):
    """A warning box in a page: its classes as written after `!!!` or `???`, which of the boxes
    with those classes it is (1 for the first), and whether it has anything in it."""

    marker: str  # "!!!" or "???"
    classes: tuple[str, ...]
    occurrence: int
    empty: bool


class _BoxCheck(Treeprocessor):
    def __init__(self, md: Markdown, extension: BoxCheckExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        seen: dict[tuple[str, tuple[str, ...]], int] = {}
        for element in root.iter():
            classes = tuple(element.get("class", "").split())
            if element.tag == "div" and "admonition" in classes:
                marker, title, classes = "!!!", "admonition-title", tuple(c for c in classes if c != "admonition")
            elif element.tag == "details" and classes:  # HTML's own <details> has no class: not a `???`
                marker, title = "???", "summary"
            else:
                continue
            seen[marker, classes] = seen.get((marker, classes), 0) + 1
            body = [child for child in element if child.tag != "summary" and child.get("class") != title]
            heading = next((child for child in element if child not in body), None)
            empty = not body and not (element.text or "").strip() and not (getattr(heading, "tail", "") or "").strip()
            self.extension.boxes.append(Box(marker, classes, seen[marker, classes], empty))


class BoxCheckExtension(Extension):
    """Notes every warning box of each page converted, for `box_problems`; `start_page` before each."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.boxes: list[Box] = []

    def start_page(self) -> None:
        self.boxes = []

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline parsing (20): a box's text is all there; before anything moves boxes about.
        md.treeprocessors.register(_BoxCheck(md, self), "sp_box_check", 15)


def _box_line(source: str, file: str, box: Box) -> int | None:
    words = r" +".join(map(re.escape, box.classes))
    marker = re.escape(box.marker) + (r"\+?" if box.marker == "???" else "")
    return line_of(source, re.compile(rf"^[ \t>]*{marker} ?{words}(?: +\"|[ \t]*$)"), file, occurrence=box.occurrence)


def box_problems(boxes: list[Box], source: str, file: str) -> list[Problem]:
    """A problem for each box of a kind the theme does not style, and each box with nothing in it."""
    problems = []
    for box in boxes:
        written = f"{box.marker} {' '.join(box.classes)}".strip()
        if not set(box.classes) & set(BOX_KINDS):
            kind = box.classes[0] if box.classes else ""
            problems.append(
                Problem(
                    file,
                    _box_line(source, file, box),
                    f"`{written}`: '{kind}' is not a kind of box the theme styles, so it shows with no colour or icon",
                    f"{did_you_mean(kind, BOX_KINDS)}the kinds are {', '.join(BOX_KINDS)}.",
                )
            )
        if box.empty:
            problems.append(
                Problem(
                    file,
                    _box_line(source, file, box),
                    f"the box `{written}` is empty: the text meant for it shows after it",
                    f"indent each line of the box's text by four spaces under the `{box.marker}` line.",
                )
            )
    return problems


class LongRow(NamedTuple):
    """A table row with more cells than its table's columns: the row as written, and which of the
    rows written so is this one (1 for the first)."""

    row: str
    cells: int
    columns: int
    occurrence: int


class _NoteLongRows(BlockProcessor):
    """Runs just before the tables extension's processor, with its test and its way of splitting a
    row into cells, notes the rows it would cut short, and leaves the block to it."""

    def __init__(self, parser, extension: TableCheckExtension):
        super().__init__(parser)
        self.extension = extension

    def _tables(self) -> BlockProcessor | None:
        blockprocessors = self.parser.blockprocessors
        return blockprocessors["table"] if "table" in blockprocessors else None

    def test(self, parent: etree.Element, block: str) -> bool:
        # A table's header row has a `|`; without one, the tables extension's own test (which
        # splits every row into cells) would say no, so it is not asked twice for every block.
        if "|" not in block:
            return False
        tables = self._tables()
        return tables is not None and tables.test(parent, block)

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        tables = self._tables()
        columns = len(tables.separator)
        for row in blocks[0].split("\n")[2:]:
            # Up to the last cell with words in it: `| a | b | |` drops nothing a reader would see.
            cells = max((n for n, cell in enumerate(tables._split_row(row.strip(" ")), 1) if cell.strip()), default=0)
            if cells > columns:
                written = row.strip()
                self.extension.seen[written] = self.extension.seen.get(written, 0) + 1
                self.extension.long_rows.append(LongRow(written, cells, columns, self.extension.seen[written]))
        return False  # the table is still the tables extension's to build


class TableCheckExtension(Extension):
    """Notes every table row of each page converted that has cells the table drops, for
    `long_row_problems`; `start_page` before each."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.long_rows: list[LongRow] = []
        self.seen: dict[str, int] = {}

    def start_page(self) -> None:
        self.long_rows, self.seen = [], {}

    def extendMarkdown(self, md: Markdown) -> None:
        # Just above the tables extension's processor (75), so it sees each table first.
        md.parser.blockprocessors.register(_NoteLongRows(md.parser, self), "sp_long_rows", 75.1)


def long_row_problems(rows: list[LongRow], source: str, file: str) -> list[Problem]:
    """A problem, on its line, for each table row whose last cells the table drops."""
    return [
        Problem(
            file,
            line_of(source, re.compile(rf"^[ \t>]*{re.escape(row.row)}[ \t]*$"), file, occurrence=row.occurrence),
            f"this table row has {row.cells} cells but the table has {row.columns} columns: readers would not see "
            f"the last {row.cells - row.columns}",
            "add the column to the table's first two lines, or join the cells; write a | inside a cell as \\|",
        )
        for row in rows
    ]


def heading_problems(scan: ContentScan, source: str, file: str) -> list[Problem]:
    """A page has one title (`# Title`): a second splits its contents and its search results.
    And each id once: links to a part go to the first with that id, so the second cannot be
    linked to. (A page with no title is the engine's to report: MkDocs' theme gives it one.)"""
    problems = [
        Problem(
            file,
            number,
            "this heading has no words: the page's contents (On this page) would show an empty link",
            "write the heading's words after the #, or delete the line.",
        )
        for number, heading in _headings(source, file)
        if not heading["words"]
    ]
    if scan.title_headings > 1:
        titles = [number for number, heading in _headings(source, file) if heading["level"] == "#"]
        problems.append(
            Problem(
                file,
                titles[1] if len(titles) > 1 else None,
                f"the page has {scan.title_headings} titles (# headings), not one",
                "keep one `# Title`, the first line after the front matter; make the others `## Heading`",
            )
        )
    ids, seen = FirstLines(file), Counter()
    for element_id in scan.ids:
        seen[element_id] += 1
        # Where an attribute list gives it ("## Again {#why}"), not a link to it ("(#why)").
        given = re.compile(rf"\{{[^}}\n]*#{re.escape(element_id)}(?![\w-])")
        line = line_of(source, given, file, occurrence=seen[element_id])
        hint = f"give each heading its own {{#id}}: links to #{element_id} go to the first"
        if again := ids.again(element_id, line, f"the id '{element_id}'", hint):
            problems.append(again)
    return problems


def _headings(source: str, file: str) -> Iterator[tuple[int, re.Match]]:
    """(line, its ATX_HEADING match) of each `#` heading in the page, outside code (a `#` line in
    the front matter is YAML's comment)."""
    for number, line in content_lines(source, file):
        if heading := ATX_HEADING.fullmatch(line):
            yield number, heading


# A line of text that is only an attribute list, as attr_list reads one: `{: .class }`,
# `{: #id key="a value" }`, or without the colon when it names a class, an id or a value.
_ATTRIBUTE = r"""(?:[.#][\w-]+|[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\s}]+))?)"""
_ATTRIBUTE_LIST = lazy_compile(rf"\{{(?::|(?=[ \t]*[.#]|[^}}]*=))[ \t]*{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*[ \t]*\}}")


def attribute_list_problems(scan: ContentScan, source: str, file: str) -> list[Problem]:
    """A problem for each attribute list readers see as text (one scan of the rendered content):
    one after a blank line is attached to nothing; one inside a line, or with more after it
    (`## Delta {#delta}.`), is part of the words."""
    problems, seen, inside = [], {}, {}
    for text in scan.text_lines:
        if not _ATTRIBUTE_LIST.fullmatch(text):
            for shown in _ATTRIBUTE_LIST.finditer(text):
                inside[shown[0]] = inside.get(shown[0], 0) + 1
                problems.append(
                    Problem(
                        file,
                        # Among the lines with words around it: the same list on a line of its own works.
                        line_of(
                            source,
                            lambda line, written=shown[0]: written in line and line.strip(" \t>") != written,
                            file,
                            occurrence=inside[shown[0]],
                        ),
                        f"`{shown[0]}` shows as text to readers: it is part of the words around it",
                        "for a heading, put it at the very end of the heading's line (`## Delta {#delta}`); for a "
                        "paragraph or a list, on the line straight after it; one per line.",
                    )
                )
        else:
            seen[text] = seen.get(text, 0) + 1
            problems.append(
                Problem(
                    file,
                    _shown_attribute_list_line(source, file, text, seen[text]),
                    f"`{text}` shows as text to readers: it is attached to nothing",
                    "put it on the line straight after the paragraph, heading or list it is for, with no blank line "
                    "between them.",
                )
            )
    return problems


# The classes of this site a page may give a paragraph, list, link or block (in an attribute list
# or an HTML class), each with what it does (CONTRIBUTING.md). Any other `sp-` class does nothing,
# so a misspelt `.sp-web-onyl` would print the screen's words on paper.
PAGE_CLASSES = {
    "sp-web-only": "shown on screen, left out of the PDF and print",
    "sp-paper-only": "printed, never shown on screen",
    "sp-start-again": "a help route's link back to its first question",
    "sp-web-address": "in the PDF, a link to the page on the website",
    "sp-answers": "a guided-help page's choices, as big links",
    "sp-home-situations": "the home page's choices, in two columns on a wide screen",
    "sp-answer-end": "the end of a help answer: its next step and where else to go",
    "sp-evlog__web": "the evidence log's on-screen help, left off its printout",
}


def attribute_setting_problems(source: str, file: str) -> list[Problem]:
    """A problem for each `sp-` class in an attribute list that is not one of PAGE_CLASSES, and
    each `target=` (`{target=_blank}`): links here open in the same tab, as GOV.UK's do, so the
    back button still works for a reader under pressure."""
    problems = []
    # Classes given in HTML (`<div class="sp-web-only" markdown>`) count as in an attribute list.
    for number, _tag, _name, given in _start_tags(source, file):
        problems += _class_problems(given.get("class", "").split(), file, number)
    for number, line in content_lines(source, file):
        for written in _ATTRIBUTE_LIST.finditer(line):
            if re.search(r"(?<![\w-])target\s*=", written[0], re.I):
                problems.append(
                    Problem(
                        file,
                        number,
                        f"`{written[0]}` sets where a link opens: links here open in the same tab",
                        "remove `target=...`: the reader's back button brings them back here.",
                    )
                )
            problems += _class_problems(re.findall(r"(?<![\w-])\.([\w-]+)", written[0]), file, number)
    return sorted(problems, key=lambda problem: problem.line)  # each line's as before: HTML's first


def _class_problems(names: list[str], file: str, number: int) -> list[Problem]:
    """A problem for each `sp-` class in names that is not one of PAGE_CLASSES."""
    known = ", ".join(f"`.{known}` ({what})" for known, what in PAGE_CLASSES.items())
    return [
        Problem(
            file,
            number,
            f"`.{name}` is not a class a page can use: it changes nothing, so this part would show on screen and "
            "on paper alike",
            f"{did_you_mean(name, PAGE_CLASSES)}the classes a page can use: {known}.",
        )
        for name in names
        if name.startswith("sp-") and name not in PAGE_CLASSES
    ]


_FOOTNOTE = lazy_compile(r"\[\^[^\]\s]+\]")


_TABLE_DIVIDER = lazy_compile(r"[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")


def _cells(row: str) -> int:
    """How many cells a table row written in Markdown has (a `\\|` is a | inside a cell)."""
    return len(re.split(r"(?<!\\)\|", row.strip(" \t>").removeprefix("|").removesuffix("|")))


def leftover_syntax_problems(scan: ContentScan, source: str, file: str) -> list[Problem]:
    """A problem for each table or footnote readers would see as typed: a table whose second line
    (`| --- |`) has fewer cells than its first (from the source: Markdown shows a paragraph of `|`
    signs); `[^1]` in the rendered content (one scan of it), as this site has no footnotes."""
    lines = dict(content_lines(source, file))
    problems = [
        Problem(
            file,
            number,
            "this table shows as text, with its | signs: its second line has fewer cells than its first",
            "give the table's second line (| --- | --- |) one cell for each column of its first line.",
        )
        for number, line in lines.items()
        if "|" in line
        and (divider := lines.get(number + 1, ""))
        and "|" in divider
        and _TABLE_DIVIDER.fullmatch(divider)
        and _cells(divider) < _cells(line)
    ]
    for text in scan.text_lines:
        problems += [
            Problem(
                file,
                line_of(source, note[0], file),
                f"`{note[0]}` shows as text to readers: this site has no footnotes",
                "say where a fact comes from in the sentence itself, or link to the source.",
            )
            for note in _FOOTNOTE.finditer(text)
        ]
    return problems


def _shown_attribute_list_line(source: str, file: str, text: str, occurrence: int) -> int | None:
    """The line of the occurrence-th attribute list `text` on a line of its own after a blank line."""
    previous, seen = "", 0
    for number, line in content_lines(source, file):
        if line.strip() == text and not previous.strip(" \t>"):
            seen += 1
            if seen == occurrence:
                return number
        previous = line
    return line_of(source, text, file)


# HTML block elements a page may open, with md_in_html's `markdown`, and must close.
_HTML_BLOCKS = frozenset({"div", "section", "aside", "details", "figure", "article", "nav"})
# A tag in a page's Markdown, as Python-Markdown reads one: its attribute values in quotes may
# hold anything, and it otherwise holds no "<", ">" or quote (so "Press <Ctrl and don't let go" is
# text, where a browser would read a tag running on to the next ">"). Comments are blanked already
# (content_lines). Groups: closing "/", name, the rest.
_MARKDOWN_HTML = lazy_compile(r"""<(/?)([A-Za-z][\w-]*)((?:[^<>"'=]|=\s*"[^"]*"|=\s*'[^']*'|=)*)>""")


def _start_tags(source: str, file: str) -> Iterator[tuple[int, str, str, dict[str, str]]]:
    """(line, the tag as written, its name in lower case, its attributes as a browser reads them:
    html_tokens.attributes) of each start tag in the page outside code, each on one line: what a
    check of the HTML a page writes reads, never a `data-class=` for a `class=`."""
    for number, line in content_lines(source, file):
        for token in _MARKDOWN_HTML.finditer(line):
            if not token[1]:
                yield number, token[0], token[2].lower(), attributes(token[3])


# A list item that starts with "[ ]" or "[x]": a task list, which this site does not switch on.
_TASK_ITEM = lazy_compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\](?:\s|$)")


def task_list_problems(source: str, file: str) -> list[Problem]:
    """A problem for each task-list item (outside code): readers would see its brackets."""
    return [
        Problem(
            file,
            number,
            "a task list item: readers see its brackets, '[ ]', as text",
            "for things to tick off, add a checklist (`/// checklist | <id>`, see CONTRIBUTING.md, "
            "Checklists); otherwise write the item without the brackets.",
        )
        for number, line in content_lines(source, file)
        if _TASK_ITEM.match(line)
    ]


def html_link_problems(source: str, file: str) -> list[Problem]:
    """A problem for each link written in HTML (`<a href="harassment.md">`) in the page, outside
    code: the build checks Markdown links and turns a page's file name into its address, not
    these (a maintainer review: `harassment.md` went to cyber-security/harassment.md, a 404).
    And each image written in HTML (`<img src="report.png">`), for the same reason: its path is
    left as written, so it breaks on the site and the print page, and its description is not
    checked (a maintainer review: one with no alt text built silently)."""
    problems = []
    for number, tag, name, given in _start_tags(source, file):
        if name == "a" and "href" in given:
            problems.append(
                Problem(
                    file,
                    number,
                    f"`{tag}` is a link written in HTML: the build neither checks it nor turns a page's file name into "
                    "its address",
                    "write it in Markdown: [words](harassment.md), [words](harassment.md#section), [words](link:<id>) "
                    "or [words](tel:999).",
                )
            )
        elif name == "img":
            problems.append(
                Problem(
                    file,
                    number,
                    f"`{tag}` is an image written in HTML: the build neither checks its path nor turns it into an "
                    "address that works on every page and on paper, nor checks its description",
                    "write it as ![description](path), the path relative to the page: "
                    "![A phone showing the report button](assets/images/report-button.png).",
                )
            )
    return problems


# An image written in Markdown: its description and its path.
_IMAGE = lazy_compile(r"!\[([^\]\n]*)\]\(\s*<?([^)\s>]*)")
# Words that say there is a picture, not what it shows: a screen reader already says "image".
_GENERIC_DESCRIPTIONS = frozenset(
    {"image", "picture", "screenshot", "screen shot", "photo", "photograph", "img", "icon", "graphic", "diagram"}
)
_FILE_NAME = lazy_compile(r"[\w.-]+\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?|pdf|docx?)", re.I)
_DESCRIPTION_HINT = (
    "write what it shows, as you would to someone on the phone: ![A phone showing the report button](report.png)."
)


def _weak_description(description: str, path: str) -> str | None:
    """What is wrong with an image's description, or None when it says something: nothing at all,
    a file name (its own, or any), or one word that says only that it is a picture."""
    words = " ".join(description.split())
    name = path.rsplit("/", 1)[-1]
    if not words:
        return "this image has no description: a screen reader would say nothing where others see the picture"
    if _FILE_NAME.fullmatch(words) or (name and words.lower() in {name.lower(), name.rsplit(".", 1)[0].lower()}):
        return (
            f"this image's description is a file name, '{words}': a screen reader would read it out, not what "
            "the picture shows"
        )
    if words.lower().rstrip("s") in _GENERIC_DESCRIPTIONS:
        return (
            f"this image's description is '{words}': a screen reader would say only that there is a picture, not "
            "what it shows"
        )
    return None


def image_description_problems(source: str, file: str) -> list[Problem]:
    """A problem for each image (outside code) whose description says nothing: none (`![](x.png)`),
    a file name (`![x-report-button.png](...)`) or one word such as "image": a reader using a
    screen reader gets nothing where everyone else gets the picture (WCAG 1.1.1)."""
    return [
        Problem(file, number, message, _DESCRIPTION_HINT)
        for number, line in content_lines(source, file)
        for image in _IMAGE.finditer(line)
        if (message := _weak_description(image[1], image[2]))
    ]


def unclosed_comment_problems(source: str, file: str) -> list[Problem]:
    """A problem for each `<!--` (outside code) with no `-->` after it: Markdown shows it, and the
    note after it, as text."""
    return [
        Problem(
            file,
            number,
            "`<!--` opens a note that is never closed: readers would see it, and the words after it, as text",
            "end the note with --> (on the same line or a later one).",
        )
        for number, line in content_lines(source, file)
        if "<!--" in line  # content_lines blanks every comment that is closed
    ]


class CommentsLeftOutExtension(Extension):
    """HTML comments in a page are notes to its maintainers: they are left out of the page's HTML,
    where any reader could read them in the page's source and in the print page's (a review found
    "<!-- internal: call Jo on 07700 900123 -->" published in both)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After Python-Markdown puts the page's raw HTML back (its "raw_html" postprocessor, 30).
        md.postprocessors.register(_LeaveOutComments(md), "sp_leave_out_comments", 20)


class _LeaveOutComments(Postprocessor):
    def run(self, text: str) -> str:
        return without_comments(text)  # where a browser's comments end, not at the next "-->"


class PaperOnlyOutOfSearchExtension(Extension):
    """Words for paper only (`{: .sp-paper-only }`) are left out of search, as if the page wrote
    `data-search-exclude` after them: search results are read on screen, where those words never
    show (a maintainer review: a paper-only paragraph written without it put words in the index
    that no reader could find on the page)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After attr_list (8) has given each element its classes; the raw HTML a page writes with
        # `markdown` is in the tree by then too (md_in_html).
        md.treeprocessors.register(_PaperOnlyOutOfSearch(md), "sp_paper_only_out_of_search", 7)


class _PaperOnlyOutOfSearch(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if "sp-paper-only" in element.get("class", "").split() and element.get("data-search-exclude") is None:
                element.set("data-search-exclude", "")


def unclosed_html_problems(source: str, file: str) -> list[Problem]:
    """A problem for each HTML block opened in the page (outside code) and never closed, and each
    closing tag that closes nothing: Markdown closes it at the end of the page, with the rest of
    the page inside it. A tag inside a comment, a code span or an attribute value is not a tag."""
    content = [""] * len(source.splitlines())  # fenced code and code spans blanked, lines kept
    for number, line in content_lines(source, file):
        content[number - 1] = line
    text = "\n".join(content)
    open_tags: list[tuple[str, int, str]] = []
    problems = []
    for token in _MARKDOWN_HTML.finditer(text):
        closing, tag, rest = token[1], token[2].lower(), token[3]
        if tag not in _HTML_BLOCKS or rest.endswith("/"):
            continue
        number = text.count("\n", 0, token.start()) + 1
        if not closing:
            open_tags.append((tag, number, token[0]))
        elif open_tags and open_tags[-1][0] == tag:
            open_tags.pop()
        else:
            problems.append(
                Problem(
                    file,
                    number,
                    f"`{token[0]}` closes no `<{tag}>`",
                    f"remove it, or check that the `<{tag} ...>` it closes is above it and not closed already.",
                )
            )
    problems += [
        Problem(
            file,
            number,
            f"`{written}` is never closed, so the rest of the page goes inside it",
            f"add `</{tag}>` on a line of its own, after a blank line, where it should end.",
        )
        for tag, number, written in open_tags
    ]
    return sorted(problems, key=lambda p: p.line or 0)


def unclosed_fence_problems(source: str, file: str) -> list[Problem]:
    """A fence that opens and never closes (or not before its box or list item ends): SuperFences
    leaves it as text, so readers see "```text" and the example run into the page. One in a comment
    and not closed there: never closed, it makes the fences after it text; closed after the
    comment, the comment's end shows as code (saferpolitics/core/source_lines.py)."""
    lines, problems = source.splitlines(), []

    def written(number: int) -> str:
        return lines[number - 1].strip(" \t>")

    for fence in unclosed_fences(source, file):
        marks = written(fence.line)[:3]
        if fence.closed_at is not None:
            message = (
                f"the code block that starts here, '{written(fence.line)}', in a comment, is closed only on line "
                f"{fence.closed_at}, after the comment ends: readers see the comment's end and the lines up to there "
                "as code"
            )
            hint = f"close it inside the comment, with a line {marks} before the `-->`, or take it out of the comment"
        elif fence.takes_in is None:
            message = (
                f"the code block that starts here, '{written(fence.line)}', is never closed: readers see its {marks} "
                "and the example as page text"
            )
            hint = (
                f"add a line {marks} where the example ends, indented as far as the opening line (with as many "
                f"{'backticks' if marks.startswith('`') else 'tildes'} as it has), before any line indented less"
            )
        else:
            message = (
                f"the code block that starts here, '{written(fence.line)}', in a comment, is never closed, so the one "
                f"on line {fence.takes_in} is not a code block either: readers see its {written(fence.takes_in)[:3]} "
                "and the example as page text"
            )
            hint = f"close it inside the comment, with a line {marks} before the `-->`, or take it out of the comment"
        problems.append(Problem(file, fence.line, message, hint))
    return problems


# Emphasis marks Markdown left as text, so readers see them: a "**" or "__" (or three) whose
# other half is missing ("**Ask your party's press office for help with"), and a single "*"
# against a word on one side only ("*Ask", "with*"). Not "5 * 3" or "a*b", and not a run of
# four or more (a line to fill in, "____"). The published site had none of these (December 2026).
_LEFTOVER_EMPHASIS = lazy_compile(r"(?<![*_])(?:\*{2,3}|_{2,3})(?![*_])|(?<![*\w])\*(?=\w)|(?<=\w)\*(?![*\w])")
EMPHASIS_HINT = "put the same marks after the words they are for, in the same paragraph (`**words**`), or remove them"
# In a page a backslash shows the mark as typed (Python-Markdown's escape); text from a data file
# may be put in a page as it is, where readers would see the backslash too.
_PAGE_STAR_HINT = "; for a star readers should see, write \\* (a backslash before it)"
DATA_STAR_HINT = "; for a star readers should see, say it in words"
# The fewest characters of a mark and the words around it that are looked for in the data files:
# a shorter piece ("y*") turns up in lines it did not come from, so it is looked for in the page only.
_SURE_NEEDLE = 8


def leftover_emphasis_marks(text: str) -> Iterator[re.Match]:
    """Each emphasis mark left as text in words a reader sees (not in a web address)."""
    if "*" not in text and "__" not in text:
        return iter(())
    return _LEFTOVER_EMPHASIS.finditer(URL_IN_TEXT.sub(lambda url: " " * len(url[0]), text))


def leftover_emphasis(text: str) -> re.Match | None:
    """The first emphasis mark left as text in words a reader sees (not in a web address)."""
    return next(leftover_emphasis_marks(text), None)


def emphasis_excerpt(text: str, match: re.Match) -> str:
    """The words around a leftover mark, as a message quotes them."""
    start, end = max(0, match.start() - 20), min(len(text), match.end() + 40)
    return f"{'...' if start else ''}{text[start:end].strip()}{'...' if end < len(text) else ''}"


def _as_written(text: str) -> str:
    """A pattern for text a reader sees as its source may write it: a * or _ perhaps escaped."""
    return "".join(rf"\\?{re.escape(c)}" if c in "*_" else re.escape(c) for c in text)


def _where_written(text: str, match: re.Match, sources: list[tuple[str, str]]) -> tuple[str, int | None] | None:
    """The file and line where a mark a reader sees in text was written: the first place holding
    the mark with the words after it, then before it, fewer each time (a link or code span in the
    source may split the words a reader sees). None when it is written only with a backslash
    before it, Markdown's way to show a mark as typed: no mistake. The page with no line when it
    is not found, rather than a guess in another file."""
    mark = match[0]
    windows = [("", text[match.end() : match.end() + n].rstrip()) for n in (24, 12, 6, 1)]
    windows += [(text[max(0, match.start() - n) : match.start()].lstrip(), "") for n in (24, 12, 6, 1)]
    for before, after in windows:
        if not before and not after:
            continue
        pattern = re.compile(f"{_as_written(before)}(?P<mark>{_as_written(mark)}){_as_written(after)}")
        short = len(before) + len(mark) + len(after) < _SURE_NEEDLE
        places = [
            (file, number, found["mark"].count("\\") == len(mark))
            for file, number, line in locate_all(sources[:1] if short else sources, pattern)
            for found in pattern.finditer(line)
        ]
        if places:
            return next(((file, number) for file, number, escaped in places if not escaped), None)
    return sources[0][0], None


def leftover_emphasis_problems(scan: ContentScan, source: str, file: str, root) -> list[Problem]:
    """A problem for each line of a page's text (outside code) that still shows an emphasis mark
    not written as `\\*`, at the line of the page (or of the data file its text came from) that
    has it."""
    problems, sources = [], None
    for text in scan.text_lines:
        for match in leftover_emphasis_marks(text):
            sources = sources or page_then_data((file, source), root)
            place = _where_written(text, match, sources)
            if place is None:
                continue  # written \\*: shown as typed on purpose
            problems.append(
                Problem(
                    place[0],
                    place[1],
                    f"readers see '{match[0]}' as typed: '{emphasis_excerpt(text, match)}'",
                    EMPHASIS_HINT + (_PAGE_STAR_HINT if place[0] == file else DATA_STAR_HINT),
                )
            )
            break  # one a line: the rest of it may be the other half of this one
    return problems
