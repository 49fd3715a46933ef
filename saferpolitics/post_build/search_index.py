"""Reader search: everyday words (data/search-synonyms.yml), one glossary term per result, and no
maintainer pages.

Material builds search/search_index.json from the pages; `rewrite_index` then changes it once:
- each synonym's words become `tags` of the page or section it names: Material's search weighs
  tags far above text (boost 1e6), so "2FA" finds 2-step verification. Results never show them
  (docs/assets/css/service.css hides result tags);
- the Glossary page's list is left out of its page entry (the block marks it data-search-exclude)
  and every term gets an entry of its own, at its anchor, so "Ofcom" finds Ofcom's definition;
- pages outside the reader navigation (mkdocs.yml `not_in_nav`, such as the maintainers' guide)
  are dropped;
- the phrases searched as the pages say them go into the index's `config` as `phrases`
  ([phrase, searched_as] pairs), which the search worker reads when Material hands it the index.
"""

from __future__ import annotations

import re

from saferpolitics.core.glossary_terms import Term
from saferpolitics.core.problems import Problem
from saferpolitics.core.search_synonyms import SYNONYMS_FILE, SearchWords


def rewrite_index(
    index: dict,
    words: SearchWords,
    urls: dict[str, str],
    glossary: tuple[str, list[Term]] | None,
    hidden_urls: set[str],
    file: str = SYNONYMS_FILE,
    whole: bool = True,
) -> tuple[dict, list[Problem]]:
    """The index with synonyms as tags, the phrases in its config, a glossary entry per term and no
    hidden pages. whole: False when the index holds only some pages (a `--dirty` build's: Material
    indexes only the pages it rebuilt), so a page or phrase it lacks is no mistake."""
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
    for synonym in words.synonyms:
        location = urls[synonym.path] + (f"#{synonym.anchor}" if synonym.anchor else "")
        doc = by_location.get(location)
        if doc is None and urls[synonym.path] in hidden_urls:
            problems.append(
                Problem(
                    file,
                    synonym.page_line,
                    f"{synonym.path!r} is not in the navigation (mkdocs.yml `nav`), so search leaves it out",
                    "add the page to `nav` in mkdocs.yml, or give these words a page that is in it",
                )
            )
            continue
        if doc is None and not whole:
            continue
        if doc is None and synonym.anchor:
            problems.append(
                Problem(
                    file,
                    synonym.page_line,
                    f"{synonym.page!r} has no section #{synonym.anchor}",
                    "use a heading's {#id} from that page, or the page alone",
                )
            )
            continue
        if doc is None:  # the page is there (the engine checked) but search left it out
            problems.append(
                Problem(
                    file,
                    synonym.page_line,
                    f"{synonym.page!r} is left out of search, so these words would find nothing",
                    "give these words a page that search lists, or remove `search: exclude: true` from the "
                    "page's front matter",
                )
            )
            continue
        doc["tags"] = [*doc.get("tags", []), *synonym.words]
    if whole:
        problems += _unfound_phrases(words, docs, file)
    config = {**index.get("config", {}), "phrases": [[p.phrase, p.searched_as] for p in words.phrases]}
    return {**index, "config": config, "docs": docs}, problems


# A word as search matches it: the start of one is where a prefix must be found.
_WORD = re.compile(r"[a-z0-9']+")


def _unfound_phrases(words: SearchWords, docs: list[dict], file: str) -> list[Problem]:
    """A phrase searched as words that start no word in the index finds nothing: a reader typing
    "want to die" would meet "No results" (search matches the start of words)."""
    # All the index's text in one lower-case string (a newline, which no word holds, keeps the
    # parts apart), searched for each prefix: splitting it into a sorted list of its words took
    # 5 ms a build, for the 42 phrases' few words.
    text = "\n".join(
        part for doc in docs for part in (doc.get("title", ""), doc.get("text", ""), *doc.get("tags", []))
    ).lower()

    def starts_a_word(prefix: str) -> bool:
        at = text.find(prefix)
        while at != -1:
            if at == 0 or not _WORD.match(text, at - 1):  # not inside a word
                return True
            at = text.find(prefix, at + 1)
        return False

    problems = []
    for phrase in words.phrases:
        wanted = _WORD.findall(phrase.searched_as.lower())
        if not any(starts_a_word(w) for w in wanted):
            problems.append(
                Problem(
                    file,
                    phrase.line,
                    f"{phrase.phrase!r} is searched as {phrase.searched_as!r}, which is on no page, "
                    "so it finds nothing",
                    "write words the pages use, or a synonym's word (check the spelling)",
                )
            )
    return problems
