"""The pages this toolkit has published (published-pages.txt): none may vanish without a redirect,
and a redirect to a part of a page must find that part.

Readers keep a page's address: bookmarked, saved on a phone by the offline copy, printed on a
crisis card or in the PDF. A page renamed or removed with no redirect (mkdocs-redirects'
redirect_maps) would leave each of those at a missing page, and the build would not notice.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping

from saferpolitics.core.datafile import Located, key_lines, line_given
from saferpolitics.core.problems import Problem
from saferpolitics.core.suggest import did_you_mean

PUBLISHED_FILE = "published-pages.txt"


def published_pages(text: str) -> list[tuple[int, str]]:
    """(line, page under docs/) of each page the file lists; blank lines and # comments skipped."""
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def vanished_page_problems(text: str, pages: Iterable[str], redirected: Iterable[str]) -> list[Problem]:
    """A problem on its line for each published page that is neither a page now (pages: under
    docs/) nor an old page a redirect sends on (redirected)."""
    here, sent_on = set(pages), set(redirected)
    return [
        Problem(
            PUBLISHED_FILE,
            number,
            f"{page!r} was published, and is no longer a page: readers' bookmarks, saved copies and printed "
            "cards would lead to a missing page",
            f"add `{page}: <its new page>.md` under redirect_maps in mkdocs.yml, or put the page back",
        )
        for number, page in published_pages(text)
        if page not in here and page not in sent_on
    ]


def missing_section_problems(
    redirects: Mapping[str, str],
    sections: Callable[[str], Collection[str] | None],
    file: str,
    written: Located | None,
) -> list[Problem]:
    """A problem for each redirect to a section (`old.md: new.md#part`) that its page does not
    have: readers would land at the top of the page, not at the part meant. sections(page): the
    ids in that page, or None when it is not a page of the site (reported elsewhere). file:
    mkdocs.yml as the maintainer sees it; written: it as read with lines (datafile.load_settings),
    where a redirect is found as YAML reads it (quoted or not), as the other redirect checks do."""
    plugins = written.value.get("plugins") if written is not None and isinstance(written.value, dict) else None
    problems = []
    for old, new in redirects.items():
        page, _, section = str(new).partition("#")
        found = sections(page) if section else None
        if found is not None and section not in found:
            problems.append(
                Problem(
                    file,
                    line_given(plugins, str(old)) or key_lines(plugins).get(""),
                    f"redirect_maps sends {old!r} to the section '#{section}', which {page} does not have: readers "
                    "would land at the top of the page",
                    f"{did_you_mean(section, found)}a section's id is the {{#...}} after its heading, or else made "
                    "from the heading's words",
                )
            )
    return problems
