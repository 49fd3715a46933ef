"""Schema check of the data files maintainers edit: data/<name>.yml against data/schema/<name>.schema.json.

The build checks meaning (an id used by a page exists, an address fits its category);
the schemas check shape (field names, types, allowed values) for every data file, including ones
no hook reads yet, and run in a second from pre-commit. Problems name the file and line.

Usage: python -m saferpolitics.core.data_schemas [PROJECT_ROOT]   (exit status 1 when a file is wrong)
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import jsonschema
import yaml

from saferpolitics.core.problems import Problem

DATA_DIR = "data"
SCHEMA_DIR = "data/schema"


def schema_path(data_file: Path, root: Path) -> Path:
    return root / SCHEMA_DIR / f"{data_file.stem}.schema.json"


def _as_json(value):
    """YAML reads 2026-11-25 as a date; the schemas describe it as the text a maintainer wrote."""
    if isinstance(value, dict):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _node_at(node: yaml.Node, path) -> yaml.Node:
    """The YAML node at a JSON path, as far as it exists (for a missing field: its parent)."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            match = node.value[step]
        else:
            match = None
        if match is None:
            break
        node = match
    return node


def _where(data, path) -> str:
    """A path a maintainer recognises: the entry's id where it has one, then the field names."""
    parts, value = [], data
    for step in path:
        if isinstance(step, int) and isinstance(value, list):
            value = value[step] if step < len(value) else None
            ident = next((value[k] for k in ("id", "term", "label") if k in value), None) if isinstance(value, dict) else None
            parts.append(f"'{ident}'" if ident else f"item {step + 1}")
        else:
            value = value.get(step) if isinstance(value, dict) else None
            parts.append(str(step))
    return " > ".join(parts)


def _message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message, except where it would print a whole entry back at the maintainer."""
    alternatives = error.schema.get(error.validator) if error.validator in ("oneOf", "anyOf") else None
    if alternatives and all(set(option) == {"required"} for option in alternatives):
        names = " or ".join(f"'{name}'" for option in alternatives for name in option["required"])
        return f"needs {'exactly' if error.validator == 'oneOf' else 'at least'} one of {names}"
    if error.validator == "not" and set(error.validator_value) == {"required"}:
        names = ", ".join(f"'{name}'" for name in error.validator_value["required"])
        return f"field {names} is not allowed in this entry"
    return error.message


def check_data_file(data_file: Path, root: Path) -> list[Problem]:
    label = data_file.relative_to(root).as_posix()
    schema_file = schema_path(data_file, root)
    schema_label = schema_file.relative_to(root).as_posix()
    if not schema_file.exists():
        return [
            Problem(
                label,
                None,
                "this data file has no schema",
                f"add {schema_label} (JSON Schema) describing its fields; see the others in {SCHEMA_DIR}/",
            )
        ]
    text = data_file.read_text(encoding="utf-8")
    try:
        root_node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = _as_json(yaml.safe_load(text))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [
            Problem(
                label,
                mark.line + 1 if mark else None,
                f"not valid YAML ({getattr(error, 'problem', error)})",
                "check indentation (spaces, not tabs), colons and quotes on this line and the one above",
            )
        ]
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(error.absolute_path)
        line = _node_at(root_node, path).start_mark.line + 1 if root_node is not None else None
        where = _where(data, path)
        message = f"{where}: {_message(error)}" if where else _message(error)
        problems.append(
            Problem(label, line, message, f"the fields are described at the top of {label} and in {schema_label}")
        )
    return problems


def check_all(root: Path) -> list[Problem]:
    problems = []
    for data_file in sorted((root / DATA_DIR).glob("*.yml")):
        problems.extend(check_data_file(data_file, root))
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else ".").resolve()
    problems = check_all(root)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
