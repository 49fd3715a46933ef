"""Data-file schema check: problems name the file, line and entry, in words a maintainer can act on."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from saferpolitics.core import data_schemas

SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "title"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "email": {"type": "string"},
            "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        },
        "oneOf": [{"required": ["url"]}, {"required": ["email"]}],
    },
}


def project(tmp_path, data: str, schema: dict | None = SCHEMA):
    (tmp_path / "data" / "schema").mkdir(parents=True)
    (tmp_path / "data" / "links.yml").write_text(data, encoding="utf-8")
    if schema is not None:
        (tmp_path / "data" / "schema" / "links.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    return data_schemas.check_all(tmp_path)


def test_a_valid_file_has_no_problems_and_dates_are_read_as_written(tmp_path):
    assert project(tmp_path, "- id: a\n  title: A\n  url: https://a.example\n  date: 2026-11-25\n") == []


def test_a_wrong_field_is_reported_at_its_entry_by_id(tmp_path):
    [problem] = project(tmp_path, "- id: a\n  title: A\n  url: x\n- id: b\n  title: B\n  email: e\n  urll: x\n")
    # The line of the unknown field itself, and the field it was probably meant to be.
    assert (problem.file, problem.line) == ("data/links.yml", 7)
    assert problem.message == "entry 'b': unknown field 'urll'"
    assert problem.hint.startswith("did you mean 'url'? use only: date, email, id, title, url")


def test_one_of_alternatives_are_named_not_dumped(tmp_path):
    [problem] = project(tmp_path, "- id: a\n  title: A\n")
    assert problem.message == "entry 'a': needs exactly one of 'url' or 'email'"
    assert (problem.line, problem.hint) == (
        1,
        "the fields are described at the top of data/links.yml and in data/schema/links.schema.json",
    )


def test_a_bad_value_points_at_its_own_line(tmp_path):
    [problem] = project(tmp_path, "- id: a\n  title: A\n  url: x\n  date: 25/11/2026\n")
    assert problem.line == 4 and problem.message == "entry 'a', field 'date': '25/11/2026' is not a valid date"
    assert "data/schema/links.schema.json" in problem.hint


def test_broken_yaml_and_a_missing_schema_are_reported(tmp_path):
    [problem] = project(tmp_path, "- id: a\n  title: [A\n")
    assert problem.file == "data/links.yml" and "not valid YAML" in problem.message
    other = tmp_path / "other"
    other.mkdir()
    [problem] = project(other, "- id: a\n", schema=None)
    assert "no schema" in problem.message and "data/schema/links.schema.json" in problem.hint


def test_the_command_checks_the_files_named_and_says_when_all_is_well(tmp_path, capsys):
    """A maintainer review: the command took its argument as the project folder, checked
    nothing, and said nothing either way."""
    project(tmp_path, "- id: a\n  title: A\n  url: x\n  urll: y\n")
    assert data_schemas.main(["--root", str(tmp_path), "data/links.yml"]) == 1
    assert "data/links.yml:4: entry 'a': unknown field 'urll'" in capsys.readouterr().out
    (tmp_path / "data" / "links.yml").write_text("- id: a\n  title: A\n  url: x\n", encoding="utf-8")
    assert data_schemas.main(["--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "Checked 1 data file against the schemas: no problems.\n"
    assert data_schemas.main(["--root", str(tmp_path), "docs/index.md"]) == 1
    assert "docs/index.md: is not a data file" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stopped:
        data_schemas.main(["--bogus"])
    assert stopped.value.code == 2


# A field that pages show as plain text, in each data file that has one, with Markdown typed in
# it (a maintainer review: readers saw the asterisks). first-hour.yml's steps are Markdown.
PLAIN_FIELDS = [
    ("checklists.yml", r"(\n      text: [A-Z]\w+ )", r"\1**all** "),
    ("links.yml", r"(\n  description: [A-Z]\w+ )", r"\1[again](cyber-security.md) "),
    ("glossary.yml", r"(definition: [A-Z]\w+ )", r"\1__bold__ "),
    ("evidence-log.yml", r"(record: [A-Z]\w+ )", r"\1`code` "),
]


@pytest.mark.parametrize("name, where, typed", PLAIN_FIELDS, ids=[name for name, _, _ in PLAIN_FIELDS])
def test_markdown_in_a_plain_text_field_is_named_on_its_line(tmp_path, name, where, typed):
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", tmp_path / "data")
    text = (tmp_path / "data" / name).read_text(encoding="utf-8")
    changed = re.sub(where, typed, text, count=1)
    (tmp_path / "data" / name).write_text(changed, encoding="utf-8")
    line = next(
        n
        for n, (old, new) in enumerate(zip(text.splitlines(), changed.splitlines(), strict=True), start=1)
        if old != new
    )
    problems = data_schemas.check_all(tmp_path, [f"data/{name}"])
    assert [(p.file, p.line) for p in problems] == [(f"data/{name}", line)], problems
    assert "has Markdown in it" in problems[0].message and "plain text" in problems[0].hint


def test_a_double_underscore_inside_a_word_is_plain_text(tmp_path):
    # A self-review: an example X handle, "@angry__voter", was rejected as Markdown.
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", tmp_path / "data")
    path = tmp_path / "data" / "evidence-log.yml"
    changed = re.sub(r"(record: [A-Z]\w+ )", r"\1@angry__voter ", path.read_text(encoding="utf-8"), count=1)
    path.write_text(changed, encoding="utf-8")
    assert data_schemas.check_all(tmp_path, ["data/evidence-log.yml"]) == []
