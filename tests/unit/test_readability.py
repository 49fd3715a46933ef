"""Plain English: every page and every checklist reads at a Flesch reading ease of 50 or more."""

from __future__ import annotations

from pathlib import Path

import yaml

from reading_ease import (
    MINIMUM,
    flesch_reading_ease,
    measure,
    page_problem,
    prose_of_markdown,
    syllables,
)

ROOT = Path(__file__).resolve().parents[2]


def test_syllables_follow_the_usual_rule_of_thumb():
    assert [syllables(w) for w in ("call", "police", "advice", "used", "evidence", "the")] == [1, 2, 2, 1, 3, 1]


def test_short_plain_sentences_score_higher_than_long_formal_ones():
    plain = "Call 999 if you are in danger. Tell a colleague. Keep the evidence."
    formal = (
        "Individuals experiencing intimidation should contemporaneously document communications, "
        "subsequently notifying the appropriate investigative authorities regarding prosecution."
    )
    assert flesch_reading_ease(plain) > 80 > 20 > flesch_reading_ease(formal)


def test_only_what_a_reader_reads_is_measured():
    text = (
        "---\nreviewed: 2026-12-01\ndescription: Extraordinarily complicated administrative terminology.\n---\n\n"
        "# Get help\n\n"
        "Read [the guide](link:ncsc-setting-up-2sv) or <https://www.example.org/very/long/address>.\n\n"
        "> Quotations keep their authors' considerable institutional vocabulary.\n\n"
        "```yaml\nid: incomprehensibility-characteristically\n```\n\n"
        "/// card | ncsc-setting-up-2sv\n///\n\n"
        "| What | Who |\n| --- | --- |\n| Danger | Call 999 |\n\n"
        "- First item\n  goes on here\n- Second item\n"
    )
    assert prose_of_markdown(text) == [
        "Get help",
        "Read the guide or .",
        "What",
        "Who",
        "Danger",
        "Call 999",
        "First item goes on here",
        "Second item",
    ]


def test_headings_list_items_and_cells_count_as_sentences():
    assert measure(["Keep the evidence"]).sentences == 1
    assert measure(["Stop. Think. Then act"]).sentences == 3


def test_a_hard_page_is_reported_with_its_file_score_and_what_to_rewrite():
    hard = "# Page\n\nNotwithstanding considerable organisational complexity, practitioners necessitate comprehensive institutional interventions.\n"
    message = page_problem("docs/hard.md", hard)
    assert message.startswith("docs/hard.md: reading ease ") and "below 50" in message
    assert "hint: use shorter sentences" in message and "Notwithstanding" in message
    assert page_problem("docs/easy.md", "# Page\n\nCall 999 now. Tell a colleague.\n") is None


def test_every_page_is_plain_english():
    problems = [
        page_problem(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "docs").rglob("*.md"))
    ]
    assert [p for p in problems if p] == []


def test_checklists_are_plain_english():
    data = yaml.safe_load((ROOT / "data/checklists.yml").read_text(encoding="utf-8"))
    for checklist in data:
        blocks = [checklist["title"]] + [
            text for item in checklist["items"] for text in (item["text"], item.get("why")) if text
        ]
        score = measure(blocks).score
        assert score >= MINIMUM, (
            f"data/checklists.yml: checklist '{checklist['id']}' reads at {score:.0f}, below {MINIMUM:.0f}"
        )
