"""Held problems: mistakes that stop the build once the later checks have reported theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from saferpolitics.core.problems import BuildStopped, HeldProblems, Problem, display_path

LINK = Problem("data/checklists.yml", 9, "item `two` links to page `old.md`, which does not exist", "link to guide.md")
SYNONYM = Problem("data/search-synonyms.yml", 5, "page 'old.md' does not exist", "write 'guide.md'")


def test_nothing_held_does_not_stop_the_build():
    held = HeldProblems()
    held.hold([], "Checklist links")
    held.stop()
    assert held.with_them("Pages: 1 problem(s)") == "Pages: 1 problem(s)"


def test_the_stop_lists_every_held_problem_under_its_heading_once():
    held = HeldProblems()
    held.hold([LINK], "Checklist links (data/checklists.yml)")
    held.hold([SYNONYM], "data/search-synonyms.yml")
    with pytest.raises(BuildStopped) as stopped:
        held.stop()
    assert str(stopped.value).splitlines() == [
        "Checklist links (data/checklists.yml): 1 problem(s)",
        f"  {LINK.where}: {LINK.message}",
        f"    hint: {LINK.hint}",
        "data/search-synonyms.yml: 1 problem(s)",
        f"  {SYNONYM.where}: {SYNONYM.message}",
        f"    hint: {SYNONYM.hint}",
    ]
    held.stop()  # said once: a rebuild (`mkdocs serve`) starts afresh


def test_a_stop_that_comes_first_lists_the_held_problems_too():
    held = HeldProblems()
    held.hold([SYNONYM], "data/search-synonyms.yml")
    message = held.with_them("Pages: 1 problem(s)\n  docs/a.md:1: the file is not UTF-8")
    assert message.startswith("data/search-synonyms.yml: 1 problem(s)\n  data/search-synonyms.yml:5:")
    assert message.endswith("Pages: 1 problem(s)\n  docs/a.md:1: the file is not UTF-8")


def test_a_problem_a_warning_already_named_at_its_line_is_not_repeated_but_still_stops():
    held = HeldProblems()
    held.hold([LINK], "Checklist links (data/checklists.yml)")
    held.hold([SYNONYM], "data/search-synonyms.yml")
    said = ["data/checklists.yml:9: link 'old.md' goes to a page that does not exist\n    hint: ..."]
    with pytest.raises(BuildStopped) as stopped:
        held.stop(said=said)
    message = str(stopped.value)
    assert message.startswith("Checklist links (data/checklists.yml): 1 problem(s), named above\n")
    assert LINK.message not in message and SYNONYM.message in message


@pytest.mark.parametrize(
    ("path", "root", "shown"),
    [
        ("/project/docs/page.md", "/project", "docs/page.md"),
        (Path("/project/docs/help/page.md"), Path("/project"), "docs/help/page.md"),
        ("/project/docs/page.md", "/project/", "docs/page.md"),
        ("/project//docs/./page.md", "/project", "docs/page.md"),
        ("/project/docs/../mkdocs.yml", "/project", "mkdocs.yml"),
        ("/projects/page.md", "/project", "/projects/page.md"),  # beside the root, not in it
        ("/elsewhere/page.md", "/project", "/elsewhere/page.md"),
    ],
)
def test_a_path_is_shown_from_the_project_root_when_it_is_inside_it(path, root, shown):
    assert display_path(path, root) == shown
