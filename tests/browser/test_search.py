"""Material's search, used through its search box, finds the page a stressed reader is looking for."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import fresh_context

from .conftest import DESKTOP, PHONE, open_page, search
from .help_service import TAPPABLE

pytestmark = pytest.mark.browser

# What a reader types, and the page(s) that answer it: the right page must be in the top three.
EXPECTED = {
    "phishing": ["cyber-security/", "help/suspicious-message/"],
    "FEOA": ["police-advisors/"],
    "999": ["get-help-now/"],
    "screenshot": ["harassment/", "evidence-log/"],
    "Online Safety Act": ["online-safety-act/"],
    "password": ["cyber-security/"],
    "leaving": ["help/staff-leaving/"],
    # Everyday words from data/search-synonyms.yml.
    "2FA": ["cyber-security/"],
    "MFA": ["cyber-security/"],
    "two-factor": ["cyber-security/"],
    "authenticator": ["cyber-security/"],
    "adviser": ["police-advisors/"],
    "advisor": ["police-advisors/"],
    "hacked": ["help/account-hacked/", "get-help-now/"],
    "hijacked": ["help/account-hacked/", "get-help-now/"],
    "stalking": ["help/threats/", "harassment/"],
    "swatting": ["help/threats/"],  # a reader review: it found nothing
    # The December 2026 guidance (docs/personal-information.md, docs/impersonation-and-deepfakes.md,
    # the election period, the police advisers, the Online Safety Act).
    # The answers come first (issue 33); the guidance pages explain more.
    "doxxing": ["help/address-posted/"],
    "doxing": ["help/address-posted/"],
    "home address": ["help/address-posted/"],
    "where she lives": ["help/address-posted/"],
    "deepfake": ["help/deepfake/"],
    "misinformation": ["help/false-post/"],
    "smear": ["help/false-post/"],
    "impersonation": ["help/fake-account/"],
    "PLaIT": ["get-help-now/", "police-advisors/"],
    "Operation Bridger": ["police-advisors/"],
    "dissolution": ["election-period/"],
    "digital imprint": ["election-period/"],
    "Ofcom": ["online-safety-act/"],
    "7726": ["get-help-now/", "help/suspicious-not-opened/"],
    # What stressed readers type (issue 33): feelings, situations and platform names.
    "burnout": ["help/affecting-me/"],
    "burnt out": ["help/affecting-me/"],
    "stressed": ["help/affecting-me/"],
    "overwhelmed": ["help/affecting-me/"],
    "scared": ["help/affecting-me/"],
    "can't cope": ["help/affecting-me/"],
    "cant cope": ["help/affecting-me/"],
    "Samaritans": ["help/affecting-me/"],
    "locked out": ["help/locked-out/"],
    "can't sign in": ["help/locked-out/"],
    "fake video": ["help/deepfake/"],
    "fake image": ["help/deepfake/"],
    "fake account": ["help/fake-account/"],
    "Shout": ["help/affecting-me/"],
    "recover Instagram": ["help/locked-out/"],
    "Instagram hacked": ["help/locked-out/", "help/account-hacked/"],
    "Facebook hacked": ["help/locked-out/", "help/account-hacked/"],
    "death threat": ["help/threats/"],
    "threat to kill": ["help/threats/"],
    "report to X": ["get-help-now/"],
    "Twitter": ["get-help-now/"],
    "Facebook": ["get-help-now/"],
    "Instagram": ["get-help-now/"],
    "TikTok": ["get-help-now/"],
    "YouTube": ["get-help-now/"],
    "LinkedIn": ["get-help-now/"],
    # Added on 6 December (eighth session): words that found nothing or the wrong page.
    "pretending": ["help/fake-account/"],
    "posing": ["help/fake-account/"],
    "ransomware": ["help/suspicious-message/"],
    "stalked": ["help/threats/"],
    "parcel": ["help/threats/"],
    "bomb": ["help/threats/"],
    "nude": ["impersonation-and-deepfakes/"],
    "naked": ["impersonation-and-deepfakes/"],
    "intimate": ["impersonation-and-deepfakes/"],
    "cant log in": ["help/locked-out/"],
    "forgotten password": ["help/locked-out/"],
    "hate": ["help/abuse/"],
    # Added in the ninth session: a reader in distress, and crimes named by a word no page used.
    "suicide": ["help/affecting-me/"],
    "suicidal": ["help/affecting-me/"],
    "sextortion": ["impersonation-and-deepfakes/"],
    "blackmail": ["help/threats/"],
    "white powder": ["help/threats/"],
    "suspicious letter": ["help/threats/"],
    # Added in the tenth session: thoughts of suicide or self-harm, as a reader might type them.
    "kill myself": ["help/affecting-me/"],
    "want to die": ["help/affecting-me/"],
    "self harm": ["help/affecting-me/"],
    # "Facebook" alone is the platform's reporting help, first; the sign-in answer next.
    "can't log into Facebook": ["help/locked-out/"],
}
# Words a reader types once something has happened: the answer, not the guidance, comes first
# (a reader review: "police" led to the Resources list, "phishing" to advice on spotting one).
ANSWER_FIRST = {
    "police": "get-help-now/",
    "101": "get-help-now/",
    "phishing": "help/suspicious-message/",
    "clicked": "help/suspicious-message/",
    "scam": "help/suspicious-message/",
    "hacked": "help/account-hacked/",
    "death threat": "help/threats/",
    # Sentences, as a stressed reader types them: their common words ("a", "I", "of") must not
    # match the start of other words (search-worker.js).
    "I clicked a link": "help/suspicious-message/",
    "I have been hacked": "help/account-hacked/",
    "a fake video of the MP": "help/deepfake/",
    "someone is pretending to be the MP": "help/fake-account/",
    "is this a death threat": "help/threats/",
    "suspicious package": "help/threats/",
    "revenge porn": "impersonation-and-deepfakes/",
    "forgot password": "help/locked-out/",
    # lunr counts "cannot" as a common word, but not "can't"; phones type "can’t" (search-worker.js
    # and the phrases in data/search-synonyms.yml).
    "I cannot log in": "help/locked-out/",
    "I can\u2019t log in": "help/locked-out/",
    # The pages say "sign in"; "log in" alone searched for "log" and found the evidence log.
    "log in": "help/locked-out/",
    "login": "help/locked-out/",
    # Phrases searched as the pages say them (data/search-synonyms.yml): "kill" alone is a threat.
    "kill myself": "help/affecting-me/",
    "hurt myself": "help/affecting-me/",
    "harm myself": "help/affecting-me/",
    "I want to end my life": "help/affecting-me/",
    "log on": "help/locked-out/",
    "killing myself": "help/affecting-me/",
    "kill my self": "help/affecting-me/",
    "logged in": "help/locked-out/",
    # A reader review: someone who opened it was sent to "Nobody has opened it" first, and a fake
    # sign-in page to the fake account question (data/search-synonyms.yml).
    "I opened an attachment": "help/suspicious-opened/",
    "opened a link": "help/suspicious-opened/",
    "I typed my password": "help/suspicious-opened/",
    "I gave my password to someone": "help/suspicious-opened/",
    # ... and someone who did not open it, to its own answer; "attachment" alone asks which.
    "I didn't open it": "help/suspicious-not-opened/",
    "I didn\u2019t open the attachment": "help/suspicious-not-opened/",
    "not opened": "help/suspicious-not-opened/",
    "attachment": "help/suspicious-message/",
    # A reader review: "harassment" found the protocol and the guidance before the answer, whose
    # title says it, and its commonest misspelling found nothing; a stolen password found advice
    # on strong passwords, and a suspicious link the platforms' reporting help.
    "harassment": "help/abuse/",
    "being harassed online": "help/abuse/",
    "harrasment": "help/abuse/",  # codespell:ignore harrasment
    "my password was stolen": "help/account-hacked/",
    "someone has my password": "help/account-hacked/",
    # ... and harassment the office writes a protocol for, or witnesses, to those pages.
    "harassment protocol": "harassment-protocol/",
    "harassment policy": "harassment-protocol/",
    "witness harassment": "harassment/",
    "suspicious link": "help/suspicious-message/",
    "I clicked a bad link": "help/suspicious-message/",
    "entered my password on a fake site": "help/suspicious-message/",
    "fake website": "help/suspicious-message/",
}
# Words typed with a slip (a reader review found each gave "No results"): a query that finds
# nothing is asked again forgiving one slip a word (search-worker.js), and the answer comes first.
MISTYPED = {
    "harrassment": "help/abuse/",  # codespell:ignore harrassment
    "hackd": "help/account-hacked/",
    "hacekd": "help/account-hacked/",
    # As "password" now: the answer for a password typed into a fake page first, then the advice.
    "pasword": "help/suspicious-opened/",
    "phising": "help/suspicious-message/",
    "threatning": "help/threats/",
    "impersonaton": "help/fake-account/",
    "sucidal": "help/affecting-me/",
}
# Words on no page that one slip would turn into a word on some page ("bank" into "back"): they
# still find nothing, so the reader gets "No results" and the way on, not pages about something else.
NOT_FORGIVEN = ["bank", "loan", "parking"]
# Words as a reader inflects them, and a page that must be among the first three: Material's
# wildcard keeps lunr's stemmer away, so search-worker.js adds each word's stem.
INFLECTED = {"harassed": "help/abuse/", "abused": "help/abuse-or-threats/"}
# Searches that share a common word with a synonym's phrase ("out" in "locked out", "log" in
# "log in"), and the synonym pages that must not come first for them.
NOT_PULLED = {
    "opt out": ["help/locked-out/", "help/affecting-me/"],
    "evidence log": ["help/locked-out/"],
    "log incidents": ["help/locked-out/"],
    # "myself" is part of a phrase, not a word of its own (a review: these found the wellbeing answer).
    "protect myself online": ["help/affecting-me/"],
    "keep myself safe": ["help/affecting-me/"],
    "report it myself": ["help/affecting-me/"],
    "password": ["help/locked-out/"],
    "recovery plan": ["help/locked-out/"],
    "account": ["help/fake-account/", "help/fake-or-address/"],
    # A stolen phone or a leaked address is not a hacked account (a review).
    "leaked address": ["help/account-hacked/"],
    "my address was leaked": ["help/account-hacked/"],
    "stolen phone": ["help/account-hacked/"],
    "leaked document": ["help/account-hacked/"],
}
# Words a reader might type that a maintainer page would otherwise answer.
READER_QUERIES = ["where she lives", "home address", "edit", "glossary", "pull request", "Markdown"]


@pytest.fixture(scope="session")
def results_for(tab, site_url):
    """results_for(query) -> the result pages' paths under the site, best first, as a reader
    searching on the home page at desktop width sees them. Each query is searched once per
    session, however many tests read its results, one after another in the same open page."""
    site_path = site_url.split("/", 3)[3]  # "" when the site is served from the root
    found = {}

    def get(query: str) -> list[str]:
        if query not in found:
            page = tab("light", DESKTOP)
            if page.url != site_url:  # another test took the tab elsewhere
                open_page(page, site_url)
            found[query] = [path.removeprefix("/" + site_path) for path in search(page, query)]
        return found[query]

    return get


@pytest.mark.parametrize("query", EXPECTED)
def test_search_lists_the_right_page_in_the_top_three(results_for, query):
    found = results_for(query)[:3]
    assert any(p in EXPECTED[query] for p in found), f"{query!r} gave {found}, expected one of {EXPECTED[query]}"


@pytest.mark.parametrize("query", ANSWER_FIRST)
def test_a_reader_in_trouble_gets_the_answer_first(results_for, query):
    found = results_for(query)
    assert found[:1] == [ANSWER_FIRST[query]], f"{query!r} gave {found[:3]}"


@pytest.mark.parametrize("query", NOT_FORGIVEN)
def test_a_short_or_unrelated_word_still_finds_nothing(results_for, query):
    assert results_for(query) == [], f"{query!r} found pages about something else"


@pytest.mark.parametrize("query", {**INFLECTED, **MISTYPED})
def test_a_word_inflected_or_with_a_slip_finds_its_page(results_for, query):
    page = {**INFLECTED, **MISTYPED}[query]
    found = results_for(query)
    assert page in found[:3], f"{query!r} gave {found[:3]}"


@pytest.mark.parametrize("query", NOT_PULLED)
def test_a_common_word_does_not_pull_a_synonyms_page_to_the_top(results_for, query):
    found = results_for(query)
    assert found and found[0] not in NOT_PULLED[query], f"{query!r} gave {found[:3]}"


@pytest.mark.parametrize("query", READER_QUERIES)
def test_maintainer_pages_never_appear_in_reader_results(results_for, query):
    assert not [p for p in results_for(query) if p.endswith("contributing/")], (
        f"{query!r} lists the contributors' guide"
    )


def test_a_glossary_term_is_its_own_result(tab, site_url):
    """ "Ofcom" finds the glossary's Ofcom entry alone, never the whole glossary as one result."""
    page = tab("light", DESKTOP)
    open_page(page, site_url)
    search(page, "Ofcom")
    entries = page.locator("a.md-search-result__link").evaluate_all(
        """links => links.map(a => [new URL(a.href).pathname + new URL(a.href).hash, a.innerText])"""
    )
    glossary = {where: text for where, text in entries if where.endswith("/glossary/#ofcom")}
    assert glossary, f"the glossary's Ofcom entry is not among the results: {[w for w, _ in entries]}"
    text = next(iter(glossary.values()))
    assert "Ofcom" in text and "Phishing" not in text and "Spear-phishing" not in text, text


def test_results_never_show_the_synonyms_that_found_them(tab, site_url):
    page = tab("light", DESKTOP)
    open_page(page, site_url)
    search(page, "2FA")
    results = page.locator(".md-search-result__list")
    # Waited for: Material can show the count line before it has drawn the results (a CI run).
    expect(results.locator(".md-tags").first, "the synonyms are no longer in the index as tags").to_be_attached()
    assert "MFA" not in results.inner_text(), "the synonyms show in the results"


def test_a_context_for_one_test_runs_without_the_search_worker(browser, site_url):
    """fresh_context leaves the search worker out (WITHOUT_THE_SEARCH_WORKER): if it were renamed,
    every test would build the search index again on every page load."""
    context = fresh_context(browser)
    try:
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        open_page(page, site_url, wait_until="networkidle")
        started = [url for url in requested if "/workers/search." in url or "/search-worker.js" in url]
        assert not started, f"the search worker was started: {started}"
    finally:
        context.close()


def test_search_speaks_plain_english(tab, site_url):
    """Material's "No matching documents" and "25 matching documents" (a reader review), in a
    help service's words, with what to try next."""
    page = tab("light", DESKTOP)
    open_page(page, site_url)
    search(page, "qqqzzz")
    assert page.locator(".md-search-result__meta").inner_text() == "No results. Check the spelling, or try other words."
    search(page, "password")
    assert re.fullmatch(r"\d+ results", page.locator(".md-search-result__meta").inner_text())


def test_a_search_that_finds_nothing_leads_on(tab, site_url):
    """ "No results" was a dead end (a reader review): under it, links to Get help now and "What's
    happening?", which work from a page deep in the site and which the keyboard reaches; a search
    that finds pages shows no such links."""
    page = tab("light", PHONE)
    open_page(page, site_url + "help/threats/")
    search(page, "qqqzzz")
    way_on = page.locator(".md-search__output .sp-search-help")
    assert way_on.is_visible(), "no way on is shown under a search that found nothing"
    # Screen readers say the line above it as it changes (WCAG 4.1.3, status messages).
    assert page.get_by_role("status").filter(has_text="No results").count() == 1
    links = way_on.get_by_role("link")
    assert links.all_inner_texts() == ["Get help now", "What's happening?"]
    assert [link.get_attribute("href") for link in links.all()] == ["../../get-help-now/", "../"]
    # Each at least a 24 px target (WCAG 2.5.8; a reader review found them 17 px tall), on its own
    # (a tap at its centre lands on it), with the words after it on lines of the usual height.
    assert min(link.bounding_box()["height"] for link in links.all()) >= 24
    assert all(link.evaluate(TAPPABLE)["tappable"] for link in links.all())
    # From the search box, the arrow keys reach them, as they reach results.
    page.locator("input.md-search__input").focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Get help now"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "What's happening?"
    page.keyboard.press("Escape")  # close the search, as search() opens it
    search(page, "password")
    # Enter in the box still opens the best result (a link in the results without a score stopped it).
    with page.expect_navigation():
        page.locator("input.md-search__input").press("Enter")
    assert "/help/threats/" not in page.url
    open_page(page, site_url + "help/threats/")
    search(page, "password")
    assert way_on.count() == 0, "the way on is among a search's results"
    # ArrowUp from the box wraps round to the last result (hidden links once stopped it).
    page.locator("input.md-search__input").focus()
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    page.keyboard.press("Escape")
    search(page, "qqqzzz")
    # Enter with no results opens the first link shown, as it opens the first result otherwise.
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(re.compile(r"/get-help-now/$"))


def test_while_search_is_getting_ready_enter_goes_nowhere(browser, site_url):
    """On a slow connection, "Getting search ready" showed the way on too, and Enter opened Get
    help now before anything was searched (a review)."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.route("**/search/search_index.json", lambda route: None)  # the index never arrives
        open_page(page, site_url + "help/threats/")
        page.locator("label.md-header__button[for='__search']").click()
        box = page.locator("input.md-search__input")
        box.fill("log in")
        box.press("Enter")
        page.wait_for_timeout(500)
        assert "Getting search ready" in page.locator(".md-search-result__meta").inner_text()
        assert page.locator(".md-search__output .sp-search-help").count() == 0
        assert page.url.endswith("/help/threats/")
    finally:
        context.close()
