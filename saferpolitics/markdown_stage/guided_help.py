"""The guided help ("What's happening?"): a reader answers a question or two, each choice a link
in a page's `<div class="sp-answers" markdown>` list, and lands on the steps for their situation.

A page under help/ that no choice leads to cannot be found that way: a maintainer who adds an
answer page and forgets the choice that leads to it would publish steps nobody reaches in two
taps. `AnswersExtension` notes each page's choices as it is converted; `unreached_pages` walks
them from the first question once every page is converted.

The home page lists the same situations as the first question (its `sp-home-situations` list is an
answers list too): a situation added to help/index.md and not to the home page would be a tap
further from where most readers start, so `home_situation_problems` compares the two.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections import deque

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from saferpolitics.core.home_guidance import HOME_PAGE
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import ATX_HEADING, content_lines, line_of

ANSWERS_CLASS = "sp-answers"
HOME_SITUATIONS_CLASS = "sp-home-situations"
HELP_FOLDER = "help/"
FIRST_QUESTION = "help/index.md"


def linked_page(page: str, href: str) -> str | None:
    """The page (relative to docs/) a Markdown link on `page` goes to, or None for an address
    elsewhere (a scheme, or // and another website) or not a page. A choice written from docs/
    (`/help/x.md`) is followed there: it is the page the maintainer meant, MkDocs makes it a link to
    that page where mkdocs.yml's validation says absolute_links: relative_to_docs, and the link
    check names it at its line where it would not (a page no choice leads to, said as well, would
    send the maintainer looking for a choice that is there)."""
    path = href.split("#", 1)[0]
    if not path.endswith(".md") or ":" in path or path.startswith("//"):
        return None
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def unreached_pages(choices: dict[str, list[str]], pages: set[str], start: str = FIRST_QUESTION) -> list[str]:
    """The pages under help/ that no chain of choices reaches from `start`, sorted. choices: each
    page converted -> the pages its answers link to."""
    help_pages = {page for page in pages if page.startswith(HELP_FOLDER)}
    if start not in pages or not help_pages <= choices.keys():
        # No guided help (a test site), or a `--dirty` build that converted only the pages changed
        # since the last: the choices on the others are not known.
        return []
    reached, queue = {start}, deque([start])
    while queue:
        for target in choices.get(queue.popleft(), []):
            if target not in reached:
                reached.add(target)
                queue.append(target)
    return sorted(help_pages - reached)


_TITLE = lazy_compile(r"^# ")


def unreached_page_problems(choices: dict[str, list[str]], pages: dict[str, tuple[str, str]]) -> list[Problem]:
    """A problem, at its title, for each page under help/ no chain of choices reaches. pages:
    every page (relative to docs/) -> (its file for messages, its Markdown)."""
    first = pages.get(FIRST_QUESTION, (f"docs/{FIRST_QUESTION}", ""))[0]
    return [
        Problem(
            file,
            line_of(source, _TITLE, file),
            f'no choice in the guided help leads to this page: a reader answering "What\'s happening?" '
            f"({first}) never reaches it",
            f"add a choice that links to it, `- [what the reader would say]({posixpath.basename(page)})`, inside the "
            f'`<div class="{ANSWERS_CLASS}" markdown>` list of {first} or of the question page it belongs under',
        )
        for page in unreached_pages(choices, set(pages))
        for file, source in [pages[page]]
    ]


_HOME_LIST = re.compile(rf"\b{HOME_SITUATIONS_CLASS}\b")


def home_situation_problems(choices: dict[str, list[str]], pages: dict[str, tuple[str, str]]) -> list[Problem]:
    """A problem, at the home page's situation list, for each situation the first question offers
    and the home page does not list, and for each the home page lists and the first question does
    not offer. choices and pages as for unreached_page_problems. Nothing without both pages (a
    test site), or where one was not converted (a `--dirty` build)."""
    if not {HOME_PAGE, FIRST_QUESTION} <= choices.keys() & pages.keys():
        return []
    (home, source), first = pages[HOME_PAGE], pages[FIRST_QUESTION][0]
    line = line_of(source, _HOME_LIST, home)
    listed, offered = choices[HOME_PAGE], choices[FIRST_QUESTION]
    div = f'`<div class="{ANSWERS_CLASS} {HOME_SITUATIONS_CLASS}" markdown>`'
    where = f"the {div} list of {home}"
    if line is None:
        return [
            Problem(
                home,
                None,
                f"the home page has no list of the situations {first} offers, so readers who start there need an "
                "extra tap to reach any steps",
                f"add a {div} list under the page's title, linking to each: " + ", ".join(dict.fromkeys(offered)),
            )
        ]
    return [
        Problem(
            home,
            line,
            f"the home page does not list {page}, a situation {first} offers: readers who start on the home page "
            "would need an extra tap to reach it",
            f"add `- [a short name for it]({page})` to {where}, in the same place as on {first}",
        )
        for page in dict.fromkeys(offered)
        if page not in listed
    ] + [
        Problem(
            home,
            line_of(source, f"({page}", home) or line,
            f"the home page lists {page}, which {first} does not offer: the two lists of situations differ",
            f"add it to {first}'s choices too, or remove it from {where}",
        )
        for page in dict.fromkeys(listed)
        if page not in offered
    ]


_STEPS_BLOCK = re.compile(r"^/// first-steps\b")
_CHECKLIST_BLOCK = re.compile(r"^/// checklist\b")
# The id the section an answer page's checklist is in has: `## Checklist {#checklist}`, or
# `## Checklist`, whose id is made from its words.
_CHECKLIST_ID = re.compile(r"\{[^}\n]*#checklist(?=[\s}])")


def _heading_level(line: str) -> int:
    """The level of the heading on a content line (0: no heading)."""
    heading = ATX_HEADING.fullmatch(line)
    return len(heading["level"]) if heading is not None and heading["words"] else 0


def _is_checklist_heading(line: str) -> bool:
    return _heading_level(line) == 2 and (
        ATX_HEADING.fullmatch(line)["words"] == "Checklist" or _CHECKLIST_ID.search(line) is not None
    )


_CHECKLIST_HINT = (
    "after the steps, add `## Checklist {#checklist}` and under it `/// checklist | <id>` and a line `///`, "
    "with the id of a checklist in data/checklists.yml (copy the section from another answer page)"
)


def missing_checklist_problems(pages: dict[str, tuple[str, str]]) -> list[Problem]:
    """A problem for each answer page (a page under help/ that shows a list of first steps) with no
    `## Checklist {#checklist}` section showing a checklist: every answer ends with one, for what to
    do once the first steps are done. pages as for unreached_page_problems."""
    problems = []
    for page, (file, source) in sorted(pages.items()):
        if not page.startswith(HELP_FOLDER):  # read only the guided help's pages
            continue
        lines = list(content_lines(source, file))
        if not any(_STEPS_BLOCK.match(line) for _, line in lines):
            continue
        heading = next((number for number, line in lines if _is_checklist_heading(line)), None)
        if heading is None:
            problems.append(
                Problem(
                    file,
                    line_of(source, _TITLE, file),
                    "this answer page has no `## Checklist {#checklist}` section: a reader who has taken the first "
                    "steps has no list of what to do next",
                    _CHECKLIST_HINT,
                )
            )
            continue
        section = [line for number, line in lines if number > heading]
        section = section[: next((i for i, line in enumerate(section) if 0 < _heading_level(line) <= 2), len(section))]
        if not any(_CHECKLIST_BLOCK.match(line) for line in section):
            problems.append(
                Problem(file, heading, "the Checklist section of this answer page shows no checklist", _CHECKLIST_HINT)
            )
    return problems


# Get help now and the guided help stay in the PDF: on paper an answer button shows the page
# number of the page it leads to and never its address (tools.css), so a button leading to a page
# left out (`pdf: false`) would lead nowhere, and Get help now is what a reader turns to first.
KEPT_ON_PAPER = (HELP_FOLDER, "get-help-now.md")


def kept_off_paper_problem(page: str, file: str, line: int | None) -> Problem | None:
    """The problem with `pdf: false` (at line) on page (relative to docs/), or None where a page may
    be left out of the PDF."""
    if not page.startswith(KEPT_ON_PAPER):
        return None
    return Problem(
        file,
        line,
        "`pdf: false` would leave this page out of the PDF, but Get help now and the guided help are printed "
        "whole: on paper an answer button leading here would show no page number and no address",
        "remove `pdf: false`; mark words that are for the screen only with `{: .sp-web-only }` instead "
        "(CONTRIBUTING.md, What goes in the PDF)",
    )


class _NoteChoices(Treeprocessor):
    """Before MkDocs makes the links' `.md` addresses into URLs (its relpath runs at 0)."""

    def __init__(self, md: Markdown, extension: AnswersExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        found = [
            target
            for element in root.iter("div")
            if ANSWERS_CLASS in element.get("class", "").split()
            for link in element.iter("a")
            if (target := linked_page(page, link.get("href", ""))) is not None
        ]
        self.extension.choices[page] = found


class AnswersExtension(Extension):
    """Notes the choices on each page: `choices[page]` -> the pages they link to."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.page = ""
        self.choices: dict[str, list[str]] = {}

    def start_page(self, page: str) -> None:
        self.page = page

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_NoteChoices(md, self), "sp_guided_help_choices", 2)
