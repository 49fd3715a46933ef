"""A regular expression compiled the first time it is used, not when its module is imported.

Importing the package compiled some 160 patterns, about 20 ms of a 50 ms import, and a
build whose pages are all in the render cache uses only a few dozen of them: most belong to checks
whose verdicts are kept (markdown_stage) or to the finishing of pages that are kept (post_build).
A pattern defined with lazy_compile costs nothing until a check that needs it runs.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _CompiledOnUse:
    """Stands in for re.compile(pattern, flags) until the first use of any of its attributes."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern  # as a compiled pattern's: some patterns are built from others' .pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    # isinstance(x, re.Pattern) holds, as it would for the compiled pattern: code that takes a
    # pattern or a test (source_lines.line_of, safe_order) and re.sub(x, ...) treat it as one.
    @property
    def __class__(self) -> type:
        return re.Pattern

    def _compile(self) -> re.Pattern[str]:
        if self.__dict__.get("_compiled") is None:
            self._compiled = re.compile(self.pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # Reached only for a name not yet kept here: compile once, and keep the attribute (say
        # the bound search method) so that later uses are an ordinary attribute lookup. Special
        # names are looked up on the type, never here: copy and pickle probe for some that an
        # instance they made without __init__ lacks.
        if name.startswith("__") or "pattern" not in self.__dict__:
            raise AttributeError(name)
        value = getattr(self._compile(), name)
        self.__dict__[name] = value
        return value

    # Copied, pickled, compared and hashed as the compiled pattern it stands for.
    def __reduce__(self) -> tuple:
        return re.compile, (self.pattern, self._flags)

    def __copy__(self) -> re.Pattern[str]:
        return self._compile()

    def __deepcopy__(self, memo: dict) -> re.Pattern[str]:
        return self._compile()

    def __eq__(self, other: object) -> bool:
        return self._compile() == other

    def __hash__(self) -> int:
        return hash(self._compile())

    def __repr__(self) -> str:
        return repr(self._compile())


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), done the first time the result is used.

    For a pattern at a module's top level that a build whose pages are all kept in the render
    cache never uses; a pattern every build uses gains nothing from it."""
    return cast("re.Pattern[str]", _CompiledOnUse(pattern, flags))
