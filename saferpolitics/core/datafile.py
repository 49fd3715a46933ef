"""Read a maintainer's YAML data file with line numbers, so every mistake can name its line."""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Any

import yaml

from saferpolitics.core.problems import Problem


@dataclass(frozen=True)
class Located:
    """A plain Python value from YAML and the 1-based line it starts on."""

    value: Any
    line: int


def _scalar(node: yaml.Node) -> Any:
    """A scalar's Python value as safe_load gives it (an empty `key:` is None), from its node."""
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def located(node: yaml.Node) -> Located:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Located] = {}
        for key_node, value_node in node.value:
            mapping[str(_scalar(key_node))] = located(value_node)
        return Located(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return Located([located(item) for item in node.value], line)
    return Located(_scalar(node), line)


# The start of a tag, comment or declaration. Data files hold plain text: a browser must never
# read a value as markup, so a value that looks like it fails the build rather than being shown.
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^\s>]*")
# Curly brackets Markdown's attr_list would read as attributes ({: onclick=...}, {#id}, {.class}),
# even in text it does not otherwise parse; {placeholders} of the protocol template are fine.
_ATTRIBUTE_LIST = re.compile(r"\{\s*:|\{[^{}\n]*[=#.][^{}\n]*\}")


def markup_problems(located: Located, file: str, key: str = "") -> list[Problem]:
    """Every text value (at any depth) that contains HTML, each a Problem on its own line."""
    value = located.value
    if isinstance(value, dict):
        return [problem for name, item in value.items() for problem in markup_problems(item, file, name)]
    if isinstance(value, list):
        return [problem for item in value for problem in markup_problems(item, file, key)]
    if isinstance(value, str) and _ATTRIBUTE_LIST.search(value):
        return [
            Problem(
                file,
                located.line,
                f"{f'`{key}`' if key else 'a value'} contains {_ATTRIBUTE_LIST.search(value).group(0)!r}, which Markdown reads as HTML attributes",
                "remove the curly brackets: data files hold plain text",
            )
        ]
    if isinstance(value, str) and _MARKUP.search(value):
        found = _MARKUP.search(value).group(0)
        return [
            Problem(
                file,
                located.line,
                f"{f'`{key}`' if key else 'a value'} contains HTML ({found!r}): data files hold plain text",
                "remove the tag; for a link use the entry's `link:` field or the registry, and write '<' as 'less than'",
            )
        ]
    return []


def load_located(text: str, file: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text into Located values; a syntax error becomes a Problem, not a traceback.
    Every text value containing HTML is a Problem too (see `markup_problems`)."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [
            Problem(
                file,
                mark.line + 1 if mark else None,
                f"not valid YAML: {getattr(error, 'problem', error)}",
                "check indentation and that text containing ': ' is in quotes",
            )
        ]
    if node is None:
        return None, [Problem(file, None, "the file is empty", "see docs/contributing.md for the format")]
    root = located(node)
    return root, markup_problems(root, file)


def plain(located: Located) -> Any:
    """Strip line numbers back off a Located tree."""
    value = located.value
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def check_keys(
    entry: Located, file: str, required: set[str], optional: set[str], what: str
) -> list[Problem]:
    """Missing, empty or unknown keys of one mapping entry, each a Problem on its line."""
    if not isinstance(entry.value, dict):
        return [Problem(file, entry.line, f"each {what} must be a mapping of keys", f"start it with `- {sorted(required)[0]}: ...`")]
    problems = []
    for key in sorted(required):
        item = entry.value.get(key)
        if item is None or (isinstance(item.value, str) and not item.value.strip()) or item.value is None:
            problems.append(Problem(file, entry.line, f"{what} has no `{key}`", f"add `{key}: ...`"))
    for key, item in entry.value.items():
        if key not in required | optional:
            problems.append(
                Problem(file, item.line, f"unknown key `{key}` in {what}", f"use only: {', '.join(sorted(required | optional))}")
            )
    return problems
