"""Reader search: the synonyms file's checks (with lines) and the rewrite of Material's index."""

from __future__ import annotations

import json

import pytest

from conftest import bare_post_build
from saferpolitics.core.glossary_terms import Term
from saferpolitics.core.problems import BuildStopped
from saferpolitics.core.search_synonyms import SearchWords, check_pages, parse_search_words
from saferpolitics.post_build import pipeline, search_index
from saferpolitics.post_build.search_index import rewrite_index

GOOD = """\
synonyms:
  - words: [2FA, MFA]
    page: cyber-security.md#passwords
  - words: [adviser]
    page: police-advisors.md
"""
URLS = {
    "cyber-security.md": "cyber-security/",
    "police-advisors.md": "police-advisors/",
    "glossary.md": "glossary/",
    "contributing.md": "contributing/",
}
INDEX = {
    "config": {"lang": ["en"]},
    "docs": [
        {"location": "cyber-security/", "title": "Cyber", "text": "..."},
        {"location": "cyber-security/#passwords", "title": "Passwords", "text": "..."},
        {"location": "police-advisors/", "title": "FEOAs", "text": "..."},
        {"location": "glossary/", "title": "Glossary", "text": "Words we use."},
        {"location": "contributing/", "title": "Contributing", "text": "pull request"},
        {"location": "contributing/#glossary", "title": "Glossary", "text": "edit"},
    ],
}
TERMS = [
    Term("Ofcom", "The UK's communications regulator."),
    Term("2SV", "A second check.", stands_for="2-step verification"),
]


def test_a_good_file_gives_each_entry_with_its_line():
    words, problems = parse_search_words(GOOD)
    assert problems == []
    assert [(s.words, s.path, s.anchor, s.line) for s in words.synonyms] == [
        (("2FA", "MFA"), "cyber-security.md", "passwords", 2),
        (("adviser",), "police-advisors.md", "", 4),
    ]


def test_every_mistake_is_reported_at_once_with_its_line():
    text = """\
synonyms:
  - words: [2FA]
    page: cyber-security.md
  - words: 2FA
    page: x.md
  - words: [mfa, 2fa]
    page: cyber-security
  - page: a.md
  - words: [x]
    page: a.md
    boost: 2
"""
    _, problems = parse_search_words(text)
    found = [(p.line, p.message) for p in problems]
    assert (4, "synonyms > item 2, field 'words': must be a list of one or more words or phrases") in found
    _, [empty] = parse_search_words("synonyms:\n  - words: []\n    page: index.md\n")
    assert empty.message == "synonyms > item 1, field 'words': must be a list of one or more words or phrases"
    assert any(line == 7 and "is not a page" in message for line, message in found)
    assert any(line == 8 and "field 'words' is missing" in message for line, message in found)
    assert any(line == 11 and "boost" in message for line, message in found)
    assert all(p.file == "data/search-synonyms.yml" and p.hint for p in problems)


def test_a_word_listed_twice_names_both_lines():
    _, problems = parse_search_words("synonyms:\n  - words: [2FA]\n    page: a.md\n  - words: [2fa]\n    page: b.md\n")
    assert [(p.line, p.message) for p in problems] == [(4, "'2fa' is listed twice (first on line 2, as '2FA')")]


def test_broken_yaml_and_a_missing_list_are_problems_not_tracebacks():
    assert parse_search_words("synonyms: [\n")[1][0].line == 2
    missing = parse_search_words("words: [a]\n")[1][0]
    assert (missing.line, missing.message) == (1, "field 'synonyms' is missing") and "`synonyms:`" in missing.hint


def test_a_page_that_does_not_exist_is_reported_on_its_line():
    words, _ = parse_search_words(GOOD.replace("police-advisors.md", "police-advisers.md"))
    problems = check_pages(words.synonyms, URLS)
    assert [(p.line, p.message) for p in problems] == [(5, "page 'police-advisers.md' does not exist")]


def test_a_page_that_was_renamed_names_where_it_went():
    words, _ = parse_search_words(GOOD.replace("police-advisors.md", "police-advisors.md#npcc"))
    urls = {**URLS, "feoa.md": "feoa/"}
    del urls["police-advisors.md"]
    [problem] = check_pages(words.synonyms, urls, moved={"police-advisors.md": "feoa.md"})
    assert (problem.line, problem.message) == (5, "page 'police-advisors.md' does not exist")
    assert problem.hint == "the page moved to feoa.md (redirect_maps in mkdocs.yml): write 'feoa.md#npcc'"


def test_synonyms_become_tags_of_their_section_and_hidden_pages_go():
    words, _ = parse_search_words(GOOD)
    index, problems = rewrite_index(INDEX, words, URLS, None, {"contributing/"})
    assert problems == []
    by_location = {doc["location"]: doc for doc in index["docs"]}
    assert by_location["cyber-security/#passwords"]["tags"] == ["2FA", "MFA"]
    assert "tags" not in by_location["cyber-security/"]
    assert by_location["police-advisors/"]["tags"] == ["adviser"]
    assert not [loc for loc in by_location if loc.startswith("contributing/")]
    assert index["config"] == {**INDEX["config"], "phrases": []}


def test_each_glossary_term_is_its_own_entry_after_the_glossary_page():
    index, _ = rewrite_index(INDEX, SearchWords(), URLS, ("glossary/", TERMS), set())
    locations = [doc["location"] for doc in index["docs"]]
    assert locations[3:6] == ["glossary/", "glossary/#ofcom", "glossary/#2sv"]
    entries = {doc["location"]: doc for doc in index["docs"]}
    assert entries["glossary/#ofcom"] == {
        "location": "glossary/#ofcom",
        "title": "Ofcom",
        "text": "The UK's communications regulator.",
    }
    assert entries["glossary/#2sv"]["title"] == "2SV (2-step verification)"


def test_a_section_that_does_not_exist_is_reported():
    words, _ = parse_search_words(GOOD.replace("#passwords", "#pass-words"))
    _, problems = rewrite_index(INDEX, words, URLS, None, set())
    assert [(p.line, p.message) for p in problems] == [(3, "'cyber-security.md#pass-words' has no section #pass-words")]


def test_words_for_a_page_left_out_of_the_navigation_say_so():
    """Not "has no section #": the page is there, but search leaves out pages outside `nav`."""
    words, _ = parse_search_words(GOOD)
    _, problems = rewrite_index(INDEX, words, URLS, None, {"police-advisors/"})
    assert [(p.line, p.message) for p in problems] == [
        (5, "'police-advisors.md' is not in the navigation (mkdocs.yml `nav`), so search leaves it out")
    ]
    assert problems[0].hint.startswith("add the page to `nav` in mkdocs.yml")


PHRASES = (
    GOOD
    + """\
phrases:
  - phrase: log in
    searched_as: sign in
  - phrase: kill  myself
    searched_as: suicidal
"""
)


def test_phrases_go_to_the_search_worker_in_the_index_config():
    words, problems = parse_search_words(PHRASES)
    assert problems == []
    assert [(p.phrase, p.searched_as, p.line) for p in words.phrases] == [
        ("log in", "sign in", 7),
        ("kill myself", "suicidal", 9),
    ]
    index, _ = rewrite_index(INDEX, words, URLS, None, set())
    assert index["config"]["phrases"] == [["log in", "sign in"], ["kill myself", "suicidal"]]
    assert index["config"]["lang"] == ["en"]


def test_a_phrase_given_twice_or_not_in_words_is_named_on_its_line():
    text = PHRASES + "  - phrase: Log In\n    searched_as: log on\n  - phrase: log-in!\n    searched_as: x\n"
    _, problems = parse_search_words(text)
    assert sorted((p.line, p.message) for p in problems) == [
        (11, "'Log In' is listed twice (first on line 7, as 'log in')"),
        (13, "phrases > item 4, field 'phrase': 'log-in!' is not a phrase of words"),
    ]
    assert all(p.hint for p in problems)


def test_phrases_that_clash_with_synonyms_or_each_other_are_named():
    """A maintainer review: "hacked" as a phrase took the word from its page; "sign in" searched as
    "password" turned "log in" into "password"; "login" after "log in" could never apply."""
    text = GOOD + (
        "phrases:\n"
        "  - phrase: log in\n    searched_as: sign in\n"
        "  - phrase: login\n    searched_as: sign in\n"
        "  - phrase: sign in\n    searched_as: password\n"
        "  - phrase: MFA\n    searched_as: two step\n"
        '  - phrase: "\'cos"\n    searched_as: because\n'
        '  - phrase: want to die\n    searched_as: "$& $\'"\n'
    )
    _, problems = parse_search_words(text)
    assert sorted((p.line, p.message) for p in problems) == [
        (7, "'log in' is searched as 'sign in', which the phrase 'sign in' (line 11) would change again"),
        (9, "'login' is listed twice (first on line 7, as 'log in')"),
        (13, "'MFA' is also a synonym (line 2), which it would take from its page"),
        (15, "phrases > item 5, field 'phrase': ''cos' is not a phrase of words"),
        (18, "phrases > item 6, field 'searched_as': '$& $'' is not words to search for"),
    ]
    assert all(p.hint for p in problems)


def test_a_phrase_searched_as_words_on_no_page_is_named():
    words, _ = parse_search_words(GOOD + "phrases:\n  - phrase: want to die\n    searched_as: suicidle\n")
    _, problems = rewrite_index(INDEX, words, URLS, None, set())
    assert [(p.line, p.message) for p in problems] == [
        (7, "'want to die' is searched as 'suicidle', which is on no page, so it finds nothing")
    ]
    words, _ = parse_search_words(GOOD + "phrases:\n  - phrase: two factor\n    searched_as: pass\n")
    assert rewrite_index(INDEX, words, URLS, None, set())[1] == []  # "pass" starts "Passwords"


def test_a_phrase_is_found_only_at_the_start_of_a_word_as_search_finds_it():
    """Search matches the start of a word: "ord" inside "Words" or "request" across "pull
    request" would find nothing; the start of a title, of a tag, or after an apostrophe's word
    ("we'd") is a start."""
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "a/", "title": "Glossary", "text": "Words we'd use: pull request."},
            {"location": "b/", "title": "Cyber", "text": "x", "tags": ["Ofcom"]},
        ],
    }

    def unfound(searched_as: str) -> list[str]:
        words, problems = parse_search_words(
            f"{GOOD}phrases:\n  - phrase: want to die\n    searched_as: {searched_as}\n"
        )
        assert problems == []
        return [p.message for p in rewrite_index(index, words, URLS, None, set())[1] if "finds nothing" in p.message]

    for found in ["gloss", "words", "we'd", "pull request", "ofc", "cyber"]:
        assert unfound(found) == [], found
    for nowhere in ["ords", "lossary", "equest", "d", "fcom"]:  # "d" only after an apostrophe
        assert len(unfound(nowhere)) == 1, nowhere


def test_an_index_rewritten_once_is_read_from_the_render_cache_until_an_input_changes(tmp_path, monkeypatch):
    """pipeline step 1 keeps a clean rewrite under every input; a problem is reported every build."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "search").mkdir(parents=True)
    (site / pipeline.SEARCH_INDEX).write_text(json.dumps(INDEX), encoding="utf-8")
    build = bare_post_build(search_pages=URLS, hidden_urls=["contributing/"], render_cache=str(cache))
    words, _ = parse_search_words(GOOD)
    rewrites = []
    rewrite = search_index.rewrite_index
    monkeypatch.setattr(
        search_index, "rewrite_index", lambda *args, **kwargs: rewrites.append(1) or rewrite(*args, **kwargs)
    )

    def step_1(words=words, glossary=TERMS):
        return pipeline.rewrite_search_index(site, build, words, glossary, pipeline.Report())

    first = step_1()
    assert step_1() == first and len(rewrites) == 1
    assert first == json.dumps(
        rewrite(INDEX, words, URLS, None, {"contributing/"})[0], ensure_ascii=False, separators=(",", ":")
    )
    build.glossary_url = "glossary/"
    with_terms = step_1()
    assert "Ofcom" in with_terms and len(rewrites) == 2
    assert step_1(glossary=TERMS[:1]) != with_terms and len(rewrites) == 3
    wrong, _ = parse_search_words(GOOD.replace("#passwords", "#no-such-section"))
    for _ in range(2):
        with pytest.raises(BuildStopped, match="no section #no-such-section"):
            step_1(wrong)
    assert len(rewrites) == 5


def test_a_dirty_builds_index_lacks_pages_and_phrases_without_a_mistake():
    """`mkdocs build --dirty`: Material indexes only the pages it rebuilt."""
    words, _ = parse_search_words(
        GOOD.replace("#passwords", "#pass-words") + "phrases:\n  - phrase: want to die\n    searched_as: suicidle\n"
    )
    assert rewrite_index(INDEX, words, URLS, None, set(), whole=False)[1] == []
    assert len(rewrite_index(INDEX, words, URLS, None, set())[1]) == 2
