"""Every crisis step traceable to a checked source (saferpolitics/markdown_stage/first_hour.py): a
step's registry link is among its list's sources ("Based on"), and neither a step nor its list
leans on an entry whose address nobody has seen work (`at_risk`, or `desk-research: unverified`, in
data/links.yml), and nor does the card's "Where to report"."""

from __future__ import annotations

import pytest

from saferpolitics.markdown_stage.first_hour import parse_first_hour
from saferpolitics.markdown_stage.registry import Link, Registry

ENTRY = {"title": "A", "publisher": "P", "description": "D", "checked_date": "2026-12-01", "checked_outcome": "ok"}
CHECKED = Link(id="checked", url="https://www.gov.uk/a", category="government", **ENTRY)
UNCHECKED = Link(
    id="unchecked",
    url="https://www.example.org/b",
    category="platform",
    at_risk="Seen only in a search index.",
    **ENTRY,
)
OTHER = Link(id="other", url="https://www.gov.uk/c", category="government", **ENTRY)
UNSEEN = Link(
    id="unseen",
    url="https://www.example.org/d",
    category="platform",
    **{**ENTRY, "checked_outcome": "desk-research: unverified"},
)
REGISTRY = Registry("data/links.yml", {"checked": CHECKED, "unchecked": UNCHECKED, "other": OTHER, "unseen": UNSEEN})


def first_hour(sources: str, step: str, report: str = "") -> str:
    return (
        "title: The first hour\n"
        "lists:\n"
        "  abuse:\n"
        f"    sources: [{sources}]\n"
        "    steps:\n"
        f'      - step: "{step}"\n'
        "report:\n"
        '  - {what: Anyone is in immediate danger, where: "Police: 999"}\n'
        f"{report}"
        "contacts:\n"
        "  - {label: Emergency contact, field: emergency_contact}\n"
    )


def problems(sources: str, step: str, report: str = "") -> list[tuple[int, str, str]]:
    _, found = parse_first_hour(first_hour(sources, step, report), REGISTRY, {"emergency_contact"})
    return [(p.line, p.message, p.hint) for p in found]


def test_a_step_linking_a_cited_checked_source_is_fine():
    assert problems("checked", "**Screenshot it**, as [the guide](link:checked) says.") == []


def test_a_step_linking_an_entry_its_list_does_not_cite_is_named_at_the_step_once():
    found = problems("other", "See [the guide](link:checked), [again](link:checked).")
    assert [(line, message) for line, message, _ in found] == [
        (6, "`step` links to 'checked', which is not among the list's `sources`")
    ]
    assert "`- checked`" in found[0][2] and "Based on" in found[0][2]


def test_an_unknown_id_is_its_own_mistake_not_an_uncited_source():
    found = problems("checked", "See [the guide](link:nowhere).")
    assert [message for _, message, _ in found] == ["`step` links to unknown link id 'nowhere'"]


@pytest.mark.parametrize(
    ("sources", "step", "line", "said"),
    [
        ("checked, unchecked", "Use [the form](link:unchecked).", 6, "`step` links to 'unchecked'"),
        ("checked, unchecked", "Screenshot it.", 4, "the steps are based on 'unchecked'"),
    ],
)
def test_an_unchecked_address_in_a_crisis_step_or_its_sources_stops_the_build(sources, step, line, said):
    found = [(at, message, hint) for at, message, hint in problems(sources, step) if message.startswith(said)]
    assert [(at, message) for at, message, _ in found] == [
        (line, f"{said}, whose address has not been checked: Seen only in a search index.")
    ]
    assert "describe the route in the app" in found[0][2] and "remove `at_risk`" in found[0][2]


UNSEEN_SAID = 'whose address has not been checked: its last check says outcome "desk-research: unverified"'


@pytest.mark.parametrize(
    ("sources", "step", "report", "line", "said"),
    [
        ("checked, unseen", "Use [the form](link:unseen).", "", 6, "`step` links to 'unseen'"),
        ("checked, unseen", "Screenshot it.", "", 4, "the steps are based on 'unseen'"),
        ("checked", "Screenshot it.", "  - {what: Fraud, link: unseen}\n", 9, "\"Where to report\" links to 'unseen'"),
        (
            "checked",
            "Screenshot it.",
            "  - {what: Fraud, link: unchecked}\n",
            9,
            "\"Where to report\" links to 'unchecked'",
        ),
    ],
)
def test_an_address_nobody_has_seen_work_is_refused_in_steps_sources_and_where_to_report(
    sources, step, report, line, said
):
    """implB18: an entry whose desk research says `unverified` built into a crisis step with no
    warning, and the card's "Where to report" addresses were not checked for `at_risk` at all."""
    found = [(at, message) for at, message, _ in problems(sources, step, report) if message.startswith(said)]
    assert len(found) == 1 and found[0][0] == line, found
    assert found[0][1].startswith(f"{said}, whose address has not been checked: "), found
    if "unseen" in said:
        assert found[0][1] == f"{said}, {UNSEEN_SAID} (nobody has opened it)"


def test_a_checked_address_in_where_to_report_is_fine():
    assert problems("checked", "Screenshot it.", "  - {what: Fraud, link: checked}\n") == []


def test_a_mistake_in_a_step_over_several_lines_is_named_on_the_line_that_holds_it():
    """A maintainer review: a link id typo on a step's fourth line was reported at its first,
    which holds a different link."""
    text = first_hour("checked", "x").replace(
        '      - step: "x"\n',
        "      - step: >-\n"
        "          **Report it**, as [the guide](link:checked) says,\n"
        "          or call 116 123 for support.\n"
        "          See [the other guide](link:other).\n"
        "      - step: >-\n"
        "          **Report it**, as [the guide](link:checked) says,\n"
        "          or see [the last guide](link:nowhere).\n"
        "      - step: See [the guide](link:nowhere) again.\n",
    )
    _, found = parse_first_hour(text, REGISTRY, {"emergency_contact"})
    assert sorted((p.line, p.message) for p in found) == [
        (8, "`step` has the number '116 123' as plain words, which a reader on a phone cannot tap"),
        (9, "`step` links to 'other', which is not among the list's `sources`"),
        (12, "`step` links to unknown link id 'nowhere'"),
        (13, "`step` links to unknown link id 'nowhere'"),
    ]


@pytest.mark.parametrize(
    "step, mark",
    [
        # A maintainer review (audit16): pages and both cards showed "**Ask your party's..." as typed.
        ("**Ask your party's press office for help with what to say.", "**"),
        ("**Screenshot it** and __keep the links.", "__"),
        ("**Screenshot it**, as [the *guide](link:checked) says.", "*"),
    ],
)
def test_a_step_whose_bold_is_not_closed_is_named_at_the_step(step, mark):
    found = problems("checked", step)
    assert [(line, message.split(":")[0]) for line, message, _ in found] == [(6, "`step`")], found
    assert f"readers see '{mark}' as typed" in found[0][1]
    assert "**bold**" in found[0][2]


def test_bold_inside_a_steps_link_words_is_named_with_the_way_to_write_it():
    """A maintainer review (self16): "[**your colleagues**](...)" was reported as a bold left open,
    quoting "Tell **your colleagues**, and..." (which looks closed) with "put the same marks after the
    words": a step's link words are shown as written, so only bold around the link works."""
    found = problems("checked", "Tell [**your colleagues**](link:checked), and warn *them* too.")
    assert found == [
        (
            6,
            "`step`: readers see '**' as typed in a link's words: '[**your colleagues**](link:checked)'",
            "a step's link words cannot be bold: write **[words](link)**, the marks outside the brackets "
            "(a step has no italics)",
        ),
        (6, "`step`: readers see '*' as typed: '...olleagues, and warn *them* too.'", found[1][2]),
    ]
    assert problems("checked", "Tell [**your colleagues**](link:checked), and warn them.")[1:] == []


def test_a_bold_left_open_on_a_later_line_of_a_step_is_named_on_that_line():
    text = first_hour("checked", "x").replace(
        '      - step: "x"\n',
        "      - step: >-\n"
        "          **Screenshot it**, as [the guide](link:checked) says,\n"
        "          then **ask your party's press office for help\n"
        "          with what to say.\n",
    )
    _, found = parse_first_hour(text, REGISTRY, {"emergency_contact"})
    assert [(p.line, p.message.split(":")[0]) for p in found] == [(8, "`step`")], found


def test_closed_bold_and_links_inside_bold_are_fine():
    assert problems("checked", "**Screenshot it**, as **[the guide](link:checked)** says: 5 * 3.") == []


def _registry_with(outcome: str) -> Registry:
    gone = Link(
        id="gone", url="https://www.example.org/e", category="platform", **{**ENTRY, "checked_outcome": outcome}
    )
    return Registry("data/links.yml", {**REGISTRY.links, "gone": gone})


@pytest.mark.parametrize(
    ("outcome", "meaning"),
    [
        ("broken", "the address did not work"),
        ("no-longer-public", "the page is no longer public"),
        ("desk-research: likely-moved", "the page has probably moved or been withdrawn"),
    ],
)
@pytest.mark.parametrize(
    ("sources", "step", "report", "line", "said"),
    [
        ("checked, gone", "Use [the form](link:gone).", "", 6, "`step` links to 'gone'"),
        ("checked, gone", "Screenshot it.", "", 4, "the steps are based on 'gone'"),
        ("checked", "Screenshot it.", "  - {what: Fraud, link: gone}\n", 9, "\"Where to report\" links to 'gone'"),
    ],
)
def test_an_address_whose_last_check_found_it_not_working_is_refused(
    outcome, meaning, sources, step, report, line, said
):
    """A crisis step could send a reader in a crisis to an address whose last check found it
    broken or gone: only `at_risk` and `unverified` were refused."""
    _, found = parse_first_hour(first_hour(sources, step, report), _registry_with(outcome), {"emergency_contact"})
    assert [(p.line, p.message) for p in found if p.message.startswith(said)] == [
        (line, f'{said}, whose address may not work: its last check says outcome "{outcome}" ({meaning})')
    ]
    hint = next(p.hint for p in found if p.message.startswith(said))
    assert "fix it in data/links.yml or replace it" in hint and "`outcome: ok`" in hint


@pytest.mark.parametrize("outcome", ["ok", "redirected", "desk-research: ok", "desk-research: moved"])
def test_an_address_found_working_or_at_its_new_address_is_fine(outcome):
    """`desk-research: moved`, like the live checker's `redirected`, marks a page found at the new
    address the entry holds (X's help moved from help.twitter.com to help.x.com)."""
    text = first_hour("checked, gone", "Use [the form](link:gone).", "  - {what: Fraud, link: gone}\n")
    assert parse_first_hour(text, _registry_with(outcome), {"emergency_contact"})[1] == []


def test_an_address_the_research_found_at_risk_is_refused_even_without_an_at_risk_note():
    """A review: `outcome: "desk-research: at-risk"` with no `at_risk:` field passed."""
    _, found = parse_first_hour(
        first_hour("checked, gone", "Screenshot it."), _registry_with("desk-research: at-risk"), {"emergency_contact"}
    )
    assert [p.message for p in found if "'gone'" in p.message] == [
        "the steps are based on 'gone', whose address has not been checked: its last check says outcome "
        '"desk-research: at-risk" (nobody has opened it)'
    ]
