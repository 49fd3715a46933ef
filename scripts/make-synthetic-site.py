#!/usr/bin/env python3
"""Make a synthetic copy of the toolkit with about 1,000 pages, to measure how the build scales.

The copy holds the real project (mkdocs.yml, data/, docs/, overrides/, saferpolitics/)
plus whole copies of every page under docs/copy-N/, each with its own section in the navigation.
Whole copies keep every relative link, checklist and registry link valid, so the copy builds
strictly like the real site. `scripts/benchmark.py --synthetic` (and `make bench`) makes one in a
temporary folder and times its build against the same pages without our code.
"""

from __future__ import annotations

import argparse
import compileall
import math
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "data", "docs", "overrides", "saferpolitics")
# Files the build generates at the site root (downloads/...) and pages outside the nav, which are
# not copied (the contributors' guide), sit one folder further up from a copy.
ROOT_FILE_LINK = re.compile(r"\]\(((?:\.\./)*)(downloads/|contributing\.md)")


def nav_pages(items) -> list[str]:
    pages = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages.extend(nav_pages(value) if isinstance(value, list) else [value])
    return pages


def prefixed(items, prefix: str):
    """The nav with every page path under prefix, titles kept."""
    if isinstance(items, list):
        return [prefixed(item, prefix) for item in items]
    if isinstance(items, dict):
        return {title: prefixed(value, prefix) for title, value in items.items()}
    return prefix + items


def make_site(target: Path, pages: int) -> int:
    """Write the copy into target (emptied first); returns the number of pages in its nav."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    # Bytecode for the copy of our package, as set-up makes for the project's own (scripts/setup-env):
    # where PYTHONDONTWRITEBYTECODE is set, every build would otherwise compile it from source.
    compileall.compile_dir(target / "saferpolitics", quiet=1)
    config_text = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(config_text)
    originals = nav_pages(config["nav"])
    copies = math.ceil(pages / len(originals)) - 1
    docs = target / "docs"
    for number in range(1, copies + 1):
        for page in originals:
            destination = docs / f"copy-{number}" / page
            destination.parent.mkdir(parents=True, exist_ok=True)
            text = (ROOT / "docs" / page).read_text(encoding="utf-8")
            destination.write_text(ROOT_FILE_LINK.sub(r"](../\1\2", text), encoding="utf-8")
    # Add to the end of the nav (its items indented by two spaces) as text: the rest of mkdocs.yml
    # (comments, order) stays as it is.
    extra_nav = [{f"Copy {n}": prefixed(config["nav"], f"copy-{n}/")} for n in range(1, copies + 1)]
    extra = yaml.safe_dump(extra_nav, sort_keys=False, allow_unicode=True, width=1000)
    extra = "".join("  " + line for line in extra.splitlines(keepends=True))
    lines = config_text.splitlines(keepends=True)
    start = lines.index("nav:\n") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].strip() and not lines[i].startswith(" ")), len(lines))
    while lines[end - 1].strip() == "" or lines[end - 1].lstrip().startswith("#"):
        end -= 1  # the comments before the next key belong to it
    (target / "mkdocs.yml").write_text("".join(lines[:end]) + extra + "".join(lines[end:]), encoding="utf-8")
    return len(originals) * (copies + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="folder to write the copy into (emptied first)")
    parser.add_argument("--pages", type=int, default=1000, help="at least this many pages (default 1000)")
    args = parser.parse_args()
    if args.target.resolve() == ROOT or ROOT.is_relative_to(args.target.resolve()):
        sys.exit("choose a folder outside the project: it is emptied first")
    count = make_site(args.target, args.pages)
    print(f"{count} pages in {args.target} (build: cd {args.target} && {ROOT}/.venv/bin/mkdocs build)")


if __name__ == "__main__":
    main()
