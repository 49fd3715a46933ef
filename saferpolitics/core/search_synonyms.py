"""Reader search's everyday words (data/search-synonyms.yml), read and checked: each word or phrase
and the page or section it finds, and the phrases searched as the pages say them. The post-build
stage makes the first tags in the search index, and hands the second to the search worker in the
index's config (saferpolitics.post_build.search_index, docs/assets/javascripts/workers/search-worker.js)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from saferpolitics.core.datafile import FirstLines, load_data_file, schema_for, text_field, valid_entries
from saferpolitics.core.problems import Problem

SYNONYMS_FILE = "data/search-synonyms.yml"


class Synonym(NamedTuple):
    words: tuple[str, ...]
    page: str  # a Markdown path under docs/, optionally with #section
    line: int  # the entry's first line
    page_line: int  # the line of `page:`, where a mistake in the page is named

    @property
    def path(self) -> str:
        return self.page.split("#", 1)[0]

    @property
    def anchor(self) -> str:
        return self.page.split("#", 1)[1] if "#" in self.page else ""


class Phrase(NamedTuple):
    """What a reader types ("log in") and the words the pages use for it ("sign in"): the search
    worker searches the second. A common word in the first ("in") would leave only "log", which
    finds the evidence log; a synonym "login" would pull every search for "log" to sign-in help."""

    phrase: str
    searched_as: str
    line: int


class SearchWords(NamedTuple):
    synonyms: tuple[Synonym, ...] = ()
    phrases: tuple[Phrase, ...] = ()


def phrase_pattern(phrase: str) -> re.Pattern:
    """Where a reader's query holds the phrase: its words with spaces, a hyphen or nothing between
    them ("log in", "login"), in any case. search-worker.js makes the same pattern for the query."""
    return re.compile(r"\b" + r"[\s-]*".join(re.escape(word) for word in phrase.split()) + r"\b", re.I)


def parse_search_words(
    text: str, file: str = SYNONYMS_FILE, cache_dir: Path | None = None
) -> tuple[SearchWords, list[Problem]]:
    """Validate the synonyms file; every problem names its line."""
    root, problems = load_data_file(text, file, schema_for("search-synonyms"), cache_dir=cache_dir)
    synonyms: list[Synonym] = []
    words_given = FirstLines(file)
    for entry in valid_entries(root, "synonyms"):
        words, page = entry.value["words"], entry.value["page"]
        for word in words.value:
            written = str(word.value).strip()
            if twice := words_given.again(
                written.casefold(), word.line, repr(written), "give each word one page", written
            ):
                problems.append(twice)
        synonyms.append(
            Synonym(tuple(str(w.value).strip() for w in words.value), page.value.strip(), entry.line, page.line)
        )
    phrases: list[Phrase] = []
    phrases_given = FirstLines(file)
    for entry in valid_entries(root, "phrases"):
        phrase = text_field(entry.value, "phrase")
        # Given twice if an earlier phrase already matches it: "log in" matches "login".
        first = next((p.phrase for p in phrases if phrase_pattern(p.phrase).fullmatch(phrase)), phrase)
        if twice := phrases_given.again(first, entry.line, repr(phrase), "give each phrase one meaning", phrase):
            problems.append(twice)
            continue
        phrases.append(Phrase(phrase, text_field(entry.value, "searched_as"), entry.line))
    return SearchWords(tuple(synonyms), tuple(phrases)), problems + _phrase_clashes(synonyms, phrases, file)


def _phrase_clashes(synonyms: list[Synonym], phrases: list[Phrase], file: str) -> list[Problem]:
    """A phrase that is also a synonym's word takes that word from its page; a phrase searched as
    words another phrase matches would be searched as a third thing, in the list's order."""
    problems = []
    for phrase in phrases:
        pattern = phrase_pattern(phrase.phrase)
        taken = (s.line for s in synonyms for word in s.words if pattern.fullmatch(word))
        if (line := next(taken, None)) is not None:
            problems.append(
                Problem(
                    file,
                    phrase.line,
                    f"{phrase.phrase!r} is also a synonym (line {line}), which it would take from its page",
                    "keep it in one place: as a synonym, or here",
                )
            )
        for other in phrases:
            if other is not phrase and phrase_pattern(other.phrase).search(phrase.searched_as):
                problems.append(
                    Problem(
                        file,
                        phrase.line,
                        f"{phrase.phrase!r} is searched as {phrase.searched_as!r}, which the phrase "
                        f"{other.phrase!r} (line {other.line}) would change again",
                        "search it as words no phrase here changes",
                    )
                )
    return problems


def check_pages(
    synonyms: list[Synonym],
    urls: dict[str, str],
    file: str = SYNONYMS_FILE,
    moved: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Each synonym's page exists (urls: Markdown path under docs/ -> page URL). moved:
    mkdocs-redirects' old page -> where it went, for a page that was renamed."""
    moved = moved or {}
    problems = []
    for s in synonyms:
        if s.path in urls:
            continue
        if moved.get(s.path, "").endswith(".md"):
            new = moved[s.path] + (f"#{s.anchor}" if s.anchor else "")
            hint = f"the page moved to {moved[s.path]} (redirect_maps in mkdocs.yml): write '{new}'"
        else:
            hint = "write the path under docs/, as in mkdocs.yml's nav"
        problems.append(Problem(file, s.page_line, f"page {s.path!r} does not exist", hint))
    return problems
