"""Valid HTML: the Nu HTML Checker (vnu.jar) finds no error of our making on any built page.

vnu runs once per test session over every page, the print page and the 404 page in one Java
process (it accepts many files), in the background as soon as the site is built (conftest.py).
The one error left is Material's, listed below with why it stays, and in docs/accessibility.md;
the others the theme and print-site wrote are repaired in the built HTML
(saferpolitics/post_build/theme_fixes.py), and ours (duplicate card ids on the print page) at source.
"""

from __future__ import annotations

import pytest

from conftest import ROOT

# (message start, file or None for every page, why it stays)
INHERITED = [
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        None,
        "Material's drawer and search toggles are checkboxes with autocomplete=off, so Firefox does "
        "not reopen the menu or search after Back; removing it would change that behaviour.",
    ),
]


@pytest.fixture(scope="session")
def vnu_messages(background) -> list[dict]:
    """vnu's messages, from its run in the background as soon as the site is built (conftest.py)."""
    messages = background.result_of("vnu_messages")
    if isinstance(messages, str):
        pytest.fail(messages, pytrace=False)
    return messages


def _inherited(message: dict, site_dir) -> bool:
    page = message.get("url", "").removeprefix("file:").removeprefix(str(site_dir) + "/")
    return any(
        message.get("message", "").startswith(start) and (where is None or page == where)
        for start, where, _ in INHERITED
    )


def test_no_html_errors_of_our_making_on_any_page(vnu_messages, site_dir):
    ours = [
        f"{m.get('url', '').rsplit(str(site_dir), 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in vnu_messages
        if m.get("type") == "error" and not _inherited(m, site_dir)
    ]
    assert ours == [], "\n".join(ours)


def test_every_inherited_error_is_still_there_and_in_the_accessibility_statement(vnu_messages, site_dir):
    statement = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")
    for start, _, _ in INHERITED:
        # When Material or print-site fix one, this list and the statement must lose it.
        assert any(m.get("message", "").startswith(start) for m in vnu_messages), start
    assert "autocomplete" in statement
