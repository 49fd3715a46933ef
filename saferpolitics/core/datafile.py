"""Read a maintainer's YAML data file once: every value with its line, checked against the file's
JSON Schema (data/schema/<name>.schema.json) and for markup, every mistake a Problem on its line.

The schema is the one description of a file's shape (fields, types, allowed values, patterns);
the parse functions of each feature add only what a schema cannot say (ids unique, links resolve,
references to other files). A schema may carry two keywords of its own on any subschema, read
here when one of that subschema's keywords fails:
    x-message  what is wrong, in the maintainer's words (replaces the generic wording); {value}
               in it is the value at fault
    x-hint     how to fix it
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import yaml

from saferpolitics.core import installed, render_cache
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem, decode_source, invisible_character_problems
from saferpolitics.core.source_lines import Needle, line_of
from saferpolitics.core.suggest import did_you_mean

# An installed package's copy (pyproject.toml ships data/schema as saferpolitics/schema), or a checkout's.
SCHEMA_DIR = next(
    d
    for d in (Path(__file__).resolve().parents[1] / "schema", Path(__file__).resolve().parents[2] / "data" / "schema")
    if d.is_dir()
)
# libyaml parses about ten times faster than PyYAML's own Python parser; both give the same nodes.
_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

YAML_HINT = "check indentation (spaces, not tabs), colons and quotes on this line and the one above"
TAB_HINT = "this line has a tab: indent with spaces only (YAML does not read tabs), lined up with the lines around it"


@dataclass(frozen=True)
class Located:
    """A plain Python value from YAML and the 1-based line it starts on."""

    value: Any
    line: int
    valid: bool = True  # False when the schema rejected this value or something inside it
    key_line: int | None = None  # for a value in a mapping, the line of its key (a block value starts below it)
    # The line the value ends on: a text over several lines (`>-`, `|`, quoted) holds a link on a later line.
    last_line: int | None = dataclass_field(default=None, compare=False)


def schema_for(name: str) -> Path:
    """The schema of data/<name>.yml."""
    return SCHEMA_DIR / f"{name}.schema.json"


# ------------------------------------------------------------------------------------ YAML


def _at_end(mark, text: str) -> bool:
    lines = text.split("\n")
    return mark.line >= len(lines) - 1 and mark.column >= len(lines[-1])


def yaml_problem(
    error: yaml.YAMLError, text: str, file: str, what: str = "the file", hint: str = YAML_HINT, first_line: int = 1
) -> Problem:
    """A YAML syntax error as a Problem on its line. When the text ends inside something (an
    unclosed quote or bracket), the line is where that began: the end of the file says nothing."""
    problem_mark, context_mark = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    mark = (
        context_mark if context_mark and problem_mark and _at_end(problem_mark, text) else problem_mark or context_mark
    )
    reason = getattr(error, "problem", None) or "it cannot be read"
    lines = text.splitlines()
    if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
        hint = TAB_HINT  # an editor's Tab key: invisible, and YAML's messages do not always say so
    elif mark and mark.line < len(lines) and _unclosed_value(lines[mark.line]):
        hint = _unclosed_quote_hint(lines[mark.line])  # the file ended inside it: YAML names its line
    elif mark and mark.line < len(lines):
        if (opened := _unclosed_quote_above(text, lines, mark.line)) is not None:
            # YAML read on from the open quote and stopped lines later, where nothing is wrong.
            message = f"{what} is not valid YAML from here to line {first_line + mark.line} ({reason})"
            return Problem(file, first_line + opened, message, _unclosed_quote_hint(lines[opened]))
        on_line = [m for m in (problem_mark, context_mark) if m and m.line == mark.line]
        hint = _value_start_hint(lines[mark.line], on_line, reason) or hint
    return Problem(file, first_line + mark.line if mark else None, f"{what} is not valid YAML ({reason})", hint)


# Quotation marks YAML reads as letters: a value opened with a straight quote and "closed" with
# one of these runs on to the next straight quote in the file.
_CURLY_QUOTES = "\u201c\u201d\u2018\u2019"


def _unclosed_value(line: str) -> str | None:
    """The straight quote a line's value opens with and never closes ("text: \"Ask now.\u201d"), or None."""
    match = _LINE_VALUE.fullmatch(line.rstrip())
    if match is None or match["value"][0] not in "\"'":
        return None
    value, quote = match["value"], match["value"][0]
    inside = value[1:].replace("\\\\", "").replace('\\"', "") if quote == '"' else value[1:].replace("''", "")
    return quote if quote not in inside else None


def _unclosed_quote_above(text: str, lines: list[str], stopped: int) -> int | None:
    """The line above `stopped` where a value in quotes began that YAML read on over lines meant
    as fields or entries (`_swallowed_lines`): where a YAML error lines later began. Asked of
    YAML's own scanner, so a value in quotes over two lines of words is not blamed."""
    spans = []
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if token.start_mark.line >= stopped:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
            ):
                spans.append((token.start_mark.line, token.end_mark.line))
    except yaml.YAMLError:
        pass  # the error being explained: the values before it are what counts
    return next((start for start, end in reversed(spans) if _swallowed_lines(lines, start, end)), None)


def _unclosed_quote_hint(line: str) -> str:
    quote = _unclosed_value(line) or '"'
    ends_curly = line.rstrip()[-1:] in _CURLY_QUOTES
    why = (
        f"it ends with a curly {line.rstrip()[-1]}, which YAML reads as a letter"
        if ends_curly
        else "its closing quote is missing"
    )
    return f"this value opens with a straight {quote} and {why}: end it with a straight {quote} on this line"


# A value on its line, after its key and any list dashes: "  - step: **Ask...**" -> "**Ask...**".
_LINE_VALUE = lazy_compile(r"\s*(?:-\s+)*(?:[^\s#'\"][^:#]*?:\s+)?(?:-\s+)*(?P<value>\S.*)")
# Signs YAML reads at the start of a value, as Markdown writers use them.
_SIGNS = {
    "**": "** (bold)",
    "*": "* (italics)",
    "`": "` (code)",
    "[": "[ (a link)",
    "{": "{",
    "&": "&",
    "!": "!",
    "@": "@",
    "%": "%",
}


def _value_start_hint(line: str, marks: list, reason: str) -> str | None:
    """The hint for the line YAML stopped on (marks: its marks on that line) when the value there
    starts with a sign YAML reads as its own (`- step: **Ask your party's...**`) or holds a colon
    and a space, whatever YAML's message says ("did not find expected alphabetic or numeric
    character"): None for any other mistake."""
    match = _LINE_VALUE.fullmatch(line.rstrip())
    # YAML stopped at the value's first character, or later on its line (a quoted or bracketed
    # start that ends before the value does): not at the key, nor at the dash before it.
    if match is None or not any(mark.column >= match.start("value") for mark in marks):
        return None
    value = match["value"]
    if indicator := re.match(r"[>|][-+0-9]*(?=\s*[^\s#])", value):
        return f"the text after `{indicator[0]}` goes on the next lines, indented further than the line with the key"
    close = {"[": "]", "{": "}"}.get(value[0])
    if close and (close not in value or value.endswith(close)):
        return None  # a list or mapping written wrong, not words that start with a bracket
    if value[0] in "\"'" and value[0] in value[1:] and not value.endswith(value[0]):
        return (
            f"the value ends at its closing quote ({value[0]}): put all of it inside the quotes (write a quotation "
            "mark inside it as a curly one), or put it on the next line after `>-`"
        )
    if sign := next((shown for start, shown in _SIGNS.items() if value.startswith(start)), None):
        return f"a value that starts with {sign} must be in double quotes, or go on the next line after `>-`"
    if reason.startswith("mapping values are not allowed") and ": " in value:
        return "a value with a colon and a space in it must be in double quotes, or go on the next line after `>-`"
    return None


def compose(
    text: str, file: str, what: str = "the file", hint: str = YAML_HINT, first_line: int = 1
) -> tuple[yaml.Node | None, list[Problem]]:
    """The YAML node tree of text (None for an empty text), or the syntax error as a Problem.
    first_line: the line of the file text starts on (front matter starts on line 2)."""
    try:
        return yaml.compose(text, Loader=_LOADER), []
    except yaml.YAMLError as error:
        return None, [yaml_problem(error, text, file, what, hint, first_line)]


class _Unreadable(Exception):
    """A value YAML recognises but cannot build, such as the date 2026-02-30, and its line."""

    def __init__(self, line: int, error: Exception):
        super().__init__(line, error)
        self.line, self.error = line, error


class _Builder:
    """Located values from nodes, constructed the way safe_load would, keys given twice noted.
    keep_tagged: a value safe_load cannot make (MkDocs' !ENV and !!python/name: tags, a date
    that does not exist) is kept as its text instead of being a mistake: the engine reads it."""

    def __init__(self, keep_tagged: bool = False) -> None:
        self.constructor = yaml.constructor.SafeConstructor()
        self.duplicates: list[tuple[list, str, int]] = []  # (path of the mapping, key, line)
        self.keep_tagged = keep_tagged

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            if self.keep_tagged:  # the engine reads these values (and says what is wrong with them)
                return node.value
            raise _Unreadable(node.start_mark.line + 1, error) from error

    def located(self, node: yaml.Node, path: list, key_line: int | None = None) -> Located:
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            mapping: dict[str, Located] = {}
            for key_node, value_node in node.value:
                key = str(self.scalar(key_node))
                if key in mapping:
                    self.duplicates.append((path, key, key_node.start_mark.line + 1))
                mapping[key] = self.located(value_node, [*path, key], key_node.start_mark.line + 1)
            return Located(mapping, line, key_line=key_line)
        if isinstance(node, yaml.SequenceNode):
            return Located(
                [self.located(item, [*path, index]) for index, item in enumerate(node.value)], line, key_line=key_line
            )
        # A block text's end is the start of the line after it.
        last_line = node.end_mark.line + (1 if node.end_mark.column else 0)
        return Located(self.scalar(node), line, key_line=key_line, last_line=max(line, last_line))


class FirstLines:
    """The line each entry was first given on, for the one message about an entry given again (an
    id, a label, a word that must be unique in a data file or in one list; a page's id; a title
    that must be unique across the pages)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[Hashable, tuple[int | None, str | None, str]] = {}

    def again(
        self,
        key: Hashable,
        line: int | None,
        what: str,
        hint: str,
        written: str | None = None,
        file: str | None = None,
    ) -> Problem | None:
        """None the first time key is given (its line is kept); after that, the Problem on this line.
        written: how this entry gives it, when entries written differently count as the same
        ("2FA" and "2fa"): the message says how the first one was written. file: the file this
        one is in, when entries in several files count (each page's title): the message names
        the first one's file when it is another."""
        file = file or self.file
        if key not in self.lines:
            self.lines[key] = (line, written, file)
            return None
        first_line, first_written, first_file = self.lines[key]
        where = f"in {first_file}" if first_line is None else f"on line {first_line}"
        where += f" of {first_file}" if first_line is not None and first_file != file else ""
        as_written = f", as {first_written!r}" if first_written is not None and first_written != written else ""
        return Problem(file, line, f"{what} is listed twice (first {where}{as_written})", hint)


def entries(located: Located | None, *path: str) -> list[Located]:
    """The list at path (each entry with its line), or [] when it is missing or not a list: the
    schema has said so, and callers go on to check the rest of the file."""
    for key in path:
        located = located.value.get(key) if located is not None and isinstance(located.value, dict) else None
    return located.value if located is not None and isinstance(located.value, list) else []


def fold(located: Located, make: Callable[[Located, tuple, Any], Any], path: tuple = ()) -> Any:
    """The one walk over a Located tree, from the leaves up: make(node, its path, its value) is
    called for every node, with a mapping's or list's items already made (a dict or a list of
    what make returned for them). Every whole-tree conversion and check is one make function."""
    value = located.value
    if isinstance(value, dict):
        value = {key: fold(item, make, (*path, key)) for key, item in value.items()}
    elif isinstance(value, list):
        value = [fold(item, make, (*path, index)) for index, item in enumerate(value)]
    return make(located, path, value)


def line_given(located: Located | None, text: str) -> int | None:
    """The first line in a Located tree where text is given, as a mapping's key or as a value: where a
    message about one entry of a long setting (a nav title, a redirect, a script) points."""
    lines: list[int] = []

    def make(node: Located, _path: tuple, _value: Any) -> None:
        if isinstance(node.value, dict):
            lines.extend(item.key_line or item.line for key, item in node.value.items() if key == text)
        elif not isinstance(node.value, list) and str(node.value) == text:
            lines.append(node.line)

    if located is not None:
        fold(located, make)
    return min(lines, default=None)


def line_within(located: Located, text: str, needle: Needle, file: str) -> int:
    """The line of a value's text (text: the whole file's) that holds needle: a text over several
    lines holds a link or a tag on a line after its first, which is where the message points. The
    value's own line when none of its lines does (a link's words broken over two lines)."""
    found = line_of(text, needle, file, start_line=located.line) if text else None
    return found if found is not None and found <= (located.last_line or located.line) else located.line


def text_field(values: dict[str, Located], key: str, default: str = "") -> str:
    """A text field of an entry on one line, its spaces tidied (a `>-` text's line breaks are
    spaces to a reader): default when the entry does not give it."""
    return " ".join(str(values[key].value).split()) if key in values else default


def valid_entries(located: Located | None, *path: str) -> list[Located]:
    """The entries at path the schema accepted: the schema has said what is wrong with the others."""
    return [entry for entry in entries(located, *path) if entry.valid]


def plain(located: Located) -> Any:
    """Strip line numbers back off a Located tree."""
    return fold(located, lambda _node, _path, value: value)


def _dates_as_text(root: Located, file: str) -> tuple[Located, list[Problem]]:
    """YAML reads 2026-03-14 as a date wherever it is written, but only a field named `date`
    holds one. Anywhere else the value is named on its line and kept as text, so that the code
    that reads the field as text does not stop with a traceback."""
    problems = []

    def make(node: Located, path: tuple, value: Any) -> Located:
        key = next((step for step in reversed(path) if isinstance(step, str)), "")
        if isinstance(value, (dt.date, dt.datetime)) and key != "date":
            value = str(value)  # 2026-03-14, or 2026-03-14 10:00:00: near enough to what was written
            where = f"field '{key}': " if key else ""
            problems.append(
                Problem(
                    file,
                    node.line,
                    f"{where}YAML reads {value} as a date, but it is text here",
                    f'put it in quotes: "{value}"',
                )
            )
        return replace(node, value=value)

    return fold(root, make), problems


def _as_json(located: Located) -> Any:
    """What the schema checks: YAML reads 2026-11-25 as a date, the schema sees the text written."""
    return fold(
        located, lambda _node, _path, value: value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
    )


# ------------------------------------------------------------------------------------ schema


@functools.cache
def _validator(schema_file: str, modified: int):
    """One compiled validator per schema file (and version of it) per process."""
    import jsonschema  # only where a schema is checked: the import takes a tenth of a second

    return jsonschema.Draft202012Validator(json.loads(Path(schema_file).read_text(encoding="utf-8")))


def _entry_name(value: Any) -> str | None:
    """What a maintainer calls a list entry: its id, term or label."""
    if isinstance(value, dict):
        for key in ("id", "term", "label"):
            if isinstance(value.get(key), (str, int)) and not isinstance(value.get(key), bool):
                return str(value[key])
    return None


def where(data: Any, path: list, field: bool = True) -> str:
    """A path a maintainer recognises: "entry 'lock-devices' > items > entry 'two-step', field 'text'".
    field=False when the problem is about the mapping at the path itself (a field missing from it)."""
    parts: list[str] = []
    value = data
    for step in path:
        if isinstance(step, int) and isinstance(value, list):
            value = value[step] if step < len(value) else None
            name = _entry_name(value)
            parts.append(f"entry '{name}'" if name is not None else f"item {step + 1}")
        else:
            value = value.get(step) if isinstance(value, dict) else None
            parts.append(str(step))
    if field and path and not isinstance(path[-1], int):
        last = parts.pop()
        return (" > ".join(parts) + ", " if parts else "") + f"field '{last}'"
    return " > ".join(parts)


def _at(root: Located, path: list) -> Located:
    """The Located value at a JSON path, as far as it exists (for a missing field: its parent)."""
    node = root
    for step in path:
        value = node.value
        if isinstance(value, dict) and step in value:
            node = value[step]
        elif isinstance(value, list) and isinstance(step, int) and step < len(value):
            node = value[step]
        else:
            break
    return node


# Keywords about a mapping as a whole (which fields it has), not about one value.
_MAPPING_KEYWORDS = {"required", "additionalProperties", "dependentRequired", "oneOf", "anyOf", "not", "minProperties"}
_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of `name: value` fields",
    "null": "empty",
}


def _what(error, name: str) -> str:
    """What is wrong, in words (the path is said separately)."""
    kind, expected, instance = error.validator, error.validator_value, error.instance
    if kind == "type":
        if instance is None:
            return "is empty"
        wanted = [expected] if isinstance(expected, str) else expected
        read_as = _read_as(error)
        return (
            "must be "
            + " or ".join(_TYPES.get(t, t) for t in wanted)
            + (f", and YAML read it {read_as}" if read_as else "")
        )
    if kind in ("minLength", "minItems", "minProperties") and not instance:
        return "is empty"
    if kind == "maxLength":
        return f"is longer than {expected} characters"
    if _allowed(error) is not None:
        return f"'{instance}' is not a known {name}"
    if kind == "pattern":
        return f"'{instance}' is not a valid {name}"
    if kind in ("oneOf", "anyOf") and all(set(option) == {"required"} for option in expected):
        names = " or ".join(f"'{field}'" for option in expected for field in option["required"])
        return f"needs {'exactly' if kind == 'oneOf' else 'at least'} one of {names}"
    if kind == "not" and set(expected) == {"required"}:
        return f"field {', '.join(repr(field) for field in expected['required'])} is not allowed in this entry"
    return error.message


def _allowed(error) -> list[str] | None:
    """The values an enum, a const, or a oneOf of consts (values described one by one, as the link
    registry's categories are) allows; None for any other keyword."""
    kind, expected = error.validator, error.validator_value
    if kind == "enum":
        return [str(value) for value in expected]
    if kind == "const":
        return [str(expected)]
    if kind == "oneOf" and all("const" in option for option in expected):
        return [str(option["const"]) for option in expected]
    return None


def _read_as(error) -> str | None:
    """How YAML read a value not in quotes where text was wanted ("as true or false" for `Yes`),
    or None: the maintainer wrote words, and YAML made them something else."""
    wanted = error.validator_value
    if error.validator != "type" or "string" not in ([wanted] if isinstance(wanted, str) else wanted):
        return None
    if isinstance(error.instance, bool):
        return "as true or false"
    if isinstance(error.instance, int | float):
        return "as a number"
    return None


_QUOTES_HINT = (
    'put it in double quotes ("Yes", "101"): without them YAML reads yes, no, on, off, true and false as '
    "true or false, and digits as a number"
)


def _hint(error, default: str) -> str:
    if _read_as(error):
        return _QUOTES_HINT
    allowed = _allowed(error)
    if allowed is not None:
        fix = error.schema.get("x-hint") or f"use one of: {', '.join(allowed)}."
        return did_you_mean(error.instance, allowed) + fix
    return error.schema.get("x-hint", default)


def _error_problems(error, data: Any, root: Located, file: str, default_hint: str) -> list[Problem]:
    """One Problem for each thing an error says is wrong: each missing field, each unknown one."""
    path = list(error.absolute_path)
    place = where(data, path, field=not (error.validator in _MAPPING_KEYWORDS and isinstance(error.instance, dict)))
    # x-message may name the value at fault as {value}.
    message = error.schema.get("x-message", "").replace("{value}", str(error.instance))
    if error.validator == "required":
        missing = [field for field in error.validator_value if field not in (error.instance or {})]
        return [
            Problem(
                file,
                _at(root, path).line,
                _join(place, message or f"field '{field}' is missing"),
                error.schema.get("x-hint")
                or error.schema.get("properties", {}).get(field, {}).get("x-hint")
                or f"add `{field}: ...`",
            )
            for field in missing
        ]
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        return [
            Problem(
                file,
                _at(root, [*path, key]).line,
                _join(place, message or f"unknown field '{key}'"),
                f"{did_you_mean(key, allowed)}use only: {', '.join(allowed)}.",
            )
            for key in error.instance
            if key not in allowed
        ]
    name = path[-1] if path and isinstance(path[-1], str) else "value"
    return [
        Problem(file, _at(root, path).line, _join(place, message or _what(error, name)), _hint(error, default_hint))
    ]


def _join(where_text: str, what: str) -> str:
    return f"{where_text}: {what}" if where_text else what


def _mark_invalid(located: Located, paths: set[tuple]) -> Located:
    """The tree again, with valid=False on every value the schema rejected and all around them."""
    return fold(located, lambda node, path, value: replace(node, value=value, valid=path not in paths))


def schema_problems(
    root: Located, file: str, schema: Path, schema_label: str | None = None
) -> tuple[Located, list[Problem]]:
    """Every way the data breaks its schema, each on the line of the value at fault; and the tree
    with those values (and everything containing them) marked invalid."""
    validator = _validator(str(schema), schema.stat().st_mtime_ns)
    data = _as_json(root)
    hint = f"the fields are described at the top of {file} and in {schema_label or _label(schema)}"
    problems: list[Problem] = []
    invalid: set[tuple] = set()
    for error in validator.iter_errors(data):
        path = tuple(error.absolute_path)
        invalid.update(path[:end] for end in range(len(path) + 1))
        for problem in _error_problems(error, data, root, file, hint):
            if problem not in problems:
                problems.append(problem)
    problems.sort(key=lambda p: p.line or 0)
    return (_mark_invalid(root, invalid) if invalid else root), problems


def _label(schema: Path) -> str:
    try:
        return schema.resolve().relative_to(SCHEMA_DIR.parents[1]).as_posix()
    except ValueError:
        return str(schema)


# ------------------------------------------------------------------------------------ markup

# The start of a tag, comment or declaration. Data files hold plain text: a browser must never
# read a value as markup, so a value that looks like it fails the build rather than being shown.
_MARKUP = lazy_compile(r"<\s*/?\s*[A-Za-z!?][^\s>]*")
# Curly brackets Markdown's attr_list would read as attributes ({: onclick=...}, {#id}, {.class}),
# even in text it does not otherwise parse; {placeholders} of the protocol template are fine.
# Wider than formatting's _ATTRIBUTE_LIST (a list attr_list would take, to say where it ends up):
# here anything like one is refused.
_ATTRIBUTES_IN_TEXT = lazy_compile(r"\{\s*:|\{[^{}\n]*[=#.][^{}\n]*\}")


def markup_problems(located: Located, file: str, text: str = "") -> list[Problem]:
    """Every text value (at any depth) that contains HTML, each a Problem on its own line: with
    the file's text, the line of the value that holds it (a text over several lines starts on
    one line and holds the tag on another)."""

    def has_link_field(path: tuple) -> bool:
        """The hint sends a link to a `link:` field only where entries of this kind have one: the
        value's entry, or another in its list (a first step has none, a checklist item may)."""
        entry = next((index for index in range(len(path) - 1, -1, -1) if isinstance(path[index], int)), None)
        return entry is not None and _has_field(_at(located, list(path[:entry])), "link")

    def problems(node: Located, path: tuple, value: Any) -> list[Problem]:
        if isinstance(value, (dict, list)):
            return [problem for part in (value.values() if isinstance(value, dict) else value) for problem in part]
        if not isinstance(value, str):
            return []
        key = next((step for step in reversed(path) if isinstance(step, str)), "")
        return _markup_problem(value, node, key, file, lambda: has_link_field(path), text)

    return fold(located, problems)


def _has_field(located: Located, name: str) -> bool:
    """True when any mapping in the tree has a field of this name."""

    def make(_node: Located, _path: tuple, value: Any) -> bool:
        if isinstance(value, dict):
            return name in value or any(value.values())
        return any(value) if isinstance(value, list) else False

    return fold(located, make)


def _markup_problem(
    value: str, node: Located, key: str, file: str, link_field: Callable[[], bool], text: str
) -> list[Problem]:
    """The Problem with one text value under key (a list's items are under the list's key), if
    any. link_field: whether entries of this kind have a `link:` field, asked only for a problem."""
    what = f"`{key}`" if key else "a value"

    def at(found: str) -> int:  # the value's line that holds it, where the file's text shows it
        return line_within(node, text, found, file)

    if attributes := _ATTRIBUTES_IN_TEXT.search(value):
        found = attributes.group(0)
        message = f"{what} contains {found!r}, which Markdown reads as HTML attributes"
        return [Problem(file, at(found), message, "remove the curly brackets: data files hold plain text")]
    if markup := _MARKUP.search(value):
        found = markup.group(0)
        link = "; for a link use the entry's `link:` field" if link_field() else ""
        hint = f"remove the tag{link}, and write '<' as 'less than'"
        return [Problem(file, at(found), f"{what} contains HTML ({found!r}): data files hold plain text", hint)]
    return []


# ------------------------------------------------------------------------------------ the loader


_FIELD_LINE = lazy_compile(r"\s+([A-Za-z_][\w-]*):(?:\s|$)")
# A new list entry's first line, "- step: >-": inside a text it is words, like a field's line.
_ENTRY_LINE = lazy_compile(r"\s*-\s+([A-Za-z_][\w-]*):(?:\s|$)")


def swallowed_field_problems(
    node: yaml.Node, text: str, file: str, fields: frozenset[str] = frozenset()
) -> list[Problem]:
    """A field name at the start of a line inside a `>-` or `|` text, where the entry lacks that
    field and the entries beside it in the same list have it (or, for the top mapping, `fields`
    names it): indented as far as the text, the field became words of it (the Glossary showed
    "... tooltip: A second check" and the term had no tooltip). And a new entry of that list,
    "- step:", indented as far as the text of the entry above: it became words of that text
    (the crisis card showed "... safety centre. - step: >- Ask your party's ..."). YAML cannot see
    either; prose that starts with another word and a colon, or a dash and one, is fine.

    It walks YAML's nodes, not the Located tree that fold walks: how a text was written (`>-` or
    `|`) and where it ends are syntax, which the values read from it no longer hold."""
    # (the text's key, its node, fields its entry lacks, fields a new entry of its list may start with)
    texts: list[tuple[str, yaml.ScalarNode, set[str], set[str]]] = []

    def walk(current: yaml.Node, fields: set[str], in_list: bool = False) -> None:
        if isinstance(current, yaml.MappingNode):
            own = {str(key.value) for key, _ in current.value}
            for key, value in current.value:
                if isinstance(value, yaml.ScalarNode) and value.style in (">", "|"):
                    texts.append((str(key.value), value, fields - own, fields if in_list else set()))
                walk(value, set())
        elif isinstance(current, yaml.SequenceNode):
            # The fields the list's entries have between them: what one of them may be missing.
            fields = {
                str(key.value) for item in current.value if isinstance(item, yaml.MappingNode) for key, _ in item.value
            }
            for item in current.value:
                walk(item, fields, in_list=True)

    walk(node, set(fields))
    lines = text.splitlines()
    problems = []
    for key, value, names, entry_names in texts:
        # The text's lines: after its `>-` line, indented as far as its first, up to where YAML
        # ended it (the next field's line, which is indented less).
        body = [
            n for n in range(value.start_mark.line + 1, min(value.end_mark.line + 1, len(lines))) if lines[n].strip()
        ]
        indent = len(lines[body[0]]) - len(lines[body[0]].lstrip()) if body else 0
        for number in body:
            if len(lines[number]) - len(lines[number].lstrip()) < indent:
                continue
            if (match := _FIELD_LINE.match(lines[number])) and match[1] in names:
                message = (
                    f"`{match[1]}:` is part of the text of `{key}`: it is indented as far as that text, "
                    "so it is read as words, not as a field"
                )
                problems.append(Problem(file, number + 1, message, f"move `{match[1]}:` left, in line with `{key}:`"))
            elif (match := _ENTRY_LINE.match(lines[number])) and match[1] in entry_names:
                message = (
                    f"`- {match[1]}:` is part of the text of `{key}` above: this new entry is indented as far as "
                    "that text, so it became words of it, not an entry"
                )
                hint = f"move `- {match[1]}:` left, in line with the `-` of the entry above"
                problems.append(Problem(file, number + 1, message, hint))
    return problems


_QUOTE_HINT = "put the whole value in double quotes, or on the next line after `>-`"
_COMMENT_AFTER = re.compile(r"[ \t]+#\S")  # " #hashtag": a comment to YAML; "  # a note" is left alone
# "Press # then 1": words with a `#` among them, one space before it. A note after a value is set
# apart by two spaces, `Red  # a note`, as YAML style guides ask (yamllint's default): left alone.
_HASH_IN_WORDS = re.compile(r" #(?=\s|$)")
_TEXT_TAG = "tag:yaml.org,2002:str"  # the tag YAML resolves words to (not a number, date, true or false)
# Words for readers have a space or a capital letter in them; an id, an option or a host name
# (`platform # X's help`) has neither, and a note after one is read as meant.
_WORDS = re.compile(r"\s|[A-Z]")
_NOTE_HINT = f"{_QUOTE_HINT}. A note for maintainers goes on a line of its own, or after two spaces: `  # like this`"


def _swallowed_lines(lines: list[str], start: int, end: int) -> bool:
    """Whether a value in quotes from line `start` to `end` took in what was meant as more of the
    file: a later line that reads as a field beside the value's key or further out, or as a new
    entry of its list or an outer one. Words on a line of their own indented further than the key
    (`Tip: keep a copy.`) are the value's own, as a quotation that ends a line is."""
    column = re.match(r"\s*(?:-\s+)*", lines[start]).end()  # where the value's key starts
    for line in lines[start + 1 : end + 1]:
        indent = len(line) - len(line.lstrip())
        if (_FIELD_LINE.match(line) and indent <= column) or (_ENTRY_LINE.match(line) and indent <= column - 2):
            return True
    return False


def shortened_value_problems(node: yaml.Node, text: str, file: str) -> list[Problem]:
    """Values YAML shortens with no error of its own, each named on its line:
    - one that starts with `&` (`- step: &Call 999 now`): YAML reads `&Call` as an anchor, a name
      for the value, and keeps only the words after it ("999 now" on the card);
    - an unquoted one with ` #` and a word in it (`why: Search the #hashtag your MP uses`): YAML
      reads the rest of the line as a comment ("Search the");
    - one in quotes that runs on over lines meant as fields or entries (`text: "Ask now.\u201d`,
      closed with a curly quote: YAML reads on to the next straight one, and an item is gone);
    - unquoted words (a space or a capital letter in them), then one space and `# `
      (`text: Press # then 1`): the same, "Press". A note after a value, set apart by two spaces,
      `Red  # a note`, is a comment as meant, and so is one after an id or an option
      (`size: small # a note`), a number, a date, true or false. (A value not in quotes has the
      style "" in libyaml, None in PyYAML.)
    Each node is looked at once: an alias (`*Call`) is the same node again, and only works with
    an anchor, reported here."""
    lines = text.splitlines()
    problems, seen, waiting = [], set(), [node]
    while waiting:
        current = waiting.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        start, end = current.start_mark, current.end_mark
        if lines[start.line][start.column : start.column + 1] == "&":
            name = lines[start.line][start.column :].split()[0]
            message = f"`{name}` at the start of a value is read by YAML as a name for it, and left out of the text"
            problems.append(Problem(file, start.line + 1, message, _QUOTE_HINT))
        elif (
            isinstance(current, yaml.ScalarNode)
            and current.style in ('"', "'")
            and end.line > start.line
            and _swallowed_lines(lines, start.line, end.line)
        ):
            message = (
                f"this value in quotes runs on to line {end.line + 1}: YAML read the lines between, fields and "
                "entries too, as its words"
            )
            problems.append(Problem(file, start.line + 1, message, _unclosed_quote_hint(lines[start.line])))
        elif isinstance(current, yaml.ScalarNode) and not current.style and end.line < len(lines):
            if comment := _COMMENT_AFTER.match(lines[end.line], end.column):
                cut = lines[end.line][comment.end() - 2 :].strip()
                message = f"YAML reads `{cut}` and the rest of the line as a comment, so the value stops before it"
                problems.append(Problem(file, end.line + 1, message, _QUOTE_HINT))
            elif (
                current.tag == _TEXT_TAG
                and _WORDS.search(current.value)
                and _HASH_IN_WORDS.match(lines[end.line], end.column)
            ):
                cut = lines[end.line][end.column :].strip()
                message = (
                    f"YAML reads `{cut}` as a comment, not as words, so the value stops before it: {current.value!r}"
                )
                problems.append(Problem(file, end.line + 1, message, _NOTE_HINT))
        if isinstance(current, yaml.MappingNode):
            waiting.extend(value for _, value in current.value)
        elif isinstance(current, yaml.SequenceNode):
            waiting.extend(current.value)
    return sorted(problems, key=lambda problem: problem.line)


def _duplicate_problems(builder: _Builder, root: Located, file: str, first_line: int = 1) -> list[Problem]:
    data = plain(root) if builder.duplicates else None
    return [
        Problem(
            file,
            first_line - 1 + line,
            _join(where(data, [*path, key]), "given twice"),
            "keep one; YAML silently uses the last.",
        )
        for path, key, line in builder.duplicates
    ]


def located_settings(node: yaml.Node, file: str, first_line: int = 1) -> tuple[Located, list[Problem]]:
    """An engine's settings (mkdocs.yml, a page's front matter starting on first_line) with
    every value's line, for messages about the settings our code reads; and the keys given twice
    anywhere in them, which the engine would silently drop. Values with the engine's own tags
    are kept as their text, unread."""
    builder = _Builder(keep_tagged=True)
    root = builder.located(node, [])
    return root, _duplicate_problems(builder, root, file, first_line)


def load_settings(text: str, file: str) -> tuple[Located | None, list[Problem]]:
    """located_settings of a whole file's text, or its YAML mistake."""
    node, problems = compose(text, file)
    if problems or node is None:
        return None, problems
    return located_settings(node, file)


def key_lines(located: Located | None) -> dict[str, int]:
    """ "" -> the line of a mapping or list (of its key, where it has one), and each key (or list
    item) -> its own line: where a message about one setting points."""
    if located is None:
        return {}
    lines = {"": located.key_line or located.line}
    if isinstance(located.value, dict):
        lines.update((key, item.key_line or item.line) for key, item in located.value.items())
    elif isinstance(located.value, list):
        for item in located.value:
            lines.setdefault(str(item.value), item.line)
    return lines


def read_data_file(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    """A data file's text (UTF-8, any line endings, a byte-order mark dropped), or the Problem
    that stops it being read: missing, unreadable or not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(file, None, "file not found", "restore it from git")]
    except OSError as error:
        return None, [Problem(file, None, f"cannot be read: {error.strerror}", "check the file's permissions")]
    text, problem = decode_source(data, file)
    return text, [problem] if problem else []


def read_and_parse(root: Path, file: str, parse: Callable, cache_dir: Path | None = None) -> tuple[Any, list[Problem]]:
    """The data file root/file through its parser (`parse(text, cache_dir=...)`, returning the value
    and its problems): the value, None when the file cannot be read, and every problem."""
    text, problems = read_data_file(root / file, file)
    if text is None:
        return None, problems
    value, found = parse(text, cache_dir=cache_dir)
    return value, problems + found


def load_data_file(
    text: str, file: str, schema: Path | None, schema_label: str | None = None, cache_dir: Path | None = None
) -> tuple[Located | None, list[Problem]]:
    """A data file's values with their lines, and every problem in it: YAML syntax, a key given
    twice, the schema (None: no schema check), then HTML in any text. The tree is None only when
    the YAML cannot be read at all; otherwise callers check meaning on the values marked valid.
    With cache_dir, a file that passed its schema before, unchanged, is not checked again."""
    node, problems = compose(text, file)
    if problems:
        return None, problems + invisible_character_problems(text, file)
    if node is None:
        return None, [Problem(file, None, "the file is empty", "see docs/contributing.md for the format")]
    problems += invisible_character_problems(text, file)
    builder = _Builder()
    try:
        root = builder.located(node, [])
    except _Unreadable as unreadable:
        return None, [
            Problem(
                file,
                unreadable.line,
                f"a value cannot be read ({unreadable.error})",
                "check that a date is a real one (YYYY-MM-DD) and that no value starts with '!'",
            )
        ]
    problems += _duplicate_problems(builder, root, file) + swallowed_field_problems(node, text, file)
    problems += shortened_value_problems(node, text, file)
    root, found = _dates_as_text(root, file)
    problems += found
    if schema is not None:
        # A file passes or fails its schema by its text, the schema's, jsonschema's version and
        # this file's code (what the schema sees): the same four, the same verdict. Only a pass is
        # kept, so a failing file is reported on every build.
        name = f"schema-passed-{Path(file).stem}"
        key = render_cache.key_for(
            text, schema.read_bytes(), installed.version("jsonschema"), Path(__file__).read_bytes()
        )
        if render_cache.reuse(cache_dir, name, key, {"passed"}) is None:
            root, found = schema_problems(root, file, schema, schema_label)
            problems += found
            if not found:
                render_cache.keep(cache_dir, name, key, {"passed": b""})
    return root, problems + markup_problems(root, file, text)
