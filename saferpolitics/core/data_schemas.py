"""Schema check of the data files maintainers edit: data/<name>.yml against data/schema/<name>.schema.json.

The same loader the build uses (saferpolitics.core.datafile.load_data_file), without the build's
checks of meaning (an id used by a page exists, an address fits its category), so it runs on every
data file, including ones no build step reads, in a second from pre-commit. Problems name the file
and line.

Usage: python -m saferpolitics.core.data_schemas [--root PROJECT] [data/NAME.yml ...]
(exit status 1 when a file is wrong, 2 when the command is)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from saferpolitics.core.datafile import load_data_file, read_data_file
from saferpolitics.core.problems import Problem

DATA_DIR = "data"
SCHEMA_FOLDER = "data/schema"  # under the project checked (datafile.SCHEMA_DIR: the schemas the build reads)


def schema_path(data_file: Path, root: Path) -> Path:
    return root / SCHEMA_FOLDER / f"{data_file.stem}.schema.json"


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
                f"add {schema_label} (JSON Schema) describing its fields; see the others in {SCHEMA_FOLDER}/",
            )
        ]
    text, problems = read_data_file(data_file, label)
    if text is None:
        return problems
    _, problems = load_data_file(text, label, schema_file, schema_label)
    return problems


def check_all(root: Path, names: list[str] | None = None) -> list[Problem]:
    """Every data file under root (or those named, as paths from root) against its schema."""
    if not names:
        return [problem for data_file in _data_files(root) for problem in check_data_file(data_file, root)]
    problems = []
    for name in names:
        data_file = (root / name).resolve()
        if data_file.parent != (root / DATA_DIR).resolve() or data_file.suffix != ".yml" or not data_file.is_file():
            problems.append(
                Problem(name, None, "is not a data file", f"name a file in {DATA_DIR}/ such as {DATA_DIR}/links.yml")
            )
        else:
            problems += check_data_file(data_file, root.resolve())
    return problems


def _data_files(root: Path) -> list[Path]:
    return sorted((root / DATA_DIR).glob("*.yml"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m saferpolitics.core.data_schemas",
        description="Check data files against their schemas in data/schema/ (all of them, or those named).",
    )
    parser.add_argument("files", nargs="*", help="data files to check, e.g. data/links.yml (default: every one)")
    parser.add_argument("--root", default=".", help="the project folder that holds data/ (default: this folder)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if not (root / DATA_DIR).is_dir():
        print(f"{root} has no {DATA_DIR}/ folder: run this in the project folder, or give --root")
        return 2
    problems = check_all(root, args.files)
    for problem in problems:
        print(problem)
    if not problems:
        count = len(args.files) or len(_data_files(root))
        print(f"Checked {count} data file{'s' if count != 1 else ''} against the schemas: no problems.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
