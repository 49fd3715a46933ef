"""Schema check of the data files maintainers edit: data/<name>.yml against data/schema/<name>.schema.json.

The same loader the build uses (saferpolitics.core.datafile.load_data_file), without the build's
checks of meaning (an id used by a page exists, an address fits its category), so it runs on every
data file, including ones no build step reads, in a second from pre-commit. Problems name the file
and line.

Usage: python -m saferpolitics.core.data_schemas [PROJECT_ROOT]   (exit status 1 when a file is wrong)
"""

from __future__ import annotations

import sys
from pathlib import Path

from saferpolitics.core.datafile import load_data_file, read_data_file
from saferpolitics.core.problems import Problem

DATA_DIR = "data"
SCHEMA_DIR = "data/schema"


def schema_path(data_file: Path, root: Path) -> Path:
    return root / SCHEMA_DIR / f"{data_file.stem}.schema.json"


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
    text, problems = read_data_file(data_file, label)
    if text is None:
        return problems
    _, problems = load_data_file(text, label, schema_file, schema_label)
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
