"""Fill-in templates hook: the evidence log and the protocol builder, from their data files.

on_config validates data/evidence-log.yml and data/protocol-template.yml (a broken file stops the
build, listing every problem) and adds the `/// evidence-log` and `/// protocol-builder` blocks.
on_files adds the blank evidence log CSV as a generated file, so it is never written into docs/.
The logic lives in saferpolitics/evidence_log.py and saferpolitics/protocol.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from saferpolitics.evidence_log import CSV_PATH, EVIDENCE_LOG_FILE, EvidenceLogExtension, csv_text, parse_fields
from saferpolitics.protocol import PROTOCOL_FILE, ProtocolBuilderExtension, parse_template
from saferpolitics.problems import Problem, raise_problems


def _read(config, name: str) -> str:
    path = Path(config.config_file_path).parent / name
    if not path.is_file():
        raise_problems([Problem(name, None, "file not found", "restore it from git")], name)
    return path.read_text(encoding="utf-8")


def _evidence_fields(config):
    fields, problems = parse_fields(_read(config, EVIDENCE_LOG_FILE))
    raise_problems(problems, EVIDENCE_LOG_FILE)
    return fields


def on_config(config):
    template, problems = parse_template(_read(config, PROTOCOL_FILE))
    raise_problems(problems, PROTOCOL_FILE)
    config.markdown_extensions.append(EvidenceLogExtension(fields=_evidence_fields(config)))
    config.markdown_extensions.append(ProtocolBuilderExtension(template=template))
    return config


def on_files(files, config):
    files.append(File.generated(config, CSV_PATH, content=csv_text(_evidence_fields(config))))
    return files
