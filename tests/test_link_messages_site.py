"""A broken link between pages fails the strict build with the file, the line and a hint."""

from __future__ import annotations

import re
import subprocess
import textwrap

import pytest

from conftest import MKDOCS, TINY_FIRST_HOUR, build_in_process, tiny_project


def test_broken_page_and_section_links_name_their_line_and_what_was_meant(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n## Evidence\n", encoding="utf-8")
    (docs / "other.md").write_text(
        "---\ntitle: Other\n---\n\n# Other\n\nKeep the [evidence](index.md#evidense).\n\nSee [home](indx.md).\n",
        encoding="utf-8",
    )
    tiny_project(
        tmp_path,
        {},
        config=textwrap.dedent("""\
        validation: {omitted_files: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}
        markdown_extensions: [toc]
        """),
    )
    result = build_in_process(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    expected = [
        r"docs/other\.md:7: link 'index\.md#evidense' goes to a section '#evidense' that index\.md does not have\n"
        r"\s+hint: did you mean 'index\.md#evidence'\?",
        r"docs/other\.md:9: link 'indx\.md' goes to a page that does not exist\n\s+hint: did you mean 'index\.md'\?",
    ]
    for pattern in expected:
        assert re.search(pattern, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert "Aborted with 2 warnings" in result.stdout + result.stderr, "one message per mistake"


@pytest.mark.parametrize("log_level", ["--quiet", "--verbose"])
def test_a_strict_build_fails_on_a_broken_section_link_at_any_log_level(tmp_path, log_level):
    """MkDocs alone passes this build: --quiet hides the warning before strict mode counts it, and
    --verbose skips the check of links to sections. The command line is what is tested here."""
    tiny_project(
        tmp_path,
        {"index.md": "# Home\n\n## Evidence\n", "other.md": "# Other\n\nKeep the [evidence](index.md#evidense).\n"},
        config="validation: {anchors: warn}\nmarkdown_extensions: [toc]\n",
    )
    command = [*MKDOCS, "build", "--strict", log_level, "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "docs/other.md:3: link 'index.md#evidense' goes to a section" in output
    assert "Traceback" not in output


def test_a_broken_link_in_a_first_step_is_reported_once_at_its_line_in_the_data_file(tmp_path):
    """A first step shows on every page that places its list, its page links made relative to each:
    the mistake is one line of data/first-hour.yml, not one on each page."""
    step = "      - step: Keep [the evidence](guide.md#evidense) and read [the guide](gide.md).\n"
    first_hour = TINY_FIRST_HOUR.replace(
        "report:\n", f"  evidence:\n    sources: [police-uk-home]\n    steps:\n{step}report:\n", 1
    )
    line = first_hour.splitlines().index(step.rstrip("\n")) + 1
    steps = "# Steps\n\n/// first-steps | evidence\n///\n"
    tiny_project(
        tmp_path,
        {
            "index.md": steps,
            "guides/a.md": steps.replace("# Steps", "# Steps in a folder"),
            "guide.md": "# Guide\n\n## Evidence\n",
        },
        data={"first-hour.yml": first_hour},
        config="validation: {anchors: warn}\nmarkdown_extensions: [toc]\n",
    )
    result = build_in_process(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert (
        f"data/first-hour.yml:{line}: link 'guide.md#evidense' goes to a section '#evidense' that guide.md does "
        "not have\n    hint: did you mean 'guide.md#evidence'?" in result.stderr
    ), result.stderr
    assert (
        f"data/first-hour.yml:{line}: link 'gide.md' goes to a page that does not exist\n    hint: did you mean "
        "'guide.md'? in data/first-hour.yml, a link to a page is its Markdown file relative to docs/" in result.stderr
    ), result.stderr
    assert "docs/guides/a.md" not in result.stderr and "relative to this one" not in result.stderr
    assert "Aborted with 2 warnings" in result.stdout, "one message per mistake"
