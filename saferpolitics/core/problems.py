"""One way to report a maintainer's mistake: file, line, what is wrong, and how to fix it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from saferpolitics.core.lazy_pattern import lazy_compile


class BuildStopped(Exception):
    """The build cannot go on; the message lists every problem. The engine adapter shows it as
    the engine's own error (MkDocs: a PluginError, printed without a traceback)."""


class Problem(NamedTuple):
    file: str  # path as the maintainer sees it, e.g. "docs/get-help-now.md" or "data/links.yml"
    line: int | None
    message: str
    hint: str = ""

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
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


# An editor's Save as "UTF-16" (Windows Notepad's "Unicode") starts the file with one of these.
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
UTF8_HINT = "save the file as UTF-8 (in most editors: Save as, then Encoding: UTF-8) and build again"


def decode_source(data: bytes, file: str) -> tuple[str | None, Problem | None]:
    """A maintainer's file as text: UTF-8, with or without a byte-order mark, any line endings
    (CRLF and CR read as LF, as Python's text files do). Anything else is a Problem on the line
    of the first byte that is not UTF-8, naming what a Windows editor would have meant by it."""
    if data.startswith(_UTF16_MARKS):
        return None, Problem(file, 1, "the file is saved as UTF-16, not UTF-8", UTF8_HINT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.end]
        line = data.count(b"\n", 0, error.start) + 1
        meant = bad.decode("cp1252", errors="replace")
        return None, Problem(
            file,
            line,
            f"the file is not UTF-8: byte {bad.hex(' ')} on this line (perhaps {meant!r} saved by an editor "
            "set to Windows-1252 or Latin-1)",
            UTF8_HINT,
        )
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), None


# Characters nobody sees: a zero-width space, a word joiner and a byte-order mark inside the text
# make an id or a word that looks right differ from it; a no-break space in a line's indentation
# is not the space YAML and Markdown indent with. (Not the zero-width joiners, which join the
# parts of an emoji or of a word in some scripts.)
_UNSEEN = lazy_compile("[\u200b\u2060\ufeff]|^[ \t]*\u00a0", re.M)


def invisible_character_problems(text: str, file: str) -> list[Problem]:
    """A problem for each character in text that nobody can see, named with its column."""
    problems = []
    for found in _UNSEEN.finditer(text):
        character, column = found[0][-1], found.end() - text.rfind("\n", 0, found.end()) - 1
        name = f"U+{ord(character):04X} {unicodedata.name(character)}"
        indenting = character == "\u00a0"
        problems.append(
            Problem(
                file,
                text.count("\n", 0, found.start()) + 1,
                f"column {column} is {name}, which nobody can see"
                + (": it is not the space YAML and Markdown indent with" if indenting else ""),
                "delete it and type an ordinary space" if indenting else "delete it (retype the word around it)",
            )
        )
    return problems


def problem_listing(problems: list[Problem], what: str) -> str:
    """A heading saying what was checked and how many problems, then each problem indented."""
    listing = "\n".join(f"  {p}" for p in problems)
    return f"{what}: {len(problems)} problem(s)\n{listing}"


def raise_problems(problems: list[Problem], what: str) -> None:
    """Stop the build with every problem at once: broken data is not worth a partial site."""
    if problems:
        raise BuildStopped(problem_listing(problems, what))


class HeldProblems:
    """Problems that must stop the build but need not stop it yet: the build goes on, so that
    the checks after them report their mistakes in the same build, and stops with them all
    (`stop`, or `with_them` when something else stops it first). A renamed page then shows every
    link to it, in the data files and the pages, in one build rather than one build per file.
    A plain class: as a dataclass it cost 0.4 ms to make at every import."""

    def __init__(self) -> None:
        self.groups: list[tuple[str, list[Problem]]] = []

    def hold(self, problems: list[Problem], what: str) -> None:
        if problems:
            self.groups.append((what, list(problems)))

    def with_them(self, stopped: str) -> str:
        """The message of a stop that came first (a BuildStopped's), after the held problems."""
        return "\n".join([*(problem_listing(problems, what) for what, problems in self.groups), stopped])

    def stop(self, said: Iterable[str] = ()) -> None:
        """Stop the build if anything is held, listing every held problem under its heading, but
        not one at a file and line a message already said (said: each a Problem as text): one
        mistake, one message."""
        said = list(said)
        listings = []
        for what, problems in self.groups:
            new = [p for p in problems if not any(text.startswith(f"{p.where}: ") for text in said)]
            # Still a stop when every one was said: a warning alone would not stop a build that is not strict.
            listings.append(problem_listing(new, what) if new else f"{what}: {len(problems)} problem(s), named above")
        self.groups = []
        if listings:
            raise BuildStopped("\n".join(listings))


def warn_problems(problems: list[Problem], logger) -> None:
    """Log page-level problems; strict mode turns them into a failed build after listing all."""
    for problem in dict.fromkeys(problems):  # once, though every page shows the same setting
        logger.warning(str(problem))
