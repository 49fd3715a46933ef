"""Trying to break in through every data file and every block: nothing may land live.

Two defences, each tested on its own:
1. Loading: a data value containing HTML is a Problem naming the file and line (data is text).
2. Rendering: even data that skipped validation is escaped by every block (no Markdown inline
   parsing of data text), so no script, handler, javascript: link or element reaches a page.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import markdown
import pytest

from saferpolitics.core import htmlscan
from saferpolitics.core.glossary_terms import Term, parse_glossary
from saferpolitics.markdown_stage.checklist_blocks import ChecklistExtension
from saferpolitics.markdown_stage.checklists import Checklist, Item, parse_checklists
from saferpolitics.markdown_stage.evidence_log import EvidenceLogExtension, Field, parse_fields
from saferpolitics.markdown_stage.first_hour import (
    Contact,
    FirstHour,
    FirstStepsExtension,
    Route,
    Step,
    StepList,
    card_element,
    parse_first_hour,
)
from saferpolitics.markdown_stage.glossary import GlossaryBlockExtension
from saferpolitics.markdown_stage.links import LinksExtension
from saferpolitics.markdown_stage.protocol import (
    FormField,
    ProtocolBuilderExtension,
    ProtocolTemplate,
    parse_blocks,
    parse_template,
)
from saferpolitics.markdown_stage.registry import Link, Registry, load_registry, parse_registry

ROOT = Path(__file__).resolve().parents[2]

# What an attacker might write into a data value: HTML, and Markdown that would become HTML.
HTML_ATTACKS = {
    "script": "<script>alert(1)</script>",
    "event handler": '<img src=x onerror="alert(1)">',
    "raw HTML": "<iframe src=https://example.org></iframe>",
    # attr_list reads `{...}` at the end of a cell, term or heading even in text nothing else
    # parses: only the loading check stops it, so every build runs that check.
    "attribute list": "Text {: onclick=alert(1) }",
}
MARKDOWN_ATTACKS = {
    "javascript: link": "[Open](javascript:alert(1))",
    "autolink": "<javascript:alert(1)>",
    "emphasis and code": "*a* `b`",
}
ATTACKS = {**{k: v for k, v in HTML_ATTACKS.items() if k != "attribute list"}, **MARKDOWN_ATTACKS}


# --- 1. Loading: HTML in any data file fails with its file and line -----------------------------

# (data file, the line to change, the field on it): a field shown to readers in each file.
# The protocol builder's field ids, which the crisis card's contacts name.
BUILDER_FIELDS = {
    field.id
    for field in parse_template((ROOT / "data" / "protocol-template.yml").read_text(encoding="utf-8"))[0].fields
}
DATA_FIELDS = [
    ("data/links.yml", parse_registry, "description: "),
    ("data/checklists.yml", parse_checklists, "text: "),
    ("data/glossary.yml", parse_glossary, "definition: "),
    ("data/evidence-log.yml", parse_fields, "record: "),
    ("data/protocol-template.yml", parse_template, "label: "),
    (
        "data/first-hour.yml",
        lambda text, file: parse_first_hour(
            text, load_registry(ROOT / "data" / "links.yml", ROOT)[0], BUILDER_FIELDS, file
        ),
        "step: ",
    ),
]


@pytest.mark.parametrize("file, parse, field", DATA_FIELDS, ids=[f[0] for f in DATA_FIELDS])
@pytest.mark.parametrize("attack", HTML_ATTACKS.values(), ids=HTML_ATTACKS.keys())
def test_html_in_a_data_file_is_a_problem_at_its_line(file, parse, field, attack):
    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    number = next(
        i
        for i, line in enumerate(lines)
        if line.lstrip(" -").startswith(field) and line.split(field, 1)[1].strip() not in ("", ">", ">-", "|", "|-")
    )
    indent = lines[number][: lines[number].index(field)]
    lines[number] = (
        f"{indent}{field}{attack!r}".replace("'", '"') if '"' not in attack else f"{indent}{field}'{attack}'"
    )
    result = parse("\n".join(lines) + "\n", file)
    problems = [str(p) for p in result[-1]]
    assert any(p.startswith(f"{file}:{number + 1}: `{field.strip(': ')}` contains") for p in problems), problems


# --- 2. Rendering: every block escapes data it is given ----------------------------------------


def _link(text: str) -> Link:
    return Link(
        id="bad",
        title=text,
        publisher=text,
        category="charity",
        description=text,
        checked_date=datetime.date(2026, 11, 25),
        checked_outcome="ok",
        url="https://example.org/",
        at_risk=text,
    )


def _blocks(text: str) -> list[tuple[str, list, str]]:
    """(name, extensions, Markdown) for every block on the site, fed with `text` in every field."""
    registry = Registry("data/links.yml", {"bad": _link(text)})
    checklist = Checklist("bad", text, (Item("one", text, "bad", text, text),))
    first_hour = FirstHour(
        text, (StepList("bad", text, (Step(text, text),)),), (Route(text, text, "bad"),), (Contact(text, "office"),)
    )
    return [
        ("card", [LinksExtension(registry=registry)], "/// card | bad\n///\n"),
        ("inline link", [LinksExtension(registry=registry)], "[](link:bad)\n"),
        ("resources", [LinksExtension(registry=registry)], "/// resources\n///\n"),
        (
            "checklist",
            [ChecklistExtension([checklist]), LinksExtension(registry=registry)],
            "/// checklist | bad\n///\n",
        ),
        ("checklists", [ChecklistExtension([checklist]), LinksExtension(registry=registry)], "/// checklists\n///\n"),
        ("glossary", [GlossaryBlockExtension(terms=[Term(text, text, text, text, ())])], "/// glossary\n///\n"),
        ("evidence-log", [EvidenceLogExtension(fields=[Field(text, text, text, 1)])], "/// evidence-log\n///\n"),
        (
            "protocol-builder",
            [
                ProtocolBuilderExtension(
                    template=ProtocolTemplate(
                        (
                            FormField("office", text, "text", text, text, text),
                            FormField("role", text, "select", text, options=(text,)),
                        ),
                        parse_blocks(f"# {text} {{office}}\n\n{text} {{role}}\n\n- {text}\n", 1)[0],
                    ),
                    card=lambda: card_element(first_hour, registry, headings=False),
                )
            ],
            "/// protocol-builder\n///\n",
        ),
        ("first-steps", [FirstStepsExtension(first_hour=first_hour)], "/// first-steps | bad\n///\n"),
        ("office-contacts", [FirstStepsExtension(first_hour=first_hour)], "/// office-contacts\nFill them in.\n///\n"),
    ]


BLOCK_NAMES = [name for name, _, _ in _blocks("x")]


@pytest.mark.parametrize("index", range(len(BLOCK_NAMES)), ids=BLOCK_NAMES)
@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_every_block_escapes_data_it_is_given(index, attack):
    _, extensions, source = _blocks(attack)[index]
    html = markdown.Markdown(extensions=[*extensions, "attr_list", "md_in_html"]).convert(source)
    live = [code for code in htmlscan.scan(html) if code.kind != "style-attribute"]
    assert live == [], html
    # Escaped, not dropped: the reader sees the text as written.
    assert attack.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html or "link:bad" in source, html


def test_a_registry_address_is_checked_again_when_it_is_written_into_a_page():
    bad = Link(
        id="bad",
        title="t",
        publisher="p",
        category="charity",
        description="d.",
        checked_date=datetime.date(2026, 11, 25),
        checked_outcome="ok",
        url="javascript:alert(1)",
    )
    extension = LinksExtension(registry=Registry("data/links.yml", {"bad": bad}))
    with pytest.raises(Exception, match=r"data/links.yml.*'bad'.*not https://"):
        markdown.Markdown(extensions=[extension]).convert("[x](link:bad)")
