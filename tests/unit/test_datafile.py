"""The one loader of maintainers' YAML (saferpolitics/core/datafile.py): values with their lines,
checked against a JSON Schema, each mistake a Problem with file, line and hint (golden messages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saferpolitics.core.datafile import FirstLines, line_given, load_data_file, load_settings, plain

FILE = "data/things.yml"
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["things"],
    "additionalProperties": False,
    "properties": {
        "things": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "size"],
                "additionalProperties": False,
                "x-hint": "each thing has an id and a size",
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z]+$", "x-hint": "lower-case letters only"},
                    "size": {"enum": ["small", "large"]},
                    "colour": {"type": "string", "minLength": 1},
                    "count": {"type": "integer"},
                },
            },
        }
    },
}
GOOD = "things:\n  - id: box\n    size: small\n"


@pytest.fixture
def load(tmp_path):
    schema = tmp_path / "things.schema.json"
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")
    return lambda text: load_data_file(text, FILE, schema, "data/schema/things.schema.json")


def golden(problems) -> list[tuple]:
    return [(p.file, p.line, p.message, p.hint) for p in problems]


def test_values_are_those_safe_load_gives_with_their_lines():
    root, problems = load_data_file("a:\n  b:\n  c: [1, yes, 'x']\n", "data/x.yml", None)
    assert problems == []
    assert plain(root) == {"a": {"b": None, "c": [1, True, "x"]}}
    assert root.value["a"].value["c"].line == 3 and root.valid


def test_values_described_one_by_one_read_as_an_enum(tmp_path):
    # {"oneOf": [{"const": ..., "title": ...}]}: the link registry's categories, each with its label.
    schema = tmp_path / "kinds.schema.json"
    kinds = {"oneOf": [{"const": "small", "title": "Small"}, {"const": "large", "title": "Large"}]}
    schema.write_text(json.dumps({"type": "object", "properties": {"kind": kinds}}), encoding="utf-8")
    _, problems = load_data_file("kind: smal\n", FILE, schema, "data/schema/kinds.schema.json")
    assert golden(problems) == [
        (FILE, 1, "field 'kind': 'smal' is not a known kind", "did you mean 'small'? use one of: small, large.")
    ]


def test_a_valid_file_has_no_problems_and_every_value_is_valid(load):
    root, problems = load(GOOD)
    assert problems == [] and root.valid and root.value["things"].value[0].valid


def test_a_wrong_type_is_reported_on_its_own_line(load):
    root, problems = load(GOOD + "    count: many\n")
    assert golden(problems) == [
        (
            FILE,
            4,
            "things > entry 'box', field 'count': must be a whole number",
            "the fields are described at the top of data/things.yml and in data/schema/things.schema.json",
        ),
    ]
    entry = root.value["things"].value[0]
    # The value at fault, and what holds it, are marked; its neighbours are not.
    assert not entry.value["count"].valid and not entry.valid and not root.valid and entry.value["size"].valid


def test_a_missing_key_is_reported_on_its_entry_with_the_schemas_hint(load):
    _, problems = load("things:\n  - id: box\n  - id: lid\n    size: large\n")
    assert golden(problems) == [
        (FILE, 2, "things > entry 'box': field 'size' is missing", "each thing has an id and a size")
    ]


def test_a_missing_key_without_the_entrys_hint_gets_its_own(tmp_path):
    # The first-hour lists: a list without `sources:` lost its "Based on" quietly (a maintainer review).
    schema = tmp_path / "lists.schema.json"
    described = {"type": "array", "x-hint": "list the registry ids the steps come from"}
    entry = {"type": "object", "required": ["steps", "sources"], "properties": {"sources": described}}
    schema.write_text(json.dumps({"type": "object", "additionalProperties": entry}), encoding="utf-8")
    _, problems = load_data_file("abuse:\n  steps: [a]\n", FILE, schema, "data/schema/lists.schema.json")
    assert golden(problems) == [
        (FILE, 2, "abuse: field 'sources' is missing", "list the registry ids the steps come from")
    ]


def test_an_empty_value_is_empty_not_a_crash(load):
    _, problems = load("things:\n  - id: box\n    size: small\n    colour:\n")
    assert [(p.line, p.message) for p in problems] == [(4, "things > entry 'box', field 'colour': is empty")]


def test_an_unknown_key_is_reported_on_its_line_with_a_suggestion(load):
    _, problems = load(GOOD + "    colur: red\n")
    assert golden(problems) == [
        (
            FILE,
            4,
            "things > entry 'box': unknown field 'colur'",
            "did you mean 'colour'? use only: colour, count, id, size.",
        ),
    ]


def test_a_value_not_allowed_gets_the_closest_allowed_one(load):
    _, problems = load("things:\n  - id: box\n    size: smal\n")
    assert golden(problems) == [
        (
            FILE,
            3,
            "things > entry 'box', field 'size': 'smal' is not a known size",
            "did you mean 'small'? use one of: small, large.",
        ),
    ]


def test_a_pattern_mistake_uses_the_schemas_hint(load):
    _, problems = load("things:\n  - id: Box\n    size: small\n")
    assert golden(problems) == [
        (FILE, 2, "things > entry 'Box', field 'id': 'Box' is not a valid id", "lower-case letters only")
    ]


def test_a_field_indented_into_the_text_above_it_is_named_on_its_line(load):
    """YAML reads it as words of that text: the Glossary showed "... tooltip: A second check"."""
    text = "things:\n  - id: box\n    size: small\n  - id: tin\n    colour: >-\n      Red, with a\n      lid.\n      size: large\n"
    _, problems = load(text)
    assert (
        FILE,
        8,
        "`size:` is part of the text of `colour`: it is indented as far as that text, so it is read as words, not as "
        "a field",
        "move `size:` left, in line with `colour:`",
    ) in golden(problems)
    # The next field, in line with the text's own name, words that merely end in a colon, and a
    # line starting with the name of a field this entry has already (or no entry in the list has)
    # are prose.
    fine = "things:\n  - id: tin\n    colour: >-\n      Red. Note:\n      lid: none.\n      size: as a tin.\n    size: large\n"
    assert load(fine)[1] == []


@pytest.mark.parametrize(
    ("value", "message", "fine"),
    [
        # YAML reads `&Red` as an anchor, a name for the value, and keeps only "with a lid": no error.
        # Quoted, in a `>-` text or after a word, an ampersand is text.
        (
            "&Red with a lid",
            "`&Red` at the start of a value is read by YAML as a name for it, and left out of the text",
            ['"&Red"', ">-\n      &Red R&D"],
        ),
        # YAML reads " #hashtag" and the rest of the line as a comment: the checklist said "Search the".
        # Quoted, in a `>-` text, inside a word, or a note with a space after `#`: as meant.
        (
            "Search the #hashtag your MP uses.",
            "YAML reads `#hashtag your MP uses.` and the rest of the line as a comment, so the value stops before it",
            ['"Search the #hashtag."', ">-\n      Search the #hashtag, or C#.", "Red  # a note"],
        ),
    ],
)
def test_a_value_yaml_shortens_without_an_error_is_named_on_its_line(load, value, message, fine):
    text = f"things:\n  - id: box\n    size: small\n    colour: {value}\n"
    assert golden(load(text)[1]) == [
        (FILE, 4, message, "put the whole value in double quotes, or on the next line after `>-`")
    ]
    for written in fine:
        assert load(f"things:\n  - id: box\n    size: small\n    colour: {written}\n")[1] == [], written
    if value.startswith("&"):  # the same value again through an alias (`*Red`) is one mistake, not two
        again = text + "  - id: tin\n    size: large\n    colour: *Red\n"
        assert [line for _, line, _, _ in golden(load(again)[1])] == [4]


@pytest.mark.parametrize(
    ("value", "cut", "kept"),
    [("Press # then 1", "# then 1", "Press"), ("Call 101 # or 999", "# or 999", "Call 101"), ("Press #", "#", "Press")],
)
def test_words_then_one_space_and_a_hash_are_named_as_a_value_yaml_cut_short(load, value, cut, kept):
    """`text: Press # then 1` built as "Press", silently: YAML reads ` # ` as the start of a comment."""
    assert golden(load(f"things:\n  - id: box\n    size: small\n    colour: {value}\n")[1]) == [
        (
            FILE,
            4,
            f"YAML reads `{cut}` as a comment, not as words, so the value stops before it: {kept!r}",
            "put the whole value in double quotes, or on the next line after `>-`. A note for maintainers goes "
            "on a line of its own, or after two spaces: `  # like this`",
        )
    ]


@pytest.mark.parametrize(
    "written",
    [
        "colour: Red  # a note, two spaces before it",
        "colour: Red\t# a note after a tab",
        "colour: Red   # three spaces",
        "colour: red # one word in lower case: an option or an id, not words for readers",
        "count: 3 # a number",
        'colour: "Press # then 1"',
        "colour: >-\n      Press # then 1",
        "colour: C# or F#",
        "colour: Red\n    # a note on a line of its own",
    ],
)
def test_a_note_after_a_value_is_left_alone(load, written):
    """A note written as notes are, after two spaces or after an id, an option or a number, is not
    a value cut short. The real data files' notes come after a list: `words: [...]  # codespell:...`
    (data/search-synonyms.yml)."""
    text = f"things:\n  - id: box # a note after an id\n    size: small # an option\n    {written}\n"
    assert load(text)[1] == [], text


@pytest.mark.parametrize("data_file", sorted((Path(__file__).parents[2] / "data").glob("*.yml")), ids=lambda p: p.name)
def test_the_real_data_files_notes_are_not_taken_for_values_cut_short(data_file):
    _, problems = load_data_file(data_file.read_text(encoding="utf-8"), f"data/{data_file.name}", None)
    assert [p for p in problems if "as a comment" in p.message] == []


def test_words_yaml_reads_as_true_or_false_or_a_number_say_so_and_how_to_keep_them_words(load):
    """A maintainer review: `options: [Yes, No]` was "must be text", though text was written."""
    _, problems = load(
        "things:\n  - id: box\n    size: small\n    colour: Yes\n  - id: tin\n    size: large\n    colour: 101\n"
    )
    assert [(p.line, p.message) for p in problems] == [
        (4, "things > entry 'box', field 'colour': must be text, and YAML read it as true or false"),
        (7, "things > entry 'tin', field 'colour': must be text, and YAML read it as a number"),
    ]
    assert problems[0].hint.startswith('put it in double quotes ("Yes", "101")')


def test_characters_nobody_can_see_are_named_with_their_column(load):
    """A maintainer review: a zero-width space after an id gave "unknown id 'box'... did you mean
    'box'?", two that look the same; a no-break space indenting a field, "check indentation"."""
    text = "things:\n  - id: box\u200b\n    size: small\n  - id: tin\n  \u00a0 size: large\n"
    _, problems = load(text)
    assert [(p.line, p.message, p.hint) for p in problems if "nobody can see" in p.message] == [
        (2, "column 12 is U+200B ZERO WIDTH SPACE, which nobody can see", "delete it (retype the word around it)"),
        (
            5,
            "column 3 is U+00A0 NO-BREAK SPACE, which nobody can see: it is not the space YAML and Markdown indent "
            "with",
            "delete it and type an ordinary space",
        ),
    ]
    # A no-break space between words (10\u00a0am) is typography, not a mistake.
    assert load("things:\n  - id: box\n    size: small\n    colour: Open at 10\u00a0am.\n")[1] == []


def test_a_new_entry_indented_into_the_text_above_it_is_named_on_its_line(load):
    """YAML reads it as words of that text: a crisis step ended "... safety centre. - step: >- Ask
    your party's ..." and the new step was never shown."""
    text = "things:\n  - id: box\n    size: small\n    colour: >-\n      Red, with a\n      lid.\n      - id: tin\n      size: large\n"
    _, problems = load(text)
    assert golden(problems) == [
        (
            FILE,
            7,
            "`- id:` is part of the text of `colour` above: this new entry is indented as far as that text, so it "
            "became words of it, not an entry",
            "move `- id:` left, in line with the `-` of the entry above",
        )
    ]
    # A dash and a word that no entry of the list has as a field starts a list in the text, which is
    # prose; a new entry in line with the one above is an entry.
    fine = "things:\n  - id: box\n    size: small\n    colour: |-\n      Red:\n      - lid: none\n  - id: tin\n    size: large\n"
    assert load(fine)[1] == []


def test_a_key_given_twice_is_reported_on_the_second(load):
    _, problems = load(GOOD + "    size: large\n")
    assert golden(problems) == [
        (FILE, 4, "things > entry 'box', field 'size': given twice", "keep one; YAML silently uses the last.")
    ]


YAML_HINT = "check indentation (spaces, not tabs), colons and quotes on this line and the one above"


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("things:\n  - id: box\n    size: [small\n", 3, YAML_HINT),  # an unclosed bracket: where it opens
        # An unclosed quote: where it opens, and what is wrong with it.
        (
            "things:\n  - id: 'box\n    size: small\n",
            2,
            "this value opens with a straight ' and its closing quote is missing: end it with a straight ' on this line",
        ),
        ("things:\n  - id: box\n   size: small\n", 3, YAML_HINT),  # a key out of line
    ],
)
def test_bad_yaml_is_one_problem_with_its_line_and_a_hint(load, text, line, hint):
    root, problems = load(text)
    [problem] = problems
    assert root is None
    assert (problem.file, problem.line) == (FILE, line)
    assert problem.message.startswith("the file is not valid YAML (")
    assert problem.hint == hint


QUOTE_IT = "must be in double quotes, or go on the next line after `>-`"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("**Ask your party's safety lead.** Now.", f"a value that starts with ** (bold) {QUOTE_IT}"),
        ("*Only* the police", f"a value that starts with * (italics) {QUOTE_IT}"),
        ("`size` is shown", f"a value that starts with ` (code) {QUOTE_IT}"),
        ("@office on X", f"a value that starts with @ {QUOTE_IT}"),
        ("%20 of staff", f"a value that starts with % {QUOTE_IT}"),
        ("[StopNCII.org](link:stopncii) can help", f"a value that starts with [ (a link) {QUOTE_IT}"),
        ("{name} calls", "a value that starts with { " + QUOTE_IT),
        ("Note: a red lid", f"a value with a colon and a space in it {QUOTE_IT}"),
        (
            ">- Red, with a lid",
            "the text after `>-` goes on the next lines, indented further than the line with the key",
        ),
        (
            '"**Red**" with a lid',
            'the value ends at its closing quote ("): put all of it inside the quotes (write a quotation mark inside '
            "it as a curly one), or put it on the next line after `>-`",
        ),
    ],
)
def test_a_value_that_starts_with_a_sign_yaml_reads_says_so_in_the_hint(load, value, hint):
    """YAML's own words ("did not find expected alphabetic or numeric character") do not say that
    the ** of bold text is the mistake."""
    [problem] = load(f"things:\n  - id: box\n    size: small\n    colour: {value}\n")[1]
    assert (problem.line, problem.hint) == (4, hint)
    assert problem.message.startswith("the file is not valid YAML (")


@pytest.mark.parametrize("text", ["things:\n  - id: box\n\tsize: small\n", "things:\n\t- id: box\n"])
def test_a_tab_is_named_in_the_hint_whatever_yaml_says(load, text):
    [problem] = load(text)[1]
    tab_line = next(number for number, line in enumerate(text.splitlines(), start=1) if "\t" in line)
    assert problem.line == tab_line and problem.hint.startswith("this line has a tab: indent with spaces only")


def test_a_date_that_does_not_exist_is_a_problem_not_a_traceback(load):
    root, problems = load("things:\n  - id: box\n    size: 2026-02-30\n")
    assert root is None and [(p.line, p.message.startswith("a value cannot be read")) for p in problems] == [(3, True)]
    assert "YYYY-MM-DD" in problems[0].hint


def test_a_date_in_a_text_field_is_named_and_kept_as_text_not_a_traceback(load):
    """YAML reads 2026-03-14 as a date: an evidence log example written so crashed the parser."""
    root, problems = load("things:\n  - id: box\n    size: small\n    colour: 2026-03-14\n")
    assert golden(problems) == [
        (
            FILE,
            4,
            "field 'colour': YAML reads 2026-03-14 as a date, but it is text here",
            'put it in quotes: "2026-03-14"',
        )
    ]
    assert plain(root)["things"][0]["colour"] == "2026-03-14"


def test_a_date_in_a_field_named_date_is_a_date(tmp_path):
    root, problems = load_data_file("checked: {date: 2026-03-14}\n", FILE, None)
    assert problems == [] and str(plain(root)["checked"]["date"]) == "2026-03-14"


def test_html_in_a_text_over_several_lines_is_named_on_the_line_that_holds_it(load):
    text = "things:\n  - id: box\n    size: small\n    colour: >-\n      A red box,\n      with a <b>bold</b> lid.\n"
    _, problems = load(text)
    assert [(p.line, "contains HTML ('<b')" in p.message) for p in problems] == [(6, True)]


def test_html_is_checked_after_the_schema(load):
    _, problems = load("things:\n  - id: box\n    size: small\n    colour: <b>red</b>\n")
    assert [(p.line, "contains HTML" in p.message) for p in problems] == [(4, True)]
    assert "link:" not in problems[0].hint, "these entries have no `link:` field to put a link in"


def test_an_empty_file_is_a_problem(load):
    assert [p.message for p in load("# nothing yet\n")[1]] == ["the file is empty"]


def test_a_file_that_passed_its_schema_unchanged_is_not_checked_again(tmp_path, monkeypatch):
    from saferpolitics.core import datafile

    schema, cache = tmp_path / "things.schema.json", tmp_path / "cache"
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")
    checked = []
    real = datafile.schema_problems
    monkeypatch.setattr(datafile, "schema_problems", lambda *args: checked.append(args[1]) or real(*args))
    bad = GOOD.replace("small", "huge")
    for text in (GOOD, GOOD, bad, bad, GOOD):
        root, problems = load_data_file(text, FILE, schema, cache_dir=cache)
        assert bool(problems) == (text == bad) and plain(root)["things"][0]["id"] == "box"
    assert len(checked) == 3, "the good file once, the bad one every time, so its problems are never forgotten"
    schema.write_text(json.dumps({**SCHEMA, "title": "changed"}), encoding="utf-8")
    load_data_file(GOOD, FILE, schema, cache_dir=cache)
    assert len(checked) == 4, "a changed schema checks the file again"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"\xef\xbb\xbfthings:\r\n  - id: box\r\n    size: small\r\n",
            None,
        ),  # Notepad's UTF-8: a byte-order mark, CRLF
        ("things:\n  - id: t\xfb\n".encode(), None),  # Welsh letters are UTF-8 like any other
        (
            "things:\n  - id: caf\xe9\n".encode("cp1252"),
            (
                2,
                "the file is not UTF-8: byte e9 on this line (perhaps 'é' saved by an editor set to "
                "Windows-1252 or Latin-1)",
            ),
        ),
        ("things: []\n".encode("utf-16"), (1, "the file is saved as UTF-16, not UTF-8")),
    ],
)
def test_a_data_file_is_read_as_utf8_whatever_its_line_endings_and_a_wrong_encoding_names_its_line(
    tmp_path, data, expected
):
    from saferpolitics.core.datafile import read_data_file

    (tmp_path / "things.yml").write_bytes(data)
    text, problems = read_data_file(tmp_path / "things.yml", FILE)
    if expected is None:
        assert problems == [] and text.startswith("things:\n") and "\r" not in text
    else:
        assert text is None and [(p.file, p.line, p.message) for p in problems] == [(FILE, *expected)]
        assert problems[0].hint.startswith("save the file as UTF-8")


def test_a_missing_data_file_is_named_with_a_hint(tmp_path):
    from saferpolitics.core.datafile import read_data_file

    assert golden(read_data_file(tmp_path / "gone.yml", FILE)[1]) == [
        (FILE, None, "file not found", "restore it from git")
    ]


def test_settings_keep_the_engines_own_tags_and_report_keys_given_twice_with_key_lines():
    from saferpolitics.core.datafile import key_lines, load_settings

    text = (
        "site_name: !ENV [SITE_NAME, Tiny]\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n"
        "  app:\n"
        "    short_name: Tiny\n"
        "  load_on_demand: [a.js, b.js]\n"
        "nav: [index.md]\n"
        "nav: [other.md]\n"
    )
    root, problems = load_settings(text, "mkdocs.yml")
    assert golden(problems) == [
        ("mkdocs.yml", 10, "field 'nav': given twice", "keep one; YAML silently uses the last.")
    ]
    extra = root.value["extra"]
    assert key_lines(extra) == {"": 5, "app": 6, "load_on_demand": 8}
    assert key_lines(extra.value["app"]) == {"": 6, "short_name": 7}
    assert key_lines(extra.value["load_on_demand"]) == {"": 8, "a.js": 8, "b.js": 8}


def test_markup_at_any_depth_is_named_by_its_key_a_list_item_by_its_list():
    text = "things:\n  - id: box\n    matches:\n      - ok\n      - <b>x</b>\n    note: 'a {: onclick=x}'\n"
    _, problems = load_data_file(text, "data/x.yml", None)
    assert [(p.line, p.message) for p in problems] == [
        (5, "`matches` contains HTML ('<b'): data files hold plain text"),
        (6, "`note` contains '{:', which Markdown reads as HTML attributes"),
    ]
    _, problems = load_data_file("<i>x</i>\n", "data/x.yml", None)
    assert [p.message for p in problems] == ["a value contains HTML ('<i'): data files hold plain text"]


def test_the_markup_hint_offers_a_link_field_only_where_entries_of_that_kind_have_one():
    # A maintainer review: a first step's hint named a `link:` field; only report entries have one.
    text = (
        "steps:\n  - step: Call <a href=x>us</a>\n"
        "report:\n  - what: Fraud <b>now</b>\n    link: report-fraud\n  - what: Other <i>x</i>\n"
    )
    _, problems = load_data_file(text, "data/first-hour.yml", None)
    hints = {p.line: p.hint for p in problems}
    assert "link:" not in hints[2]
    assert "`link:` field" in hints[4] and "`link:` field" in hints[6]


def test_an_entry_given_again_is_one_message_naming_the_first_line():
    ids = FirstLines("data/x.yml")
    assert ids.again("box", 2, "id 'box'", "rename one") is None
    assert ids.again("lid", 5, "id 'lid'", "rename one") is None
    twice = ids.again("box", 9, "id 'box'", "rename one")
    assert str(twice) == "data/x.yml:9: id 'box' is listed twice (first on line 2)\n    hint: rename one"
    assert ids.again("box", 12, "id 'box'", "rename one").message.endswith("(first on line 2)")


def test_an_entry_of_a_long_setting_is_found_on_its_own_line():
    settings, _ = load_settings(
        "nav:\n  - Home: index.md\n  - Help:\n      - Now: help.md\nplugins:\n  - redirects:\n"
        "      redirect_maps:\n        old.md: https://example.org/\n",
        "mkdocs.yml",
    )
    assert line_given(settings.value["nav"], "Now") == 4  # a key
    assert line_given(settings.value["plugins"], "https://example.org/") == 8  # a value
    assert line_given(settings.value["nav"], "Elsewhere") is None


# A maintainer review: a value opened with a straight quote and closed with a curly one, as a
# word processor types it, ran on to the next straight quote in the file. Two lines later a
# checklist item had gone, and the label before it showed "...publish.” - id: read-hashtags...".
ITEMS = (
    "items:\n"
    "  - id: proofread\n"
    '    text: "Proofread the post before you publish.{close}\n'
    "  - id: read-aloud\n"
    '    text: Read each hashtag aloud."\n'
)


@pytest.mark.parametrize(("close", "why"), [("\u201d", "ends with a curly \u201d"), ("", "closing quote is missing")])
def test_a_quoted_value_that_runs_on_over_the_next_entries_is_named_where_it_opens(close, why):
    _, problems = load_data_file(ITEMS.format(close=close), FILE, None)
    [problem] = problems
    assert problem.line == 3 and "runs on to line 5" in problem.message
    assert why in problem.hint and 'end it with a straight " on this line' in problem.hint


def test_a_quoted_value_over_two_lines_of_words_is_left_alone():
    root, problems = load_data_file('text: "Proofread the post\n  before you publish."\n', FILE, None)
    assert not problems and plain(root) == {"text": "Proofread the post before you publish."}


def test_when_an_open_quote_breaks_the_file_the_error_is_named_where_the_quote_opens():
    """YAML itself stopped four lines later, on a line with nothing wrong with it."""
    text = (
        "threats:\n  steps:\n"
        '    - step: "**Check everyone is safe.** Call 999 now.\u201d\n'
        "    - step: >-\n      **Tell a colleague.**\n"
        '    - step: "**Keep the evidence**: screenshots."\n'
        "    - step: **Report it.**\n"
    )
    _, [problem] = load_data_file(text, FILE, None)
    assert problem.line == 3 and "not valid YAML from here to line" in problem.message
    assert "curly \u201d" in problem.hint


@pytest.mark.parametrize(
    "text",
    [
        # A line of the value's own that reads like a field, indented further than the key.
        'items:\n  - id: a\n    text: "Ask the platform to remove it.\n      Tip: keep a copy first."\n',
        # A quotation that ends the first line, in curly quotes.
        'items:\n  - id: a\n    text: "Search for \u201cimpersonation\u201d\n      in the help centre."\n',
    ],
)
def test_a_value_in_quotes_over_two_lines_of_its_own_words_is_not_a_slip(text):
    """A review of the check above: both stopped the build, with a hint that would break them."""
    assert load_data_file(text, FILE, None)[1] == []


def test_an_error_below_a_value_in_quotes_over_two_lines_is_named_where_it_is():
    text = 'items:\n  - id: a\n    text: "Ask the platform\n      to remove it."\n  - id: b\n   text: Tell us.\n'
    [problem] = load_data_file(text, FILE, None)[1]
    assert problem.line == 6 and "from here" not in problem.message, problem
