"""The crisis answers as readers, printers and the crisis card get them: every list of first steps
in a safe order (CONTRIBUTING.md, "Safe order") on the built pages, in the PDF and on both cards,
each answer naming its sources, and the situations of issue 33 answered with the right routes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser.help_service import ANSWER_PAGES as HELP_ANSWER_PAGES
from conftest import CARD_ABBREVIATIONS, read_page, unexplained_abbreviations
from saferpolitics.markdown_stage.safe_order import order_problems
from saferpolitics.post_build.crisis_cards import CARDS


def squash(text: str) -> str:
    """Words without spaces or hyphens: lines wrap anywhere on paper."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def step_words(item, addresses: bool = False) -> str:
    """A step as a reader sees it; the printed addresses of registry links (.sp-url) only when
    asked, as paper shows them."""
    words = "".join(text for text in item.find_all(string=True) if addresses or not text.find_parent(class_="sp-url"))
    return " ".join(words.split())


def first_steps(site_dir: Path, page: str) -> list[list]:
    """Each list of first steps on a built page (its <li> elements)."""
    html = read_page(site_dir / page / "index.html").select_one("article")
    return [ol.find_all("li", recursive=False) for ol in html.select("ol.sp-first-steps")]


@pytest.fixture(scope="module")
def lists_on_pages(site_dir, nav_html) -> dict[str, list[list]]:
    """page (site path) -> its lists of first steps, for every built page that has one."""
    found = {}
    for html_file in nav_html.values():
        page = html_file.parent.relative_to(site_dir).as_posix()
        lists = first_steps(site_dir, page if page != "." else "")
        if lists:
            found[page] = lists
    return found


# Every page under docs/help/ with a list of first steps (site paths without the slash): a new
# answer page is covered without a change here.
ANSWER_PAGES = [page.rstrip("/") for page in HELP_ANSWER_PAGES]


def test_every_answer_page_and_get_help_now_show_their_steps_from_the_data_file(lists_on_pages):
    assert set(ANSWER_PAGES) | {"get-help-now"} <= set(lists_on_pages)
    assert len(lists_on_pages["get-help-now"]) == 2


def test_every_list_on_every_built_page_is_in_a_safe_order(lists_on_pages):
    unsafe = {
        f"{page} list {number}": problems
        for page, lists in lists_on_pages.items()
        for number, items in enumerate(lists, start=1)
        if (problems := order_problems([step_words(item) for item in items]))
    }
    assert not unsafe, unsafe


def test_every_numbered_list_written_in_a_page_is_in_a_safe_order_too(site_dir, nav_html):
    """Lists written in a page, not drawn from data/first-hour.yml, are not checked by the build.
    A review found the Online Safety Act page's "when you are abused" list keeping the evidence in
    step 1 and saying to call 999 in step 2."""
    unsafe = {}
    for html_file in nav_html.values():
        page = html_file.parent.relative_to(site_dir).as_posix()
        for number, ol in enumerate(read_page(html_file).select("article ol:not(.sp-first-steps)"), start=1):
            if problems := order_problems([step_words(li) for li in ol.find_all("li", recursive=False)]):
                unsafe[f"{page} numbered list {number}"] = problems
    assert not unsafe, unsafe


# A step a stressed reader on a phone can take in: GOV.UK's one instruction per step, short
# sentences. A content review found steps of 60 to 91 words, each three or four instructions.
MAX_STEP_WORDS = 45


def test_every_crisis_step_is_short_enough_to_read_in_a_hurry(lists_on_pages):
    long_steps = {
        f"{page}: {len(words.split())} words: {words[:60]!r}"
        for page, lists in lists_on_pages.items()
        for items in lists
        for item in items
        if len((words := step_words(item)).split()) > MAX_STEP_WORDS
    }
    assert not long_steps, f"split or tighten each step into one action (data/first-hour.yml): {sorted(long_steps)}"


def test_every_list_of_steps_says_what_it_is_based_on(site_dir, lists_on_pages):
    for page in lists_on_pages:
        article = read_page(site_dir / page / "index.html").select_one("article")
        for ol in article.select("ol.sp-first-steps"):
            based_on = ol.find_next_sibling("p", class_="sp-based-on")
            assert based_on and based_on.get_text().startswith("Based on: "), f"{page}: a list with no 'Based on'"
            sources = based_on.select("a.sp-ext[href^='https://']")
            assert sources and all(a.get_text(strip=True) for a in sources), (
                f"{page}: 'Based on' names no registry source"
            )


def test_the_pdf_prints_every_list_whole_and_in_the_same_order(lists_on_pages, pdf_reading_text, nav_pages):
    """Printed from the same pages, so the PDF cannot drift from them: each situation's steps
    are on paper once (where they come first; other pages point there), each step with its
    links' addresses, after the step before it, even where it runs on to the next sheet."""
    text = squash(" ".join(pdf_reading_text))
    text = re.sub(r"\(page\d+\)", "", text)  # paper's page numbers for links inside the toolkit
    missing, printed = [], set()
    order = [md.removesuffix(".md").removesuffix("index").rstrip("/") for md in nav_pages]
    for page in sorted(lists_on_pages, key=order.index):
        for items in lists_on_pages[page]:
            key = items[0].find_parent("ol")["data-sp-steps"]
            if key in printed:
                continue
            printed.add(key)
            position = 0
            for item in items:
                words = squash(step_words(item, addresses=True))
                found = text.find(words, position)
                if found == -1:
                    missing.append(f"{page}: {step_words(item)[:70]!r}")
                    break
                position = found + len(words)
    assert not missing, missing[:5]


@pytest.mark.parametrize("path", sorted(CARDS))
def test_each_crisis_card_keeps_the_safe_order_and_the_night_time_helplines(site_dir, first_hour, path):
    text = squash(PdfReader(site_dir / path).pages[0].extract_text())
    for listing in (listing for listing in first_hour.lists if listing.card_heading):
        on_card = [step.words("card") for step in listing.steps]
        positions = [text.find(squash(words)) for words in on_card]
        assert -1 not in positions and positions == sorted(positions), f"{listing.key}: steps missing or out of order"
        assert order_problems(on_card) == [], listing.key
    assert "Samaritans116123" in text and "textSHOUTto85258" in text and "EmployeeAssistanceProgramme" in text
    threats = text[text.find(squash("When abuse or threats start")) : text.find(squash("When an account is hacked"))]
    assert threats.find("PLaIT") < threats.find("reportittotheplatform") and threats.find("101") < threats.find(
        "reportittotheplatform"
    )
    assert "999ifimmediate" in threats, "the card's threat step says when to call 999"
    assert "intranet" not in text.lower(), (
        "a number 'on the intranet' cannot be reached with no signal: write it on the card"
    )


@pytest.mark.parametrize("path", sorted(CARDS))
def test_each_crisis_card_spells_out_each_abbreviation_where_it_first_appears(site_dir, path):
    """A printing review: PLaIT, the ICO, IPSA and MSSS were never spelled out on paper, and the
    FEOA only in the contacts, below "tell your FEOA". Someone new to the office reads the card."""
    text = " ".join(PdfReader(site_dir / path).pages[0].extract_text().split())
    assert unexplained_abbreviations(text) == [], text
    assert "force elected-official adviser (FEOA)" in text and "Parliament's police team (PLaIT)" in text
    assert unexplained_abbreviations("Tell your FEOA, your force elected-official adviser (FEOA).") == ["FEOA"]
    assert all(abbreviation not in unexplained_abbreviations("") for abbreviation in CARD_ABBREVIATIONS)


def steps_text(site_dir: Path, page: str) -> list[str]:
    return [step_words(item) for item in first_steps(site_dir, page)[0]]


def hrefs(site_dir: Path, page: str) -> set[str]:
    return {a["href"] for a in read_page(site_dir / page / "index.html").select("article a[href]")}


def first(steps: list[str], *words: str) -> int:
    return next(number for number, step in enumerate(steps) if all(w.lower() in step.lower() for w in words))


def test_an_opened_phishing_link_stops_the_device_before_any_password(site_dir):
    steps = steps_text(site_dir, "help/suspicious-opened")
    assert first(steps, "stop using the device", "do not sign in") == 0
    # The message is kept, then reported from a safe device, before a factory reset can delete it.
    keep, report = first(steps, "keep the evidence", "do not delete the message"), first(steps, "report the message")
    assert (
        keep < report < first(steps, "factory reset", "once you have reported")
        and "device you know is safe" in steps[report]
    )
    # A parliamentary device: the Digital Support Desk first; then the password typed in is changed
    # at once (crisis sources 1.3, "change it immediately"), from another device, before anything
    # that can wait (telling colleagues, reporting the message).
    desk, password = first(steps, "digital support desk"), first(steps, "another device", "change the password")
    assert desk < password < first(steps, "tell your colleagues") and password < report
    assert "disconnect" not in " ".join(steps).lower()  # no UK official source says so (crisis sources 1.5)
    # A scam text is forwarded from the phone it came to: never from the device the reader stopped
    # using, where it stays as evidence. That reader reports through Report Fraud if money was lost
    # or an account hacked (the next step): Report Fraud's page on suspicious activity, offered
    # here before, is about forwarding emails, not texts (a facts review).
    text = first(steps, "7726")
    assert report < text < first(steps, "report fraud") < first(steps, "factory reset")
    assert "only if the phone it came to is not the device you stopped using" in steps[text]
    assert "stays on it as evidence" in steps[text] and "suspicious activity" not in steps[text]


def test_a_threat_goes_to_the_police_and_parliament_before_the_platform(site_dir):
    steps = steps_text(site_dir, "help/threats")
    assert first(steps, "999") == 0
    police = first(steps, "101", "PLaIT", "force elected-official adviser")
    assert first(steps, "screenshot") < police < first(steps, "report it to the platform")
    # A threat by email or post: its own source says to keep them (crisis sources 9.1).
    assert "Keep emails, texts, voicemails and letters" in steps[first(steps, "screenshot")]
    assert "intranet" not in " ".join(steps)
    # Every instruction on the page is traceable: the suspicious-mail advice to ProtectUK's.
    assert "https://protectuk.police.uk/resources/51" in hrefs(site_dir, "help/threats")


def test_a_hacked_account_captures_what_the_attacker_posted_tells_the_mp_and_uses_each_platforms_route(site_dir):
    steps = steps_text(site_dir, "help/locked-out")
    assert (
        first(steps, "tell your MP")
        < first(steps, "screenshot what the attacker")
        < first(steps, "recover the account")
    )
    routes = hrefs(site_dir, "help/locked-out")
    for route in (
        "https://help.x.com/en/safety-and-security/x-account-compromised",
        "https://www.instagram.com/hacked",
        "https://www.tiktok.com/safety/resources/hacked-account",
    ):
        assert route in routes
    # Recovery forms seen only in copies or public code are not published (crisis sources: "never
    # publish ... a form address ... marked PARTIAL ... without checking it by hand"): the page
    # says how to find each platform's own route instead.
    text = " ".join(read_page(site_dir / "help/locked-out" / "index.html").select_one("article").get_text(" ").split())
    for route in ("facebook.com/hacked", "accounts.google.com", "answer/a1340402"):
        assert not any(route in href for href in routes), route
    assert 'Help Centre for "hacked account"' in text and 'LinkedIn\'s Help for "account access issue"' in text
    assert "https://help.x.com/en/safety-and-security/x-account-compromised" in hrefs(site_dir, "help/account-misused")
    # A hacked office account may hold casework: the ICO's 72-hour breach report (crisis sources 1.13).
    breach = "https://ico.org.uk/global/privacy-notice/report-a-breach-all-controllers/"
    for page in ("help/locked-out", "help/account-misused", "help/suspicious-opened", "cyber-security"):
        assert breach in hrefs(site_dir, page), page


def test_someone_overwhelmed_at_night_gets_samaritans_shout_and_the_commons_helpline(site_dir):
    steps = " ".join(steps_text(site_dir, "help/affecting-me"))
    # Both one tap away: Shout's number opens a text message (a reader review).
    assert {"tel:116123", "sms:85258"} <= hrefs(site_dir, "help/affecting-me") and "text SHOUT to 85258" in steps
    assert "Employee Assistance Programme" in steps and "24 hours" in steps


def test_every_step_that_reports_a_threat_says_999_if_it_is_immediate_and_101_otherwise(lists_on_pages):
    """One rule wherever a step sends a threat to the police (crisis sources 2.1: "report immediate
    threats to the police on 999"): pages once said 101 for a threat on one answer and 999 for
    any threat on another."""
    threat_steps = [
        (page, item)
        for page, lists in lists_on_pages.items()
        for items in lists
        for item in items
        if "threat" in step_words(item).lower() and item.select_one('a[href="tel:101"]')
    ]
    assert len(threat_steps) >= 4, "the threat steps were not found"
    for page, item in threat_steps:
        words = " ".join(step_words(item).split())
        assert item.select_one('a[href="tel:999"]') and re.search(
            r"999 if (it|a threat|the threat) is immediate", words
        ), f"{page}: {words[:90]!r}"
        assert words.index("999") < words.index("101"), f"{page}: 999 first: {words[:90]!r}"


def test_the_threats_checklist_tells_the_mp_second_as_the_steps_above_it_do(site_dir):
    """A reader review: the steps said it second, the checklist under them fifth, after 101."""
    page = read_page(site_dir / "help/threats" / "index.html")
    items = [label.get_text(" ", strip=True) for label in page.select("#checklist ~ fieldset .sp-checklist__label")]
    told = next(number for number, item in enumerate(items) if "MP or candidate" in item)
    assert told == 1 and "999" in items[0], items


def test_the_checklist_for_a_struggling_reader_asks_them_to_read_no_abuse(site_dir):
    """On "What I'm reading is affecting me" the checklist is for later, with the team: no item
    asks for screenshots or reports of the abuse, and none repeats the page's own steps."""
    page = read_page(site_dir / "help/affecting-me" / "index.html")
    items = [label.get_text(" ", strip=True) for label in page.select("#checklist ~ fieldset .sp-checklist__label")]
    assert items, "the page has no checklist"
    assert not [item for item in items if re.search(r"screenshot|report each|take a break", item, re.I)], items
    assert "For later" in page.select_one("#checklist").find_next("p").get_text()


def test_a_deepfake_is_reported_under_the_rule_that_fits_with_the_election_routes(site_dir):
    steps = steps_text(site_dir, "help/deepfake")
    report = steps[first(steps, "report it to the platform")]
    # Police advice says only "report ... to the platform"; the research's route is the platform's
    # synthetic-media, impersonation or privacy rule (crisis sources 3.5, 3.11).
    assert "manipulated media, impersonation or privacy" in report and "not as impersonation" not in report
    election = first(steps, "during an election")
    assert "single point of contact for elections" in steps[election]
    # The candidate security briefing names the party and the Returning Officer (crisis sources 3.4),
    # the step after; the false-post answer and the deepfakes page say the same.
    assert (
        "your party and your Returning Officer" in steps[election + 1] and "Electoral Commission" in steps[election + 1]
    )
    false_post = steps_text(site_dir, "help/false-post")
    assert "your party and your Returning Officer" in false_post[first(false_post, "during an election") + 1]
    briefing = "https://cne-siar.gov.uk/home/your-council/elections-and-voting/uk-parliamentary-election/information-for-candidates-and-agents-uk-election/candidate-security"
    for page in ("help/deepfake", "help/false-post", "impersonation-and-deepfakes"):
        assert briefing in hrefs(site_dir, page), page
    assert (
        "https://www.electoralcommission.org.uk/voting-and-elections/campaigning-your-vote/engaging-campaign-material-elections"
        in hrefs(site_dir, "help/deepfake")
    )


def test_a_posted_address_has_each_removal_route(site_dir):
    routes = hrefs(site_dir, "help/address-posted")
    for route in (
        "https://help.x.com/en/rules-and-policies/personal-information",
        "https://support.google.com/websearch/answer/9673730",
        "https://ico.org.uk/make-a-complaint/search-results/",
        "https://ico.org.uk/for-the-public/your-right-to-get-your-data-deleted",
    ):
        assert route in routes
    steps = steps_text(site_dir, "help/address-posted")
    platform = first(steps, "report the post to the platform")
    assert first(steps, "101") < platform and first(steps, "PLaIT") < platform and "open register" in steps[-1]


def test_a_fake_account_is_reported_as_impersonation_in_the_app_with_each_checked_route(site_dir):
    routes = hrefs(site_dir, "help/fake-account")
    assert any("support.tiktok.com" in route for route in routes)  # its form: seen working
    # X's, Instagram's, Facebook's, YouTube's and LinkedIn's impersonation forms were seen only in
    # public code or old copies (crisis sources 5.1, 5.3; data/links.yml's at_risk): not published;
    # the in-app report with the impersonation category works on every platform.
    unchecked = (
        "help.x.com/en/forms",
        "help.instagram.com",
        "facebook.com/help",
        "youtube/answer",
        "linkedin.com/help",
    )
    assert not any(host in route for route in routes for host in unchecked)
    step = steps_text(site_dir, "help/fake-account")[first(steps_text(site_dir, "help/fake-account"), "impersonation")]
    assert "in the app, report the fake profile and choose the impersonation category" in step


def test_get_help_now_starts_with_a_choice_and_sends_a_damaging_post_to_its_own_steps(site_dir):
    """A reader whose account is hacked does not scroll past the abuse steps to find theirs, and
    someone whose colleague posted something damaging is not given the hacked-account steps."""
    article = read_page(site_dir / "get-help-now" / "index.html").select_one("article")
    first_choice = article.select_one(".sp-answers")
    assert first_choice.find_previous("h2") is None, "the choice comes before the first section"
    assert [a["href"] for a in first_choice.select("a")] == ["#abuse", "#hacked", "#something-else"]
    hacked = article.select_one("h2#hacked")
    before_steps = hacked.find_next("ol", class_="sp-first-steps").find_all_previous("a", limit=6)
    assert {"../help/damaging-post/", "../help/account-misused/"} <= {a["href"] for a in before_steps}
    other = article.select_one("h2#something-else").find_next("div", class_="sp-answers")
    assert len(other.select("a[href^='../help/']")) == 8


def test_a_false_post_keeps_the_evidence_and_goes_to_the_police_before_the_platform(site_dir):
    # A lie about the MP or candidate (not a fake picture): no route existed for it (a reader review).
    steps = steps_text(site_dir, "help/false-post")
    evidence, platform = first(steps, "keep the evidence", "screenshot"), first(steps, "report it to the platform")
    assert evidence < first(steps, "threat", "101") < platform
    assert evidence < first(steps, "during an election", "SPOC") < platform
    assert "https://www.legislation.gov.uk/ukpga/1983/2/section/106" in hrefs(site_dir, "help/false-post")


def test_the_pages_that_explain_phishing_send_a_reader_who_clicked_to_the_steps(site_dir):
    """Search for "phishing" finds these pages too: a reader who has already clicked must not be
    left with advice on spotting one (a reader review)."""
    for page, section in (("cyber-security", "spear-phishing"), ("harassment", "phishing")):
        heading = read_page(site_dir / page / "index.html").select_one(f"article h2#{section}")
        links = []
        for element in heading.find_next_siblings():
            if element.name == "h2":
                break
            links += [a["href"] for a in element.select("a")] + ([element["href"]] if element.name == "a" else [])
        assert "../help/suspicious-message/" in links, page


def test_a_fake_account_answer_sends_a_hacked_account_to_its_question_not_off_the_path(site_dir):
    links = [a["href"] for a in read_page(site_dir / "help/fake-account/index.html").select("ol.sp-first-steps a")]
    # Only the security route's link (PLaIT) goes to Get help now.
    assert "../account-hacked/" in links
    assert not [href for href in links if "get-help-now" in href and not href.endswith("#parliament")]


def test_a_suspicious_letter_or_parcel_is_one_choice_away_and_says_do_not_open_it_then_999(site_dir):
    """A reader review: no choice fitted a parcel, and the advice sat below the online steps."""
    for page in ("help/abuse-or-threats", "help/suspicious-message", "get-help-now"):
        links = [a["href"] for a in read_page(site_dir / page / "index.html").select("article a[href]")]
        assert [href for href in links if href.endswith("threats/#suspicious-mail")], page
    section = read_page(site_dir / "help/threats" / "index.html").select_one("article h2#suspicious-mail")
    warning = section.find_next_sibling()
    assert "admonition" in warning["class"] and "warning" in warning["class"], warning
    words = " ".join(warning.get_text(" ").split())
    assert words.startswith("Do not open it") and "tel:999" in [a["href"] for a in warning.select("a")], words
    assert "parliament" in str(warning.find_next_sibling("p")), "then the security route"


def test_each_step_that_names_a_security_route_first_links_to_where_its_number_is(lists_on_pages):
    """PLaIT, the FEOA and the Digital Support Desk have no public number: the first step of a
    list that names one links to the section that says where to find it (a reader review)."""
    routes = {
        "PLaIT": "#parliament",
        "force elected-official adviser": "police-advisors/",
        "Digital Support Desk": "#parliament",
    }
    for page, lists in lists_on_pages.items():
        for steps in lists:
            for route, target in routes.items():
                naming = [step for step in steps if route in step.get_text()]
                if naming:
                    links = [a["href"] for a in naming[0].select("a")]
                    assert any(target in href for href in links), f"{page}: {route!r}: {step_words(naming[0])[:120]!r}"


# Short summaries of what to do about abuse, outside the answers' steps: page -> the section's id.
SUMMARIES_OF_WHAT_TO_DO = {
    "": "top-actions",
    "getting-started": "when-abuse-happens",
    "online-safety-act": "ofcom",
    "social-media": "reporting-to-platforms",
}


@pytest.mark.parametrize("page", SUMMARIES_OF_WHAT_TO_DO)
def test_each_summary_that_sends_a_threat_to_the_police_names_the_security_routes_too(site_dir, page):
    """A summary that said "police, then the platform" left an MP's office without PLaIT (a
    content review): each links to Parliament's security routes and to the FEOA page."""
    heading = read_page(site_dir / page / "index.html").select_one(f"article #{SUMMARIES_OF_WHAT_TO_DO[page]}")
    section = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        section.append(sibling)
    text = " ".join(" ".join(s.get_text(" ").split()) for s in section)
    links = [a["href"] for s in section for a in s.select("a[href]")]
    assert "police" in text and "platform" in text, f"{page}: the section no longer sends a threat anywhere"
    assert any(href.endswith("get-help-now/#parliament") for href in links), f"{page}: no link to Parliament's routes"
    assert any(href.endswith("police-advisors/") for href in links), f"{page}: no link to the FEOA page"


def test_a_possibly_infected_device_is_left_before_anyone_is_told_and_each_route_is_named(site_dir):
    """A first-time reader review: with a ransom note on his laptop, an office manager met "Tell
    your colleagues" first and would have logged in from that laptop to warn them (crisis sources
    1.2 and section 10: the device first, contacts later)."""
    for page in ("help/locked-out", "help/account-misused"):
        steps = steps_text(site_dir, page)
        safe, tell = first(steps, "device you know is safe"), first(steps, "tell your MP")
        assert safe < tell and "from the safe device" in steps[tell], page
    opened = steps_text(site_dir, "help/suspicious-opened")
    assert "another device" in opened[first(opened, "tell your colleagues")]
    assert "photograph it with another phone" in opened[first(opened, "keep the evidence")]
    assert "https://report.ncsc.gov.uk/" in hrefs(site_dir, "help/suspicious-opened")
    # An email that says it is from Parliament is checked with Parliament's own desk (sources 1.10),
    # which only an MP's office has: a four-nations review found it offered to everyone (1.7).
    check = steps_text(site_dir, "help/suspicious-not-opened")[0]
    assert "from Parliament and you work for an MP, call Parliament's Digital Support Desk" in check


@pytest.mark.parametrize("page", ["help/threats", "help/deepfake", "help/false-post", "help/fake-account"])
def test_the_feoa_is_named_for_mps_and_candidates_alike_and_plait_for_an_mp(site_dir, page):
    """Crisis sources 2.3: every force's FEOA is for "elected officials and candidates"; the steps
    said the FEOA was for candidates only."""
    step = next(step for step in steps_text(site_dir, page) if "FEOA" in step)
    assert "whether you work for an MP or a candidate" in step and "for an MP, Parliament's police team" in step


def test_a_fake_account_asking_for_money_is_reported_as_fraud_after_the_evidence_and_before_the_platform(site_dir):
    """A reader review: a fake account with the MP's photo asked constituents for money, and the
    answer never said fraud (crisis sources 1.1; content gaps 12: Report Fraud, or Police
    Scotland on 101)."""
    steps = steps_text(site_dir, "help/fake-account")
    money = first(steps, "asks anyone for money")
    assert first(steps, "keep the evidence") < money < first(steps, "report it to the platform")
    assert "Report Fraud" in steps[money] and "0300 123 2040" in steps[money] and "Scotland" in steps[money]
    assert "screenshots of its messages" in steps[money], "the messages went to constituents, not the office"


def test_a_candidates_office_is_told_how_to_reach_its_feoa_from_a_posted_address(site_dir):
    """A reader review: every route in the step was marked "for an MP" or "on ParliNet"; the FEOA
    link went to the top of a long page whose last section says to ask on 101."""
    [step] = [li for li in first_steps(site_dir, "help/address-posted")[0] if "FEOA" in li.get_text()]
    links = [a["href"] for a in step.select("a")]
    assert any(href.endswith("police-advisors/#next") for href in links) and "tel:101" in links, links


def test_the_threats_checklist_names_the_feoa_for_mps_and_candidates_alike(site_dir):
    """The checklist under the steps said the FEOA was for candidates only (crisis sources 2.3)."""
    page = read_page(site_dir / "help/threats/index.html")
    [item] = [
        label.get_text(" ", strip=True) for label in page.select(".sp-checklist label") if "FEOA" in label.get_text()
    ]
    assert "whether you work for an MP or a candidate" in " ".join(item.split()), item


def test_each_platforms_recovery_route_is_used_from_a_safe_device(site_dir):
    """A crisis-rules audit: the recovery routes sent readers to "Forgot password", and "open the
    app", with no word on which device; the PDF prints them pages away from the steps (crisis
    sources 1.2: "DON'T log into any accounts" on an infected device)."""
    section = read_page(site_dir / "help/locked-out/index.html").select_one("article")
    text = " ".join(section.get_text(" ").split())
    routes = text[text.index("Each platform's own recovery route") :]
    assert routes.index("device you know is safe") < routes.index("Forgot password")
    assert "open the app or website on the safe device" in routes


def test_the_cyber_attacks_page_gives_the_same_hacked_steps_as_get_help_now(site_dir):
    """A crisis-rules audit: Cyber attacks had its own list, telling people before the safe device
    and without "in person, by phone or from the safe device"."""
    assert steps_text(site_dir, "cyber-security") == steps_text(site_dir, "help/locked-out")
    assert first(steps_text(site_dir, "cyber-security"), "use a device you know is safe") == 0


def test_removing_unknown_apps_or_a_posted_address_comes_after_the_screenshot(site_dir):
    """A crisis-rules audit: "remove apps and recovery details you do not recognise" and "remove
    what you can" of a posted home address came with no screenshot first."""
    steps = steps_text(site_dir, "help/locked-out")
    assert "screenshot and then remove apps" in steps[first(steps, "lock the attacker out")]
    page = read_page(site_dir / "election-period/index.html")
    [item] = [
        " ".join(label.get_text(" ", strip=True).split())
        for label in page.select(".sp-checklist label")
        if "home address" in label.get_text() and "Search online" in label.get_text()
    ]
    assert item.index("Screenshot") < item.index("removed") and "tell the police first" in item


def paragraph_with(site_dir: Path, page: str, words: str):
    """The innermost paragraph or list item of a built page's article that has these words."""
    article = read_page(site_dir / page / "index.html").select_one("article")
    found = [block for block in article.select("p, li") if words in " ".join(block.get_text(" ").split())]
    assert found, f"{page}: no paragraph says {words!r}"
    return found[-1]


def test_a_candidates_office_is_told_of_the_home_office_private_security_route(site_dir):
    """A four-nations review: candidates were never given the Home Office private-security route
    of the 2024 election (crisis sources 2.2, section 10 "Threat to a candidate" step 4). The
    address is the council's copy of that message, with a word to check it is still offered."""
    feoa = paragraph_with(site_dir, "police-advisors", "Home Office for private security")
    text = " ".join(feoa.get_text(" ").split())
    assert "aberdeencity.gov.uk" in " ".join(a["href"] for a in feoa.select("a"))
    assert "Ask your FEOA whether this is offered at the next election" in text
    help_now = paragraph_with(site_dir, "get-help-now", "Home Office for private security")
    assert any(a["href"].endswith("police-advisors/#operation-bridger") for a in help_now.select("a"))


@pytest.mark.parametrize(
    ("page", "words"),
    [
        ("getting-started", "Report a threat to the police"),
        ("harassment", "the police and your security route"),
        ("personal-information", "the police and your security route"),
        ("personal-information", "If a home address is shared"),
    ],
)
def test_a_summary_of_the_security_routes_names_the_feoa_for_everyone_and_parliaments_for_an_mp(site_dir, page, words):
    """A four-nations review: these summaries sent everyone to "Parliament's security route", or
    told an MP's office the FEOA was a candidate's only (crisis sources 2.1, 2.3: the FEOA is for
    elected officials and candidates; PLaIT for an MP; parallel routes)."""
    text = " ".join(paragraph_with(site_dir, page, words).get_text(" ").split())
    assert "FEOA" in text and "for an MP" in text and text.index("FEOA") < text.index("for an MP"), text
    assert "for a candidate" not in text, text


def test_a_threat_or_sexual_deepfake_tells_a_reader_in_each_nation_where_the_law_applies(site_dir):
    """A four-nations review: the threats page said the Act's offences are crimes, with no word
    that none of those researched covers Scotland (crisis sources 3.6, 3.8, 9.5); the sexual
    deepfake step named England and Wales only, with nothing for a reader elsewhere."""
    intro = " ".join(read_page(site_dir / "help/threats/index.html").select_one("article h1 + p").get_text(" ").split())
    assert "England, Wales and Northern Ireland" in intro and "England and Wales only" in intro, intro
    assert "In Scotland, report it to Police Scotland on 101 , or 999 in an emergency" in intro, intro
    steps = steps_text(site_dir, "help/deepfake")
    sexual = steps[first(steps, "sexual image", "call the police")]
    assert "In England and Wales, sharing one without consent is a crime" in sexual
    assert "see where the law differs" in sexual
    assert any(href.endswith("online-safety-act/#nations") for href in hrefs(site_dir, "help/deepfake"))


@pytest.mark.parametrize("path", sorted(CARDS))
def test_each_crisis_card_sends_a_hacked_account_to_the_fraud_row_that_names_scotland(site_dir, path):
    """A four-nations review: the card's hacked step said "report it to Report Fraud", which
    Scotland does not use (content gaps 12: Police Scotland on 101); the row it points to does."""
    text = squash(PdfReader(site_dir / path).pages[0].extract_text())
    hacked = text[text.find(squash("When an account is hacked")) :]
    assert squash("report it: see Fraud or cyber crime, below") in hacked and "ReportFraud(below)" not in hacked
    assert squash("Fraud or cyber crime: In Scotland, Police Scotland on 101") in text


def test_the_open_register_step_fits_every_nation_and_says_its_guidance_is_englands(site_dir):
    """A four-nations review: the steps said "your council's electoral registration office", from
    English councils' pages (crisis sources 4.6), and linked the Electoral Commission's guidance
    for England (4.7) with no word of it; Scotland and Northern Ireland are not researched."""
    register = steps_text(site_dir, "help/address-posted")[-1]
    assert "Ask your electoral registration office" in register and "council" not in register, register
    for page in ("help/address-posted", "personal-information"):
        words = " ".join(read_page(site_dir / page / "index.html").select_one("article").get_text(" ").split())
        assert "council's electoral registration" not in words, page
    sources = " ".join(read_page(site_dir / "help/address-posted/index.html").get_text(" ").split())
    assert "How anonymous electors should be listed on the register (guidance for England)" in sources
