"""The home page's list of guidance, checked against the navigation.

docs/index.md lists the guidance pages by hand, each with a line saying what it helps with (words
the nav has no place for). So a page added under "Guidance" in mkdocs.yml's nav would reach the
menu but never the home page, where most readers start: the build names each one missing.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import ATX_HEADING, content_lines

# The nav section, and the home page's heading that lists its pages ("## Guidance {#guidance}").
SECTION = "Guidance"
HOME_PAGE = "index.md"
# The page a Markdown link in the list goes to ("[Threats](help/threats.md#now)" -> help/threats.md):
# a link in a page's own words, not a data file's (core.page_links.PAGE_LINK).
_LINKED_PAGE = re.compile(r"\]\(\s*<?([^)\s>#?]+\.md)")


def listed_pages(source: str, file: str, heading: str = SECTION) -> tuple[int | None, set[str]]:
    """The line of the home page's heading named heading, and the pages (paths relative to docs/)
    its section links to, up to the next heading as high or higher; (None, set()) without one."""
    start, level, pages = None, 0, set()
    for number, line in content_lines(source, file):
        found = ATX_HEADING.fullmatch(line)
        if found and start is not None and len(found["level"]) <= level:
            break
        if found and start is None and found["words"] == heading:
            start, level = number, len(found["level"])
        elif start is not None:
            pages |= {urljoin(HOME_PAGE, target).lstrip("/") for target in _LINKED_PAGE.findall(line)}
    return start, pages


def unlisted_guidance_problems(section_pages: list[str], source: str, file: str) -> list[Problem]:
    """One problem for each page under the nav's Guidance section that the home page's Guidance
    list does not link to (section_pages: their paths relative to docs/, in nav order). A home
    page with that list and a nav with no such section (renamed, say) is one problem: the check
    would otherwise stop checking without a word."""
    line, listed = listed_pages(source, file)
    if not section_pages:
        return (
            [
                Problem(
                    file,
                    line,
                    f"the home page has a {SECTION} list, but mkdocs.yml's nav has no top-level section titled "
                    f"'{SECTION}' with pages in it, so nothing checks that the list links to each guidance page",
                    f"give the nav's section for the guidance pages the title '{SECTION}', as this heading is",
                )
            ]
            if line is not None
            else []
        )
    if line is None:
        return [
            Problem(
                file,
                None,
                f"the home page has no '## {SECTION}' heading, so the pages under {SECTION} in mkdocs.yml's nav "
                "are not listed where readers start",
                f"add '## {SECTION} {{#guidance}}' with a list linking to each of them: " + ", ".join(section_pages),
            )
        ]
    return [
        Problem(
            file,
            line,
            f"the home page's {SECTION} list does not link to {page}, which is under {SECTION} in mkdocs.yml's "
            "nav: readers who start on the home page would never find it",
            f"add '- [Its title]({page}): what it helps with.' to the list under this heading",
        )
        for page in section_pages
        if page not in listed
    ]
