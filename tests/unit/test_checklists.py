"""Checklists: the data file's rules, the no-JavaScript markup, and the block syntax's mistakes."""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from saferpolitics.markdown_stage.checklist_blocks import ChecklistExtension, header_line
from saferpolitics.markdown_stage.checklists import (
    CHECKLISTS_FILE,
    link_href,
    links_checked,
    parse_checklists,
    render_checklist,
)
from saferpolitics.markdown_stage.registry import load_registry

ROOT = Path(__file__).resolve().parents[2]

VALID = textwrap.dedent(
    """\
    - id: before-you-post
      title: Before you post
      items:
        - id: proofread
          text: Proofread the post.
          why: Mistakes spread fast.
        - id: location
          text: Post your location after the event.
          link: social-media.md#location
          link_text: Post your location after the event
    - id: account-security
      title: Account security
      items:
        - id: two-step
          text: Turn on 2-step verification.
          link: ncsc-setting-up-2sv
    """
)


def parse_ok(text: str = VALID):
    checklists, problems = parse_checklists(text)
    assert problems == []
    return checklists


def problems_of(text: str):
    _, problems = parse_checklists(textwrap.dedent(text))
    return problems


# ---------------------------------------------------------------- the data file


def test_valid_file_gives_checklists_in_file_order_with_lines():
    checklists = parse_ok()
    assert [c.id for c in checklists] == ["before-you-post", "account-security"]
    first = checklists[0]
    assert first.title == "Before you post"
    assert [i.id for i in first.items] == ["proofread", "location"]
    assert first.items[0].why == "Mistakes spread fast."
    assert first.items[1].link == "social-media.md#location"
    assert (first.line, first.items[0].line) == (1, 4)


def test_duplicate_checklist_id_names_both_lines():
    first_checklist = VALID.split("- id: account-security")[0]
    problems = problems_of(VALID + first_checklist)
    duplicate = [p for p in problems if "checklist id `before-you-post` is listed twice (first on line 1)" in p.message]
    assert len(duplicate) == 1
    assert duplicate[0].file == CHECKLISTS_FILE
    assert duplicate[0].line == 17
    assert duplicate[0].hint == "give this one a different id"


def test_duplicate_item_id_within_a_checklist():
    problems = problems_of(
        """\
        - id: a
          title: A
          items:
            - id: same
              text: One.
            - id: same
              text: Two.
        """
    )
    assert [(p.line, p.message) for p in problems] == [
        (6, "item id `same` in checklist `a` is listed twice (first on line 4)")
    ]
    assert problems[0].hint == "give this one a different id"


def test_the_same_item_id_in_two_checklists_is_fine():
    parse_ok(
        textwrap.dedent(
            """\
            - id: a
              title: A
              items: [{id: same, text: One.}]
            - id: b
              title: B
              items: [{id: same, text: Two.}]
            """
        )
    )


@pytest.mark.parametrize("items", ["items: []", "items:"])
def test_empty_checklist(items):
    problems = problems_of(f"- id: a\n  title: A\n  {items}\n")
    assert any("entry 'a', field 'items': the checklist has no items" == p.message and p.line == 3 for p in problems), (
        problems
    )
    assert all(p.hint for p in problems)


@pytest.mark.parametrize(
    "entry, key, line",
    [
        ("- id: a\n  title: A\n  colour: red\n  items: [{id: x, text: X.}]\n", "colour", 3),
        ("- id: a\n  title: A\n  items:\n    - id: x\n      text: X.\n      hint: Y.\n", "hint", 6),
    ],
)
def test_unknown_key_names_its_line_and_the_allowed_keys(entry, key, line):
    problems = problems_of(entry)
    assert [(p.line, p.message) for p in problems if "unknown field" in p.message] == [
        (line, ("entry 'a'" if key == "colour" else "entry 'a' > items > entry 'x'") + f": unknown field '{key}'")
    ]
    assert "use only" in problems[0].hint


def test_missing_text_and_bad_ids():
    problems = problems_of(
        """\
        - id: Bad Id
          title: A
          items:
            - id: x
        """
    )
    messages = [p.message for p in problems]
    assert "entry 'Bad Id', field 'id': 'Bad Id' is not a valid id" in messages
    assert "entry 'Bad Id' > items > entry 'x': field 'text' is missing" in messages
    assert all(p.line and p.hint for p in problems)


def test_web_address_or_markdown_link_in_text_is_refused():
    problems = problems_of(
        """\
        - id: a
          title: A
          items:
            - id: x
              text: See [the NCSC](link:ncsc-setting-up-2sv).
            - id: y
              text: Go to
              why: https://example.org explains it.
        """
    )
    assert [(p.line, "link" in p.hint) for p in problems] == [(5, True), (8, True)]


def test_page_link_needs_link_text_and_a_link_must_look_like_one():
    problems = problems_of(
        """\
        - id: a
          title: A
          items:
            - id: x
              text: X.
              link: harassment.md#evidence
            - id: y
              text: Y.
              link: https://example.org
            - id: z
              text: Z.
              link_text: Somewhere
        """
    )
    assert [p.line for p in problems] == [6, 9, 12]
    assert "link_text" in problems[0].message
    assert "neither a registry id nor a page" in problems[1].message
    assert "no `link`" in problems[2].message


def test_syntax_error_is_a_problem_with_a_line():
    problems = problems_of("- id: a\n  title: [unclosed\n")
    assert len(problems) == 1 and problems[0].line and "YAML" in problems[0].message


def test_links_must_name_a_registry_entry_or_a_page():
    checklists = parse_ok(
        VALID.replace("ncsc-setting-up-2sv", "ncsc-setting-up-2s").replace("social-media.md#", "social-meda.md#")
    )
    _, problems = links_checked(checklists, {"ncsc-setting-up-2sv"}, {"social-media.md", "index.md"})
    assert [(p.line, p.message) for p in problems] == [
        (9, "item `location` links to page `social-meda.md`, which does not exist"),  # the `link:` lines
        (16, "item `two-step` links to `ncsc-setting-up-2s`, which is not in the link registry"),
    ]
    assert "did you mean `social-media.md`?" in problems[0].hint
    assert "did you mean `ncsc-setting-up-2sv`?" in problems[1].hint


def test_a_link_to_a_renamed_page_names_where_it_went():
    """A maintainer review: pages and steps said where a moved page went, a checklist item did not."""
    checklists = parse_ok(VALID)
    moved = {"social-media.md": "platforms.md"}
    _, [problem] = links_checked(checklists, {"ncsc-setting-up-2sv"}, {"platforms.md", "index.md"}, moved=moved)
    assert problem.message == "item `location` links to page `social-media.md`, which does not exist"
    assert problem.hint == "the page moved to platforms.md (redirect_maps in mkdocs.yml): link to it"


def test_an_item_whose_link_is_reported_is_shown_without_it_and_the_rest_keep_theirs():
    """The build goes on to the pages before it stops on a checklist link: the item is shown
    there without the link, so the pages do not report the same mistake again."""
    checked, problems = links_checked(parse_ok(VALID), {"ncsc-setting-up-2sv"}, {"index.md"})
    assert [p.line for p in problems] == [9]
    location, two_step = checked[0].items[1], checked[1].items[0]
    assert (location.link, location.link_text, location.text) == ("", "", "Post your location after the event.")
    assert two_step.link == "ncsc-setting-up-2sv"
    assert "<a " not in etree.tostring(render_checklist(checked[0], "index.md"), encoding="unicode")


def test_the_real_checklists_are_valid_and_complete():
    checklists, problems = parse_checklists((ROOT / CHECKLISTS_FILE).read_text(encoding="utf-8"))
    assert problems == []
    assert {c.id for c in checklists} >= {
        "account-security",
        "account-access",
        "before-you-post",
        "when-abuse-happens",
        "campaigning-and-events",
        "harassment-protocol",
    }
    registry, _ = load_registry(ROOT / "data/links.yml", ROOT)
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert links_checked(checklists, set(registry.links), pages)[1] == []


def test_the_real_checklists_cover_what_the_source_asks_for():
    text = (ROOT / CHECKLISTS_FILE).read_text(encoding="utf-8").lower()
    for phrase in [
        "2-step verification",
        "three random words",
        "mail forwarding",
        "updates",
        "lock your phone",
        "haveibeenpwned",
        "management tool",
        "access logging",
        "signed off",
        "authorised staff",
        "change every password",
        "recovery plan",
        "who to contact",
        "proofread",
        "hashtag",
        "after you have left",
        "screenshot",
        "bio",
        "report each post",
        "tell your colleagues",
        "999",
        "101",
        "collect and report",
        "take a break",
        "elected-official adviser",
        "security briefings",
        "harassment protocol",
    ]:
        assert phrase in text, phrase


# ---------------------------------------------------------------- the markup without JavaScript


def test_a_checklist_renders_as_a_titled_group_holding_a_plain_list():
    checklist = parse_ok()[0]
    html = etree.tostring(render_checklist(checklist, "social-media.md"), encoding="unicode")
    fieldset = etree.fromstring(html)
    assert fieldset.tag == "fieldset" and fieldset.get("data-sp-checklist") == "before-you-post"
    assert fieldset.find("legend").text == "Before you post"
    items = fieldset.findall("ul/li")
    assert [li.get("data-sp-item") for li in items] == ["proofread", "location"]
    assert [li.find("label").text for li in items] == ["Proofread the post.", "Post your location after the event."]
    assert items[0].find("span").text == "Mistakes spread fast."
    assert items[1].find("a").get("href") == "social-media.md#location"
    # No tick boxes or buttons without JavaScript; nothing a strict CSP would block.
    assert "<input" not in html and "<button" not in html
    assert not re.search(r"\s(style|on\w+)=", html)
    # Element ids come from the script (from these data attributes), never from a counter here.
    assert " id=" not in html


def test_links_are_relative_to_the_page_or_left_for_the_registry():
    assert link_href("harassment.md#evidence", "harassment.md") == "harassment.md#evidence"
    assert link_href("harassment.md#evidence", "help/abuse.md") == "../harassment.md#evidence"
    assert link_href("social-media.md", "checklists.md") == "social-media.md"
    assert link_href("ncsc-setting-up-2sv", "help/abuse.md") == "link:ncsc-setting-up-2sv"


# ---------------------------------------------------------------- the block syntax


def convert(source: str, page: str = "page.md"):
    extension = ChecklistExtension(parse_ok())
    extension.start_page(page)
    html = markdown.Markdown(extensions=[extension, "toc", "pymdownx.superfences"]).convert(textwrap.dedent(source))
    return html, extension


def test_block_places_one_checklist_and_records_the_page():
    html, extension = convert("/// checklist | account-security\n///\n", page="cyber-security.md")
    assert html.count("<fieldset") == 1 and 'data-sp-checklist="account-security"' in html
    assert 'href="link:ncsc-setting-up-2sv"' in html
    assert extension.placements == {"account-security": ["cyber-security.md"]}
    assert extension.page_state.findings == []


def test_collection_block_shows_every_checklist_under_its_own_heading():
    html, extension = convert("# Checklists\n\n/// checklists\n///\n")
    assert re.findall(r'<h2 [^>]*id="([^"]+)"', html) == ["checklist-before-you-post", "checklist-account-security"]
    assert html.count("<fieldset") == 2
    assert html.count("sp-checklist__title sp-visually-hidden") == 2
    # The collection page is not where a checklist belongs: it does not count as a placement.
    assert extension.placements == {}
    assert extension.page_state.findings == []


def findings(source: str):
    _, extension = convert(source)
    return [(f.header, f.occurrence, f.message, f.hint) for f in extension.page_state.findings]


def test_unknown_checklist_id_suggests_the_closest():
    [(header, _, message, hint)] = findings("/// checklist | acount-security\n///\n")
    assert header == "/// checklist | acount-security"
    assert message == "unknown checklist `acount-security`"
    assert hint.startswith("did you mean `account-security`?")


@pytest.mark.parametrize(
    "source, message",
    [
        ("/// checklist\n///\n", "a checklist block needs a checklist id"),
        ("/// checklist | before-you-post\n    attrs: {class: big}\n///\n", "a checklist block takes no options"),
        (
            "/// checklist | before-you-post\nSome words.\n///\n",
            "a checklist block has content, or its closing `///` is missing",
        ),
        (
            "/// checklist | before-you-post\n\nSome words.\n\nMore.\n",
            "a checklist block has content, or its closing `///` is missing",
        ),
        ("/// checklists | all\n///\n", "a `/// checklists` block takes no id"),
    ],
)
def test_block_mistakes_are_findings_never_silent(source, message):
    found = findings(source)
    assert message in [f[2] for f in found], found
    assert all(f[3] for f in found)


def test_content_inside_a_block_is_never_shown():
    html, _ = convert("/// checklist | before-you-post\nSecret words.\n///\n")
    assert "Secret words" not in html


def test_the_same_checklist_twice_on_a_page_is_refused():
    found = findings(
        "/// checklist | before-you-post\n///\n\ntext\n\n/// checklist | before-you-post\n///\n\n/// checklists\n///\n"
    )
    assert [(f[1], f[2]) for f in found] == [
        (2, "checklist `before-you-post` is already on this page"),
        (1, "checklist `before-you-post` is already on this page"),
    ]


def test_blocks_in_code_are_left_alone():
    html, extension = convert("```\n/// checklist | nope\n///\n```\n")
    assert "<fieldset" not in html and extension.page_state.findings == []


def test_header_line_finds_the_right_occurrence_outside_code_fences():
    source = textwrap.dedent(
        """\
        ---
        reviewed: 2026-11-25
        ---
        ```md
        /// checklist | a
        ```
        ///  checklist|a
        ///

        /// checklist | a
        """
    )
    assert header_line(source, "/// checklist | a", "docs/page.md") == 7
    assert header_line(source, "/// checklist | a", "docs/page.md", occurrence=2) == 10
    assert header_line(source, "/// checklist | b", "docs/page.md") is None


def test_the_contributor_guide_example_is_a_valid_checklist():
    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    example = re.search(r"```text\n(- id: before-you-post\n.*?)```", guide, re.S)
    assert example, "the checklist example is missing from docs/contributing.md"
    checklists = parse_ok(example[1])
    assert [item.id for item in checklists[0].items] == ["proofread", "location-after-event", "two-step-verification"]
