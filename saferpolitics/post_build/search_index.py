"""Reader search: everyday words (data/search-synonyms.yml), one glossary term per result, and no
maintainer pages.

Material builds search/search_index.json from the pages; `rewrite_index` then changes it once:
- each synonym's words become `tags` of the page or section it names: Material's search weighs
  tags far above text (boost 1e6), so "2FA" finds 2-step verification. Results never show them
  (docs/assets/css/service.css hides result tags);
- the Glossary page's list is left out of its page entry (the block marks it data-search-exclude)
  and every term gets an entry of its own, at its anchor, so "Ofcom" finds Ofcom's definition;
- pages outside the reader navigation (mkdocs.yml `not_in_nav`, such as the maintainers' guide)
  are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from saferpolitics.core.datafile import entries, load_data_file, schema_for
from saferpolitics.core.problems import Problem
from saferpolitics.markdown_stage.glossary import Term

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
    seen: dict[str, int] = {}
    for entry in entries(root, "synonyms"):
        if not entry.valid:
            continue  # the schema has said why
        words, page = entry.value["words"], entry.value["page"]
        for word in words.value:
            key = str(word.value).strip().casefold()
            if key in seen:
                problems.append(
                    Problem(
                        file,
                        word.line,
                        f"{word.value!r} is listed twice (first on line {seen[key]})",
                        "give each word one page",
                    )
                )
            seen.setdefault(key, word.line)
        synonyms.append(Synonym(tuple(str(w.value).strip() for w in words.value), page.value.strip(), entry.line))
    return synonyms, problems


def check_pages(synonyms: list[Synonym], urls: dict[str, str], file: str = SYNONYMS_FILE) -> list[Problem]:
    """Each synonym's page exists (urls: Markdown path under docs/ -> page URL)."""
    return [
        Problem(file, s.line, f"page {s.path!r} does not exist", "write the path under docs/, as in mkdocs.yml's nav")
        for s in synonyms
        if s.path not in urls
    ]


def rewrite_index(
    index: dict,
    synonyms: list[Synonym],
    urls: dict[str, str],
    glossary: tuple[str, list[Term]] | None,
    hidden_urls: set[str],
    file: str = SYNONYMS_FILE,
) -> tuple[dict, list[Problem]]:
    """The index with synonyms as tags, a glossary entry per term and no hidden pages."""
    docs = [doc for doc in index["docs"] if doc["location"].split("#", 1)[0] not in hidden_urls]
    if glossary is not None:
        glossary_url, terms = glossary
        at = next((i for i, doc in enumerate(docs) if doc["location"].split("#", 1)[0] == glossary_url), len(docs))
        while at < len(docs) and docs[at]["location"].split("#", 1)[0] == glossary_url:
            at += 1
        docs[at:at] = [
            {
                "location": f"{glossary_url}#{term.anchor}",
                "title": f"{term.term} ({term.stands_for})" if term.stands_for else term.term,
                "text": term.definition,
            }
            for term in terms
        ]
    by_location = {doc["location"]: doc for doc in docs}
    problems = []
    for synonym in synonyms:
        location = urls[synonym.path] + (f"#{synonym.anchor}" if synonym.anchor else "")
        doc = by_location.get(location)
        if doc is None:
            problems.append(
                Problem(
                    file,
                    synonym.line,
                    f"{synonym.page!r} has no section #{synonym.anchor}",
                    "use a heading's {#id} from that page, or the page alone",
                )
            )
            continue
        doc["tags"] = [*doc.get("tags", []), *synonym.words]
    return {**index, "docs": docs}, problems
