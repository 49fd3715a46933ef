"""The pages this toolkit has published (published-pages.txt): none may vanish without a redirect.

Readers keep a page's address: bookmarked, saved on a phone by the offline copy, printed on a
crisis card or in the PDF. A page renamed or removed with no redirect (mkdocs-redirects'
redirect_maps) would leave each of those at a missing page, and the build would not notice.
"""

from __future__ import annotations

from collections.abc import Iterable

from saferpolitics.core.problems import Problem

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
