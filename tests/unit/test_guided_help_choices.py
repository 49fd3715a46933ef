"""The guided help's choices, noted from each page and walked from the first question
(saferpolitics/markdown_stage/guided_help.py), on a bare Python-Markdown and as pure functions."""

from __future__ import annotations

import textwrap

import markdown

from saferpolitics.markdown_stage.guided_help import (
    AnswersExtension,
    home_situation_problems,
    kept_off_paper_problem,
    linked_page,
    missing_checklist_problems,
    unreached_page_problems,
    unreached_pages,
)


def test_a_choice_names_the_page_it_links_to_relative_to_docs():
    assert linked_page("help/index.md", "threats.md") == "help/threats.md"
    assert linked_page("help/index.md", "./threats.md#steps") == "help/threats.md"
    assert linked_page("help/index.md", "../get-help-now.md") == "get-help-now.md"
    assert linked_page("index.md", "help/abuse.md") == "help/abuse.md"


def test_a_choice_written_from_docs_is_followed_to_its_page():
    """maint16: a choice written `/help/threats.md` was not followed, so threats.md was reported
    as a page no choice leads to, beside the link check's own message about the '/'."""
    assert linked_page("help/index.md", "/help/threats.md") == "help/threats.md"
    assert linked_page("help/abuse/index.md", "/help/abuse/../threats.md#steps") == "help/threats.md"


def test_a_link_that_is_not_a_page_is_no_choice():
    for href in ("tel:999", "https://www.gov.uk/x.md", "//www.gov.uk/x.md", "#steps", "../downloads/a.pdf", ""):
        assert linked_page("help/index.md", href) is None, href


def notes(page: str, text: str) -> dict[str, list[str]]:
    answers = AnswersExtension()
    md = markdown.Markdown(extensions=["md_in_html", "attr_list", answers])
    answers.start_page(page)
    md.convert(textwrap.dedent(text))
    return answers.choices


def test_the_choices_are_the_links_in_the_answers_list_only():
    choices = notes(
        "help/index.md",
        """
        Read [the glossary](../glossary.md) first.

        <div class="sp-answers" markdown>

        - [Someone is threatening us](threats.md)
        - [An account has been hacked](account-hacked.md#steps)
        - [Call 999](tel:999)

        </div>

        [Start again](index.md)
        """,
    )
    assert choices == {"help/index.md": ["help/threats.md", "help/account-hacked.md"]}


def test_a_page_with_no_answers_list_is_noted_with_no_choices():
    assert notes("help/threats.md", "# Threats\n\n1. Call 999.\n") == {"help/threats.md": []}


PAGES = {"help/index.md", "help/question.md", "help/answer.md", "help/other.md", "about.md"}


def test_a_page_under_help_that_no_chain_of_choices_reaches_is_found():
    choices = {
        "help/index.md": ["help/question.md"],
        "help/question.md": ["help/answer.md", "about.md"],
        "help/answer.md": [],
        "help/other.md": ["help/answer.md"],  # its own choices do not make it reachable
        "about.md": [],
    }
    assert unreached_pages(choices, PAGES) == ["help/other.md"]
    assert unreached_pages({**choices, "help/answer.md": ["help/other.md"]}, PAGES) == []


def test_nothing_is_found_without_the_first_question_or_when_a_page_was_not_converted():
    assert unreached_pages({}, {"help/answer.md", "about.md"}) == []
    # A --dirty build converts only changed pages: the others' choices are unknown.
    assert unreached_pages({"help/index.md": [], "help/answer.md": []}, PAGES) == []


def test_the_problem_names_the_page_at_its_title_and_says_how_to_lead_to_it():
    pages = {
        "help/index.md": ("docs/help/index.md", "# What's happening?\n"),
        "help/orphan.md": ("docs/help/orphan.md", "---\nreviewed: 2026-12-01\n---\n\n# Orphan\n"),
    }
    (problem,) = unreached_page_problems({"help/index.md": [], "help/orphan.md": []}, pages)
    assert (problem.file, problem.line) == ("docs/help/orphan.md", 5)
    assert "never reaches it" in problem.message and "docs/help/index.md" in problem.message
    assert "`- [what the reader would say](orphan.md)`" in problem.hint and "sp-answers" in problem.hint


HOME = """---
reviewed: 2026-12-01
---

# Help

<div class="sp-answers sp-home-situations" markdown>

- [Threats](help/threats.md)
- [Hacked](help/hacked.md)

</div>
"""
SITE = {"index.md": ("docs/index.md", HOME), "help/index.md": ("docs/help/index.md", "# What's happening?\n")}


def test_a_situation_the_first_question_offers_and_the_home_page_does_not_list_is_named_at_the_list():
    """implB18: a new situation added to help/index.md alone built green, a tap further from home."""
    choices = {"index.md": ["help/threats.md", "help/hacked.md"]}
    choices["help/index.md"] = ["help/threats.md", "help/hacked.md", "help/event.md", "help/event.md"]
    (problem,) = home_situation_problems(choices, SITE)
    assert (problem.file, problem.line) == ("docs/index.md", 7)
    assert "does not list help/event.md, a situation docs/help/index.md offers" in problem.message
    assert "`- [a short name for it](help/event.md)`" in problem.hint and "sp-home-situations" in problem.hint


def test_a_situation_the_home_page_lists_and_the_first_question_does_not_is_named_at_its_link():
    choices = {"index.md": ["help/threats.md", "help/hacked.md"], "help/index.md": ["help/threats.md"]}
    (problem,) = home_situation_problems(choices, SITE)
    assert (problem.line, problem.message) == (
        10,
        "the home page lists help/hacked.md, which docs/help/index.md does not offer: the two lists of situations "
        "differ",
    )


def test_the_same_situations_in_another_order_or_twice_are_no_problem():
    choices = {"index.md": ["help/hacked.md", "help/threats.md"]}
    choices["help/index.md"] = ["help/threats.md", "help/hacked.md", "help/threats.md"]
    assert home_situation_problems(choices, SITE) == []


def test_a_home_page_without_the_list_is_one_problem_naming_every_situation():
    site = {**SITE, "index.md": ("docs/index.md", "# Help\n")}
    (problem,) = home_situation_problems({"index.md": [], "help/index.md": ["help/a.md", "help/b.md"]}, site)
    assert (problem.file, problem.line) == ("docs/index.md", None)
    assert problem.hint.endswith("linking to each: help/a.md, help/b.md")


def test_nothing_is_compared_without_both_pages_converted():
    assert home_situation_problems({"help/index.md": ["help/a.md"]}, SITE) == []
    assert home_situation_problems({"index.md": ["help/a.md"]}, SITE) == []


def test_get_help_now_and_the_guided_help_cannot_be_left_out_of_the_pdf():
    """implB18: `pdf: false` on an answer page built green, and the button leading to it on paper
    showed neither a page number nor an address."""
    for page in ("help/threats.md", "help/index.md", "get-help-now.md"):
        problem = kept_off_paper_problem(page, f"docs/{page}", 3)
        assert problem is not None and problem.line == 3, page
        assert "lead" in problem.message and "remove `pdf: false`" in problem.hint
    for page in ("about.md", "resources.md", "helpful.md"):
        assert kept_off_paper_problem(page, f"docs/{page}", 3) is None, page


ANSWER = """---
reviewed: 2026-12-01
---

# Threats

## What to do now {#steps}

/// first-steps | threats
///

## Checklist {#checklist}

Your ticks are saved only on this device.
{: .sp-web-only }

/// checklist | when-abuse-happens
///
"""


def test_an_answer_page_without_its_checklist_section_is_named_at_its_title():
    """implB18: an answer page with no `## Checklist {#checklist}` built green and failed only in
    the guided-help site test."""
    without = ANSWER.split("## Checklist")[0]
    (problem,) = missing_checklist_problems({"help/threats.md": ("docs/help/threats.md", without)})
    assert (problem.file, problem.line) == ("docs/help/threats.md", 5)
    assert "no `## Checklist {#checklist}` section" in problem.message and "/// checklist | <id>" in problem.hint


def test_a_checklist_section_that_shows_no_checklist_is_named_at_its_heading():
    empty = ANSWER.replace("/// checklist | when-abuse-happens\n///\n", "").replace("{: .sp-web-only }", "")
    moved = ANSWER.replace("{: .sp-web-only }", "{: .sp-web-only }\n\n## More help")
    for text in (empty, moved):
        (problem,) = missing_checklist_problems({"help/threats.md": ("docs/help/threats.md", text)})
        assert (problem.line, problem.message) == (12, "the Checklist section of this answer page shows no checklist")


def test_answer_pages_with_their_checklist_and_pages_without_steps_are_fine():
    pages = {
        "help/threats.md": ("docs/help/threats.md", ANSWER),
        "help/plain.md": ("docs/help/plain.md", ANSWER.replace("{#checklist}", "").replace("### ", "")),
        "help/index.md": ("docs/help/index.md", "# What's happening?\n"),
        "get-help-now.md": ("docs/get-help-now.md", "# Get help now\n\n/// first-steps | threats\n///\n"),
    }
    assert missing_checklist_problems(pages) == []
