"""The home page's Guidance list checked against the nav (saferpolitics/core/home_guidance.py)."""

from __future__ import annotations

from saferpolitics.core.home_guidance import listed_pages, unlisted_guidance_problems

HOME = """\
# Home

## What's happening? {#situations}

- [Threats](help/threats.md)

## Guidance {#guidance}

<div class="sp-web-only" markdown>

- [Get help now](get-help-now.md): the first steps.
- [Cyber security](./cyber-security.md#access): who can get in.

```markdown
- [An example, not a link](harassment.md)
```

</div>

### Also

- [Resources](resources.md)

## About

- [About](about.md)
"""


def test_the_guidance_list_is_the_links_under_its_heading_down_to_the_next_as_high():
    line, pages = listed_pages(HOME, "docs/index.md")
    assert line == 7
    assert pages == {"get-help-now.md", "cyber-security.md", "resources.md"}


def test_each_guidance_page_the_home_page_does_not_list_is_named_at_the_heading():
    """A first-time review: docs/index.md's Guidance list is written by hand, so a page added under
    Guidance in the nav reached the menu but never the home page."""
    problems = unlisted_guidance_problems(
        ["cyber-security.md", "harassment.md", "about.md", "resources.md"], HOME, "docs/index.md"
    )
    assert [(p.file, p.line) for p in problems] == [("docs/index.md", 7), ("docs/index.md", 7)]
    assert problems[0].message == (
        "the home page's Guidance list does not link to harassment.md, which is under Guidance in mkdocs.yml's "
        "nav: readers who start on the home page would never find it"
    )
    assert "about.md" in problems[1].message
    assert problems[0].hint == "add '- [Its title](harassment.md): what it helps with.' to the list under this heading"


def test_a_home_page_without_the_heading_is_one_problem_and_no_guidance_section_none():
    [problem] = unlisted_guidance_problems(["a.md", "b.md"], "# Home\n\n- [A](a.md)\n", "docs/index.md")
    assert (problem.file, problem.line) == ("docs/index.md", None)
    assert "no '## Guidance' heading" in problem.message and problem.hint.endswith("a.md, b.md")
    assert unlisted_guidance_problems([], "# Home\n", "docs/index.md") == []


def test_a_guidance_list_with_no_guidance_section_in_the_nav_is_named_at_its_heading():
    """A code review: renaming the nav's section would have turned the check off without a word."""
    [problem] = unlisted_guidance_problems([], HOME, "docs/index.md")
    assert (problem.file, problem.line) == ("docs/index.md", 7)
    assert "no top-level section titled 'Guidance'" in problem.message
