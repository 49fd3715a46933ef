"""MkDocs' own warnings about links between pages, in the project's form: file, line and a hint.

MkDocs checks every link to another page and every `#section` link (`validation:` in
mkdocs.yml), but its message names only the page, not the line, and offers no hint for a
misspelt section. `problem_for` turns such a message into a `Problem` that says where the link
is written (the page, or the data file a checklist item came from) and what was probably meant.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from saferpolitics.core.problems import Problem
from saferpolitics.core.suggest import closest

_PAGE = r"Doc file '(?P<page>[^']+)' contains"
_PATTERNS = {
    "missing-anchor": re.compile(_PAGE + r" a link '(?P<link>[^']+)', but the doc '(?P<target>[^']+)' does not contain an anchor '#(?P<anchor>[^']+)'\."),
    "missing-anchor-here": re.compile(_PAGE + r" a link '(?P<link>[^']+)', but there is no such anchor on this page\."),
    "missing-page": re.compile(_PAGE + r" a link '(?P<link>[^']+)', but the target(?: '[^']+')? is not found among documentation files\.(?: Did you mean '(?P<suggestion>[^']+)'\?)?"),
    "unrecognized": re.compile(_PAGE + r" an unrecognized relative link '(?P<link>[^']+)', it was left as is\.(?: Did you mean '(?P<suggestion>[^']+)'\?)?"),
    "absolute": re.compile(_PAGE + r" an absolute link '(?P<link>[^']+)', it was left as is\.(?: Did you mean '(?P<suggestion>[^']+)'\?)?"),
}
SECTION_IDS = "a section's id is the `{#...}` after its heading, or else made from the heading's words"


@dataclass(frozen=True)
class LinkWarning:
    kind: str
    page: str  # the page holding the link, relative to docs/
    link: str  # as written
    target: str | None = None  # the page linked to, relative to docs/, when it exists
    anchor: str | None = None
    suggestion: str | None = None  # MkDocs' own "Did you mean"


def parse_warning(message: str) -> LinkWarning | None:
    """The link warning in one of MkDocs' messages, or None for any other message."""
    for kind, pattern in _PATTERNS.items():
        match = pattern.fullmatch(message.strip())
        if match:
            found = match.groupdict()
            if kind == "missing-anchor-here":
                kind, found["target"], found["anchor"] = "missing-anchor", found["page"], found["link"].partition("#")[2]
            return LinkWarning(kind, found["page"], found["link"], found.get("target"), found.get("anchor"), found.get("suggestion"))
    return None


# Where a link is written: a Markdown link or reference, a data file's `link:` field, raw HTML.
_LINK_CONTEXT = r"(?:\]\(\s*<?|\]:\s*|\blink:\s*|href=[\"'])"


def locate(links: Iterable[str], sources: Iterable[tuple[str, str]]) -> tuple[str, int, str] | None:
    """(file, line, link as written there) of the first source, in order, that links to one of
    the links. YAML comments (which show examples) are skipped."""
    patterns = [(link, re.compile(_LINK_CONTEXT + re.escape(link) + r"(?![\w/.#-])")) for link in links]
    for file, text in sources:
        for number, line in enumerate(text.splitlines(), start=1):
            if file.endswith((".yml", ".yaml")) and line.lstrip().startswith("#"):
                continue
            for link, pattern in patterns:
                if pattern.search(line):
                    return file, number, link
    return None


def problem_for(
    message: str,
    docs_prefix: str,
    read_sources: Callable[[str], list[tuple[str, str]]],
    anchors_of: Callable[[str], set[str]],
    pages: list[str],
) -> Problem | None:
    """The Problem for an MkDocs link warning, or None when the message is about something else.

    `read_sources(page)` gives (file, text) pairs to search for the link: the page's Markdown
    first, then the data files whose entries render on pages. `anchors_of(page)` gives a page's
    section ids; `pages` lists every page, relative to docs/.
    """
    warning = parse_warning(message)
    if warning is None:
        return None
    page_file = f"{docs_prefix}{warning.page}"
    # A data file holds the link relative to docs/; MkDocs reports it relative to the page.
    from_docs = posixpath.normpath(posixpath.join(posixpath.dirname(warning.page), warning.link))
    found = locate([warning.link, from_docs], read_sources(warning.page))
    # Found in a data file, the message names no page: it is the same mistake on every page.
    file, line, link = found if found else (page_file, None, warning.link)
    if warning.kind == "missing-anchor":
        where = "this page" if warning.target == warning.page and file == page_file else warning.target
        anchors = sorted(anchors_of(warning.target))
        close = closest(warning.anchor, anchors)
        path = link.partition("#")[0]
        if close:
            guess = f"did you mean '{path}#{close}'? "
        else:
            listed = ", ".join(f"#{anchor}" for anchor in anchors[:10]) + (", ..." if len(anchors) > 10 else "")
            guess = f"{where} has {listed or 'no sections'}. "
        return Problem(file, line, f"link '{link}' goes to a section '#{warning.anchor}' that {where} does not have",
                       f"{guess}{SECTION_IDS}.")
    if warning.kind == "missing-page":
        base = posixpath.dirname(warning.page) if file == page_file else ""
        suggestion = warning.suggestion or _closest_page(link, base, pages)
        guess = f"did you mean '{suggestion}'? " if suggestion else ""
        return Problem(file, line, f"link '{link}' goes to a page that does not exist",
                       f"{guess}link to a page by its Markdown file, relative to this one, e.g. [text](harassment.md).")
    start = "starts with '/'" if warning.kind == "absolute" else "is not a link to a Markdown file"
    guess = f"did you mean '{warning.suggestion}'? " if warning.suggestion else ""
    return Problem(file, line, f"link '{link}' {start}, so it may break on the site and in the PDF",
                   f"{guess}link to a page by its Markdown file, relative to this one, e.g. [text](harassment.md#evidence).")


def _closest_page(link: str, base: str, pages: list[str]) -> str | None:
    """The page whose path, relative to the folder `base` (within docs/), is nearest the link's."""
    path, _, anchor = link.partition("#")
    relative = [posixpath.relpath(other, base or ".") for other in pages]
    close = closest(path, relative)
    return (close + (f"#{anchor}" if anchor else "")) if close else None
