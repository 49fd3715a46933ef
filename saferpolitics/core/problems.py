"""One way to report a maintainer's mistake: file, line, what is wrong, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class BuildStopped(Exception):
    """The build cannot go on; the message lists every problem. The engine adapter shows it as
    the engine's own error (MkDocs: a PluginError, printed without a traceback)."""


@dataclass(frozen=True)
class Problem:
    file: str  # path as the maintainer sees it, e.g. "docs/get-help-now.md" or "data/links.yml"
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


def display_path(path: str | Path, root: str | Path) -> str:
    """A path relative to the project root when it is inside it, for messages."""
    path, root = Path(path), Path(root)
    if path.is_absolute() and root.is_absolute() and ".." not in path.parts and path.is_relative_to(root):
        return path.relative_to(root).as_posix()  # no need to ask the file system (it is called for every page)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def line_of(text: str, needle: str, start_line: int = 1) -> int | None:
    """1-based line of the first occurrence of needle in text at or after start_line."""
    lines = text.splitlines()
    for number in range(max(start_line, 1), len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return None


def raise_problems(problems: list[Problem], what: str) -> None:
    """Stop the build with every problem at once: broken data is not worth a partial site."""
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise BuildStopped(f"{what}: {len(problems)} problem(s)\n{listing}")


def warn_problems(problems: list[Problem], logger) -> None:
    """Log page-level problems; strict mode turns them into a failed build after listing all."""
    for problem in problems:
        logger.warning(str(problem))
