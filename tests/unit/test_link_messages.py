"""MkDocs' link warnings re-worded: where the link is written, what is wrong, what was meant."""

from __future__ import annotations

from saferpolitics.engine.link_messages import find_links, parse_warning, problems_for

PAGES = ["index.md", "harassment.md", "help/abuse.md"]
SOURCES = {
    "harassment.md": "---\nreviewed: 2026-11-25\n---\n\n# Harassment\n\nKeep [evidence](#evidense).\n",
    "index.md": "# Home\n\nWe help with harassment.\n\nSee [harassment](harassment) and "
    "[this](harassment.md#evidense).\n",
    "help/abuse.md": "# Abuse\n\n/// checklist | abuse\n///\n",
}
CHECKLISTS = (
    "# e.g. link: harassment.md#evidense\n- id: abuse\n  items:\n    - id: keep\n      link: harassment.md#evidense\n"
)


def sources(page):
    return [(f"docs/{page}", SOURCES[page]), ("data/checklists.yml", CHECKLISTS)]


def problems(message):
    return problems_for(message, "docs/", sources, lambda page: {"evidence", "police"}, PAGES)


def problem(message):
    """The first place's Problem (or None for a message about something else)."""
    found = problems(message)
    return found[0] if found else found


def test_other_messages_are_left_alone():
    assert parse_warning("Documentation built in 2 seconds") is None
    assert problem("Doc file 'index.md' contains a link 'x.md'. Something new.") is None


def test_a_misspelt_section_names_the_line_and_the_nearest_section():
    found = problem(
        "Doc file 'index.md' contains a link 'harassment.md#evidense', "
        "but the doc 'harassment.md' does not contain an anchor '#evidense'."
    )
    assert (found.file, found.line) == ("docs/index.md", 5)
    assert (
        found.message == "link 'harassment.md#evidense' goes to a section '#evidense' that harassment.md does not have"
    )
    assert found.hint.startswith("did you mean 'harassment.md#evidence'?")


def test_a_missing_section_on_the_same_page_counts_front_matter_lines():
    found = problem("Doc file 'harassment.md' contains a link '#evidense', but there is no such anchor on this page.")
    assert (found.file, found.line) == ("docs/harassment.md", 7)
    assert "that this page does not have" in found.message and "did you mean '#evidence'?" in found.hint


def test_a_link_from_a_data_file_is_reported_at_its_line_there_not_at_a_comment():
    # Shown on a page in help/, MkDocs reports the link relative to that page.
    found = problem(
        "Doc file 'help/abuse.md' contains a link '../harassment.md#evidense', "
        "but the doc 'harassment.md' does not contain an anchor '#evidense'."
    )
    assert (found.file, found.line) == ("data/checklists.yml", 5)
    assert found.message.startswith("link 'harassment.md#evidense' goes to")


def test_a_missing_page_suggests_the_nearest_page():
    found = problem(
        "Doc file 'help/abuse.md' contains a link '../harasment.md', but the target 'harasment.md' "
        "is not found among documentation files."
    )
    assert found.message == "link '../harasment.md' goes to a page that does not exist"
    assert found.hint.startswith("did you mean '../harassment.md'?")


def test_a_link_without_md_is_found_as_a_link_not_as_a_word_in_the_text():
    found = problem(
        "Doc file 'index.md' contains an unrecognized relative link 'harassment', it was left as is. "
        "Did you mean 'harassment.md'?"
    )
    assert (found.file, found.line) == ("docs/index.md", 5)
    assert "is not a link to a Markdown file" in found.message and found.hint.startswith(
        "did you mean 'harassment.md'?"
    )


def test_an_absolute_link_is_explained():
    found = problem("Doc file 'index.md' contains an absolute link '/harassment.md', it was left as is.")
    assert "starts with '/'" in found.message and "relative to this one" in found.hint


def test_find_links_knows_link_syntax_in_markdown_yaml_and_html():
    for text in ("[a](x.md)", "[a]: x.md", "link: x.md", '<a href="x.md">a</a>'):
        assert find_links(["x.md"], [("f.md", text)]) == [("f.md", 1, "x.md")], text
    assert find_links(["x.md"], [("f.md", "[a](x.md#more) and x.md in text")]) == []


def test_every_place_a_broken_link_is_written_is_named_in_one_build():
    # A maintainer review: a renamed section linked from eight steps took eight builds, one line each.
    text = "[a](x.md#old)\n\n<!-- was: [b](x.md#old) -->\n\nSee [c](x.md#old) and [d](x.md#old).\n"
    assert find_links(
        ["x.md#old"], [("f.md", text), ("data/first-hour.yml", "# [e](x.md#old)\nstep: [f](x.md#old)\n")]
    ) == [
        ("f.md", 1, "x.md#old"),
        ("f.md", 5, "x.md#old"),
        ("data/first-hour.yml", 2, "x.md#old"),
    ]
    found = problems(
        "Doc file 'index.md' contains a link 'harassment.md#evidense', "
        "but the doc 'harassment.md' does not contain an anchor '#evidense'."
    )
    assert [(p.file, p.line) for p in found] == [("docs/index.md", 5), ("data/checklists.yml", 5)]


def test_with_no_near_section_the_hint_lists_the_sections():
    found = problem(
        "Doc file 'index.md' contains a link 'harassment.md#stalking', "
        "but the doc 'harassment.md' does not contain an anchor '#stalking'."
    )
    assert found.hint.startswith("harassment.md has #evidence, #police.")


def test_a_page_relative_link_text_in_a_data_file_is_not_blamed_for_a_pages_mistake():
    # A self-review: help/abuse.md linked `get-help-now.md#evidence` without `../`; the data files'
    # `get-help-now.md#evidence` (relative to docs/, correct) were named too.
    def sources(page):
        return [
            ("docs/help/abuse.md", "# Abuse\n\nSee [Keep the evidence](get-help-now.md#evidence).\n"),
            ("data/checklists.yml", "- id: abuse\n  items:\n    - id: keep\n      link: get-help-now.md#evidence\n"),
        ]

    found = problems_for(
        "Doc file 'help/abuse.md' contains a link 'get-help-now.md#evidence', but the target "
        "'help/get-help-now.md' is not found among documentation files.",
        "docs/",
        sources,
        lambda page: set(),
        ["help/abuse.md", "get-help-now.md"],
    )
    assert [(p.file, p.line) for p in found] == [("docs/help/abuse.md", 3)]


def test_a_link_to_a_renamed_page_names_where_redirect_maps_sends_it():
    # A maintainer review: after renaming police-advisors.md, the hint guessed '../resources.md'.
    def sources(page):
        return [
            ("docs/help/threats.md", "# Threats\n\nTell your [FEOA](../police-advisors.md#who).\n"),
            ("data/first-hour.yml", "steps:\n  - step: Tell your [FEOA](police-advisors.md).\n"),
        ]

    moved = {"police-advisors.md": "feoa.md", "old.md": "https://elsewhere.example/"}
    found = problems_for(
        "Doc file 'help/threats.md' contains a link '../police-advisors.md#who', but the target "
        "'police-advisors.md' is not found among documentation files. Did you mean '../resources.md'?",
        "docs/",
        sources,
        lambda page: set(),
        ["help/threats.md", "feoa.md", "resources.md"],
        moved,
    )
    assert [(p.file, p.line, p.hint) for p in found] == [
        (
            "docs/help/threats.md",
            3,
            "the page moved to feoa.md (redirect_maps in mkdocs.yml): link to '../feoa.md#who'.",
        )
    ]
    found = problems_for(
        "Doc file 'help/threats.md' contains a link '../police-advisors.md', but the target "
        "'police-advisors.md' is not found among documentation files.",
        "docs/",
        sources,
        lambda page: set(),
        ["help/threats.md", "feoa.md"],
        moved,
    )
    assert [(p.file, p.hint) for p in found] == [
        ("data/first-hour.yml", "the page moved to feoa.md (redirect_maps in mkdocs.yml): link to 'feoa.md'.")
    ]


def test_a_link_to_a_picture_or_download_with_a_wrong_capital_names_the_file_that_exists():
    """A maintainer review: `X-report-button.png` was "a page that does not exist", with a hint
    about pages; a computer that ignores case showed the picture, the website would not."""

    def sources(page):
        return [
            (
                "docs/help/abuse.md",
                "# Abuse\n\n![The report button](../assets/images/X-report-button.png)\n\n"
                "Get [the log](../downloads/evidence-lgo.csv).\n",
            )
        ]

    files = ["assets/images/x-report-button.png", "downloads/evidence-log.csv", "assets/css/print.css"]

    def found(link):
        return problems_for(
            f"Doc file 'help/abuse.md' contains a link '{link}', but the target is not found among documentation files.",
            "docs/",
            sources,
            lambda page: set(),
            ["help/abuse.md"],
            files=lambda: files,
        )

    [picture] = found("../assets/images/X-report-button.png")
    assert (picture.file, picture.line) == ("docs/help/abuse.md", 3)
    assert picture.message == "link '../assets/images/X-report-button.png' goes to a file that does not exist"
    assert picture.hint.startswith("did you mean '../assets/images/x-report-button.png'? write the file's name exactly")
    [download] = found("../downloads/evidence-lgo.csv")
    assert download.message.endswith("goes to a file that does not exist")
    assert download.hint.startswith("did you mean '../downloads/evidence-log.csv'? a link to a file is its path")
