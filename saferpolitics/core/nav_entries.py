"""mkdocs.yml's nav, entry by entry: what the menu on every page links to; and the pages' titles,
which the menu shows.

The menu is on every page and, through the print page, in the PDF: an entry to another website
would skip the link registry's checks (https only, the publisher's own domain, the weekly live
check), and a page listed twice would be printed twice. Two pages with one title
(same_title_problems) would be two entries readers cannot tell apart, in the menu, the search
results and the PDF's contents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import PurePosixPath
from typing import Any

from saferpolitics.core.datafile import FirstLines, Located, fold
from saferpolitics.core.front_matter import setting_lines
from saferpolitics.core.html_tokens import other_origin
from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import ATX_HEADING, SETEXT_TITLE_RULE, content_lines
from saferpolitics.core.suggest import did_you_mean

# The page mkdocs-print-site-plugin makes, as its documentation says a nav may list it (its built
# file is post_build.pipeline.PRINT_PAGE_FILE).
PRINT_PAGE_IN_NAV = "print_page.md"


def nav_entry_problems(nav: Located | None, file: str, pages: Collection[str]) -> list[Problem]:
    """A problem on its line for each nav entry that is another website's address (or any address
    with a scheme, `javascript:` too), each page that is not one of pages (under docs/), and each
    page listed a second time."""
    problems: list[Problem] = []
    listed = FirstLines(file)

    def make(node: Located, _path: tuple, value: Any) -> None:
        if not isinstance(value, str):
            return
        if not other_origin(value):
            value = PurePosixPath(value).as_posix()  # as MkDocs finds the page: ./help/x.md is help/x.md
        if other_origin(value):
            problems.append(
                Problem(
                    file,
                    node.line,
                    f"nav puts {value!r} in every page's menu: an address the link registry does not check",
                    "the menu lists this site's pages; link to another website from a page, through the link "
                    "registry ([words](link:<id>))",
                )
            )
        elif (folded := _folded_entries(value)) and value not in pages:
            last = node.last_line or node.line + len(folded) - 1
            problems.append(
                Problem(
                    file,
                    node.line,
                    f"nav reads lines {node.line} to {last} as one entry, {value!r}, not as {len(folded)} pages: "
                    "their `-` are not lined up, so YAML took the lines below the first for more of its words",
                    "start the `- ` of each page in a list at the same column as the one above it (spaces only, "
                    "no tabs); a section's pages go further in than its `- Title:` line",
                )
            )
        elif value.endswith(".md") and value not in pages and value != PRINT_PAGE_IN_NAV:
            problems.append(
                Problem(
                    file,
                    node.line,
                    f"nav lists {value!r}, which is not a page in docs/: the menu would lead nowhere",
                    f"{did_you_mean(value, pages)}write the page's path under docs/, e.g. help/threats.md",
                )
            )
        elif value.endswith(".md") and (
            again := listed.again(value, node.line, f"nav: {value!r}", "keep one: the PDF would print the page twice")
        ):
            problems.append(again)

    if nav is not None:
        fold(nav, make)
    return problems


def _folded_entries(value: str) -> list[str]:
    """The pages of nav entries YAML read as one (`a.md - b.md`: an entry indented one space more,
    or the first of a list one space less, than the others continues the words of the one
    above), or [] for one entry."""
    parts = [part.strip() for part in value.split(" - ")]
    return parts if len(parts) > 1 and any(part.endswith(".md") for part in parts) else []


def same_title_problems(pages: Iterable[tuple[str, str, str]]) -> list[Problem]:
    """pages: (file as the maintainer sees it, its title, its Markdown). A problem for each page
    whose title another page already has, on its title's line: in the menu, the search results and
    the PDF's contents, readers could not tell the two apart."""
    shown = [(file, " ".join(title.split()), source) for file, title, source in pages]
    # Only a title given twice needs its lines, and finding a title's line reads the whole page.
    given = Counter(title.casefold() for _, title, _ in shown)
    titles = FirstLines("")
    problems = []
    for file, title, source in shown:
        if given[title.casefold()] < 2:
            continue
        hint = "give each page a title of its own: readers could not tell the two apart in the menu, the search "
        hint += "results and the PDF's contents"
        if again := titles.again(title.casefold(), title_line(source, file), f"the title {title!r}", hint, file=file):
            problems.append(again)
    return problems


def title_line(source: str, file: str) -> int | None:
    """The line a page's title is given on, where MkDocs takes it from: the front matter's
    `title:`, or else the page's first `# Title` (or a line of words with a line of `=` under it)."""
    if line := setting_lines(source, file).get("title"):
        return line
    previous: tuple[int, str] | None = None
    for number, line in content_lines(source, file):
        if (heading := ATX_HEADING.fullmatch(line)) and heading["level"] == "#":
            return number
        if previous is not None and previous[1].strip() and SETEXT_TITLE_RULE.fullmatch(line):
            return previous[0]
        previous = (number, line)
    return None
