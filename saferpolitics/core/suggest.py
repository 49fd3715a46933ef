"""One "did you mean" for every message that names something unknown (an id, a field, a page)."""

from __future__ import annotations

from collections.abc import Iterable

# difflib's own default: close enough that the suggestion is usually what was meant.
CUTOFF = 0.6


def close_matches(word: object, choices: Iterable[str], count: int = 3, cutoff: float = CUTOFF) -> list[str]:
    """The choices nearest the word, best first (none when nothing is close)."""
    import difflib  # here, not at the top: only a message about a mistake needs it, and most builds have none

    return difflib.get_close_matches(str(word), list(choices), n=count, cutoff=cutoff)


def closest(word: object, choices: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The one choice nearest the word, or None."""
    close = close_matches(word, choices, 1, cutoff)
    return close[0] if close else None


def did_you_mean(word: object, choices: Iterable[str], cutoff: float = CUTOFF, quote: str = "'") -> str:
    """ "did you mean 'x'? " to start a hint, or "" when nothing is close."""
    match = closest(word, choices, cutoff)
    return f"did you mean {quote}{match}{quote}? " if match else ""
