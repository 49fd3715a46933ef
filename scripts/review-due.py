"""List the pages due for review: last checked against their sources 12 months or more ago.

    .venv/bin/python scripts/review-due.py          # or: make review-due
    .venv/bin/python scripts/review-due.py FOLDER   # the pages in another folder than docs/

Oldest first, each as file:line (the `reviewed:` line to change once the page is checked), the
date and since when it is due. Also any page whose review date cannot be read (the build stops on
those), so no page is left out. Always exits 0: being due is a job to do, not a broken build.
Reads the pages only; MkDocs is not needed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's package, whichever the environment installed
from saferpolitics.core.datafile import read_data_file  # noqa: E402 - after the path set-up above
from saferpolitics.markdown_stage.review_dates import (  # noqa: E402
    REVIEW_EVERY,
    due_for_review,
    due_line,
    read_review,
    today_in_uk,
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "docs", help="the pages' folder (docs/)")
    folder = parser.parse_args(argv).folder.resolve()
    today = today_in_uk()
    reviewed, problems = [], []
    for path in sorted(folder.rglob("*.md")):
        file = path.relative_to(folder.parent).as_posix()  # docs/page.md, as the build names it
        text, found = read_data_file(path, file)
        page, found = (None, found) if text is None else read_review(text, file, today)
        reviewed += [page] if page else []
        problems += found
    due = due_for_review(reviewed, today)
    if due:
        count = f"{len(due)} of {len(reviewed)} pages {'is' if len(due) == 1 else 'are'}"
        print(f"{count} due for review (last reviewed {REVIEW_EVERY} or more ago):")
        print("\n".join(due_line(page) for page in due))
        print("Check each against its sources, then set its `reviewed:` to the day you did.")
    else:
        print(f"No page is due for review: each of the {len(reviewed)} was reviewed in the last {REVIEW_EVERY}.")
    if problems:
        print("\nThese pages' review dates cannot be read (the build stops on them):")
        print("\n".join(str(problem) for problem in problems))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
