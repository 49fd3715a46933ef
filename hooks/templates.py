"""Fill-in templates hook: the evidence log, the protocol builder and "The first hour", from their data files.

on_config validates data/evidence-log.yml, data/protocol-template.yml and data/first-hour.yml (a
broken file stops the build, listing every problem) and adds the `/// evidence-log`,
`/// protocol-builder` and `/// first-steps` blocks.
on_files adds the blank evidence log CSV and the two crisis card PDFs as generated files, so they
are never written into docs/ and pages can link them (the strict build checks those links). The
cards are made on every build, TOOLKIT_PDF=0 too, but rendered again only when what goes into
them changed (saferpolitics.markdown_stage.first_hour.card_pdfs, with the toolkit PDF's cache: TOOLKIT_PDF_CACHE).
The logic lives in saferpolitics/markdown_stage/evidence_log.py, saferpolitics/markdown_stage/protocol.py and
saferpolitics/markdown_stage/first_hour.py.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from mkdocs.structure.files import File

from saferpolitics.markdown_stage.evidence_log import CSV_PATH, EVIDENCE_LOG_FILE, EvidenceLogExtension, csv_text, parse_fields
from saferpolitics.markdown_stage.first_hour import FIRST_HOUR_FILE, FirstStepsExtension, card_element, card_pdfs, parse_first_hour
from saferpolitics.post_build.pdf import cache_dir_for
from saferpolitics.core.problems import Problem, raise_problems
from saferpolitics.markdown_stage.protocol import PROTOCOL_FILE, ProtocolBuilderExtension, parse_template
from saferpolitics.markdown_stage.registry import load_registry

REGISTRY_PATH = "data/links.yml"


def _read(config, name: str) -> str:
    path = Path(config.config_file_path).parent / name
    if not path.is_file():
        raise_problems([Problem(name, None, "file not found", "restore it from git")], name)
    return path.read_text(encoding="utf-8")


def _evidence_fields(config):
    fields, problems = parse_fields(_read(config, EVIDENCE_LOG_FILE))
    raise_problems(problems, EVIDENCE_LOG_FILE)
    return fields


def _first_hour(config, template):
    root = Path(config.config_file_path).parent
    # hooks/link_registry.py has already stopped the build if the registry has problems.
    registry, _ = load_registry(root / REGISTRY_PATH, root)
    first_hour, problems = parse_first_hour(_read(config, FIRST_HOUR_FILE), registry, {f.id for f in template.fields})
    raise_problems(problems, FIRST_HOUR_FILE)
    return first_hour, registry


def on_config(config):
    template, problems = parse_template(_read(config, PROTOCOL_FILE))
    raise_problems(problems, PROTOCOL_FILE)
    first_hour, registry = _first_hour(config, template)
    config.markdown_extensions.append(EvidenceLogExtension(fields=_evidence_fields(config)))
    config.markdown_extensions.append(
        ProtocolBuilderExtension(template=template, card=functools.partial(card_element, first_hour, registry, headings=False))
    )
    config.markdown_extensions.append(FirstStepsExtension(first_hour=first_hour))
    return config


def on_files(files, config):
    files.append(File.generated(config, CSV_PATH, content=csv_text(_evidence_fields(config))))
    template, _ = parse_template(_read(config, PROTOCOL_FILE))
    first_hour, registry = _first_hour(config, template)
    cache = cache_dir_for(Path(config.config_file_path).parent, os.environ)  # the toolkit PDF's cache and switch
    pdfs, problems = card_pdfs(first_hour, registry, Path(config.docs_dir), config.site_url or "", cache)
    raise_problems(problems, FIRST_HOUR_FILE)
    for path, pdf in pdfs.items():
        files.append(File.generated(config, path, content=pdf))
    return files

