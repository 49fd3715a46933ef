"""A template's mistake, met while the engine renders a page, as a Problem at the template's line.

Jinja rewrites the traceback of an error raised while rendering so that the template's own
frames carry the template's file name and line (its Python frames keep theirs): the innermost
frame that is a template's is the line that failed. A syntax error names its file and line itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from saferpolitics.core.problems import Problem

_UNDEFINED_HINT = (
    "a value some pages do not have: test it first, e.g. {% if page and page.meta.description %} … {% endif %} "
    "(the 404 page and the print page have no `page` of their own, or no front matter)"
)
_OTHER_HINT = "fix the line named; the words after the colon are Jinja's (https://jinja.palletsprojects.com/templates/)"


def failing_line(frames: Sequence[tuple[str, int]]) -> tuple[str, int] | None:
    """(file, line) of the innermost template frame of a traceback (frames: each frame's file
    name and line, outermost first), or None when no frame is a template's."""
    for filename, line in reversed(frames):
        if filename and not filename.endswith((".py", ".pyc")) and not filename.startswith("<"):
            return filename, line
    return None


def template_problem(
    kind: str,
    message: str,
    at: tuple[str, int | None] | None,
    rendering: str,
) -> Problem:
    """The Problem for a Jinja error of class `kind` (its name, e.g. "UndefinedError") with
    Jinja's message, at (file as shown, line) when known, met while rendering `rendering` (a page,
    as its source file, or the theme's own page)."""
    file, line = at if at is not None else ("a template", None)
    hint = _UNDEFINED_HINT if kind == "UndefinedError" else _OTHER_HINT
    return Problem(file, line, f"the template stopped while making {rendering}: {message}", hint)
