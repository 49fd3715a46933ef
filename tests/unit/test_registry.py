"""The link registry: the real file is valid, and every mistake a maintainer can make is named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from saferpolitics.markdown_stage.registry import CATEGORIES, host_matches, load_registry, parse_registry

ROOT = Path(__file__).resolve().parents[2]
FILE = "data/links.yml"

GOOD = {
    "id": "ncsc-example",
    "url": "https://www.ncsc.gov.uk/guidance/example",
    "title": "Example",
    "publisher": "NCSC",
    "category": "ncsc",
    "description": "Why a reader would go there.",
    "checked": {"date": "2026-11-25", "outcome": "desk-research: ok"},
}


def registry_text(*entries: dict) -> str:
    # Dates are written unquoted, as a maintainer would.
    return yaml.safe_dump(list(entries), sort_keys=False).replace("'2026-11-25'", "2026-11-25")


def problems_for(**changes) -> list[str]:
    entry = {**GOOD, **changes}
    entry = {k: v for k, v in entry.items() if v is not None}
    _, problems = parse_registry(registry_text(entry), FILE)
    return [str(p) for p in problems]


def test_the_real_registry_is_valid_and_complete():
    registry, problems = load_registry(ROOT / FILE, ROOT)
    assert problems == []
    assert len(registry) >= 30
    assert {link.category for link in registry} == set(CATEGORIES)
    contacts = [link for link in registry if link.is_contact]
    assert contacts and all(link.href.startswith("mailto:") for link in contacts)
    assert all(link.url.startswith("https://") for link in registry if not link.is_contact)


def test_a_source_is_cited_with_its_publisher_unless_its_title_names_it():
    registry, _ = load_registry(ROOT / FILE, ROOT)
    assert registry.get("ico-complain-search-results").cited_publisher == "Information Commissioner's Office"
    assert registry.get("avon-somerset-police-online-crime").cited_publisher == "Avon and Somerset Police"
    assert registry.get("report-fraud").cited_publisher == ""  # "Report Fraud (Report Fraud)" says it twice
    assert registry.get("instagram-hacked").cited_publisher == ""


def test_the_real_registry_flags_pages_the_audit_found_at_risk():
    registry, _ = load_registry(ROOT / FILE, ROOT)
    assert registry.get("civility-respect-social-media-guide-gdoc").at_risk
    assert "#" not in registry.get("civility-respect-social-media-guide-gdoc").url
    assert registry.get("x-safety-and-security").url.startswith("https://help.x.com/")
    assert all(link.checked_outcome.startswith("desk-research: ") for link in registry)


def test_a_good_entry_loads_with_its_line():
    registry, problems = parse_registry("# comment\n" + registry_text(GOOD), FILE)
    assert problems == []
    link = registry.get("ncsc-example")
    assert link.line == 2 and link.domain == "ncsc.gov.uk" and link.label == "NCSC"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"url": "http://www.ncsc.gov.uk/x"}, "does not start with https://"),
        ({"url": "https://www.example.com/x"}, "host 'www.example.com' does not belong to category 'ncsc'"),
        ({"url": "https://ncsc.gov.uk.evil.example/x"}, "does not belong to category 'ncsc'"),
        ({"url": "https://www.ncsc.gov.uk/x?utm_source=news"}, "tracking or navigation parameters: utm_source"),
        ({"url": "https://www.ncsc.gov.uk/x?ref_topic=1"}, "ref_topic"),
        ({"url": "https://www.ncsc.gov.uk/x#heading=h.abc"}, "editor fragment"),
        ({"url": "not a url"}, "contains spaces"),
        ({"url": "https://www.ncsc.gov.uk/x."}, "ends with '.', which is likely the end of a sentence copied with it"),
        ({"category": "charity/ngo"}, "did you mean 'charity'?"),
        ({"category": "platform"}, "field 'platform' is missing"),
        ({"category": "platform", "platform": "twitter"}, "'twitter' is not a known platform"),
        ({"category": "platform", "platform": "x"}, "does not belong to platform 'x'"),
        ({"platform": "x"}, "only for entries with category 'platform'"),
        ({"id": "Bad Id"}, "not a valid id"),
        ({"description": "No full stop"}, "one sentence ending with a full stop"),
        ({"title": None}, "field 'title' is missing"),
        ({"checked": {"date": "soon", "outcome": "ok"}}, "is not a date"),
        ({"checked": {"date": "2026-11-25", "outcome": "fine"}}, "'fine' is not a known outcome"),
        ({"urll": "https://x"}, "did you mean 'url'?"),
        ({"email": "someone@parliament.uk"}, "exactly one of 'url' or 'email'"),
        ({"url": None}, "exactly one of 'url' or 'email'"),
        ({"at_risk": ""}, "field 'at_risk'"),
    ],
)
def test_each_mistake_names_entry_field_and_hint(changes, expected):
    problems = problems_for(**changes)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("data/links.yml:") and "entry '" in p and "hint:" in p for p in problems), problems


@pytest.mark.parametrize(
    ("category", "url", "expected"),
    [
        # A Cyrillic 'о' in gov: it reads as the NCSC's address.
        (
            "ncsc",
            "https://www.ncsc.g\u043ev.uk/guidance",
            "host 'www.ncsc.g\u043ev.uk' has characters outside a-z, 0-9, '-' and '.': '\u043e' (CYRILLIC "
            "SMALL LETTER O)",
        ),
        # Where any host is allowed (charities, tools), a look-alike of a well-known one.
        ("charity", "https://www.samarit\u0430ns.org/", "'\u0430' (CYRILLIC SMALL LETTER A)"),
        ("tool", "https://haveibeenpwned.c\u03bfm/", "'\u03bf' (GREEK SMALL LETTER OMICRON)"),
        ("charity", "https://www.g\u0131thub.com/", "'\u0131' (LATIN SMALL LETTER DOTLESS I)"),
        # The same look-alike written as a browser encodes it (punycode), which reads as plain a-z.
        (
            "tool",
            "https://xn--80ak6aa92e.com/",
            "host 'xn--80ak6aa92e.com' has the encoded label 'xn--80ak6aa92e', which a browser may show as "
            "'\u0430\u0440\u0440\u04cf\u0435'",
        ),
        (
            "charity",
            "https://www.xn--samaritns-6yh.org/",
            "the encoded label 'xn--samaritns-6yh', which a browser may show as 'samarit\u0430ns'",
        ),
        # Full-width letters that urllib refuses outright: a message, not a traceback.
        ("ncsc", "https://www.ncsc.gov.uk\uff0fguidance", "is not an address a browser can follow"),
    ],
)
def test_look_alike_hosts_are_refused_with_the_letters_named(category, url, expected):
    problems = problems_for(category=category, url=url)
    assert [problem for problem in problems if expected in problem], problems
    assert all("field 'url'" in problem for problem in problems), problems
    assert all("type the address by hand" in problem or "copy the address again" in problem for problem in problems), (
        problems
    )


@pytest.mark.parametrize(
    ("category", "url"),
    [
        ("police", "https://www.police.uk/"),
        ("police", "https://www.reportfraud.police.uk/"),
        ("government", "https://www.gov.uk/x"),
        ("government", "https://www.security.gov.uk/x"),
        ("ncsc", "https://report.ncsc.gov.uk/"),
        ("charity", "https://www.example.org/"),
        ("official", "https://www.ofcom.org.uk/online-safety/"),
        ("official", "https://www.electoralcommission.org.uk/x"),
        ("official", "https://ipsaonline.org.uk/guidance/x"),
        ("official", "https://www.npsa.gov.uk/x"),
        ("official", "https://protectuk.police.uk/x"),
        ("parliament", "https://publications.parliament.uk/pa/x"),
    ],
)
def test_hosts_that_fit_their_category_pass(category, url):
    assert problems_for(category=category, url=url) == []


def test_police_and_government_hosts_must_really_be_theirs():
    assert problems_for(category="police", url="https://www.notpolice.uk/")
    assert problems_for(category="government", url="https://www.gov.uk.example.com/")
    assert host_matches("a.b.police.uk", ("police.uk",)) and not host_matches("fakepolice.uk", ("police.uk",))


def test_official_bodies_allow_only_their_own_domains():
    # Another gov.uk or police.uk site is not a regulator: it belongs in 'government' or 'police'.
    for url in (
        "https://www.gov.uk/x",
        "https://www.police.uk/x",
        "https://www.ofcom.org.uk.example.com/",
        "https://ofcom-complaints.org.uk/",
    ):
        problems = problems_for(category="official", url=url)
        assert problems and "does not belong to category 'official'" in problems[0], url
        assert "ofcom.org.uk" in problems[0] and "hint:" in problems[0]


def test_contacts_are_emails_on_their_category_domain():
    contact = {**GOOD, "id": "email-mp", "category": "parliament", "email": "a.b.mp@parliament.uk"}
    del contact["url"]
    registry, problems = parse_registry(registry_text(contact), FILE)
    assert problems == []
    link = registry.get("email-mp")
    assert link.is_contact and link.href == "mailto:a.b.mp@parliament.uk" and link.domain == "parliament.uk"
    contact["email"] = "someone@example.com"
    _, problems = parse_registry(registry_text(contact), FILE)
    assert "not on parliament.uk" in str(problems[0])


def test_duplicates_and_all_problems_reported_together_with_lines():
    second = {**GOOD, "url": "https://www.ncsc.gov.uk/guidance/example/"}
    third = {**GOOD, "id": "other", "url": "http://www.ncsc.gov.uk/other", "category": "nsc"}
    text = registry_text(GOOD, second, third)
    _, problems = parse_registry(text, FILE)
    messages = [str(p) for p in problems]
    assert any("id 'ncsc-example' is listed twice (first on line 1)" in m for m in messages)
    assert any(
        m.startswith(
            "data/links.yml:11: entry 'ncsc-example', field 'url': 'https://www.ncsc.gov.uk/guidance/example/' is "
            "listed twice (first on line 2, as 'https://www.ncsc.gov.uk/guidance/example')"
        )
        for m in messages
    )
    assert any("entry 'other', field 'url'" in m for m in messages)
    assert any("entry 'other', field 'category'" in m for m in messages)
    lines = text.splitlines()
    for problem in problems:
        assert problem.line and problem.line <= len(lines)
    category_problem = next(p for p in problems if "field 'category'" in p.message)
    assert lines[category_problem.line - 1].strip().startswith("category:")


def test_a_field_given_twice_is_reported():
    text = registry_text(GOOD) + "  title: Again\n"
    _, problems = parse_registry(text, FILE)
    assert any("field 'title': given twice" in str(p) for p in problems)


def test_broken_yaml_and_wrong_shape_are_reported_not_raised(tmp_path):
    _, problems = parse_registry("- id: [unclosed\n", FILE)
    assert "is not valid YAML" in str(problems[0]) and problems[0].line
    _, problems = parse_registry("links: {}\n", FILE)
    assert "must be a list of entries" in str(problems[0])
    _, problems = load_registry(tmp_path / "missing.yml")
    assert "file not found" in str(problems[0])


def test_unknown_ids_get_close_suggestions():
    registry, _ = load_registry(ROOT / FILE, ROOT)
    assert "'ncsc-setting-up-2sv'" in registry.unknown_id_hint("ncsc-setting-up-2fa")
    assert "add an entry" in registry.unknown_id_hint("zzzz")


def test_a_check_date_in_the_future_is_a_mistake_on_its_line():
    """A page's review date in the future fails the build: so does a link's check date."""
    text = registry_text(GOOD).replace("date: 2026-11-25", "date: 2999-01-01")
    _, problems = parse_registry(text, FILE)
    [problem] = problems
    assert problem.message == "entry 'ncsc-example', field 'checked': date 2999-01-01 is in the future"
    assert "2999-01-01" in text.splitlines()[problem.line - 1]
    assert problem.hint == "give the day the link was last checked: today or earlier."


def test_an_id_a_slip_away_is_suggested_and_a_removed_one_is_not_offered_another_entry():
    """A maintainer review: the retired 'x-report-abusive-behaviour' was offered 'ico-report-a-breach'."""
    registry, _ = load_registry(ROOT / "data" / "links.yml", ROOT)
    assert registry.unknown_id_hint("report-fruad").startswith("did you mean 'report-fraud'?")
    hint = registry.unknown_id_hint("facebook-hacked")  # removed in the twelfth session
    assert "did you mean" not in hint and "was it removed or renamed?" in hint
    # Where another platform's entry is near the name, the hint says not to take it blindly.
    assert "not to the nearest name" in registry.unknown_id_hint("x-report-impersonation")
