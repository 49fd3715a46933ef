"""Review dates: every page says when someone last checked it against its sources.

A page carries `reviewed: YYYY-MM-DD` in its front matter. The date is shown to readers as
"Last reviewed 3 November 2026" (GOV.UK style: no leading zero, month in words), on the page and in
the PDF. A missing, malformed or future date is a maintainer's mistake, reported with file and line.

A page last reviewed REVIEW_EVERY or more ago is due for review (`due_for_review`): the build
says so in its log and `make review-due` lists them, but neither fails, since a build must not
start failing on a clean checkout only because time has passed.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

import yaml

from saferpolitics.core.datafile import located_settings, read_data_file
from saferpolitics.core.front_matter import compose_front_matter
from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import opens_front_matter, split_front_matter

FIELD = "reviewed"
# Dates are written by people in the UK: "today" is today in London, not on the CI machine's clock.
UK_TIME = ZoneInfo("Europe/London")
DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}")
# Spelled out rather than strftime("%B"), which follows the machine's locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Reviewed(NamedTuple):
    """A page's review date and the line of its `reviewed:`, where a maintainer changes it."""

    file: str
    line: int
    date: dt.date


# How often each page's advice must be checked against its sources again.
REVIEW_EVERY = "12 months"


def today_in_uk() -> dt.date:
    return dt.datetime.now(UK_TIME).date()


def _hint_add(today: dt.date) -> str:
    # One line, so it stays readable in a build log: the three lines a maintainer should add.
    return (
        f"start the file with these three lines: '---', '{FIELD}: {today.isoformat()}', '---' "
        "(the date you last checked the page against its sources)"
    )


def read_reviewed_date(text: str, file: str, today: dt.date) -> tuple[dt.date | None, list[Problem]]:
    """The page's review date, or the problems that stop it being used.

    `text` is the whole page source including front matter, so line numbers match the file.
    """
    reviewed, problems = read_review(text, file, today)
    return (reviewed.date if reviewed else None), problems


def read_review(text: str, file: str, today: dt.date) -> tuple[Reviewed | None, list[Problem]]:
    """read_reviewed_date, with the line the date is on."""
    front_matter, _ = split_front_matter(text)
    if front_matter is None and opens_front_matter(text):
        return None, [
            Problem(
                file,
                1,
                "the front matter that starts here has no closing '---' line",
                "add a line '---' after its last setting (MkDocs reads no front matter without it)",
            )
        ]
    if front_matter is None:
        return None, [Problem(file, 1, "the page has no front matter with a review date", _hint_add(today))]
    root, problems = compose_front_matter(front_matter, file)
    if problems:
        return None, problems
    twice = located_settings(root, file)[1] if root is not None else []
    if twice:  # MkDocs would silently use the last
        return None, [
            Problem(file, p.line, p.message.replace("field '", "the front matter's '", 1), p.hint) for p in twice
        ]
    if not isinstance(root, yaml.MappingNode):
        return None, [Problem(file, 1, "the front matter has no 'name: value' lines", _hint_add(today))]
    for key_node, value_node in root.value:
        if key_node.value == FIELD:
            return _check_value(value_node, file, today)
    return None, [
        Problem(
            file,
            1,
            f"the front matter has no '{FIELD}:' date",
            f"add the line '{FIELD}: {today.isoformat()}' between the two '---' lines "
            "(the date you last checked the page against its sources)",
        )
    ]


def _check_value(node: yaml.Node, file: str, today: dt.date) -> tuple[Reviewed | None, list[Problem]]:
    line = node.start_mark.line + 1
    raw = node.value if isinstance(node, yaml.ScalarNode) else ""
    if not DATE_FORM.fullmatch(str(raw).strip()):
        return None, [
            Problem(
                file,
                line,
                f"the review date '{raw}' is not written as YYYY-MM-DD"
                if isinstance(node, yaml.ScalarNode)
                else "the review date is a list or mapping, not a date written as YYYY-MM-DD",
                f"write it year-month-day with two-digit month and day, for example '{FIELD}: {today.isoformat()}'",
            )
        ]
    try:
        date = dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        return None, [
            Problem(file, line, f"the review date '{raw}' is not a real date", "check the month (01-12) and the day")
        ]
    if date > today:
        return None, [
            Problem(
                file,
                line,
                f"the review date {date.isoformat()} is in the future (today is {today.isoformat()} in the UK)",
                "use the date you actually checked the page: today or earlier",
            )
        ]
    return Reviewed(file, line, date), []


def due_since(date: dt.date) -> dt.date:
    """The day a page reviewed on `date` falls due: 12 months later (1 March after 29 February)."""
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return dt.date(date.year + 1, 3, 1)


def due_for_review(pages: Iterable[Reviewed], today: dt.date) -> list[Reviewed]:
    """The pages last reviewed 12 months or more before today, oldest first: due from the day
    `due_since` names, as `due_line` says."""
    return sorted((page for page in pages if due_since(page.date) <= today), key=lambda p: (p.date, p.file))


def due_line(page: Reviewed) -> str:
    """One due page as `make review-due` lists it: where to change the date, and since when it is due."""
    return (
        f"{page.file}:{page.line}: reviewed {uk_long_date(page.date)}, due since {uk_long_date(due_since(page.date))}"
    )


def due_summary(due: list[Reviewed]) -> str:
    """What the build's log says about the due pages, on one line ("" when none is due)."""
    if not due:
        return ""
    names = ", ".join(f"{page.file} (reviewed {uk_long_date(page.date)})" for page in due)
    pages = "1 page is" if len(due) == 1 else f"{len(due)} pages are"
    return (
        f"{pages} due for review, last checked against {'its' if len(due) == 1 else 'their'} sources "
        f"{REVIEW_EVERY} or more ago, "
        f"oldest first: {names}. `make review-due` lists them with their lines."
    )


def uk_long_date(date: dt.date) -> str:
    """3 November 2026: the GOV.UK date style, no leading zero."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def reviewed_note_html(date: dt.date) -> str:
    """The line readers see at the end of each page and of each page's section in the PDF."""
    return f'<p class="sp-reviewed">Last reviewed <time datetime="{date.isoformat()}">{uk_long_date(date)}</time></p>'


def check_page(
    text: str, file: str, today: dt.date, generated_by: str | None = None
) -> tuple[Reviewed | None, list[Problem]]:
    """read_reviewed_date for any page, including pages a plugin generates.

    A generated page (e.g. one built from a data file) follows the same rule: its generator writes
    `reviewed:` into the front matter it generates, taken from its data. The problem then names the
    generator, since that is where the fix goes.
    """
    reviewed, problems = read_review(text, file, today)
    if generated_by is None:
        return reviewed, problems
    note = (
        f"this page is generated by {generated_by}: it must write '{FIELD}: YYYY-MM-DD' "
        "into the page's front matter, from its data"
    )
    return reviewed, [Problem(p.file, p.line, p.message, f"{note} ({p.hint})") for p in problems]


def main(argv: list[str]) -> int:
    """Check the pages named on the command line (pre-commit passes the changed ones). A page that
    is missing or not UTF-8 is a problem like any other, as the build reports it."""
    import argparse  # here, not at the top: the build imports this module, and only this command needs it

    parser = argparse.ArgumentParser(
        prog="python -m saferpolitics.markdown_stage.review_dates",
        description=f"Check that each page says when it was last reviewed ('{FIELD}: YYYY-MM-DD' in its front matter).",
    )
    parser.add_argument("pages", nargs="*", help="Markdown pages to check, e.g. docs/get-help-now.md")
    args = parser.parse_args(argv)
    today = today_in_uk()
    problems = []
    for path in args.pages:
        text, found = read_data_file(Path(path), path)
        problems += found if text is None else read_reviewed_date(text, path, today)[1]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
