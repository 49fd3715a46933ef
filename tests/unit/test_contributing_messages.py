"""CONTRIBUTING.md's table of build errors quotes the messages and hints the build really gives:
a maintainer searching the table for what the build printed must find it (an audit found a row
quoting a YAML message and hint the build had stopped giving)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from saferpolitics.core.datafile import load_data_file, schema_for

ROOT = Path(__file__).resolve().parents[2]
# The first cell of each row of the table: what the build prints.
QUOTED = [
    line[2:].split(" | ", 1)[0]
    for line in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").splitlines()
    if line.startswith("| `")
]
GLOSSARY_ENTRY = (
    "terms:\n  - term: 2SV\n    definition: A check.\n    tooltip: A check.\n"
    "  - term: 2FA\n    definition: >-\n      A second check.\n      tooltip: A second check\n"
)
# (the data file, its text with one mistake): each mistake the table explains.
MISTAKES = [
    ("links.yml", "links:\n  - id: a\n    description: Note: this\n"),
    ("first-hour.yml", "lists:\n  abuse:\n    steps:\n      - step: **Ask your party's safety lead.**\n"),
    ("first-hour.yml", "lists:\n  abuse:\n    steps:\n      - step: &Call 999 now.\n"),
    (
        "checklists.yml",
        "checklists:\n  - id: a\n    items:\n      - id: b\n        text: Search the #hashtag your MP uses.\n",
    ),
    ("checklists.yml", "checklists:\n  - id: a\n\t  items: []\n"),
    ("glossary.yml", GLOSSARY_ENTRY),
    (
        "first-hour.yml",
        "lists:\n  abuse:\n    steps:\n      - step: >-\n          Keep it.\n          - step: >-\n          Ask.\n",
    ),
    # A value closed with a curly quote, or not closed: on the table's line numbers.
    (
        "checklists.yml",
        "checklists:\n  - id: a\n    items:\n"
        + "    # a note\n" * 73
        + '      - id: b\n        text: "Proofread it.\u201d\n'
        '      - id: c\n        text: Read it aloud.\n        why: So it is read as meant."\n',
    ),
    (
        "first-hour.yml",
        "lists:\n  abuse:\n    steps:\n" + "      # a note\n" * 38 + '      - step: "Call 999 now.\n'
        '      - step: >-\n          Tell a colleague\n          now.\n      - step: "**Keep it**: now."\n',
    ),
]


def _hints_quoted(cell: str) -> list[str]:
    """The hints a row quotes, each without its closing ' …' (the table shortens long hints)."""
    return [hint.removesuffix("…").rstrip() for _, hint in re.findall(r"(`+)\s*hint: (.+?)\s?\1(?!`)", cell)]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="the table quotes libyaml's words, which the build uses")
@pytest.mark.parametrize(("name", "text"), MISTAKES)
def test_the_error_table_quotes_the_message_and_hint_the_build_gives(name, text):
    schema = schema_for(name.removesuffix(".yml"))
    problem = next(
        p for p in load_data_file(text, f"data/{name}", schema)[1] if "YAML" in p.message or "`" in p.message
    )
    said = re.compile(rf"data/{re.escape(name)}:\d+: {re.escape(problem.message)}")
    rows = [cell for cell in QUOTED if said.search(cell)]
    assert rows, f"no row of CONTRIBUTING.md's error table quotes {problem.file}:{problem.line}: {problem.message}"
    quoted = [hint for cell in rows for hint in _hints_quoted(cell)]
    assert not quoted or any(problem.hint.startswith(hint) for hint in quoted), (problem.hint, quoted)
