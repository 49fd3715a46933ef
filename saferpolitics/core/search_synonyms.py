"""Reader search's everyday words (data/search-synonyms.yml), read and checked: each word or phrase
and the page or section it finds. The post-build stage makes them tags in the search index
(saferpolitics.post_build.search_index)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from saferpolitics.core.datafile import FirstLines, load_data_file, schema_for, valid_entries
from saferpolitics.core.problems import Problem

SYNONYMS_FILE = "data/search-synonyms.yml"


@dataclass(frozen=True)
class Synonym:
    words: tuple[str, ...]
    page: str  # a Markdown path under docs/, optionally with #section
    line: int

    @property
    def path(self) -> str:
        return self.page.split("#", 1)[0]

    @property
    def anchor(self) -> str:
        return self.page.split("#", 1)[1] if "#" in self.page else ""


def parse_synonyms(
    text: str, file: str = SYNONYMS_FILE, cache_dir: Path | None = None
) -> tuple[list[Synonym], list[Problem]]:
    """Validate the synonyms file; every problem names its line."""
    root, problems = load_data_file(text, file, schema_for("search-synonyms"), cache_dir=cache_dir)
    synonyms: list[Synonym] = []
    words_given = FirstLines(file)
    for entry in valid_entries(root, "synonyms"):
        words, page = entry.value["words"], entry.value["page"]
        for word in words.value:
            key = str(word.value).strip().casefold()
            if twice := words_given.again(key, word.line, repr(word.value), "give each word one page"):
                problems.append(twice)
        synonyms.append(Synonym(tuple(str(w.value).strip() for w in words.value), page.value.strip(), entry.line))
    return synonyms, problems


def check_pages(synonyms: list[Synonym], urls: dict[str, str], file: str = SYNONYMS_FILE) -> list[Problem]:
    """Each synonym's page exists (urls: Markdown path under docs/ -> page URL)."""
    return [
        Problem(file, s.line, f"page {s.path!r} does not exist", "write the path under docs/, as in mkdocs.yml's nav")
        for s in synonyms
        if s.path not in urls
    ]
