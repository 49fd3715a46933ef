"""Where a page's code came from: the line a maintainer must change."""

from __future__ import annotations

from saferpolitics.core.content_policy import located_problems
from saferpolitics.core.htmlscan import Code


def test_a_nav_entrys_javascript_address_is_named_on_its_line_not_on_extra_javascript(tmp_path):
    """A maintainer review: `- Run: "javascript:alert(1)"` in nav was named on the line
    `extra_javascript:`, where the text "javascript:" is part of the setting's name."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Tiny\nextra_javascript:\n  - assets/js/a.js\nnav:\n  - Home: index.md\n"
        '  - Run: "javascript:alert(1)"\n',
        encoding="utf-8",
    )
    code = Code("javascript-url", "a", "href", "javascript:alert(1)")
    [problem] = located_problems([code], ("docs/index.md", "# Home\n"), tmp_path)
    assert (problem.file, problem.line) == ("mkdocs.yml", 6)
